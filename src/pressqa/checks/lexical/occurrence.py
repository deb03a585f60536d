"""At most so many of a token per sentence, paragraph or release (check type ``occurrence``)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Iterator, Literal

from pressqa.checks import Context
from pressqa.checks.lexical.matching import LexicalCheck
from pressqa.checks.messages import Messages
from pressqa.checks.options import option, options
from pressqa.findings import Hit
from pressqa.packs.regexes import compile_error

if TYPE_CHECKING:
    from pressqa.model.document import Document


class Occurrence(LexicalCheck):
    """At most so many of a token per sentence, paragraph or release: one exclamation mark per release.

    **What it does.** Counts the matches of ``token`` (a regular expression) in
    each sentence, paragraph or the whole document (``per``) and reports every
    match beyond ``max``, with the count in the message (``{count}``, ``{max}``,
    ``{per}``, ``{match}``).

    **Why.** Some things are fine once and a tic the second time: exclamation
    marks, ``very``, superlatives, the company's name in every sentence.

    **Example.**

    ```yaml
    exclamation-marks:
      type: occurrence
      category: style
      token: "!"
      max: 1
      per: document
    ```

    **Leaves alone.** The first ``max`` matches of each unit, and fenced code blocks.
    """

    type = "occurrence"
    messages = Messages(too_many="'{match}' {count} times in this {per} (at most {max})")

    @options
    class Options:
        token: str = option(description="a regular expression to count", minLength=1)
        max: int = option(description="the most matches allowed per unit", minimum=0)
        per: Literal["sentence", "paragraph", "document"] = option(
            "document", "the unit: sentence, paragraph or document"
        )
        ignorecase: bool = option(False, "match regardless of case (default false)")

    o: Options

    @staticmethod
    def validate_options(body: dict[str, Any]) -> tuple[Any, str] | None:
        problem = compile_error(body.get("token", ""))
        return ("token", problem) if problem else None

    def setup(self) -> None:
        token = self.o.token
        # A token with no regex syntax ("!") is counted with str.find: no regex to compile or run.
        self._literal = token if re.escape(token) == token and not self.o.ignorecase else None
        self._pattern: Any = None
        if self._literal is None:
            import regex

            self._pattern = regex.compile(token, self.flags())

    def _find(self, doc: "Document", ctx: Context, start: int, end: int) -> Iterator[tuple[int, int]]:
        if self._literal is None:
            for m in self.search(self._pattern, doc, ctx, start, end):
                yield m.start(), m.end()
            return
        text = doc.text
        pos = text.find(self._literal, start, end)
        while pos != -1:
            yield pos, pos + len(self._literal)
            pos = text.find(self._literal, pos + len(self._literal), end)

    def _units(self, ctx: Context) -> list[tuple[int, int]]:
        paras = ctx.paragraphs
        if self.o.per == "document":
            return [(paras[0].start, paras[-1].end)] if paras else []
        if self.o.per == "paragraph":
            return [(p.start, p.end) for p in paras]
        return [(s.start, s.end) for p in paras for s in p.sentences]

    def _unfed(self, doc: "Document", ctx: Context) -> frozenset[int]:
        """The starts of the paragraphs the engine did not feed (code), which a document unit spans."""
        if self.o.per != "document" or len(ctx.paragraphs) == len(doc.paragraphs):
            return frozenset()
        return frozenset(p.start for p in doc.paragraphs) - {p.start for p in ctx.paragraphs}

    def check(self, doc: "Document", ctx: Context) -> Iterator[Hit]:
        limit = self.o.max
        unfed = self._unfed(doc, ctx)
        for start, end in self._units(ctx):
            found = []
            for m_start, m_end in self._find(doc, ctx, start, end):
                if m_end == m_start:
                    continue
                if unfed:
                    # a document unit spans code blocks too: skip matches inside them
                    para = doc.paragraph_at(m_start)
                    if para is not None and para.start in unfed:
                        continue
                found.append((m_start, m_end))
            if len(found) <= limit:
                continue
            for m_start, m_end in found[limit:]:
                yield Hit(
                    start=m_start,
                    end=m_end,
                    message=self.say("too_many", match=doc.text[m_start:m_end], count=len(found), max=limit,
                                     per=self.o.per),
                )
