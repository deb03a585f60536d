"""Grammar and spelling through LanguageTool, paragraph by paragraph, cached on disk.

The user documentation is the docstring of :class:`LanguageToolCheck` (``pressqa rules languagetool``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Callable, Iterator

from pressqa.packs import cache
from pressqa.errors import BackendError
from pressqa.findings import CATEGORIES, Hit, Severity
from pressqa.model.structure import KINDS
from pressqa.checks import Check
from pressqa.checks import Context

if TYPE_CHECKING:
    from pressqa.backends.languagetool import Backend, LTMatch, LTOptions, Session
    from pressqa.model.document import Document, Paragraph
    from pressqa.packs.rule import Rule

#: The cache folder of paragraph results (``languagetool/`` itself holds the installs).
CACHE_KIND = "lt-paragraphs"
#: Bumped when what is cached per paragraph changes shape.
CACHE_FORMAT = "1"
#: Parallel requests for the paragraphs not in the cache (the server has a thread pool).
WORKERS = 2
#: How a notice that grammar and spelling were skipped starts (the service's clients look for it).
UNAVAILABLE = "languagetool unavailable"
#: The paragraph cache keeps at most this many results, or bytes (``$PRESSQA_LT_CACHE_ENTRIES``,
#: ``$PRESSQA_LT_CACHE_BYTES``); the oldest go first.  Checked at the first write of a process
#: and every :data:`PRUNE_EVERY` writes after, at most once in :data:`PRUNE_SECONDS`.
CACHE_MAX_ENTRIES = 100_000
CACHE_MAX_BYTES = 256 * 1024 * 1024
PRUNE_EVERY = 2000
PRUNE_SECONDS = 300
_writes = 0

#: LanguageTool category ids -> pressqa categories; the ``categories`` option adds to this.
CATEGORY_IDS: dict[str, str] = {
    "TYPOS": "spelling",
    "COMPOUNDING": "spelling",
    "BRITISH_ENGLISH": "spelling",
    "AMERICAN_ENGLISH": "spelling",
    "GRAMMAR": "grammar",
    "CASING": "grammar",
    "CONFUSED_WORDS": "grammar",
    "COLLOCATIONS": "grammar",
    "SEMANTICS": "grammar",
    "MISC": "grammar",
    "FALSE_FRIENDS": "grammar",
    "REPETITIONS": "grammar",
    "PUNCTUATION": "punctuation",
    "TYPOGRAPHY": "punctuation",
    "STYLE": "style",
    "REDUNDANCY": "style",
    "PLAIN_ENGLISH": "style",
    "NONSTANDARD_PHRASES": "style",
    "REPETITIONS_STYLE": "style",
    "GENDER_NEUTRALITY": "style",
    "WIKIPEDIA": "style",
    "TEXT_ANALYSIS": "style",
    "CREATIVE_WRITING": "style",
    "AMERICAN_ENGLISH_STYLE": "style",
}
#: LanguageTool issue types -> pressqa categories, for anything else.
ISSUE_TYPES: dict[str, str] = {
    "misspelling": "spelling",
    "typographical": "punctuation",
    "whitespace": "punctuation",
    "style": "style",
    "register": "style",
    "locale-violation": "spelling",
}
SPELLING_ISSUES = frozenset({"misspelling"})
UNPAIRED_QUOTE_RULES = frozenset({"EN_UNPAIRED_QUOTES"})
STRAIGHT_QUOTES = "\"'"
OPENING_QUOTES = "\"'“‘«"

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")

_ID_LIST = {"type": "array", "items": {"type": "string", "pattern": "^[A-Za-z0-9_]+$"}, "uniqueItems": True}


class OutOfTime(BackendError):
    """LanguageTool answered, but not for every paragraph within the time a service's request had."""


class Piece:
    """The text sent for one paragraph, and the document offset of each of its characters."""

    __slots__ = ("text", "offsets")

    def __init__(self, text: str, offsets: list[int]) -> None:
        self.text = text
        self.offsets = offsets  # len(text) + 1 entries: the last is the paragraph's end

    def span(self, start: int, length: int) -> tuple[int, int]:
        """Document offsets of the sent text's [start, start + length)."""
        if length <= 0:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.offsets[start + length - 1] + 1


