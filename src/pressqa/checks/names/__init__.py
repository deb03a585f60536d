"""One name spelled two ways in one document: the ``names`` check type.

The check reads the document's mentions (:mod:`pressqa.analysis.mentions`) once and hands
them to its detectors, one per module:

- :mod:`.listed` — against a names list (the house spelling wins, with a safe fix);
- :mod:`.places` — against what is known of places (``Saudi Arabi`` / ``Saudi Arabia``,
  ``Sri lanka``, ``Belarussian``): the known form is the suggestion;
- :mod:`.indocument` — one word spelled two ways in the document (``Vilsak``/``Vilsack``);
- :mod:`.compounds` — hyphenated names that differ in one part;
- :mod:`.technical` — lowercase technical names (``vuremtamab``/``vuremtimab``).

The letter tests are in :mod:`pressqa.analysis.similarity`.
"""

from __future__ import annotations

import re
from array import array
from typing import TYPE_CHECKING, Iterator

from pressqa.analysis.mentions import analyse, fold
from pressqa.analysis.tokens import ACRONYM_BIT
from pressqa.analysis.similarity import spelling_variant, transliteration_variant
from pressqa.checks import Check, Context, kinds_but
from pressqa.checks.messages import Message, Messages
from pressqa.checks.names.common import Canon
from pressqa.checks.options import DATA_FILES, option, options
from pressqa.findings import Hit
from pressqa.packs.housedata import NAME_ENTRY

if TYPE_CHECKING:
    from pressqa.model.document import Document

_TWO_SPELLINGS = "'{seen}' is spelled '{other}' on {lines}: one name, two spellings"
_PLACE = "'{seen}' is not the name of a known place: '{other}'"


