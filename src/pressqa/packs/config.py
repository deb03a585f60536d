"""Configuration: find, read, validate and resolve ``pressqa.toml`` files.

Looked for, walking up from each checked file's folder: ``pressqa.toml``,
``.pressqa.toml``, then ``[tool.pressqa]`` in ``pyproject.toml``; or given with
``--config PATH``.  In ``pyproject.toml`` the same keys sit under ``[tool.pressqa]``::

    extends = ["press"]              # rule packs: shipped names or paths to YAML files
    include = ["*.txt", "*.md"]      # file patterns when a directory is checked (default: .txt .md .markdown .html .htm .docx)
    exclude = ["archive/**"]         # globs (relative to this file) never checked
    fail_on = "error"                # error | warning | info | never
    language = "en-US"
    baseline = ".pressqa-baseline.json"   # report only findings not in this baseline (relative to this file)
    accept = ["Bayramov", "APA"]     # known-good terms: findings on exactly these are dropped
    accept_file = "accept.txt"       # more of them, one a line (relative to this file)
    regex_timeout = 0.5              # seconds a rule's regular expression may run on one file

    [rules]
    doubled-word = "off"             # a level: error | warning | info | off
    [rules.sentence-length]
    level = "warning"
    max_words = 40                   # an option of the rule's check type

Unknown keys, unknown rule ids and bad values are errors that name the file and
the key; they end the run with exit code 2.
"""

from __future__ import annotations

import fnmatch
import os
from pressqa.records import field, record
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    StrPath = str | os.PathLike[str]

from pressqa.packs import cache
from pressqa.errors import ConfigError
from pressqa.findings import SEVERITY_NAMES
from pressqa.packs.loader import PackSet, check_options, load_packs, rule_schema, validate
from pressqa.packs.rule import LEVELS, Rule
from pressqa.ruleids import did_you_mean

CONFIG_NAMES = ("pressqa.toml", ".pressqa.toml", "pyproject.toml")
DEFAULT_PACKS = ["press"]
DEFAULT_INCLUDE = ["*.txt", "*.md", "*.markdown", "*.html", "*.htm", "*.docx"]

#: The varieties of English LanguageTool checks (its ``en`` module): the values ``language`` takes.
ENGLISH_VARIANTS = ("en", "en-US", "en-GB", "en-AU", "en-CA", "en-NZ", "en-ZA")

#: Top-level config keys and their JSON schemas.  A section owned by another
#: module (``languagetool``) declares its keys here too, so that every unknown
#: key is an error.
SECTIONS: dict[str, dict] = {
    # "format": "path" marks values that name files (a service refuses them; see pressqa.server)
    "extends": {"type": "array", "items": {"type": "string", "format": "path"}},
    "include": {"type": "array", "items": {"type": "string"}},
    "exclude": {"type": "array", "items": {"type": "string"}},
    "fail_on": {"enum": [*SEVERITY_NAMES, "never"]},
    # pressqa's press rules read English (its word lists, closed classes and titles are English),
    # so the language is a variety of English: another language would pass LanguageTool's
    # checks but make every press finding wrong.
    "language": {"enum": list(ENGLISH_VARIANTS)},
    # pressqa.baseline and pressqa.suppress read these
    "baseline": {"type": "string", "minLength": 1, "format": "path"},
    "accept": {"type": "array", "items": {"type": "string", "minLength": 1}},
    "accept_file": {"type": "string", "minLength": 1, "format": "path"},
    # seconds a user regular expression (pattern rules) may run on one file before the run stops
    "regex_timeout": {"type": "number", "exclusiveMinimum": 0, "maximum": 60},
    "rules": {
        "type": "object",
        "additionalProperties": {"oneOf": [{"enum": list(LEVELS)}, {"type": "object"}]},
    },
    # where LanguageTool runs: see pressqa.backends.languagetool
    "languagetool": {
        "type": "object",
        "properties": {
            "mode": {"enum": ["auto", "local", "off"]},
            # one server, or several that requests are spread over (and fail over to)
            "url": {"oneOf": [{"type": "string", "pattern": "^https?://[^\\s/]+"},
                              {"type": "array", "minItems": 1, "uniqueItems": True,
                               "items": {"type": "string", "pattern": "^https?://[^\\s/]+"}}]},
            "required": {"type": "boolean"},
            "timeout": {"type": "number", "exclusiveMinimum": 0},
            "port": {"type": "integer", "minimum": 0, "maximum": 65535},
            "heap": {"type": "string", "pattern": "^[0-9]+[kKmMgG]?$"},
        },
        "additionalProperties": False,
    },
}

#: What makes LanguageTool required, for the errors that say so.
REQUIRED_BY = "[languagetool] required = true, or --require-languagetool"

CONFIG_SCHEMA: dict = {"type": "object", "properties": SECTIONS, "additionalProperties": False}


