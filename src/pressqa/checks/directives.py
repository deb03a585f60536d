"""Directives pressqa cannot read."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from pressqa.checks import Check, Context
from pressqa.checks.messages import Messages
from pressqa.checks.options import options
from pressqa.findings import Hit

if TYPE_CHECKING:
    from pressqa.model.document import Document


class DirectiveSyntax(Check):
    """A ``<!-- pressqa: ... -->`` comment that pressqa cannot read.

    **What it does.** Reports a suppression directive with an unknown keyword
    (``disabel=``), a missing ``=`` or rule list, or a name that is neither a
    rule id, an alias, a category, an id prefix nor ``all``.  The rest of a
    directive whose names are partly wrong still applies.

    **Why.** A directive that silently does nothing leaves findings in the
    report that the editor believes are switched off -- or, worse, a typo in a
    rule name switches off nothing while the comment says it does.

    **Syntax.** ``<!-- pressqa: disable=RULE,RULE -->``, ``enable=``,
    ``disable-line=``, ``disable-next-line=``; no ``=RULES`` (or ``=all``) means
    every rule; a reason may follow `` -- ``.  Directives in code blocks and
    inline code are examples and are not read.

    **Example.** ``<!-- pressqa: disabel=doubled-word -->`` is reported: the
    keyword is misspelt, so nothing is disabled.

    **Leaves alone.** Other HTML comments, and directives shown as examples in
    code blocks or inline code.
    """

    type = "directive-syntax"
    # What is wrong is worded by the directive parser, which the engine's suppression shares.
    messages = Messages(problem="{detail}")
    # Directives are found in the whole text by that same parse (which leaves code out itself):
    # every paragraph kind is fed, and none is walked here.
    kinds = None

    @options
    class Options:
        """No options."""

    def check(self, doc: "Document", ctx: Context) -> Iterator[Hit]:
        from pressqa.run.suppress import directives

        if "<!--" not in doc.text:
            return
        for problem in directives(doc, ctx, ctx.settings).problems:
            yield Hit(problem.start, problem.end, self.say("problem", detail=problem.message),
                      suggestion=problem.suggestion)
