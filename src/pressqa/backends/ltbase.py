"""What every LanguageTool backend deals in: the options a check asks with, the matches it gets
back, the :class:`Backend` interface, and the process-wide :class:`Policy` (a command's or a
service's way of waiting on LanguageTool).

The lowest of the LanguageTool modules: :mod:`.lthttp` and :mod:`.ltlocal` build on it, and
:mod:`.languagetool` (configuration, sessions) on all three.
"""

from __future__ import annotations

import json
from typing import NamedTuple

from pressqa.errors import BackendError

DEFAULT_TIMEOUT = 30.0
#: How many replacements a match keeps (LanguageTool may offer dozens).
MAX_REPLACEMENTS = 5


# Records are NamedTuples rather than dataclasses: building a dataclass costs
# about half a millisecond at import, and this module is on the commit-hook path.


class LTMatch(NamedTuple):
    """One LanguageTool match; ``offset``/``length`` count code points of the checked text."""

    offset: int
    length: int
    rule_id: str
    category_id: str
    issue_type: str
    message: str
    replacements: tuple[str, ...] = ()

    def to_json(self) -> list:
        return [self.offset, self.length, self.rule_id, self.category_id, self.issue_type, self.message, list(self.replacements)]

    @classmethod
    def from_json(cls, data: list) -> "LTMatch":
        offset, length, rule_id, category_id, issue_type, message, replacements = data
        return cls(int(offset), int(length), rule_id, category_id, issue_type, message, tuple(replacements))


class LTOptions(NamedTuple):
    """What a check asks LanguageTool for, beyond the text (part of every cache key)."""

    language: str = "en-US"
    enabled_rules: tuple[str, ...] = ()
    disabled_rules: tuple[str, ...] = ()
    enabled_categories: tuple[str, ...] = ()
    disabled_categories: tuple[str, ...] = ()
    picky: bool = False

    def params(self) -> dict[str, str]:
        """The form fields of ``/v2/check`` (without ``text``)."""
        params = {"language": self.language}
        if self.enabled_rules:
            params["enabledRules"] = ",".join(self.enabled_rules)
        if self.disabled_rules:
            params["disabledRules"] = ",".join(self.disabled_rules)
        if self.enabled_categories:
            params["enabledCategories"] = ",".join(self.enabled_categories)
        if self.disabled_categories:
            params["disabledCategories"] = ",".join(self.disabled_categories)
        if self.picky:
            params["level"] = "picky"
        return params

    def key(self) -> str:
        return json.dumps(self.params(), sort_keys=True)


class Unreachable(BackendError):
    """The server could not be reached or did not answer in time (another server of a pool may);
    an answer that is an error is a plain BackendError (the same text would fail anywhere)."""


class Backend:
    """Something that checks texts with LanguageTool."""

    #: where the server is, for messages
    where: str = "LanguageTool"

    @property
    def version(self) -> str:
        raise NotImplementedError

    def check(self, text: str, options: LTOptions) -> list[LTMatch]:
        raise NotImplementedError

    def close(self) -> None:
        """Release what the backend holds (connections, a server it started)."""


class Policy:
    """How sessions behave in this process: a command runs once and gives up on the first failure;
    a long-running service (:func:`~pressqa.backends.languagetool.serve_policy`) retries with backoff, shares one session per
    configuration, and never waits on LanguageTool longer than ``max_timeout``."""

    def __init__(self, retry: bool = False, max_timeout: float | None = None) -> None:
        self.retry = retry
        self.max_timeout = max_timeout
        #: time.monotonic() by which the current request's LanguageTool work must end (a service
        #: sets it per request, so that a slow server costs a notice, not the request's budget)
        self.deadline: float | None = None

    def time_left(self) -> float | None:
        if self.deadline is None:
            return None
        import time

        return self.deadline - time.monotonic()

    def serve(self, max_timeout: float | None) -> None:
        """Behave as a long-running service from now on (changed in place: every module that
        imported :data:`POLICY` sees it)."""
        self.retry = True
        self.max_timeout = max_timeout
        self.deadline = None


#: The policy of this process: a command's until :func:`~pressqa.backends.languagetool.serve_policy`.
POLICY = Policy()
