"""Words and phrases a house does not use (check type ``existence``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

from pressqa.checks import Context
from pressqa.checks.lexical.matching import EXCEPTIONS, IGNORECASE, NONWORD, REGEX, STRINGS, PhraseCheck, regex_problem
from pressqa.checks.messages import Messages
from pressqa.checks.options import option, options
from pressqa.findings import Hit

if TYPE_CHECKING:
    from pressqa.model.document import Document, Paragraph


class Existence(PhraseCheck):
    """Words and phrases that must not appear: ``at the initiative and participation of``, ``in order to``.

    **What it does.** Reports every occurrence of any of the rule's ``tokens``.
    Tokens are literal phrases matched as whole words, regardless of case; set
    ``ignorecase: false`` to match the case given, ``nonword: true`` to match
    inside words, and ``regex: true`` to write the tokens as regular expressions.
    The message can name the match: ``{match}``.

    **Why.** Every style guide has a list of words its house does not use:
    calques from translation, jargon, wordy phrases, banned claims.

    **Example.**

    ```yaml
    calques:
      type: existence
      category: style
      message: "'{match}' is a calque; say who invited and who took part"
      tokens: [at the initiative and participation of]
    ```

    **Leaves alone.** Matches inside a longer word (``in order to`` is not
    found in ``within order tools``) and inside any of the ``exceptions``.
    """

    type = "existence"
    messages = Messages(avoid="avoid '{match}'")
    unit = "paragraph"

    @options
    class Options:
        tokens: list[str] = option(description="the phrases (or regular expressions) to report", schema=STRINGS,
                                   minItems=1)
        ignorecase: bool = option(True, IGNORECASE)
        nonword: bool = option(False, NONWORD)
        regex: bool = option(False, REGEX)
        exceptions: list[str] = option([], EXCEPTIONS, schema=STRINGS)
        suggestion: str | None = option(None, "a fixed suggestion shown with every match")

    o: Options

    @staticmethod
    def validate_options(body: dict[str, Any]) -> tuple[Any, str] | None:
        if body.get("regex"):
            return regex_problem("tokens", list(body.get("tokens") or []))
        return None

    def setup(self) -> None:
        super().setup()
        self._matcher = self.matcher(list(self.o.tokens), is_regex=self.o.regex, nonword=self.o.nonword)

    def check_paragraph(self, doc: "Document", para: "Paragraph", ctx: Context) -> Iterator[Hit]:
        for found in self.matches(self._matcher, doc, ctx, para):
            yield Hit(
                start=found.start,
                end=found.end,
                message=self.say("avoid", match=doc.text[found.start:found.end]),
                suggestion=self.o.suggestion,
            )
