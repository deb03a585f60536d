"""Check types: the code behind rules.

A check type is a class with a ``type`` name, a JSON schema for its options and
a ``check(doc, ctx)`` generator that yields :class:`~pressqa.findings.Hit`.  Rules
are data: a pack entry names a type and gives it options, messages and a level
(see ``rules/press.yaml``).  The registry is a plain dict from type name to
``module:Class`` so that a run imports only the types its rules use.
"""

from __future__ import annotations

import builtins
import copy
import importlib
from typing import TYPE_CHECKING, Any, Callable, ClassVar, Iterator, Literal, Sequence, TypeVar

from pressqa.checks.messages import Messages

if TYPE_CHECKING:
    from pressqa.model.document import Document, Paragraph
    from pressqa.findings import Hit
    from pressqa.packs.config import Settings
    from pressqa.packs.rule import Rule

T = TypeVar("T")

#: type name -> "module:Class" (relative to pressqa.checks)
REGISTRY: dict[str, str] = {
    "missing-space": "punctuation:MissingSpaceAfterPunctuation",
    "truncation": "truncation:TruncatedSentence",
    "lowercase-after-stop": "clauses.lowercase_after_stop:LowercaseAfterStop",
    "doubled-word": "clauses.doubled_word:DoubledWord",
    "unbalanced-quotes": "clauses.unbalanced_quotes:UnbalancedQuotes",
    "unbalanced-brackets": "clauses.unbalanced_brackets:UnbalancedBrackets",
    "dangling-word": "clauses.dangling_word:DanglingWord",
    "verbless-clause": "clauses.verbless_clause:VerblessClause",
    "missing-preposition": "clauses.missing_preposition:MissingPreposition",
    "missing-verb": "clauses.missing_verb:MissingVerb",
    "run-together": "spacing:RunTogetherWords",
    "space-before-punctuation": "spacing:SpaceBeforePunctuation",
    "sentence-length": "readability:SentenceLength",
    "paragraph-length": "readability:ParagraphLength",
    "readability-score": "readability:ReadabilityScore",
    "directive-syntax": "directives:DirectiveSyntax",
    "existence": "lexical.existence:Existence",
    "substitution": "lexical.substitution:Substitution",
    "consistency": "lexical.consistency:Consistency",
    "occurrence": "lexical.occurrence:Occurrence",
    "pattern": "lexical.pattern:Pattern",
    "capitalization": "capitalization:Capitalization",
    "metric": "metric:Metric",
    "blank-lines": "layout:BlankLines",
    "names": "names:NameVariants",
    "country-forms": "titles.country_form:CountryForms",
    "title-case": "titles.title_case:TitleCase",
    "office-forms": "titles.office_form:OfficeForms",
    "person-titles": "titles.person_title:PersonTitles",
    "languagetool": "languagetool.check:LanguageToolCheck",
}


class Context:
    """What the checks of one run share about one document.

    - ``memo``: the one place analyses built for several checks are kept (mentions, titles,
      prose measures), each under its own key, computed on first use;
    - ``notices``: one-line remarks for the user that are not findings (a backend that was
      unavailable), each said once; the engine hands them on with the document's result;
    - ``paragraphs``: the paragraphs the engine feeds the check at hand, those of the kinds it
      declares (:attr:`Check.kinds`), in order.  Each check gets its own view of the context
      (:meth:`fed`), sharing the memo and the notices.
    """

    def __init__(self, doc: "Document", settings: "Settings | None" = None) -> None:
        self.doc = doc
        self.settings = settings
        self.notices: list[str] = []
        self._memo: dict[str, Any] = {}
        self._by_kinds: dict[frozenset[str], list["Paragraph"]] = {}
        self.paragraphs: Sequence["Paragraph"] = doc.paragraphs

    def fed(self, kinds: "frozenset[str] | None") -> "Context":
        """A view of this context for a check that reads *kinds* (None: all): its own paragraphs,
        the shared memo and notices.  Checks that read the same kinds share one list."""
        view = copy.copy(self)
        if kinds is not None:
            chosen = self._by_kinds.get(kinds)
            if chosen is None:
                chosen = self._by_kinds[kinds] = [p for p in self.doc.paragraphs if p.kind in kinds]
            view.paragraphs = chosen
        return view

    def memo(self, key: str, compute: Callable[[], T]) -> T:
        """The analysis under *key*, computed by *compute* the first time it is asked for."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]  # type: ignore[no-any-return]

    def forget(self, key: str) -> None:
        """Drop the memo *key*, or every memo under it when it ends in ``.`` or ``:`` (see :attr:`Check.memos`)."""
        if key.endswith((".", ":")):
            for known in [k for k in self._memo if k.startswith(key)]:
                del self._memo[known]
        else:
            self._memo.pop(key, None)

    def notice(self, text: str) -> None:
        """Say *text* once with this document's result (repeats are dropped)."""
        if text not in self.notices:
            self.notices.append(text)


