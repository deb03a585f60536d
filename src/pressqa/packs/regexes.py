"""Regular expressions written by users (rule packs), compiled once and run with a time limit.

A pattern in a house pack can backtrack catastrophically (``(a|aa)+$``); in a
commit hook that would hang the commit.  Every search of a user pattern goes
through :func:`finditer`, which passes the ``regex`` module's ``timeout`` and turns
a timeout into a :class:`RegexTimeoutError` that names the pack, the rule and the file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

from pressqa.errors import ConfigError

if TYPE_CHECKING:
    from pressqa.packs.rule import Rule

#: Seconds one search may take, unless the config sets ``regex_timeout``.
DEFAULT_TIMEOUT = 0.5


class RegexTimeoutError(ConfigError):
    """A rule's regular expression ran longer than the time limit on one file."""


def compile_pattern(pattern: str, flags: int = 0) -> Any:
    """Compile with the ``regex`` module (V0 syntax, like ``re``); raises ``regex.error``."""
    import regex

    return regex.compile(pattern, flags)


def compile_error(pattern: Any, flags: int = 0) -> str | None:
    """None if *pattern* compiles, else a one-line description of why not."""
    import regex

    if not isinstance(pattern, str):
        return "must be a string"
    try:
        regex.compile(pattern, flags)
    except regex.error as exc:
        return f"invalid regular expression: {exc}"
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:
        return f"invalid regular expression: {exc}"
    return None


def timeout_for(settings: Any) -> float:
    """The configured time limit, or the default."""
    raw = getattr(settings, "raw", None)
    if isinstance(raw, dict):
        value = raw.get("regex_timeout")
        if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0:
            return float(value)
    return DEFAULT_TIMEOUT


def finditer(compiled: Any, text: str, pos: int, endpos: int, *, rule: "Rule", path: str,
             timeout: float = DEFAULT_TIMEOUT, what: str = "pattern",
             budget: "list[float] | None" = None) -> Iterator[Any]:
    """``compiled.finditer(text, pos, endpos)`` that stops the run with a clear error on a timeout.

    *budget* (a one-item list of seconds left) makes the limit one for the whole file: each
    search gets what earlier searches of the same rule on the file left, so a slow pattern
    run over a hundred paragraphs stops when the file's time is up, not a hundred times later.
    """
    import time

    allowed = timeout if budget is None else budget[0]
    if allowed <= 0:
        raise timeout_error(rule, path, timeout, what)
    iterator = compiled.finditer(text, pos, endpos, timeout=allowed)
    while True:
        started = time.monotonic()
        try:
            match = next(iterator)
        except StopIteration:
            return
        except TimeoutError:
            raise timeout_error(rule, path, timeout, what) from None
        finally:
            if budget is not None:
                budget[0] -= time.monotonic() - started
        yield match


def timeout_error(rule: "Rule", path: str, timeout: float, what: str = "pattern") -> RegexTimeoutError:
    source = rule.source or rule.pack or "pressqa"
    return RegexTimeoutError(
        source,
        f"rule {rule.id}: {what} took longer than {timeout:g} s on {path} (catastrophic backtracking?)",
    )
