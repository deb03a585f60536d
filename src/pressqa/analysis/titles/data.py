"""Titles data (``rules/titles/en.yaml``) compiled for matching, once per run."""

from __future__ import annotations

import re
from typing import Any

from pressqa.analysis import lexicon
from pressqa.analysis.titles.words import singular, title_key


class TitleData:
    """Titles data (see ``rules/titles/en.yaml``) compiled for matching."""

    def __init__(self, data: dict[str, list]) -> None:
        self.formal = {title_key(t) for t in data.get("titles", [])}
        self.informal = {title_key(t) for t in data.get("informal", [])}
        self.titles = self.formal | self.informal
        self.standalone = {title_key(t) for t in data.get("standalone", [])}
        self.honorifics = {h.lower().rstrip(".") for h in data.get("honorifics", [])} | lexicon.words("honorifics")
        self.ranks = {r.lower() for r in data.get("ranks", [])}
        self.modifiers = {m.lower() for m in data.get("modifiers", [])}
        self.office_heads = {h.lower() for h in data.get("office_heads", [])}
        self.office_distinct = [tuple(title_key(x) for x in pair) for pair in data.get("office_distinct", [])]
        self.office_qualifiers = {q.lower() for q in data.get("office_qualifiers", [])}
        self.title_abbreviations = {pair[0]: pair[1].lower() for pair in data.get("title_abbreviations", [])}
        self.countries: list[dict[str, Any]] = list(data.get("countries", []))
        self.key = ""
        # Titles by their first word, longest first: matched word by word (a trie of one level is
        # enough for titles of one to four words, and costs nothing to build, unlike a regex).
        self.by_first: dict[str, list[tuple[str, ...]]] = {}
        for title in self.titles:
            words = tuple(title.split())
            self.by_first.setdefault(words[0], []).append(words)
        for options in self.by_first.values():
            options.sort(key=len, reverse=True)
        # What to look for: first words (a plural starts with its singular) and rank words.
        self.first_words = sorted(set(self.by_first) | self.ranks)
        # "the" right before a title standing alone: a qualified title (the Iranian president, the
        # IKR president, the new president, the former President) names another holder.
        self.the_before = re.compile(r"\b[Tt]he\s+$")


    def _title_at(self, words: list[tuple[str, int, int, str]], i: int) -> int:
        """Index after the longest title starting at word *i* (i when there is none)."""
        options = self.by_first.get(words[i][0])
        if not options:
            options = self.by_first.get(singular(words[i][0]))
            if not options:
                return i
        n = len(words)
        for title in options:
            size = len(title)
            if i + size > n:
                continue
            ok = True
            for k in range(size):
                word = words[i + k][0]
                if k and words[i + k][3] not in (" ", "-", "‐"):
                    ok = False
                    break
                if word != title[k] and not (k == size - 1 and singular(word) == title[k]):
                    ok = False
                    break
            if ok:
                return i + size
        return i

    def is_formal(self, key: str) -> bool:
        """Is *key* (rank words and all) a formal title, which AP capitalizes before a name?"""
        words = key.split()
        while words and words[0] in self.ranks and " ".join(words) not in self.formal:
            words = words[1:]
        return " ".join(words) in self.formal

    def find_all(self, text: str, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Spans of the titles in the *ranges* of *text*, leftmost and longest, with rank words before them.

        The first words of the titles are looked for with ``str.find`` in the lowercased text
        (a few dozen scans in C), and titles are matched word by word only where one starts.
        The text is lowercased a block of ranges at a time (about 64K characters), not whole:
        a lowercased copy of a long text was ~2 MB per MB at the run's peak.
        """
        out: list[tuple[int, int]] = []
        bounds = sorted(ranges)
        i = 0
        while i < len(bounds):
            j = i
            while j + 1 < len(bounds) and bounds[j + 1][1] - bounds[i][0] <= _BLOCK:
                j += 1
            self._find_in_block(text, bounds[i:j + 1], out)
            i = j + 1
        return out

    def _find_in_block(self, text: str, bounds: list[tuple[int, int]], out: list[tuple[int, int]]) -> None:
        """:meth:`find_all` in the sorted ranges *bounds*, appending to *out*."""
        base, top = bounds[0][0], bounds[-1][1]
        lower = _lower(text[base:top])  # one range may be longer than a block: _lower keeps to pieces
        if len(lower) != top - base:  # a letter whose lowercase is longer (rare): no offsets to share
            lower = "".join(ch.lower()[:1] for ch in text[base:top])
        hits: set[int] = set()
        for word in self.first_words:
            pos = lower.find(word)
            while pos != -1:
                at = base + pos
                if at == 0 or not (text[at - 1].isalnum() or text[at - 1] in "’'‐-"):
                    hits.add(at)
                pos = lower.find(word, pos + 1)
        if not hits:
            return
        r = 0
        done = out[-1][1] if out else -1
        for pos in sorted(hits):
            if pos < done:
                continue
            while r < len(bounds) and bounds[r][1] <= pos:
                r += 1
            if r == len(bounds):
                break
            lo, hi = bounds[r]
            if pos < lo:
                continue
            words: list[tuple[str, int, int, str]] = []
            prev = pos
            for m in _LETTERS.finditer(lower, pos - base, min(hi, pos + 160) - base):
                start, end = m.start() + base, m.end() + base
                words.append((m.group(), start, end, text[prev:start] if words else text[pos - 1:pos]))
                prev = end
                if len(words) == 8:
                    break
            if not words or words[0][1] != pos:
                continue
            if words[0][0] not in self.by_first and words[0][0] not in self.ranks and singular(words[0][0]) not in self.by_first:
                continue
            best = self._title_at(words, 0)
            title_from = 0
            j = 0
            while j < len(words) and words[j][0] in self.ranks and (j == 0 or words[j][3] in (" ", "-", "‐")):
                j += 1
                if j < len(words) and words[j][3] in (" ", "-", "‐"):
                    after = self._title_at(words, j)
                    if after > j and after > best:
                        best, title_from = after, j
            if best == 0:
                continue
            start = words[0][1]
            if title_from and text[start].islower() and text[words[title_from][1]].isupper():
                # "under President Bush": a lowercase word before a capitalized title is not its rank.
                start = words[title_from][1]
            span = (start, words[best - 1][2])
            if out and text[out[-1][1]:span[0]] in (" ", "-", "‐"):
                span = (out.pop()[0], span[1])  # Detective Sergeant, Major General
            out.append(span)
            done = span[1]


#: Characters of text lowercased at a time by :meth:`TitleData.find_all`.
_BLOCK = 1 << 16


def _lower(text: str, chunk: int = 1 << 16) -> str:
    """``text.lower()``, in pieces: CPython lowercases a non-Latin-1 string through a buffer of
    12 bytes a character, ~12 MB more at the peak for every MB of text.  Pieces end just after a
    whitespace character, where no letter's lowercase depends on its neighbours (a final sigma
    looks across letters only), so the result is the same string."""
    if len(text) <= chunk:
        return text.lower()
    parts = []
    start = 0
    while start < len(text):
        end = start + chunk
        if end < len(text):
            while end < len(text) and not text[end - 1].isspace():
                end += 1
        parts.append(text[start:end].lower())
        start = end
    return "".join(parts)


_LETTERS = re.compile(r"[^\W\d_]+")
_COMPILED: dict[int, tuple[dict, TitleData]] = {}


def compiled(data: dict[str, list]) -> TitleData:
    """Compile *data* once per run: rules given the same (merged, shared) data share the result."""
    entry = _COMPILED.get(id(data))
    if entry is None or entry[0] is not data:
        compiled_data = TitleData(data)
        compiled_data.key = str(len(_COMPILED))
        entry = (data, compiled_data)
        _COMPILED[id(data)] = entry
    return entry[1]
