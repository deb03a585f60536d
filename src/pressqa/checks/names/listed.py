"""Names against a names list: the listed spelling wins, with a safe fix."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

from pressqa.analysis.mentions import Analysis
from pressqa.findings import Hit
from pressqa.findings import Edit
from pressqa.checks.names.common import Canon, mention_text, ordinary

if TYPE_CHECKING:
    from pressqa.checks.names.common import Vocab
    from pressqa.checks.names import NameVariants
    from pressqa.model.document import Document





def detect(check: "NameVariants", doc: "Document", an: Analysis, vocab: Vocab, reported: set[str]) -> Iterator[Hit]:
    text = doc.text
    spans: set[tuple[int, int]] = set()
    for canon in check.canon:
        right = canon.name.split()
        for wrong in canon.reject:
            for m in re.finditer(r"(?<![\w’'])" + re.escape(wrong) + r"(?![\w])", text):
                spans.add((m.start(), m.end()))
                words = list(re.finditer(r"\S+", m.group()))
                if len(words) == len(right) and len(words) > 1:
                    # Anthony Blinken -> Antony Blinken: report and mend the word that differs.
                    for w, r in zip(words, right):
                        if w.group() != r:
                            s, e = m.start() + w.start(), m.start() + w.end()
                            yield _canon_hit(check, canon, s, e, m.group(), r)
                else:
                    yield _canon_hit(check, canon, m.start(), m.end(), wrong, canon.name)
    for word, indices in vocab.items():
        if word in check.canon_words:
            continue
        for cid, canon in enumerate(check.canon):
            for pos, cword in enumerate(canon.tokens):
                if not check.variant(word, cword) or check.accepted(word, cword):
                    continue
                if ordinary(an, word):
                    continue
                role = "single" if len(canon.tokens) == 1 else ("given" if pos == 0 else "surname" if pos == len(canon.tokens) - 1 else "middle")
                hits = []
                for i in indices:
                    tok = an.tokens[i]
                    if any(a <= tok.start < b for a, b in spans):
                        continue
                    seen = mention_text(doc, an, i)
                    if seen in canon.accept:
                        continue
                    if not _fits(check, an, i, canon, role):
                        continue
                    hits.append(_canon_hit(check, canon, tok.start, tok.end, seen, cword, token=word))
                if hits:
                    reported.add(word)
                    yield from hits

def _fits(check: "NameVariants", an: Analysis, index: int, canon: Canon, role: str) -> bool:
    """Does the occurrence's partner (its given name or surname) agree with the listed name?"""
    tok_role, partner = an.role(index)
    if role == "given":
        if partner is None:
            return False
        want = canon.tokens[-1]
    elif role == "surname":
        if partner is None or len(canon.tokens) < 2:
            return True
        want = canon.tokens[0]
    else:
        return True
    got = an.tokens[partner].text
    return got == want or check.variant(got, want)

def _canon_hit(check: "NameVariants", canon: Canon, start: int, end: int, seen: str, replacement: str, token: str | None = None) -> Hit:
    return Hit(
        start=start,
        end=end,
        message=check.say("listed", seen=seen, expected=canon.name, other=canon.name, variant=token or seen),
        suggestion=replacement,
        fix=(Edit(start, end, replacement),),
    )
