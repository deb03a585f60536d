"""Measured precision of the press rules on real published copy (``rules/measured/precision.yaml``).

The figures come from the precision loop (``tests/wild.py --write-precision``): every finding of
the four press classes on 1,013 real, unedited State Department items was judged by a copy
editor's standard.  ``pressqa rules RULE`` prints them, and a rule's default level follows them:
``error`` only where the rule is right at least 19 times in 20.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from pressqa.resources import read_shipped

#: The least precision a rule must have shown on real copy to be an ``error`` by default.
ERROR_PRECISION = 0.95


@dataclass(frozen=True)
class Measured:
    """Judged findings of one rule on one kind of item: true defects and false alarms."""

    true: int
    false: int

    @property
    def findings(self) -> int:
        return self.true + self.false

    @property
    def precision(self) -> float | None:
        return self.true / self.findings if self.findings else None

    def describe(self, what: str) -> str:
        if not self.findings:
            return f"no finding on the {what}"
        return (f"{self.precision:.2f} on the {what} ({self.true} of {self.findings} findings "
                f"judged real defects)")


@lru_cache(maxsize=1)
def measurements() -> dict:
    """The whole file: ``corpus`` (a description) and ``rules`` (id -> kind -> Measured)."""
    import yaml

    raw = read_shipped("measured", "precision.yaml")
    data = yaml.safe_load(raw) if raw else {}
    rules = {}
    for rule_id, kinds in (data.get("rules") or {}).items():
        rules[rule_id] = {kind: Measured(int(v.get("defects", 0)), int(v.get("false_alarms", 0)))
                          for kind, v in (kinds or {}).items()}
    return {"corpus": data.get("corpus", ""), "rules": rules}


def for_rule(rule_id: str) -> dict[str, Measured] | None:
    return measurements()["rules"].get(rule_id)


def describe(rule_id: str) -> str | None:
    """A paragraph for ``pressqa rules RULE``, or None for a rule that was not measured."""
    found = for_rule(rule_id)
    if found is None:
        return None
    parts = [found[kind].describe(label) for kind, label in (("release", "releases"), ("transcript", "transcripts"))
             if kind in found]
    return f"Measured precision on real copy: {'; '.join(parts)}. {measurements()['corpus']}".strip()