def prepare(doc: "Document", para: "Paragraph") -> Piece:
    """The paragraph's lines joined by single spaces (a line break is not a paragraph
    break to the reader), with the map back to document offsets."""
    parts: list[str] = []
    offsets: list[int] = []
    for i, line in enumerate(para.lines):
        if i:
            parts.append(" ")
            offsets.append(para.lines[i - 1].end)
        parts.append(doc.text[line.start:line.end])
        offsets.extend(range(line.start, line.end))
    offsets.append(para.end)
    return Piece("".join(parts), offsets)


class WordUse:
    """How often a word occurs, how often in the middle of a sentence, and how often
    just before a capitalised word (the first half of a name: ``Armen Grigoryan``)."""

    __slots__ = ("count", "mid", "named")

    def __init__(self) -> None:
        self.count = 0
        self.mid = 0
        self.named = 0


def word_uses(doc: "Document") -> dict[str, WordUse]:
    """Every word of the document, with how often it occurs and how often mid-sentence
    (after a word of its own sentence, as the document's segmenter splits them)."""
    uses: dict[str, WordUse] = {}
    text = doc.text
    for para in doc.paragraphs:
        sentences = para.sentences or []
        current = 0
        for m in _WORD.finditer(text, para.start, para.end):
            while current + 1 < len(sentences) and sentences[current + 1].start <= m.start():
                current += 1
            begin = sentences[current].start if sentences else para.start
            mid = any(c.isalnum() for c in text[begin:m.start()])
            end = m.end()
            named = end + 1 < para.end and text[end] == " " and text[end + 1].isupper()
            forms = [m.group()]
            if forms[0][-2:] in ("'s", "’s"):
                forms.append(forms[0][:-2])  # Zelenska's counts as a use of Zelenska
            for form in forms:
                use = uses.setdefault(form, WordUse())
                use.count += 1
                use.mid += mid
                use.named += named
    return uses


# "Japan Aerospace Exploration Agency (JAXA)", "the Quadrilateral Security Dialogue (Quad)", or the
# other way round: "JAXA (Japan Aerospace Exploration Agency)".
_DEFINED = re.compile(r"\(([A-Z][A-Za-z0-9&.-]{1,15})\)|\b([A-Z][A-Z0-9&]{1,15})\s+\((?:the\s+)?[A-Z][a-z]")


def defined_terms(doc: "Document") -> frozenset[str]:
    """Acronyms and short names the release defines in brackets beside their full form."""
    return frozenset(m.group(1) or m.group(2) for m in _DEFINED.finditer(doc.text))


def quote_message(word: str, message: str) -> str:
    """LanguageTool's message with the flagged text in front, so that a log says what it is about:
    ``'recieved': possible spelling mistake found``."""
    text = message.strip().rstrip(".")
    if text[:1].isupper() and text[1:2].islower():
        text = text[0].lower() + text[1:]
    shown = word if len(word) <= 40 else word[:37] + "..."
    return f"'{shown}': {text}" if shown.strip() else text


def is_variant(a: str, b: str) -> bool:
    """Are *a* and *b* two spellings of one word (``Bayramov``/``Bayramof``), not a word
    and its derivative (``Armen``/``Armenia``)?  The name-variant rule's letter test."""
    from pressqa.analysis.mentions import fold
    from pressqa.analysis.similarity import spelling_variant

    fa, fb = fold(a), fold(b)
    if fa == fb or fa.startswith(fb) or fb.startswith(fa):
        return False
    return spelling_variant(fa, fb, min_length=5, min_length_two_edits=8)


def is_name_like(word: str) -> bool:
    return any(c.isupper() for c in word)


def more_frequent_variant(word: str, uses: dict[str, WordUse]) -> str | None:
    """The name-like word the release uses more often than *word* and spells almost alike."""
    use = uses.get(word)
    count = use.count if use else 0
    best: str | None = None
    for other, other_use in uses.items():
        if other_use.count > count and is_name_like(other) and is_variant(word, other):
            if best is None or other_use.count > uses[best].count:
                best = other
    return best