@record
class Settings:
    """One resolved configuration: the rules to run and how to treat files."""

    source: str | None = None  # the config file, None for defaults
    root: str = "."  # folder globs are relative to
    packs: PackSet = field(default_factory=PackSet)
    rules: list[Rule] = field(default_factory=list)  # enabled and disabled, in pack order
    include: list[str] = field(default_factory=lambda: list(DEFAULT_INCLUDE))
    exclude: list[str] = field(default_factory=list)
    fail_on: str = "error"
    language: str = "en-US"
    raw: dict[str, Any] = field(default_factory=dict)

    @property
    def enabled_rules(self) -> list[Rule]:
        return [rule for rule in self.rules if rule.enabled]

    def section(self, name: str) -> dict[str, Any]:
        value = self.raw.get(name)
        return value if isinstance(value, dict) else {}

    def is_excluded(self, path: str) -> bool:
        if not self.exclude:
            return False
        try:
            rel = os.path.relpath(os.path.abspath(path), self.root)
        except ValueError:
            rel = path
        rel = rel.replace(os.sep, "/")
        name = os.path.basename(path)
        for pattern in self.exclude:
            if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(name, pattern):
                return True
            if pattern.endswith("/**") and (rel + "/").startswith(pattern[:-2]):
                return True
            if fnmatch.fnmatch(rel, pattern.rstrip("/") + "/*"):
                return True
        return False


def _load_toml(path: "StrPath") -> dict[str, Any]:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as exc:
        raise ConfigError(str(path), f"cannot read config: {exc.strerror or exc}") from None
    try:
        return tomllib.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ConfigError(str(path), f"not valid UTF-8 at byte {exc.start}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(str(path), f"invalid TOML: {exc}") from None


def read_config_file(path: "StrPath") -> dict[str, Any] | None:
    """The pressqa table of a config file; None for a pyproject.toml without one."""
    data = _load_toml(path)
    if os.path.basename(path) == "pyproject.toml":
        tool = data.get("tool", {})
        if not isinstance(tool, dict) or "pressqa" not in tool:
            return None
        section = tool["pressqa"]
        if not isinstance(section, dict):
            raise ConfigError(str(path), "must be a table", key="tool.pressqa")
        return section
    return data


def find_config(start: "StrPath") -> str | None:
    """The nearest config file at or above folder *start*.

    (Paths here are strings through os.path: importing pathlib costs ~3.5 ms of every
    commit-hook run, for urllib.parse and ipaddress behind it.)"""
    folder = os.path.realpath(start)
    while True:
        for name in CONFIG_NAMES:
            candidate = os.path.join(folder, name)
            if os.path.isfile(candidate):
                if name == "pyproject.toml" and read_config_file(candidate) is None:
                    continue
                return candidate
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def _key_prefix(path: "StrPath") -> str:
    return "tool.pressqa." if os.path.basename(path) == "pyproject.toml" else ""


def _lines_of_key(path: "StrPath | None"):
    """A best-effort line finder for TOML keys (tomllib keeps no positions)."""
    if path is None:
        return lambda key_path: None
    try:
        with open(path, encoding="utf-8-sig") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError):
        return lambda key_path: None
    lines = text.splitlines()

    def find(key_path: list[Any]) -> int | None:
        parts = [str(p) for p in key_path if not isinstance(p, int)]
        if not parts:
            return None
        last = parts[-1]
        table = ".".join(parts[:-1])
        in_table = table == "" or table == "tool.pressqa"
        candidates = []
        for number, line in enumerate(lines, 1):
            stripped = line.strip()
            if stripped.startswith("["):
                header = stripped.strip("[]").strip().replace('"', "")
                header = header.removeprefix("tool.pressqa").lstrip(".")
                if header == ".".join(parts):
                    return number
                in_table = header == table
                continue
            bare = stripped.split("=", 1)[0].strip().strip('"')
            if in_table and "=" in stripped and bare == last:
                return number
            if "=" in stripped and bare == last:
                candidates.append(number)
        return candidates[0] if candidates else None

    return find


