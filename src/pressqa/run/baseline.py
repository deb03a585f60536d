"""Baselines: record today's findings once, then report only the ones that are new.

``pressqa check --write-baseline .pressqa-baseline.json`` writes every finding of
the run; later runs with ``--baseline FILE`` (or ``baseline = "FILE"`` in the
config) drop the findings recorded there and count them as *baselined*.

A finding is recognised by a fingerprint, never by its line number:

    sha256(rule, the flagged text, up to 20 characters of context on each
           side within the same paragraph, the occurrence index)

with whitespace (line breaks, CRLF, runs of spaces) collapsed to one space in
the text and the context.  So lines inserted above, edits to other paragraphs
and a change of line endings leave the fingerprint alone, while the same slip
written again elsewhere is a new finding.  The occurrence index tells apart
identical findings (same rule, text and context) in one file, in document
order: when one more appears, exactly one is reported.

The file is JSON, sorted, with paths relative to the baseline file's folder so
that it works from any working directory and reads well in a diff::

    {"tool": "pressqa", "version": 1, "findings": [
      {"path": "drafts/launch.txt", "rule": "missing-space-after-punctuation",
       "fingerprint": "3f0c...", "line": 4, "message": "missing space after ',' ..."}]}

``line`` and ``message`` are for people reading the file; matching uses only
``path`` and ``fingerprint``.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from pressqa.records import replace
from typing import TYPE_CHECKING, Iterable

from pressqa.errors import ConfigError
from pressqa.packs.cache import sha256

if TYPE_CHECKING:
    from pressqa.packs.config import Settings
    from pressqa.model.document import Document
    from pressqa.run.engine import FileResult
    from pressqa.findings import Finding

VERSION = 1
CONTEXT = 20  # characters of context on each side
_SPACES = re.compile(r"\s+")


def _normalize(text: str) -> str:
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text))


def fingerprint_findings(doc: "Document", findings: Iterable["Finding"]) -> list["Finding"]:
    """*findings* (of one document, in document order) with their ``fingerprint`` set."""
    text = doc.text
    paragraphs = doc.paragraphs
    starts = [p.start for p in paragraphs]
    seen: Counter[str] = Counter()
    out = []
    for finding in findings:
        lo, hi = 0, len(text)
        index = bisect_right(starts, finding.start) - 1
        if index >= 0 and finding.start <= paragraphs[index].end:
            lo, hi = paragraphs[index].start, max(paragraphs[index].end, finding.end)
        flagged = _normalize(text[finding.start:finding.end]).strip()
        before = _normalize(text[lo:finding.start]).lstrip()[-CONTEXT:]
        after = _normalize(text[finding.end:hi]).rstrip()[:CONTEXT]
        key = "\x1f".join((finding.rule, flagged, before, after))
        occurrence = seen[key]
        seen[key] += 1
        digest = sha256(f"{key}\x1f{occurrence}".encode("utf-8")).hexdigest()[:20]
        out.append(replace(finding, fingerprint=digest))
    return out


def fingerprint_result(result: "FileResult") -> None:
    """Set the fingerprints of a checked file's findings (in place)."""
    if result.doc is not None and result.findings:
        result.findings = fingerprint_findings(result.doc, result.findings)


def relative_path(display_path: str, folder: str) -> str:
    """*display_path* relative to *folder*, with ``/`` separators (as stored in a baseline)."""
    try:
        rel = os.path.relpath(os.path.abspath(display_path), folder)
    except ValueError:  # another drive on Windows
        rel = os.path.abspath(display_path)
    return rel.replace(os.sep, "/")