def is_consistent_name(word: str, match: "LTMatch", uses: dict[str, WordUse]) -> bool:
    """Does the release use *word*, which LanguageTool does not know, consistently as a name?

    A name has a capital letter (``Bayramov``, ``UNAMI``, ``bioRxiv``) and no more
    frequent near-spelling in the release.  A word seen only at the start of
    sentences needs more: a capitalised word after it (``Armen Grigoryan said``),
    or a first suggestion from LanguageTool more than one edit away (``Teh`` ->
    ``The`` is a typo).  Hyphenated words are judged by their capitalised parts.
    """
    if "-" in word:
        parts = [part for part in word.split("-") if is_name_like(part)]
        return bool(parts) and all(is_consistent_name(part, match, uses) for part in parts)
    if not is_name_like(word):
        return False
    use = uses.get(word)
    if use is None or more_frequent_variant(word, uses) is not None:
        return False
    if use.mid == 0 and use.named == 0:
        first = match.replacements[0] if match.replacements else ""
        from pressqa.analysis.similarity import within_one_edit

        return not (first and within_one_edit(word.lower(), first.lower()))
    return True


def continued_quotation(piece: Piece, match: "LTMatch", following: Piece | None) -> bool:
    """Is an unpaired opening quote the press convention for a quotation that runs on:
    the paragraph leaves it open and the next one opens again?"""
    if following is None or match.length != 1:
        return False
    mark = piece.text[match.offset]
    if mark not in OPENING_QUOTES:
        return False
    if mark in STRAIGHT_QUOTES:
        after = piece.text[match.offset + 1:match.offset + 2]
        before = piece.text[match.offset - 1:match.offset] if match.offset else ""
        if not after or after.isspace() or (before and not before.isspace() and before not in "([{—–-"):
            return False  # a straight quote that closes something
    return following.text[:1] in OPENING_QUOTES


def names_from_rules(settings: Any) -> set[str]:
    """The words of the names the active packs' rules list: the ``names`` entries
    (``{name, accept, reject}``: the name and its accepted forms, never the rejected
    ones) and ``accept`` groups of a rule's options and of its ``names_files``."""
    words: set[str] = set()
    for rule in getattr(settings, "enabled_rules", None) or ():
        options = rule.options if isinstance(rule.options, dict) else {}
        if not any(key in options for key in ("names", "names_files")):
            continue
        sources: list[Any] = [{"names": options.get("names") or [], "accept": options.get("accept") or []}]
        files = options.get("names_files")
        if isinstance(files, list) and files:
            from pressqa.packs import housedata

            sources.append(housedata.merged(rule, "names_files", list(files), [], housedata.NAMES_SCHEMA))
        for data in sources:
            for entry in data.get("names") or []:
                forms = [entry] if isinstance(entry, str) else []
                if isinstance(entry, dict):
                    forms = [entry.get("name") or "", *(entry.get("accept") or [])]
                for form in forms:
                    if isinstance(form, str):
                        words.update(_WORD.findall(form))
            for group in data.get("accept") or []:
                for form in group if isinstance(group, list) else []:
                    if isinstance(form, str):
                        words.update(_WORD.findall(form))
    return words


