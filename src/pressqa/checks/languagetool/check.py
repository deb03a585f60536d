"""The ``languagetool`` check type: which paragraphs go to LanguageTool, and what of its answer
becomes a finding (category, level, message, what is left alone)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

from pressqa.analysis.commonwords import is_common_word
from pressqa.checks import Check, Context
from pressqa.checks.languagetool.evidence import (
    ARTICLE_RULES, COMPOUND_SUFFIX, CURRENT_YEAR_RULES, GERUND_RULES, REPEAT_RULES, SENTENCE_START_RULES,
    SUPERLATIVE_RULES, after_possessive, continues_list, fits_named_year, follows_to, house_choice,
    hyphen_off_modifier, in_address, is_addressed, is_agent_noun, is_dictionary_word, is_name_particle,
    is_noun_with_infinitive, is_prefixed_word, is_reduplicated_name, is_speller_match, named_years,
    other_language, takes_no_article, whole_word,
)
from pressqa.checks.languagetool.matches import OutOfTime, matches
from pressqa.checks.languagetool.names import (
    defined_terms, is_consistent_name, is_name_like, more_frequent_variant, names_from_rules, times, word_uses,
)
from pressqa.checks.languagetool.pieces import Piece, continued_quotation, prepare, quote_message
from pressqa.checks.messages import Message, Messages
from pressqa.checks.options import option, options
from pressqa.errors import BackendError
from pressqa.findings import CATEGORIES, Hit, Severity
from pressqa.model.structure import KINDS

if TYPE_CHECKING:
    from pressqa.backends.ltbase import LTMatch, LTOptions
    from pressqa.backends.languagetool import Session
    from pressqa.model.document import Document
    from pressqa.packs.rule import Rule

#: How a notice that grammar and spelling were skipped starts (the service's clients look for it).
UNAVAILABLE = "languagetool unavailable"

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
#: What LanguageTool reports in a transcript's speech (the ``speech_categories`` option's default): the
#: transcriber's own writing -- compounds and hyphens, contractions -- not the speakers' grammar, style
#: or repetitions, which are transcribed as spoken.  The spacing of punctuation is
#: space-before-punctuation's, which knows a name withheld from a briefing (``this is .``); the
#: speller (``MORFOLOGIK_RULE_*``) is a house's to add: in speech it was wrong more often than right.
SPEECH_IDS = ["COMPOUNDING", "EN_COMPOUNDS_*", "MISSING_HYPHEN", "COVID_19", "APOS_SPACE_CONTRACTION", "MID_HYPHEN"]
SPELLING_ISSUES = frozenset({"misspelling"})
UNPAIRED_QUOTE_RULES = frozenset({"EN_UNPAIRED_QUOTES"})

_ID_LIST = {"type": "array", "items": {"type": "string", "pattern": "^[A-Za-z0-9_]+$"}, "uniqueItems": True}
_ID_PATTERNS = {"type": "array", "items": {"type": "string", "pattern": "^[A-Za-z0-9_]+\\*?$"}, "uniqueItems": True}
_CATEGORY_MAP = {"type": "object", "additionalProperties": {"enum": list(CATEGORIES)}}


class LanguageToolCheck(Check):
    """Grammar and spelling through LanguageTool: ``languagetool/RULE_ID`` findings.

    **What it does.** Sends each prose paragraph (kinds ``body`` and ``speech`` by
    default: not headlines, datelines, lists or contact blocks) to LanguageTool and reports its
    matches at their exact place in the file, with LanguageTool's first
    replacement as the suggestion.  Each match gets one pressqa category: the
    ``categories`` option maps LanguageTool rule ids and category ids (``TYPOS``,
    ``GRAMMAR``...) to pressqa's; anything unmapped falls back on LanguageTool's
    issue type (misspelling is spelling, whitespace and typographical are
    punctuation, style is style, the rest grammar).  A word LanguageTool does not
    know that is a rarer spelling of a name the release uses more often
    (``Bayramof`` next to ``Bayramov`` four times) is a ``name-consistency``
    finding with the usual spelling as the suggestion.  A match whose suggestion
    only adds accents (``Lopez Obrador`` -> ``López Obrador``, ``Sao Paulo``: U.S.
    government and AP copy drop them) or closes a compound (``cyber security`` ->
    ``cybersecurity``, ``policy makers``: dictionaries and houses differ), or
    hyphenates an open compound that modifies no noun after it (``will be live
    streamed on``), is a house's choice, not a mistake: category
    ``choice_category`` (style), level ``choice_level`` (info).

    In a transcript's turns (kind ``speech``) only the transcriber's own writing is
    judged: the matches of the LanguageTool ids in ``speech_categories`` (a category
    id, a rule id, or a rule id's start with ``*``; by default compounds, hyphens and
    contractions: ``world class research``, ``an 11 day sojourn``, ``covid-19``; a
    house adds ``MORFOLOGIK_RULE_*`` to spell-check speech, which on real transcripts
    was wrong more often than right).  The speakers' grammar, style and repetitions are
    transcribed as spoken (``There's a lot of questions``, ``to help to help``), and a
    capitalised word that opens a turn alone or before a comma is a name called
    (``Humeyra.``, ``Atul, thank you``).

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
    the config's ``language``), ``kinds`` (paragraph kinds to send),
    ``speech_categories`` (what is reported in speech), ``accept``,
    ``categories``, ``paragraph_start_categories`` (the same, for a match at the
    very start of a paragraph), ``name_variant_category``, ``choice_category``,
    ``choice_level``.  In a config,
    ``[rules] "languagetool/RULE_ID" = "off"`` turns one LanguageTool rule off,
    and a level turns it on at that severity.

    **Messages.** ``match`` is LanguageTool's own message with the flagged text
    in front; ``name_variant`` says where a name is spelled the other way.  A pack
    may reword either with ``{message}`` (LanguageTool's message), ``{rule_id}``
    and ``{text}`` (the flagged text).

    **Where LanguageTool runs** is the ``[languagetool]`` config section (see
    ``pressqa.backends.languagetool``).  When it is not running, the rule is skipped
    with one notice on stderr and the exit code is unaffected, unless
    ``required = true`` or ``--require-languagetool`` makes that an error (exit 2).

    **Speed.** Results are cached on disk per paragraph, keyed by LanguageTool's
    version, the language, the rule selection and the paragraph's text: after one
    paragraph is edited only that paragraph is sent again.
    """

    type = "languagetool"
    emits = tuple(sorted({*CATEGORY_IDS.values(), *ISSUE_TYPES.values(), "grammar", "name-consistency"}))
    messages = Messages(
        # LanguageTool's own message, passed through with the flagged text in front
        match=Message("{message}", extra=("rule_id", "text")),
        name_variant=Message("'{text}' is written '{variant}' {times} elsewhere in this release",
                             extra=("message", "rule_id")),
    )

    @options
    class Options:
        language: str | None = option(None, "LanguageTool language code", pattern="^[a-z]{2,3}(-[A-Z]{2})?$")
        enabled_rules: list[str] = option([], "LanguageTool rule ids to turn on", schema=_ID_LIST)
        disabled_rules: list[str] = option([], "LanguageTool rule ids to turn off", schema=_ID_LIST)
        enabled_categories: list[str] = option([], "LanguageTool category ids to turn on", schema=_ID_LIST)
        disabled_categories: list[str] = option([], "LanguageTool category ids to turn off", schema=_ID_LIST)
        picky: bool = option(False, "LanguageTool's picky level (more style rules)")
        kinds: list[str] = option(["body", "speech"], "paragraph kinds to check",
                                  schema={"type": "array", "items": {"enum": list(KINDS)}, "minItems": 1})
        speech_categories: list[str] = option(
            list(SPEECH_IDS), "LanguageTool category or rule ids (a trailing * matches a rule id's start) "
            "reported in a transcript's speech", schema=_ID_PATTERNS)
        accept: list[str] = option([], "words never reported as misspellings")
        categories: dict[str, str] = option({}, "LanguageTool rule or category id -> pressqa category",
                                            schema=_CATEGORY_MAP)
        paragraph_start_categories: dict[str, str] = option(
            {}, "the same, for matches at the very start of a paragraph", schema=_CATEGORY_MAP)
        name_variant_category: str = option("name-consistency", "category of a name's rarer spelling",
                                            schema={"enum": list(CATEGORIES)})
        choice_category: str = option("style", "category of a match whose suggestion only adds accents or "
                                      "closes a compound (a house's choice)", schema={"enum": list(CATEGORIES)})
        choice_level: str = option("info", "level of a match whose suggestion only adds accents or closes a "
                                   "compound", schema={"enum": ["error", "warning", "info"]})
        equivalents: dict[str, list[str]] = option(
            {}, "built-in rule id -> LanguageTool rule ids that report the same problem",
            schema={"type": "object", "additionalProperties": _ID_LIST})

    o: Options

    @classmethod
    def categories(cls, rule: "Rule") -> set[str]:
        """The built-in categories and those the rule's options map LanguageTool ids to."""
        found = super().categories(rule)
        for name in ("categories", "paragraph_start_categories"):
            mapping = rule.options.get(name)
            if isinstance(mapping, dict):
                found.update(value for value in mapping.values() if isinstance(value, str))
        variant = rule.options.get("name_variant_category")
        if isinstance(variant, str):
            found.add(variant)
        return found

    def setup(self) -> None:
        #: LanguageTool rule id -> the built-in rules that report the same problem
        self.same_as: dict[str, tuple[str, ...]] = {}
        for builtin, lt_ids in self.o.equivalents.items():
            for lt_id in lt_ids:
                self.same_as[lt_id] = (*self.same_as.get(lt_id, ()), builtin)
        categories = dict(CATEGORY_IDS)
        categories.update(self.o.categories)
        self.category_map = categories
        # the kinds are an option: the engine feeds the check the paragraphs of these
        self.kinds = frozenset(self.o.kinds)
        ids = self.o.speech_categories
        self.speech_ids = frozenset(i for i in ids if not i.endswith("*"))
        self.speech_prefixes = tuple(i[:-1] for i in ids if i.endswith("*"))
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
        from pressqa.backends.ltbase import LTOptions

        enabled = list(self.o.enabled_rules)
        disabled = list(self.o.disabled_rules)
        for rule_id, level in self._backend_rules(settings).items():
            if level == "off":
                disabled.append(rule_id)
                if rule_id in enabled:
                    enabled.remove(rule_id)
            else:
                enabled.append(rule_id)
                if rule_id in disabled:
                    disabled.remove(rule_id)
        language = self.o.language or getattr(settings, "language", None) or "en-US"
        return LTOptions(
            language=language,
            enabled_rules=tuple(sorted(set(enabled))),
            disabled_rules=tuple(sorted(set(disabled))),
            enabled_categories=tuple(sorted(set(self.o.enabled_categories))),
            disabled_categories=tuple(sorted(set(self.o.disabled_categories))),
            picky=bool(self.o.picky),
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
            exact = set(self.o.accept) | names_from_rules(settings)
            lower = {w.lower() for w in self.o.accept if w == w.lower()}
            self._accepted[key] = (exact, lower)
        return self._accepted[key]

    def category_of(self, match: "LTMatch", at_start: bool = False) -> str:
        if at_start and match.rule_id in self.o.paragraph_start_categories:
            return self.o.paragraph_start_categories[match.rule_id]
        return (self.category_map.get(match.rule_id) or self.category_map.get(match.category_id)
                or ISSUE_TYPES.get(match.issue_type) or "grammar")

    # -- checking ------------------------------------------------------------------------

    def in_speech(self, match: "LTMatch") -> bool:
        """Is *match* one the rule reports in a transcript's speech (``speech_categories``)?"""
        return (match.category_id in self.speech_ids or match.rule_id in self.speech_ids
                or match.rule_id.startswith(self.speech_prefixes))


    def check(self, doc: "Document", ctx: Context) -> Iterator[Hit]:
        settings = ctx.settings
        options = self.lt_options(settings)
        session = self.session(settings, options.language)
        if session.conf.mode == "off":
            return
        pieces = [prepare(doc, para) for para in ctx.paragraphs if para.text.strip()]
        if not pieces:
            return
        try:
            results = matches(session, [piece.text for piece in pieces], options)
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

    @staticmethod
    def known_word(text: str, match: "LTMatch", word: str, foreign: set[int]) -> bool:
        """Is a word the speller does not know one that pressqa knows, or that the paragraph shows to
        be of another language?  (See :mod:`.evidence`.)"""
        from pressqa.analysis.places import is_place_form

        if match.offset in foreign:
            return True
        if is_name_particle(text, match.offset, match.offset + match.length):
            return True
        if is_dictionary_word(word, match) or is_prefixed_word(word, match) or is_agent_noun(word, match):
            return True
        # Arubans, Cypriots: a people, country or language pressqa knows is spelled as it knows it
        return is_name_like(word) and is_place_form(word) and " " not in word

    @staticmethod
    def name_and_words(phrase: str, match: "LTMatch", uses: dict) -> bool:
        """Is every word of a speller's match that spans words an English word or a name the release
        uses consistently, one at least a name (``Naledi Pandor about``)?"""
        from pressqa.analysis.lexicon import function_words

        parts = phrase.split()
        names = [p for p in parts if is_name_like(p)]
        return bool(names) and all(is_consistent_name(p, match, uses) for p in names) and all(
            is_common_word(p) or p in function_words() for p in parts if not is_name_like(p))

    @staticmethod
    def right_in_context(text: str, previous: str | None, match: "LTMatch", word: str) -> bool:
        """Is a grammar or punctuation match answered by its context: a lowercase list item after a
        colon, a word glued to a full stop in an address, a reduplicated name, a verb after ``to``,
        a place whose name takes no article, a noun in -ing before a to-infinitive, a superlative
        after a possessive?  (See :mod:`.evidence`.)"""
        rule_id = match.rule_id
        if rule_id in SENTENCE_START_RULES:
            return in_address(text, match.offset) or (match.offset == 0 and continues_list(previous))
        if rule_id in REPEAT_RULES:
            return is_reduplicated_name(text, match.offset, word)
        if rule_id.endswith(COMPOUND_SUFFIX):
            return follows_to(text, match.offset, word)
        if rule_id in ARTICLE_RULES:
            return takes_no_article(word)
        if rule_id in GERUND_RULES:
            return is_noun_with_infinitive(text, match.offset, word)
        if rule_id in SUPERLATIVE_RULES:
            return after_possessive(text, match.offset)
        return False

    def hits(self, doc: "Document", ctx: Context, pieces: list[Piece], results: list[list["LTMatch"]]) -> Iterator[Hit]:
        levels = self._backend_rules(ctx.settings)
        exact, lower = self.accepted(ctx.settings)
        for index, (piece, found) in enumerate(zip(pieces, results)):
            following = pieces[index + 1] if index + 1 < len(pieces) else None
            found = [m for m in found if m.offset + m.length <= len(piece.text)]  # whatever a server or cache says
            foreign = other_language(piece.text, found)
            speech = piece.kind == "speech"
            for match in found:
                if speech and not self.in_speech(match):
                    continue  # a transcript reports the transcriber's writing, not the speaker's grammar
                word = piece.text[match.offset:match.offset + match.length]
                if match.rule_id in UNPAIRED_QUOTE_RULES and continued_quotation(piece, match, following):
                    continue
                if match.rule_id in CURRENT_YEAR_RULES and fits_named_year(
                        word, ctx.memo("languagetool.years", lambda: named_years(doc.text))):
                    continue  # the release dates itself, and the weekday is right for that year
                if is_speller_match(match) and self.known_word(piece.text, match, word, foreign):
                    continue
                if speech and is_speller_match(match) and is_addressed(
                        piece.text, match.offset, match.offset + match.length):
                    continue  # "Humeyra.", "Atul, thank you": a name called in a transcript
                previous = doc.text[max(0, piece.offsets[0] - 80):piece.offsets[0]]  # whatever kind of paragraph it is
                if self.right_in_context(piece.text, previous, match, word):
                    continue
                category = self.category_of(match, at_start=match.offset == 0)
                message = quote_message(word, match.message)
                said: str | None = None
                suggestion = match.replacements[0] if match.replacements else None
                if match.issue_type in SPELLING_ISSUES or category == "spelling":
                    if word in exact or word.lower() in lower:
                        continue
                    if word in ctx.memo("languagetool.defined", lambda: defined_terms(doc)):
                        continue  # the release defines it: "Japan Aerospace Exploration Agency (JAXA)"
                    uses = ctx.memo("languagetool.words", lambda: word_uses(doc))
                    # the word the reader sees, not the piece of it the speller split off at an apostrophe
                    seen = whole_word(piece.text, match.offset, match.offset + match.length) if is_speller_match(
                        match) else word
                    # an ordinary word capitalised in a title (Minister of Defence) is not a name spelled two ways
                    name = is_name_like(seen) and "-" not in seen and " " not in seen and not (
                        is_speller_match(match) and is_common_word(seen.lower()))
                    variant = more_frequent_variant(seen, uses) if name else None
                    if variant is not None:
                        # a name spelled two ways in one release: its rarer form
                        category = self.o.name_variant_category
                        said = self.say("name_variant", text=seen, variant=variant, times=times(uses[variant].count),
                                        message=message, rule_id=match.rule_id)
                        suggestion = variant
                    elif is_consistent_name(seen, match, uses):
                        continue
                    elif " " in seen and is_speller_match(match) and self.name_and_words(seen, match, uses):
                        continue  # the speller offers to re-split a name and the next word: "Pandor about"
                start, end = piece.span(match.offset, match.length)
                level = levels.get(match.rule_id)
                if said is None and suggestion and (house_choice(word, suggestion) or hyphen_off_modifier(
                        piece.text, match.offset + match.length, word, suggestion)):
                    # Lopez Obrador, cyber security: accents and closed compounds are a house's choice
                    category = self.o.choice_category
                    level = level or self.o.choice_level
                same_as = self.same_as.get(match.rule_id, ())
                yield Hit(
                    start=start,
                    end=end,
                    message=said or self.say("match", message=message, rule_id=match.rule_id, text=word),
                    suggestion=suggestion,
                    rule=f"{self.rule.id}/{match.rule_id}",
                    category=category,
                    severity=Severity.parse(level) if level and level != "off" else None,
                    data={"replacements": list(match.replacements), "lt_category": match.category_id,
                          "same_as": same_as},
                )