class Check:
    """Base class of check types.

    Subclasses set ``type`` (the name packs use), declare their ``Options`` record,
    ``messages`` and ``kinds``, and implement :meth:`check` (or :meth:`check_paragraph`
    with ``unit = "paragraph"``).  The class docstring is the user documentation of the type.
    """

    type: ClassVar[str] = ""
    #: The options record (``@options``, see :mod:`pressqa.checks.options`); ``options``, ``required``
    #: and ``defaults`` are derived from it.  (Every shipped type declares one; a type defined
    #: elsewhere without one sets those three itself and reads ``self.opts``.)
    Options: ClassVar["builtins.type | None"] = None
    options: ClassVar[dict[str, dict]] = {}
    required: ClassVar[tuple[str, ...]] = ()
    defaults: ClassVar[dict[str, Any]] = {}
    #: Categories its hits may carry besides the rule's own (a backend that maps
    #: its matches to several categories): ``--select spelling`` runs it too.
    emits: ClassVar[tuple[str, ...]] = ()
    #: Whether its hits may carry a safe fix (``pressqa fix`` applies them).
    fixable: ClassVar[bool] = False
    #: Every message it gives, with the fields each fills (:mod:`pressqa.checks.messages`):
    #: it says them with :meth:`say`, and a pack may reword them.
    messages: ClassVar[Messages] = Messages()
    #: The paragraph kinds it reads (:data:`pressqa.model.structure.KINDS`); None reads them
    #: all.  The engine feeds it only these, so the check never filters kinds itself.  A type
    #: whose kinds are an option sets ``self.kinds`` in :meth:`setup`.
    kinds: "frozenset[str] | None" = None
    #: What the engine hands it: ``"document"`` calls :meth:`check` once with the context's
    #: ``paragraphs``; ``"paragraph"`` calls :meth:`check_paragraph` for each of them.
    unit: ClassVar[Literal["document", "paragraph"]] = "document"
    #: The memos it reads that only its family of types builds (keys, or prefixes ending in
    #: ``.`` or ``:``): the engine forgets them after the last rule of a run that declares them,
    #: so that the analyses of one family are not all alive beside the next family's.  Declare
    #: only memos that are a function of the document alone (built again, they come out the same).
    memos: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        declared = cls.__dict__.get("Options")
        if declared is not None:
            from pressqa.checks.options import derive

            cls.options, cls.required, cls.defaults = derive(declared)

    @classmethod
    def categories(cls, rule: "Rule") -> set[str]:
        """Every category the hits of *rule* may carry: its own and those the type emits."""
        return {rule.category, *cls.emits}

    def __init__(self, rule: "Rule") -> None:
        self.rule = rule
        merged = dict(self.defaults)
        merged.update(rule.options)
        self.opts = merged
        if self.Options is not None:
            from pressqa.checks.options import build

            #: The options, typed (``self.o.max_words``).
            self.o: Any = build(self.Options, merged)
        self.setup()

    def setup(self) -> None:
        """Prepare (compile patterns, load lists) once per run, not once per document."""

    def say(self, key: str, /, *groups: Any, **fields: Any) -> str:
        """Message *key* of the catalogue, in the pack's wording if it has one, filled with
        *fields* (and *groups*, by number).  Every field the message offers must be given."""
        from pressqa.templates import render

        entry = self.messages[key]
        missing = entry.fields - fields.keys()
        if missing:
            raise TypeError(f"{type(self).__name__}.say({key!r}) misses fields {sorted(missing)}")
        return render(self.messages.wording(key, self.rule.message), *groups, **fields)

    def check(self, doc: "Document", ctx: Context) -> Iterator["Hit"]:
        """The hits of the whole document (``unit = "document"``); a paragraph-unit type
        implements :meth:`check_paragraph` instead, and the engine feeds it paragraph by paragraph."""
        raise NotImplementedError(f"{type(self).__name__} implements neither check nor check_paragraph")

    def check_paragraph(self, doc: "Document", para: "Paragraph", ctx: Context) -> Iterator["Hit"]:
        """The hits of one paragraph the engine feeds (``unit = "paragraph"``)."""
        raise NotImplementedError(f"{type(self).__name__} implements neither check nor check_paragraph")


def kinds_of(*names: str) -> frozenset[str]:
    """The paragraph kinds *names*, checked against :data:`~pressqa.model.structure.KINDS` (a
    misspelt kind would feed a check nothing, silently)."""
    from pressqa.model.structure import KINDS

    unknown = set(names) - set(KINDS)
    if unknown:
        raise ValueError(f"unknown paragraph kinds {sorted(unknown)}")
    return frozenset(names)


def kinds_but(*left_out: str) -> frozenset[str]:
    """Every paragraph kind but *left_out*: a check's :attr:`Check.kinds` when it reads all prose."""
    from pressqa.model.structure import KINDS

    return frozenset(KINDS) - kinds_of(*left_out)


def load_type(name: str) -> type[Check]:
    """Import the class behind a check type name (KeyError if unknown)."""
    target = REGISTRY[name]
    module_name, _, attr = target.partition(":")
    module = importlib.import_module(f"{__name__}.{module_name}")
    return getattr(module, attr)
