"""The layout of a release's text: runs of blank lines between paragraphs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from pressqa.findings import Edit, Hit
from pressqa.checks import Check
from pressqa.checks import Context
from pressqa.checks.messages import Messages
from pressqa.checks.options import option, options

if TYPE_CHECKING:
    from pressqa.model.document import Document


class BlankLines(Check):
    """More blank lines between two paragraphs than the house allows (``max``, by default one).

    **What it does.** Reports each run of more than ``max`` blank lines between
    two paragraphs, on the extra lines; the fix deletes them.  Lines of spaces
    or tabs count as blank.  The message can use ``{count}`` and ``{max}``.

    **Why.** One blank line ends a paragraph.  Several usually mean an editing
    accident, or two releases pasted into one file (the seed release reads as
    one story but is two agencies' texts run together after three blank lines).

    **Example.**

    ```yaml
    blank-line-runs:
      type: blank-lines
      category: style
      max: 1
    ```

    **Leaves alone.** Blank lines at the start and the end of the file, and
    blank lines next to a fenced code block.
    """

    type = "blank-lines"
    fixable = True
    messages = Messages(extra="{count} blank lines between paragraphs (at most {max})")
    # kinds: every paragraph, for the gaps between them are what it measures

    @options
    class Options:
        max: int = option(1, "the most blank lines allowed between paragraphs", minimum=1)

    o: Options

    def check(self, doc: "Document", ctx: Context) -> Iterator[Hit]:
        limit = self.o.max
        paras = ctx.paragraphs
        for before, after in zip(paras, paras[1:]):
            if "code" in (before.kind, after.kind):
                continue  # a fenced block keeps the blank lines around it
            last_line = doc.position(before.end)[0]
            next_line = doc.position(after.start)[0]
            blanks = next_line - last_line - 1
            if blanks <= limit:
                continue
            # line n (1-based) starts at line_starts[n - 1]; the extra lines follow the first `limit`
            start = doc.line_starts[last_line + limit]
            end = doc.line_starts[next_line - 1]
            yield Hit(
                start=start,
                end=end,
                message=self.say("extra", count=blanks, max=limit),
                suggestion="",
                fix=(Edit(start, end, ""),),
            )
