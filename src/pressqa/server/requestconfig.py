"""A request's ``config``: validated like a config file, refusing what names files and, unless the
operator allows it, what the client would have the server run (regular expressions, message templates).

Nothing here reads a file other than pressqa's own shipped packs and data.
"""

from __future__ import annotations

from typing import Any

from pressqa.errors import ConfigError
from pressqa.packs.config import CONFIG_SCHEMA, DEFAULT_PACKS, SECTIONS, Settings, build_settings

#: Config keys a request may use.  Everything else a config file may hold either
#: names files on the server (``include``/``exclude`` globs, a baseline) or is
#: unknown, and is refused with the key named.
REQUEST_CONFIG_KEYS = ("extends", "fail_on", "language", "rules")
#: How a request's config is named in errors; the angle brackets also keep the
#: files its rules name from being looked for on disk (see pressqa.housedata).
REQUEST_LABEL = "<request>"
#: The deepest nesting of JSON a request may send (a config is a few levels deep).
MAX_DEPTH = 32

#: Rule options whose values the server would compile and run as regular expressions.
REGEX_OPTIONS = frozenset({"pattern", "token", "regex"})
#: Options that hold regular expressions once the rule has ``regex: true`` (from its pack or the request).
REGEX_WHEN_REGEX = frozenset({"tokens", "swap", "groups"})
#: Options that are message templates: any rule's ``message``; a ``pattern`` rule's ``suggestion``.
TEMPLATE_OPTIONS = frozenset({"message"})
TEMPLATE_OPTIONS_BY_TYPE = {"pattern": frozenset({"suggestion"})}


class ServiceError(Exception):
    """A client error answered as ``{"error": {"code", "message"}}`` with *status*."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers


def nesting_depth(value: Any, limit: int = MAX_DEPTH) -> int:
    """How deeply *value* nests lists and dicts, counting no further than *limit* + 1 (no recursion)."""
    deepest = 0
    todo: list[tuple[Any, int]] = [(value, 1)]
    while todo:
        item, depth = todo.pop()
        if not isinstance(item, (dict, list)):
            continue
        deepest = max(deepest, depth)
        if deepest > limit:
            return deepest
        children = item.values() if isinstance(item, dict) else item
        todo.extend((child, depth + 1) for child in children)
    return deepest


def settings_from_request(config: Any, allow_client_patterns: bool = False) -> Settings:
    """Validate a request's config exactly like a config file, refusing anything that names a file.

    Every value whose schema says ``"format": "path"`` (config keys, and the
    options of each rule's check type) is looked at before anything is read:
    only shipped pack names (``extends``) and shipped data files
    (``names/distinct.yaml``) pass.  The only files read are pressqa's own.
    Regular expressions and message templates are refused unless
    *allow_client_patterns* (``pressqa serve --allow-client-patterns``).
    """
    try:
        return _settings_from_request(config, allow_client_patterns)
    except RecursionError:
        # a formula or condition nested thousands deep: the parser gives up, and so do we
        raise ServiceError(400, "invalid_config", "config: nested too deeply (a formula or condition?)") from None


def _settings_from_request(config: Any, allow_client_patterns: bool) -> Settings:
    from pressqa.packs.loader import file_values, load_packs, validate
    from pressqa.resources import is_shipped_data

    if not isinstance(config, dict):
        raise ServiceError(400, "invalid_config", "'config' must be a JSON object (the keys of a pressqa.toml)")
    if nesting_depth(config) > MAX_DEPTH:
        raise ServiceError(400, "invalid_config", f"config: nested deeper than {MAX_DEPTH} levels")
    for key in config:
        if key not in REQUEST_CONFIG_KEYS:
            if key in SECTIONS:
                reason = f"config key {key!r} is not accepted by the service (allowed: {', '.join(REQUEST_CONFIG_KEYS)})"
            else:
                reason = f"config: {key}: unknown key (allowed: {', '.join(REQUEST_CONFIG_KEYS)})"
            raise ServiceError(400, "invalid_config", reason)
    try:
        validate(config, CONFIG_SCHEMA, REQUEST_LABEL, lambda path: None)
    except ConfigError as exc:
        raise ServiceError(400, "invalid_config", f"config: {exc.key}: {exc.message}") from None
    for key_path, value in file_values(config, CONFIG_SCHEMA):
        if key_path[0] == "extends" and not _is_pack_path(value):
            continue
        raise ServiceError(400, "invalid_config", f"config: {_dotted(key_path)}: {value!r}: "
                           + ("only shipped pack names are accepted, not paths" if key_path[0] == "extends"
                              else "names a file; not accepted by the service"))
    try:
        # Shipped packs only (checked above): the rule types say which options name files.
        packs = load_packs(list(config.get("extends", DEFAULT_PACKS)), None, REQUEST_LABEL)
    except ConfigError as exc:
        where = f"{exc.key}: " if exc.key else ""
        raise ServiceError(400, "invalid_config", f"config: {where}{exc.message}") from None
    for rule_id, body in (config.get("rules") or {}).items():
        rule = packs.rule(rule_id)
        if rule is None or not isinstance(body, dict):
            continue  # an unknown rule or a level: build_settings reports what is wrong
        if not allow_client_patterns:
            refused = client_supplied_code(rule.type, rule.options, body)
            if refused is not None:
                option, what = refused
                raise ServiceError(400, "client_patterns_refused",
                                   f"config: rules.{rule_id}.{option}: {what} from a request are not accepted "
                                   "(the operator can allow them with 'pressqa serve --allow-client-patterns')")
        schema = {"type": "object", "properties": _type_options(rule.type)}
        for key_path, value in file_values(body, schema, ["rules", rule_id]):
            refs = value if isinstance(value, list) else [value]
            for i, ref in enumerate(refs):
                if not is_shipped_data(ref):
                    where = _dotted([*key_path, i] if isinstance(value, list) else key_path)
                    raise ServiceError(400, "invalid_config", f"config: {where}: {ref!r}: names a file; the service "
                                       "accepts only data shipped with pressqa (such as names/distinct.yaml)")
    try:
        return build_settings(config, None, label=REQUEST_LABEL)
    except ConfigError as exc:
        where = f"{exc.key}: " if exc.key else ""
        raise ServiceError(400, "invalid_config", f"config: {where}{exc.message}") from None


def client_supplied_code(type_name: str, pack_options: dict[str, Any], body: dict[str, Any]) -> tuple[str, str] | None:
    """The first option of a request's rule *body* that the server would run as a regular expression
    or format as a template, as ``(option, what)``; None when there is none."""
    for option in body:
        if option in REGEX_OPTIONS and not (option == "regex" and body[option] is False):
            return option, "regular expressions"
        if option in TEMPLATE_OPTIONS or option in TEMPLATE_OPTIONS_BY_TYPE.get(type_name, ()):
            return option, "message templates"
    if body.get("regex", pack_options.get("regex")):
        for option in body:
            if option in REGEX_WHEN_REGEX:
                return option, "regular expressions"
    return None


def _is_pack_path(ref: Any) -> bool:
    from pressqa.packs.loader import _is_path

    return not isinstance(ref, str) or _is_path(ref) or ref.startswith((".", "~"))


def _dotted(key_path: list[Any]) -> str:
    return ".".join(str(part) for part in key_path)


def _type_options(type_name: str) -> dict[str, dict]:
    from pressqa.checks import load_type

    try:
        return load_type(type_name).options
    except (KeyError, ImportError):
        return {}
