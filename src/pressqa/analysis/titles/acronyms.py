"""Acronyms defined in brackets after their expansion (``National Coordinating Authority (NCA)``)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pressqa.analysis import lexicon

if TYPE_CHECKING:
    from pressqa.checks import Context
    from pressqa.model.document import Document

_DEFINED = re.compile(r"\(([A-Z][A-Za-z0-9&]*[A-Z][A-Za-z0-9&]*)\)")
# Words inside an expansion that keep it going: small joining words (title-small-words) and capitalized words.
_EXPANSION_WORD = re.compile(r"([^\W\d_][\w’'‐.-]*|&) *$")


def acronym_definitions(doc: "Document", ctx: "Context | None" = None) -> list[tuple[str, str, int, int]]:
    """``(acronym, expansion, start, end)`` for each acronym defined in brackets after its
    capitalized expansion (``National Coordinating Authority (NCA)``), in text order; *start* and
    *end* span the expansion and the bracket."""
    def compute() -> list[tuple[str, str, int, int]]:
        text = doc.text
        out = []
        for para in doc.paragraphs:
            if para.kind == "code":
                continue
            for m in _DEFINED.finditer(text, para.start, para.end):
                acronym = m.group(1)
                words: list[tuple[str, int]] = []
                pos = m.start()
                while len(words) < 2 * len(acronym) + 4:
                    w = _EXPANSION_WORD.search(text, max(para.start, pos - 40), pos)
                    if w is None or (w.group(1)[0].islower() and w.group(1) not in lexicon.words("title-small-words")):
                        break
                    words.insert(0, (w.group(1), w.start(1)))
                    pos = w.start(1)
                # The expansion starts at a capitalized word with the acronym's first letter.
                while words and (words[0][0][0] != acronym[0] or words[0][0] in lexicon.words("title-small-words")):
                    words.pop(0)
                if sum(1 for w, _ in words if w[0].isupper()) < 2:
                    continue
                start = words[0][1]
                expansion = text[start:m.start()].rstrip()
                out.append((acronym, expansion, start, m.end()))
        return out

    return compute() if ctx is None else ctx.memo("acronym-definitions", compute)