class LanguageToolCheck(Check):
    """Grammar and spelling through LanguageTool: ``languagetool/RULE_ID`` findings.

    **What it does.** Sends each prose paragraph (kind ``body`` by default: not
    headlines, datelines, lists or contact blocks) to LanguageTool and reports its
    matches at their exact place in the file, with LanguageTool's first
    replacement as the suggestion.  Each match gets one pressqa category: the
    ``categories`` option maps LanguageTool rule ids and category ids (``TYPOS``,
    ``GRAMMAR``...) to pressqa's; anything unmapped falls back on LanguageTool's
    issue type (misspelling is spelling, whitespace and typographical are
    punctuation, style is style, the rest grammar).  A word LanguageTool does not
    know that is a rarer spelling of a name the release uses more often
    (``Bayramof`` next to ``Bayramov`` four times) is a ``name-consistency``
    finding with the usual spelling as the suggestion.

    **Why.** LanguageTool knows thousands of grammar and spelling rules that no
    press-specific check repeats; pressqa adds what it lacks for press copy:
    the names of the release, the structure of the page, one finding per problem.

    **Example.** ``The ministers has agreed`` gives ``languagetool/AGREEMENT_SENT_START``
    (grammar, suggestion ``have``); ``The goverment said`` gives
    ``languagetool/MORFOLOGIK_RULE_EN_US`` (spelling, suggestion ``government``).

    **Leaves alone.** Names: a word LanguageTool calls a misspelling is not
    reported when it is in this rule's ``accept`` list (an all-lowercase entry
    matches any case), in the ``names`` list of any rule of the active packs, or
    when the release uses it as a name: with a capital letter and no more frequent
    near-spelling in the release.  (A capitalised word seen only at the start of
    sentences, with no capitalised word after it, is still reported when
    LanguageTool's first suggestion is one edit away: ``Teh``.)  Quotations that
    run on: an opening quote left open at the end of a paragraph when the next
    paragraph opens a quote again.  Spans a built-in rule of the same category
    already reported (the engine keeps that finding).  Everything in the packs'
    ``disabled_rules`` and ``disabled_categories``.

    **Options.** ``enabled_rules``, ``disabled_rules``, ``enabled_categories``,
    ``disabled_categories`` (LanguageTool ids), ``picky``, ``language`` (default:
    the config's ``language``), ``kinds`` (paragraph kinds to send), ``accept``,
    ``categories``, ``paragraph_start_categories`` (the same, for a match at the
    very start of a paragraph), ``name_variant_category``.  In a config,
    ``[rules] "languagetool/RULE_ID" = "off"`` turns one LanguageTool rule off,
    and a level turns it on at that severity.

    **Where LanguageTool runs** is the ``[languagetool]`` config section (see
    ``pressqa.backends.languagetool``).  When it is not running, the rule is skipped
    with one notice on stderr and the exit code is unaffected, unless
    ``required = true`` or ``--require-languagetool`` makes that an error (exit 2).

    **Speed.** Results are cached on disk per paragraph, keyed by LanguageTool's
    version, the language, the rule selection and the paragraph's text: after one
    paragraph is edited only that paragraph is sent again.
    """

    type = "languagetool"
    options = {
        "language": {"type": "string", "pattern": "^[a-z]{2,3}(-[A-Z]{2})?$", "description": "LanguageTool language code"},
        "enabled_rules": dict(_ID_LIST, description="LanguageTool rule ids to turn on"),
        "disabled_rules": dict(_ID_LIST, description="LanguageTool rule ids to turn off"),
        "enabled_categories": dict(_ID_LIST, description="LanguageTool category ids to turn on"),
        "disabled_categories": dict(_ID_LIST, description="LanguageTool category ids to turn off"),
        "picky": {"type": "boolean", "description": "LanguageTool's picky level (more style rules)"},
        "kinds": {"type": "array", "items": {"enum": list(KINDS)}, "minItems": 1, "description": "paragraph kinds to check"},
        "accept": {"type": "array", "items": {"type": "string"}, "description": "words never reported as misspellings"},
        "categories": {
            "type": "object",
            "additionalProperties": {"enum": list(CATEGORIES)},
            "description": "LanguageTool rule or category id -> pressqa category",
        },
        "paragraph_start_categories": {
            "type": "object",
            "additionalProperties": {"enum": list(CATEGORIES)},
            "description": "the same, for matches at the very start of a paragraph",
        },
        "name_variant_category": {"enum": list(CATEGORIES), "description": "category of a name's rarer spelling"},
        "equivalents": {"type": "object", "additionalProperties": _ID_LIST,
                        "description": "built-in rule id -> LanguageTool rule ids that report the same problem"},
    }
    defaults = {
        "enabled_rules": [],
        "disabled_rules": [],
        "enabled_categories": [],
        "disabled_categories": [],
        "picky": False,
        "kinds": ["body"],
        "accept": [],
        "categories": {},
        "paragraph_start_categories": {},
        "name_variant_category": "name-consistency",
        "equivalents": {},
    }

    #: the categories of the built-in maps, the fallback and the default name-variant category
    emits = tuple(sorted({*CATEGORY_IDS.values(), *ISSUE_TYPES.values(), "grammar", "name-consistency"}))

    @classmethod
    def categories(cls, rule: "Rule") -> set[str]:
        """The built-in categories and those the rule's options map LanguageTool ids to."""
        found = super().categories(rule)
        for option in ("categories", "paragraph_start_categories"):
            mapping = rule.options.get(option)
            if isinstance(mapping, dict):
                found.update(value for value in mapping.values() if isinstance(value, str))
        variant = rule.options.get("name_variant_category")
        if isinstance(variant, str):
            found.add(variant)
        return found

    def setup(self) -> None:
        #: LanguageTool rule id -> the built-in rules that report the same problem
        self.same_as: dict[str, tuple[str, ...]] = {}
        for builtin, lt_ids in (self.opts.get("equivalents") or {}).items():
            for lt_id in lt_ids:
                self.same_as[lt_id] = (*self.same_as.get(lt_id, ()), builtin)
        categories = dict(CATEGORY_IDS)
        categories.update(self.opts["categories"])
        self.category_map = categories
        self.kinds = frozenset(self.opts["kinds"])
        self._sessions: dict[int, "Session"] = {}
        self._accepted: dict[int, tuple[set[str], set[str]]] = {}

    # -- configuration -------------------------------------------------------------------

    def _backend_rules(self, settings: Any) -> dict[str, str]:
        """``[rules] "languagetool/ID" = LEVEL`` entries of the config."""
        raw = getattr(settings, "raw", None) or {}
        levels: dict[str, str] = {}
        prefix = self.rule.id + "/"
        for key, value in (raw.get("rules") or {}).items():
            if key.startswith(prefix):
                level = value if isinstance(value, str) else value.get("level") if isinstance(value, dict) else None
                if isinstance(level, str):
                    levels[key[len(prefix):]] = level
        return levels

    def lt_options(self, settings: Any) -> "LTOptions":
        from pressqa.backends.languagetool import LTOptions

        enabled = list(self.opts["enabled_rules"])
        disabled = list(self.opts["disabled_rules"])
        for rule_id, level in self._backend_rules(settings).items():
            if level == "off":
                disabled.append(rule_id)
                if rule_id in enabled:
                    enabled.remove(rule_id)
            else:
                enabled.append(rule_id)
                if rule_id in disabled:
                    disabled.remove(rule_id)
        language = self.opts.get("language") or getattr(settings, "language", None) or "en-US"
        return LTOptions(
            language=language,
            enabled_rules=tuple(sorted(set(enabled))),
            disabled_rules=tuple(sorted(set(disabled))),
            enabled_categories=tuple(sorted(set(self.opts["enabled_categories"]))),
            disabled_categories=tuple(sorted(set(self.opts["disabled_categories"]))),
            picky=bool(self.opts["picky"]),
        )

    def session(self, settings: Any, language: str) -> "Session":
        from pressqa.backends import languagetool as backend

        key = id(settings)
        session = self._sessions.get(key)
        if session is None:
            section = settings.section("languagetool") if settings is not None else {}
            conf = backend.LTConfig.from_section(section)
            # A service shares one session per configuration across its requests (and their engines).
            session = (backend.shared_session(conf, language) if backend.POLICY.retry
                       else backend.Session(conf, language))
            self._sessions[key] = session
        return session

    def accepted(self, settings: Any) -> tuple[set[str], set[str]]:
        """Words never reported as misspellings: (exact forms, lowercase forms)."""
        key = id(settings)
        if key not in self._accepted:
            exact = set(self.opts["accept"]) | names_from_rules(settings)
            lower = {w.lower() for w in self.opts["accept"] if w == w.lower()}
            self._accepted[key] = (exact, lower)
        return self._accepted[key]

    def category_of(self, match: "LTMatch", at_start: bool = False) -> str:
        if at_start and match.rule_id in self.opts["paragraph_start_categories"]:
            return self.opts["paragraph_start_categories"][match.rule_id]
        return (self.category_map.get(match.rule_id) or self.category_map.get(match.category_id)
                or ISSUE_TYPES.get(match.issue_type) or "grammar")

    # -- checking ------------------------------------------------------------------------

    def check(self, doc: "Document", ctx: Context) -> Iterator[Hit]:
        settings = ctx.settings
        options = self.lt_options(settings)
        session = self.session(settings, options.language)
        if session.conf.mode == "off":
            return
        pieces = [prepare(doc, para) for para in doc.paragraphs if para.kind in (self.kinds or ()) and para.text.strip()]
        if not pieces:
            return
        try:
            results = self.run(session, pieces, options)
        except BackendError as exc:
            if not isinstance(exc, OutOfTime):
                session.fail(exc.message)  # (a server that answers, only not all of a long text in time, is not down)
            if session.conf.required:
                raise BackendError(doc.path, f"{exc.message}; LanguageTool is required "
                                   "([languagetool] required = true, or --require-languagetool)") from None
            ctx.notice(f"{UNAVAILABLE}: {exc.message}; grammar and spelling skipped")
            return
        session.succeeded()
        yield from self.hits(doc, ctx, pieces, results)

    def run(self, session: "Session", pieces: list[Piece], options: "LTOptions") -> list[list["LTMatch"]]:
        """Matches for each piece: from the disk cache, else from LanguageTool (then cached)."""
        backend = session.get()
        version = backend.version
        results = self._run(backend, version, pieces, options)
        if backend.version != version:
            # the server turned out to run another version than last time: nothing cached counts
            results = self._run(backend, backend.version, pieces, options)
        return results

    def _run(self, backend: "Backend", version: str, pieces: list[Piece], options: "LTOptions") -> list[list["LTMatch"]]:
        from pressqa.backends.languagetool import LTMatch

        option_key = options.key()
        results: list[list[LTMatch] | None] = []
        missing: list[int] = []
        keys: list[str] = []
        for i, piece in enumerate(pieces):
            digest = cache.key(CACHE_KIND, CACHE_FORMAT, version, option_key, piece.text)
            keys.append(digest)
            cached = cache.get(CACHE_KIND, digest)
            if isinstance(cached, list):
                try:
                    results.append([LTMatch.from_json(item) for item in cached])
                    continue
                except (TypeError, ValueError):
                    pass
            results.append(None)
            missing.append(i)
        def keep(index: int, matches: list[LTMatch]) -> None:
            # cached as each answer comes: a document cut off by a deadline is not asked again in full
            if backend.version == version:
                cache.put(CACHE_KIND, keys[missing[index]], [m.to_json() for m in matches])

        try:
            fetched = self._fetch(backend, [pieces[i].text for i in missing], options, keep)
        finally:
            if missing:
                _note_writes(len(missing))
        if backend.version != version:
            return []  # the answers came from another version than the keys say: run() starts again
        for i, matches in zip(missing, fetched):
            results[i] = matches
        return [r or [] for r in results]

    @staticmethod
    def _fetch(backend: "Backend", texts: list[str], options: "LTOptions",
               keep: Callable[[int, list["LTMatch"]], None] = lambda i, m: None) -> list[list["LTMatch"]]:
        """Matches of each text, in order; *keep* is called with each answer as it comes."""
        from pressqa.backends.languagetool import POLICY

        if len(texts) <= 1:
            results = [backend.check(text, options) for text in texts]
            for i, matches in enumerate(results):
                keep(i, matches)
            return results
        import time
        from concurrent.futures import ThreadPoolExecutor, TimeoutError as FutureTimeout

        # Under a service's time budget the whole document gets what is left of the request's share
        # (or as long as one request may take); a command waits for each paragraph in turn.
        deadline = POLICY.deadline
        if deadline is None and POLICY.max_timeout is not None:
            deadline = time.monotonic() + POLICY.max_timeout
        began = time.monotonic()
        pool = ThreadPoolExecutor(max_workers=WORKERS)
        try:
            futures = [pool.submit(backend.check, text, options) for text in texts]
            results = []
            for future in futures:
                remaining = None if deadline is None else max(deadline - time.monotonic(), 0.0)
                try:
                    results.append(future.result(timeout=remaining))
                    keep(len(results) - 1, results[-1])
                except FutureTimeout:
                    # answers came, only not all in time: slow, not down; none came: frozen, down
                    error = OutOfTime if results else BackendError
                    raise error(None, f"{backend.where} checked {len(results)} of {len(texts)} paragraphs "
                                       f"in {time.monotonic() - began:.0f} s, the time this request had for it "
                                       "(those are kept for the next request)") from None
            return results
        finally:
            # on a failure, the paragraphs not yet sent are not sent (a frozen server would hold each for its timeout)
            pool.shutdown(wait=False, cancel_futures=True)

    def hits(self, doc: "Document", ctx: Context, pieces: list[Piece], results: list[list["LTMatch"]]) -> Iterator[Hit]:
        levels = self._backend_rules(ctx.settings)
        exact, lower = self.accepted(ctx.settings)
        for index, (piece, matches) in enumerate(zip(pieces, results)):
            following = pieces[index + 1] if index + 1 < len(pieces) else None
            for match in matches:
                if match.offset + match.length > len(piece.text):
                    continue  # never index past the text, whatever a server or cache says
                word = piece.text[match.offset:match.offset + match.length]
                if match.rule_id in UNPAIRED_QUOTE_RULES and continued_quotation(piece, match, following):
                    continue
                category = self.category_of(match, at_start=match.offset == 0)
                message = quote_message(word, match.message)
                suggestion = match.replacements[0] if match.replacements else None
                if match.issue_type in SPELLING_ISSUES or category == "spelling":
                    if word in exact or word.lower() in lower:
                        continue
                    if word in ctx.memo("languagetool.defined", lambda: defined_terms(doc)):
                        continue  # the release defines it: "Japan Aerospace Exploration Agency (JAXA)"
                    uses = ctx.memo("languagetool.words", lambda: word_uses(doc))
                    variant = more_frequent_variant(word, uses) if is_name_like(word) and "-" not in word else None
                    if variant is not None:
                        # a name spelled two ways in one release: its rarer form
                        category = self.opts["name_variant_category"]
                        message = f"'{word}' is written '{variant}' {_times(uses[variant].count)} elsewhere in this release"
                        suggestion = variant
                    elif is_consistent_name(word, match, uses):
                        continue
                start, end = piece.span(match.offset, match.length)
                level = levels.get(match.rule_id)
                same_as = self.same_as.get(match.rule_id, ())
                yield Hit(
                    start=start,
                    end=end,
                    message=self.message("{message}", message=message, rule_id=match.rule_id, text=word),
                    suggestion=suggestion,
                    rule=f"{self.rule.id}/{match.rule_id}",
                    category=category,
                    severity=Severity.parse(level) if level and level != "off" else None,
                    data={"replacements": list(match.replacements), "lt_category": match.category_id,
                          "same_as": same_as},
                )


def _note_writes(count: int) -> None:
    """Bound the paragraph cache: prune it at the first write of a process and every PRUNE_EVERY after."""
    import os

    global _writes
    before, _writes = _writes, _writes + count
    if before and before // PRUNE_EVERY == _writes // PRUNE_EVERY:
        return
    import time

    # One scan of the folder every PRUNE_SECONDS across processes (a service replaces its check
    # processes often, and each would scan at its first write): a stamp file says when the last was.
    stamp = cache.cache_dir() / CACHE_KIND / ".pruned"
    try:
        if time.time() - stamp.stat().st_mtime < PRUNE_SECONDS:
            return
    except OSError:
        pass
    try:
        entries = int(os.environ.get("PRESSQA_LT_CACHE_ENTRIES", CACHE_MAX_ENTRIES))
        size = int(os.environ.get("PRESSQA_LT_CACHE_BYTES", CACHE_MAX_BYTES))
    except ValueError:
        entries, size = CACHE_MAX_ENTRIES, CACHE_MAX_BYTES
    cache.prune(CACHE_KIND, entries, size)
    try:
        stamp.touch()
    except OSError:
        pass


def _times(count: int) -> str:
    return "once" if count == 1 else "twice" if count == 2 else f"{count} times"