def build_settings(raw: dict[str, Any], source: "StrPath | None", overrides: dict[str, Any] | None = None,
                   label: str = "pressqa") -> Settings:
    """Validate a config table and resolve its packs and rule overrides.

    A table that comes from no file (*source* None) is named *label* in errors;
    a label in angle brackets (``<request>``) also keeps the files its rules name
    from being looked for beside it (see pressqa.housedata).
    """
    display = str(source) if source else label
    prefix = _key_prefix(source) if source else ""
    lines_of = _lines_of_key(source)
    digest = cache.key("config", cache.code_stamp(), repr(sorted(raw.items())))
    if cache.get("config", digest) is None:
        try:
            validate(raw, CONFIG_SCHEMA, display, lines_of)
        except ConfigError as exc:
            raise ConfigError(display, exc.message, line=exc.line, key=f"{prefix}{exc.key}" if exc.key else None) from None
        validated_now = True
    else:
        validated_now = False
    lt_section = raw.get("languagetool")
    if isinstance(lt_section, dict) and lt_section.get("mode") == "off" and lt_section.get("required"):
        # Contradictory: being required wins, and says what turned it off.
        raise ConfigError(display, f'mode = "off" turns LanguageTool off, but it is required ({REQUIRED_BY})',
                          line=lines_of(["languagetool", "mode"]), key=f"{prefix}languagetool.mode")
    root = os.path.dirname(os.fspath(source)) if source else os.getcwd()
    extends = list(raw.get("extends", DEFAULT_PACKS))
    try:
        packs = load_packs(extends, root, display, lines_of)
    except ConfigError as exc:
        if exc.path != display or not exc.key or not prefix:
            raise
        raise ConfigError(display, exc.message, line=exc.line, key=f"{prefix}{exc.key}") from None
    rules = dict(packs.rules)
    for rule_id, value in (raw.get("rules") or {}).items():
        target = packs.aliases.get(rule_id, rule_id)
        rule = rules.get(target)
        if rule is None:
            if "/" in rule_id and rule_id.split("/", 1)[0] in rules:
                # rules of a backend (languagetool/RULE_ID) are configured by the backend
                continue
            raise ConfigError(
                display,
                f"unknown rule id{did_you_mean(rule_id, rules) or ' (run pressqa rules for the list)'}",
                line=lines_of(["rules", rule_id]),
                key=f"{prefix}rules.{rule_id}",
            )
        body = {"level": value} if isinstance(value, str) else dict(value)
        if validated_now:
            schema = dict(rule_schema(rule.type), required=[])
            schema["properties"] = {k: v for k, v in schema["properties"].items() if k not in ("type", "examples", "doc", "aliases")}
            try:
                validate(body, schema, display, lines_of, prefix=["rules", rule_id])
                check_options(rule.type, {**rule.options, **body}, display, lines_of, ["rules", rule_id])
            except ConfigError as exc:
                raise ConfigError(display, exc.message, line=exc.line, key=f"{prefix}{exc.key}") from None
            problem = _validate_options(rule, body)
            if problem:
                key, message = problem
                raise ConfigError(display, message, line=lines_of(["rules", rule_id, *key.split(".")]), key=f"{prefix}rules.{rule_id}.{key}")
        rules[target] = rule.with_overrides(body, source=display)
    if validated_now:
        cache.put("config", digest, True)
    settings = Settings(
        source=str(source) if source else None,
        root=root,
        packs=packs,
        rules=list(rules.values()),
        include=list(raw.get("include", DEFAULT_INCLUDE)),
        exclude=list(raw.get("exclude", [])),
        fail_on=raw.get("fail_on", "error"),
        language=raw.get("language", "en-US"),
        raw=raw,
    )
    if overrides:
        for key, value in overrides.items():
            setattr(settings, key, value)
    return settings


def _validate_options(rule: Rule, body: dict[str, Any]) -> tuple[str, str] | None:
    """A check type's own checks beyond JSON schema (regexes, min below max), on the merged options."""
    from pressqa.checks import load_type

    validator = getattr(load_type(rule.type), "validate_options", None)
    if validator is None:
        return None
    merged = dict(rule.options)
    merged.update(body)
    return validator(merged)


class ConfigResolver:
    """Settings for each checked file, from ``--config`` or the nearest config file (cached per file)."""

    def __init__(self, explicit: str | None = None, isolated: bool = False,
                 overrides: dict[str, dict[str, Any]] | None = None) -> None:
        self.explicit: str | None = explicit or None
        self.isolated = isolated
        self.overrides = overrides or {}  # command-line settings, merged into each file's sections
        self._by_source: dict[str | None, Settings] = {}
        self._by_dir: dict[str, str | None] = {}
        if self.explicit is not None:
            if not os.path.exists(self.explicit):
                raise ConfigError(str(self.explicit), "config file not found")
            if not os.path.isfile(self.explicit):
                raise ConfigError(str(self.explicit), "not a config file (a TOML file was expected)")
            raw = read_config_file(self.explicit)
            if raw is None:
                raise ConfigError(str(self.explicit), "has no [tool.pressqa] table")
            self._by_source[str(self.explicit)] = build_settings(self._merge(raw), self.explicit)

    def for_path(self, path: str | None) -> Settings:
        if self.explicit is not None:
            return self._by_source[str(self.explicit)]
        source: str | None = None
        if not self.isolated:
            folder = os.path.dirname(os.path.abspath(path)) if path else os.getcwd()
            if folder not in self._by_dir:
                self._by_dir[folder] = find_config(folder)
            source = self._by_dir[folder]
        key = str(source) if source else None
        if key not in self._by_source:
            raw = read_config_file(source) if source else {}
            self._by_source[key] = build_settings(self._merge(raw or {}), source)
        return self._by_source[key]

    def _merge(self, raw: dict[str, Any]) -> dict[str, Any]:
        """*raw* with the command-line overrides laid over its sections (``--require-languagetool``)."""
        if not self.overrides:
            return raw
        merged = dict(raw)
        for section, values in self.overrides.items():
            current = merged.get(section)
            merged[section] = {**(current if isinstance(current, dict) else {}), **values}
        return merged
