"""Records (pressqa.records): what the check path uses of dataclasses, without importing them."""

from __future__ import annotations

from typing import ClassVar

import pytest

from pressqa.records import FrozenError, field, fields, record, replace


@record(frozen=True)
class Point:
    x: int
    y: int = 0
    tags: dict = field(default_factory=dict, compare=False, hash=False)
    KIND: ClassVar[str] = "point"


@record
class Bag:
    items: list = field(default_factory=list)
    name: str = "bag"


def test_construction_by_position_and_keyword_with_defaults_and_factories():
    p = Point(1, y=2)
    assert (p.x, p.y, p.tags) == (1, 2, {})
    assert Point(1).tags is not Point(1).tags
    assert [f.name for f in fields(Point)] == ["x", "y", "tags"]
    with pytest.raises(TypeError, match="missing 'x'"):
        Point()
    with pytest.raises(TypeError, match="unexpected"):
        Point(1, z=3)
    with pytest.raises(TypeError, match="two values"):
        Point(1, x=2)


def test_frozen_records_refuse_assignment_and_hash_by_their_compared_fields():
    p = Point(1, 2, {"a": 1})
    with pytest.raises(FrozenError):
        p.x = 3  # type: ignore[misc]
    assert p == Point(1, 2, {"b": 2}) and hash(p) == hash(Point(1, 2)) and p != Point(2, 2)
    assert len({p, Point(1, 2)}) == 1
    assert repr(p) == "Point(x=1, y=2, tags={'a': 1})"


def test_mutable_records_change_and_are_unhashable_like_dataclasses():
    b = Bag()
    b.items.append(1)
    b.name = "sack"
    assert b == Bag([1], "sack")
    with pytest.raises(TypeError):
        hash(b)


def test_replace_copies_with_changes_and_refuses_unknown_fields():
    p = Point(1, 2)
    q = replace(p, y=5)
    assert (q.x, q.y) == (1, 5) and p.y == 2 and type(q) is Point
    with pytest.raises(TypeError, match="no field"):
        replace(p, z=1)


def test_replace_still_works_on_a_dataclass():
    import dataclasses

    @dataclasses.dataclass(frozen=True)
    class D:
        a: int

    assert replace(D(1), a=2) == D(2)


def test_class_variables_and_methods_stay_on_the_class():
    @record(frozen=True)
    class Span:
        start: int
        end: int

        @property
        def length(self) -> int:
            return self.end - self.start

    assert Span(2, 5).length == 3 and Point.KIND == "point" and "KIND" not in [f.name for f in fields(Point)]


def test_a_record_extends_a_record():
    @record(frozen=True)
    class Point3(Point):
        z: int = 0

    assert [f.name for f in fields(Point3)] == ["x", "y", "tags", "z"]
    assert Point3(1, 2, {}, 3).z == 3