class NameVariants(Check):
    """The same person, place or product spelled two ways in one release.

    **What it does.** Compares the capitalized words of the release with each
    other and reports a word that is a near miss of another: a dropped or doubled
    letter (``Vilsak``/``Vilsack``, ``Zelensky``/``Zelenskyy``), a transliteration
    (``Bayramov``/``Bairamov``, ``Mirzoyan``/``Mirzoian``), a slip of case or
    accent (``ChAdox1``/``ChAdOx1``, ``Alvarez``/``Álvarez``, and letters such as
    ø, ł, æ that have no accent to drop: ``Orsted``/``Ørsted``), a first name
    spelled two ways with one surname (``Anthony``/``Antony Blinken``) or a
    later surname-only mention that misses the full name given earlier
    (``Thomson`` after ``Ken Thompson``).  Two words are near misses when,
    after their common beginning and end, one letter differs, is added or
    dropped, or two are swapped; or, in words of ``min_length_two_edits``
    letters or more, two adjacent letters change (``Zelenska``/``Zelenskaya``);
    or they are one word under common romanisation conventions (Dutch ij/y,
    ks/x, kh/h, ph/f, ck/k, ou/oo/u, y/i, doubled letters:
    ``Heijden``/``Heyden``, ``Aleksey``/``Alexey``).  Some pairs count only
    beside the same title or the same other name: short names (four letters,
    ``Katz``/``Kats``), a word and its plural (``Castellano``/``Castellanos``),
    words that differ only in their first letter (``Cifuentes Ramírez``/
    ``Sifuentes Ramírez``) and an ordinary word that is a name without its
    accent (``Prime Minister Støre``/``Prime Minister Store``).

    Hyphenated names are also compared whole: ``Adebayo-Martin`` against
    ``Oluwaseun Adebayo-Martins`` is reported although ``Martin`` and
    ``Martins`` are both ordinary words, because the shared ``Adebayo`` says
    one name is meant.  And lowercase words of ``min_length_lowercase``
    letters or more that are no English words, such as drug and antibody
    names, are compared with each other: a vowel changed, added or dropped, a
    letter doubled or two swapped inside the word (``vuremtamab``/
    ``vuremtimab``, ``lenrisvimab``/``lenrsivimab``).

    The form used less often is reported (on a tie, the one not given with
    the full name, then the later one); the message names the lines of the
    other form and the suggestion is that form.

    With a names list (``names_files`` or ``names``), the list wins: every near
    miss of a listed spelling is reported with the listed one as the suggestion
    and a safe fix, and the ``reject`` forms of an entry are reported wherever
    they appear.

    **Why.** A misspelled name is the error readers and the people named notice
    first, and a spell checker cannot catch it: both spellings look like names.

    **Example.** ``US Secretary of State Anthony Blinken`` on lines 1 and 21
    and ``Antony Blinken`` on line 15: line 15 is reported, naming lines 1 and
    21, with the suggestion ``Anthony`` (a names list that says ``Antony
    Blinken`` reports lines 1 and 21 instead).

    **Leaves alone.** Different people who share a surname (``Joe Biden``,
    ``Jill Biden``); different people whose similar names both appear in full
    (``Ken Thompson``, ``Kim Thomson``; ``Ana Sifuentes``, ``Carlos
    Cifuentes``; ``Alexander Smith``, ``Aleksander Nowak``; ``Juan Carlos Lopez``
    in a headline, ``Andrés Manuel López Obrador`` in the text); two spellings
    the release offers side by side (``Nahala, or Nachala``, ``Gaddafi
    (Qaddafi)``, ``also spelled``); two words of one
    name (``Tuan Anh Tran``); a given name against a surname
    (``Michael``/``Michel``), or against a word used alone when the two are
    only romanisations of each other (``Steffen`` beside ``Stephen
    Belanger``); feminine and masculine forms (``Zelenska``, ``Zelensky``;
    ``Bayramova``); plurals and demonyms (``the Lobos``,
    ``Armenia``/``Armenian``); possessives (``Blinken's``); initials
    (``J. Sullivan``); ordinary English words (``Minister``/``Ministry``) and any
    word the release also writes in lowercase (a surname that is also a word,
    ``Le Drain``, still counts beside the same ``Le``); hyphenated words that
    share no name (``Co-Chair``/``Co-Chairs``) and different hyphenated given
    names (``Jean-Yves``/``Jean-Pierre``); acronyms and lines in capitals;
    names of three letters; versions that differ only in a digit
    (``ChAdOx1``/``ChAdOx2``); and the groups in an ``accept`` list.  Among
    lowercase words: English words and their misspellings (the spelling
    checks' business), plurals and inflections (an edit at the end,
    ``vuremtamabs``), prefixes (an edit in the first three letters,
    ``microvascular``/``macrovascular``), a consonant changed or added (how
    technical names are built to differ: ``strftime``/``strptime``) and
    English spelling conventions (``-ise``/``-ize``, ``-or``/``-er``,
    ``colour``/``color``, ``haem``/``hem``, ``modelling``/``modeling``).

    **House lists.** A house pack adds its own names list::

        rules:
          name-variant:
            names_files: [names/example.yaml, our-names.yaml]  # relative to the pack
            names:
              - {name: Antony Blinken, accept: [Tony Blinken], reject: [Anthony Blinken]}
            accept:
              - [Moghbeli, Mogensen]
    """

    type = "names"
    # The analysis of mentions leaves code blocks out; the lowercase detector keeps to the same copy.
    kinds = kinds_but("code")
    # The name analysis, shared with the title rules: forgotten after the last of them.
    memos = ("mentions",)
    #: Every message fills ``seen`` (as written), ``variant`` (the word that differs) and
    #: ``expected`` (what it should be), and ``other`` (the other form, whole); those that name
    #: where the other form is written fill ``lines`` too.
    messages = Messages(
        two_spellings=Message(_TWO_SPELLINGS, extra=("variant", "expected")),
        hyphenated=Message(_TWO_SPELLINGS, extra=("variant", "expected")),
        lowercase=Message(_TWO_SPELLINGS, extra=("variant", "expected")),
        listed=Message("'{seen}' is not the house spelling: the names list gives '{expected}'",
                       extra=("other", "variant")),
        place=Message(_PLACE, extra=("variant", "expected")),
        place_written=Message(_PLACE + " (as on {lines})", extra=("variant", "expected")),
    )

    @options
    class Options:
        names_files: list[str] = option(
            ["names/distinct.yaml"],
            "names lists (YAML): relative to the pack or config, or shipped (names/example.yaml)",
            schema=DATA_FILES,
        )
        names: list[dict] = option([], "canonical spellings given inline: {name, accept, reject}",
                                   schema={"type": "array", "items": NAME_ENTRY})
        accept: list[list[str]] = option(
            [], "groups of names that are legitimately alike",
            schema={"type": "array", "items": {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 2}},
        )
        min_length: int = option(
            5,
            "shortest word compared without more evidence (shorter ones, down to four letters, need the same title or other name beside them)",
            minimum=3,
        )
        min_length_two_edits: int = option(7, "shortest word that may differ from its variant in two adjacent letters",
                                           minimum=4)
        min_length_lowercase: int = option(
            8, "shortest lowercase word that is no English word (a drug or compound name) compared with the others",
            minimum=5,
        )

    o: Options

    def setup(self) -> None:
        from pressqa.packs import housedata

        data = housedata.merged(
            self.rule,
            "names_files",
            list(self.o.names_files or []),
            [{"names": self.o.names or [], "accept": self.o.accept or []}],
            housedata.NAMES_SCHEMA,
        )
        self.canon: list[Canon] = []
        for entry in data.get("names", []):
            words = [w for w in re.findall(r"[^\W_][\w’'-]*", entry["name"]) if len(w.rstrip(".")) > 1]
            tokens: list[str] = []
            for w in words:
                tokens.extend(p for p in re.split(r"-", w) if p)
            self.canon.append(Canon(entry["name"], tokens, set(entry.get("accept") or []), list(entry.get("reject") or [])))
        # folded word -> ids of the accept groups it belongs to
        self.accept_groups: dict[str, set[int]] = {}
        for gid, group in enumerate(data.get("accept", [])):
            for name in group:
                for word in re.findall(r"[^\W\d_][\w’']*", name):
                    self.accept_groups.setdefault(fold(word), set()).add(gid)
        self.canon_words: dict[str, int] = {}
        for cid, canon in enumerate(self.canon):
            for word in canon.tokens:
                self.canon_words.setdefault(word, cid)

    # -- similarity --------------------------------------------------------------------

    def variant(self, a: str, b: str) -> bool:
        """Are the capitalized words *a* and *b* two spellings of one name (by their letters alone)?"""
        if a == b:
            return False
        return self._similar(fold(a), fold(b))

    def _similar(self, fa: str, fb: str, min_length: int | None = None) -> bool:
        """The letter test of :meth:`variant` on folded words: a near miss or another romanisation."""
        min_length = min_length or self.o.min_length
        if spelling_variant(fa, fb, min_length, self.o.min_length_two_edits):
            return True
        return transliteration_variant(fa, fb, min_length)

    def accepted(self, a: str, b: str) -> bool:
        ga = self.accept_groups.get(fold(a))
        gb = self.accept_groups.get(fold(b))
        return bool(ga and gb and ga & gb)

    # -- the check ---------------------------------------------------------------------

    def check(self, doc: "Document", ctx: Context) -> Iterator[Hit]:
        an = analyse(doc, ctx)
        # Each word's token indices in an array: a list of int objects cost ~2 MB per MB of text.
        vocab: dict[str, array[int]] = {}
        flags = an.tokens.flags
        for i, word in enumerate(an.tokens.words):
            if len(word) < 3 or flags[i] & ACRONYM_BIT:
                continue
            indices = vocab.get(word)
            if indices is None:
                indices = vocab[word] = array("i")
            indices.append(i)
        if not vocab:
            return
        from pressqa.checks.names import compounds, indocument, listed, places, technical

        reported: set[str] = set()  # words reported so far: later detectors leave them alone
        reported_at: set[int] = set()  # starts of the words reported so far
        detectors = [
            listed.detect(self, doc, an, vocab, reported) if self.canon else iter(()),
            places.detect(self, doc, an, vocab, reported),
            indocument.detect(self, doc, an, vocab, reported),
            compounds.detect(self, doc, an, reported),
            technical.detect(self, doc, an, vocab, ctx.paragraphs),
        ]
        for detector in detectors:
            for hit in detector:
                if hit.start not in reported_at:
                    reported_at.add(hit.start)
                    yield hit