class Baseline:
    """A loaded baseline file: which fingerprints of which files to drop."""

    def __init__(self, path: str, entries: list[dict]) -> None:
        self.path = path
        self.folder = os.path.dirname(os.path.abspath(path))
        self.entries = entries
        self.counts: Counter[tuple[str, str]] = Counter((e["path"], e["fingerprint"]) for e in entries)
        self.matched: Counter[tuple[str, str]] = Counter()
        self.checked: set[str] = set()

    @classmethod
    def load(cls, path: str, missing_ok: bool = False, source: str | None = None, key: str | None = None) -> "Baseline":
        """Read and check a baseline file; a :class:`ConfigError` naming the file for any problem."""
        try:
            with open(path, "rb") as handle:
                raw = handle.read()
        except FileNotFoundError:
            if missing_ok:
                return cls(path, [])
            hint = f"create it with pressqa check --write-baseline {path}"
            if source:
                raise ConfigError(source, f"{path} not found ({hint})", key=key) from None
            raise ConfigError(path, f"baseline not found ({hint})") from None
        except OSError as exc:
            raise ConfigError(path, f"cannot read baseline: {exc.strerror or exc}") from None
        try:
            data = json.loads(raw.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise ConfigError(path, f"not a pressqa baseline: invalid JSON ({exc})") from None
        return cls(path, _entries(data, path))

    def key(self, result: "FileResult") -> str:
        return relative_path(result.path, self.folder)

    def filter(self, result: "FileResult") -> None:
        """Drop the findings of *result* that the baseline records, counting them in ``result.baselined``."""
        path = self.key(result)
        self.checked.add(path)
        kept = []
        for finding in result.findings:
            entry = (path, finding.fingerprint)
            if finding.fingerprint and self.matched[entry] < self.counts[entry]:
                self.matched[entry] += 1
                result.baselined += 1
                continue
            kept.append(finding)
        result.findings = kept

    def gone(self) -> int:
        """How many recorded findings of the files checked so far no longer occur."""
        missing = 0
        for (path, fingerprint), count in self.counts.items():
            if path in self.checked:
                missing += count - self.matched[(path, fingerprint)]
        return missing


class Baselines:
    """Which baseline applies to a file: an explicit one (``--baseline``), else its config's
    ``baseline`` (relative to the config file), else none; each file is loaded once."""

    def __init__(self, explicit: str | None = None, disabled: bool = False) -> None:
        self.explicit = explicit
        self.disabled = disabled
        self._loaded: dict[str, Baseline] = {}

    def for_settings(self, settings: "Settings") -> Baseline | None:
        if self.disabled:
            return None
        if self.explicit is not None:
            path, source, key = self.explicit, None, None
        else:
            configured = (settings.raw or {}).get("baseline")
            if not configured:
                return None
            path = os.path.join(settings.root, configured)
            source, key = settings.source, "baseline"
        full = os.path.abspath(path)
        if full not in self._loaded:
            self._loaded[full] = Baseline.load(path, source=source, key=key)
        return self._loaded[full]

    def notices(self) -> list[str]:
        """One line for each baseline some of whose recorded findings no longer occur."""
        out = []
        for baseline in self._loaded.values():
            gone = baseline.gone()
            if gone:
                out.append(f"{os.path.relpath(baseline.path)}: {gone} recorded finding{'s' if gone != 1 else ''} "
                           f"no longer occur{'s' if gone == 1 else ''}; update it with --write-baseline")
        return out


def _entries(data: object, path: str) -> list[dict]:
    if not isinstance(data, dict) or data.get("tool") != "pressqa" or "findings" not in data:
        raise ConfigError(path, "not a pressqa baseline (expected a JSON object with \"tool\": \"pressqa\" and \"findings\")")
    version = data.get("version")
    if version != VERSION:
        newer = isinstance(version, int) and version > VERSION
        raise ConfigError(path, f"baseline version {version!r} is not supported"
                                + ("; it was written by a newer pressqa" if newer else f" (expected {VERSION})"))
    findings = data["findings"]
    if not isinstance(findings, list):
        raise ConfigError(path, "baseline \"findings\" must be a list")
    entries = []
    for number, entry in enumerate(findings):
        if not isinstance(entry, dict) or not isinstance(entry.get("path"), str) \
                or not isinstance(entry.get("fingerprint"), str) or not entry["fingerprint"]:
            raise ConfigError(path, f"baseline finding #{number + 1} needs a \"path\" and a \"fingerprint\" string")
        entries.append(entry)
    return entries


def render(results: Iterable["FileResult"], baseline_path: str, keep: Iterable[dict] = ()) -> tuple[str, int]:
    """The text of a baseline file recording every finding of *results*, plus the entries in *keep*.

    Returns the text and the number of findings it records.
    """
    folder = os.path.dirname(os.path.abspath(baseline_path))
    entries = [dict(e) for e in keep]
    for result in results:
        path = relative_path(result.path, folder)
        for finding in result.findings:
            entries.append({
                "path": path,
                "rule": finding.rule,
                "fingerprint": finding.fingerprint,
                "line": finding.line,
                "message": finding.message,
            })
    entries.sort(key=lambda e: (e["path"], e.get("line", 0), e.get("rule", ""), e["fingerprint"]))
    document = {"tool": "pressqa", "version": VERSION, "findings": entries}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n", len(entries)


def write(results: list["FileResult"], baseline_path: str) -> int:
    """Record the findings of *results* in *baseline_path* (atomically); returns how many it holds.

    Entries of files this run did not check (or could not read) are kept, so
    that writing a baseline for one folder does not forget the others.  A file
    at *baseline_path* that is not a baseline is never overwritten.
    """
    from pressqa.run.files import write_text_atomic

    keep: list[dict] = []
    if os.path.exists(baseline_path):
        old = Baseline.load(baseline_path)
        replaced = {relative_path(r.path, old.folder) for r in results if r.error is None}
        keep = [e for e in old.entries if e["path"] not in replaced]
    for result in results:
        if result.findings and not result.findings[0].fingerprint:
            fingerprint_result(result)
    text, count = render([r for r in results if r.error is None], baseline_path, keep)
    write_text_atomic(baseline_path, text)
    return count
