"""The engine feeds each check the unit and paragraph kinds it declares; checks do not filter kinds."""

from __future__ import annotations

import inspect
import re

import pytest

from pressqa.checks import REGISTRY, Check, kinds_but, load_type
from pressqa.findings import Hit
from pressqa.model.document import Document
from pressqa.packs.rule import Rule
from pressqa.run.engine import feed
from pressqa.checks import Context

TEXT = "Headline Of The Day\n\nWASHINGTON, May 1 — The minister spoke.\n\n- one item\n- two items\n\nContact: Jo Bloggs, +1 202 555 0100\n"


class _Seen(Check):
    type = "seen"
    unit = "paragraph"

    def check_paragraph(self, doc, para, ctx):
        yield Hit(para.start, para.start + 1, para.kind)


class _SeenWhole(Check):
    type = "seen-whole"

    def check(self, doc, ctx):
        for para in ctx.paragraphs:
            yield Hit(para.start, para.start + 1, para.kind)


def _rule():
    return Rule(id="seen", type="seen", category="style", level="warning")


def _kinds(check) -> list[str]:
    doc = Document(TEXT)
    return [hit.message for hit in feed(check, doc, Context(doc))]


def test_a_paragraph_check_is_fed_every_paragraph_when_it_declares_no_kinds():
    doc = Document(TEXT)
    assert _kinds(_Seen(_rule())) == [p.kind for p in doc.paragraphs]
    assert "list" in _kinds(_Seen(_rule()))


@pytest.mark.parametrize("cls", [_Seen, _SeenWhole])
def test_a_check_is_fed_only_the_kinds_it_declares(cls):
    check = cls(_rule())
    check.kinds = kinds_but("list", "contact")
    seen = _kinds(check)
    assert seen and "list" not in seen and "contact" not in seen


def test_the_view_shares_memo_and_notices():
    doc = Document(TEXT)
    ctx = Context(doc)
    view = ctx.fed(frozenset({doc.paragraphs[0].kind}))
    view.notice("once")
    assert view.memo("k", lambda: 1) == 1 and ctx.memo("k", lambda: 2) == 1
    assert ctx.notices == ["once"] and len(view.paragraphs) == 1 and len(ctx.paragraphs) == len(doc.paragraphs)
    same = frozenset({"body", "list"})
    assert ctx.fed(same).paragraphs is ctx.fed(same).paragraphs  # checks that read the same kinds share one list


def test_unknown_kinds_are_refused():
    with pytest.raises(ValueError):
        kinds_but("bodyy")


#: Types that still walk ``doc.paragraphs`` and filter kinds themselves: none may join.
NOT_FED: set[str] = set()

_WALKS = re.compile(r"for \w+ in doc\.paragraphs\b|\.kind (?:not )?in \(|\.kind [!=]= \"")


@pytest.mark.parametrize("type_name", sorted(set(REGISTRY) - NOT_FED))
def test_a_fed_check_does_not_walk_or_filter_paragraphs_itself(type_name):
    cls = load_type(type_name)
    for method in ("check", "check_paragraph"):
        if method in cls.__dict__:
            assert not _WALKS.search(inspect.getsource(cls.__dict__[method])), \
                f"{type_name}.{method}: declare `kinds` and read ctx.paragraphs (or unit = 'paragraph')"


def test_no_new_type_walks_paragraphs_itself():
    walking = {name for name in REGISTRY if any(
        _WALKS.search(inspect.getsource(load_type(name).__dict__[m])) for m in ("check", "check_paragraph")
        if m in load_type(name).__dict__)}
    assert walking <= NOT_FED, f"{sorted(walking - NOT_FED)} walk doc.paragraphs: declare kinds instead"


# -- memos a family of types declares are forgotten after its last rule (Check.memos) -----------------


def test_context_forgets_a_memo_or_every_memo_under_a_prefix():
    ctx = Context(Document(TEXT))
    for key in ("lexical.word_index", "lexical.sentence_starts", "lexicalish", "mentions"):
        ctx.memo(key, lambda: [1])
    ctx.forget("lexical.")
    ctx.forget("mentions")
    ctx.forget("not-there")
    built = []
    assert ctx.memo("lexicalish", lambda: built.append(1)) == [1] and built == []  # kept
    ctx.memo("lexical.word_index", lambda: built.append(1))
    ctx.memo("mentions", lambda: built.append(2))
    assert built == [1, 2]  # built again when asked after being forgotten


def test_the_engine_forgets_a_familys_memos_after_its_last_rule(monkeypatch):
    from pressqa.packs.config import build_settings
    from pressqa.run.engine import Engine

    engine = Engine(build_settings({"extends": ["press", "ap", "plain-language"]}, None))
    rules = engine.active_rules()
    forget = engine._forget_after(rules)
    declared = {key: [i for i, r in enumerate(rules) if key in load_type(r.type).memos]
                for key in ("lexical.", "readability.", "mentions", "titles:", "acronym-definitions")}
    for key, readers in declared.items():
        assert readers, key
        assert [i for i, keys in forget.items() if key in keys] == [readers[-1]]
    forgotten: list[tuple[str, int]] = []
    monkeypatch.setattr(Context, "forget", lambda self, key: forgotten.append((key, len(self._memo))))
    engine.check(Document(TEXT + "\nWe organise and organize the U.S. summit in order to talk.\n"))
    assert {key for key, _ in forgotten} == {"lexical.", "readability.", "mentions", "titles:", "acronym-definitions"}
