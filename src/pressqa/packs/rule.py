"""A rule: one pack entry resolved against its check type, ready to run."""

from __future__ import annotations

from pressqa.records import field, record, replace
from typing import Any

from pressqa.findings import Severity

#: Keys every rule may carry, whatever its type.  Anything else is a type option.
COMMON_KEYS = (
    "type", "category", "level", "message", "description", "link", "scope", "examples", "doc", "aliases",
)
LEVELS = ("error", "warning", "info", "off")
#: Where a rule reports.  ``headline`` (headline, subheads), ``body`` (everything
#: else), ``quotations`` (inside double quotes) and ``all`` are places, and a list
#: of them is their union; ``outside-quotations`` removes quoted text from them.
SCOPES = ("all", "headline", "body", "prose", "quotations", "outside-quotations")


@record(frozen=True)
class Rule:
    id: str
    type: str
    category: str
    level: str  # error | warning | info | off
    #: The pack's wording: one template for every message, or message id -> template.
    message: "str | dict[str, str] | None" = None
    description: str = ""
    link: str | None = None
    scope: tuple[str, ...] = ("all",)
    examples: dict[str, list[str]] = field(default_factory=dict, hash=False, compare=False)
    doc: str = ""
    aliases: tuple[str, ...] = ()
    options: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    pack: str = ""
    source: str = ""
    #: option -> the file that set it, when not *source* (data files are relative to it)
    option_sources: dict[str, str] = field(default_factory=dict, hash=False, compare=False)

    def source_of(self, option: str) -> str:
        """The pack or config file that set *option* (where its relative paths start)."""
        return self.option_sources.get(option, self.source)

    @property
    def enabled(self) -> bool:
        return self.level != "off"

    @property
    def severity(self) -> Severity:
        return Severity.parse(self.level if self.level != "off" else "info")

    def with_overrides(self, values: dict[str, Any], source: str = "") -> "Rule":
        """A copy with common keys replaced and options updated from *values*."""
        common: dict[str, Any] = {}
        options = dict(self.options)
        # An option keeps the file that set it: a config that only changes a house rule's
        # level must not move where the rule's names_files are looked for.
        option_sources = {key: self.source_of(key) for key in options}
        for key, value in values.items():
            if key in ("type",):
                continue
            if key == "scope":
                common["scope"] = tuple(value) if isinstance(value, list) else (value,)
            elif key == "aliases":
                common["aliases"] = tuple(value)
            elif key in COMMON_KEYS:
                common[key] = value
            else:
                options[key] = value
                option_sources[key] = source or self.source
        return replace(self, options=options, source=source or self.source, option_sources=option_sources, **common)
