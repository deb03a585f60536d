"""``mode = "local"``: a LanguageTool server that language-tool-python starts, watches and stops.

Here the library earns its place (process management, readiness polling, clean-up at exit), and
a few seconds of JVM start dwarf its import cost.  It runs the jars that ``pressqa languagetool
install`` fetched from Maven Central: their folder has the layout of LanguageTool's stand-alone
download, so pointing ``LTP_PATH`` at it stops the library from downloading anything.  The
library converts LanguageTool's UTF-16 offsets to code points itself.
"""

from __future__ import annotations

import os
from typing import Any

from pressqa.backends.ltbase import DEFAULT_TIMEOUT, MAX_REPLACEMENTS, Backend, LTMatch, LTOptions
from pressqa.errors import BackendError


class LocalBackend(Backend):
    """A LanguageTool server that language-tool-python starts (on first use) and stops at exit."""

    def __init__(self, installation: Any, language: str = "en-US", timeout: float = DEFAULT_TIMEOUT) -> None:
        self.installation = installation
        self.language = language
        self.timeout = timeout
        self.where = f"LanguageTool {installation.version} (local)"
        self._tool: Any = None

    @property
    def version(self) -> str:
        return self.installation.version

    def _start(self) -> Any:
        if self._tool is not None:
            return self._tool
        # language-tool-python looks for LanguageTool-VERSION/languagetool-server.jar
        # under $LTP_PATH: the install folder has exactly that layout.
        os.environ["LTP_PATH"] = str(self.installation.root)
        try:
            import language_tool_python
        except ImportError as exc:
            raise BackendError(None, f"mode = \"local\" needs language-tool-python: {exc}") from None
        try:
            tool = language_tool_python.LanguageTool(
                self.language, language_tool_download_version=self.installation.version)
        except Exception as exc:  # the library raises many kinds (ServerError, PathError, OSError...)
            raise BackendError(None, f"{self.where} did not start: {_one_line(exc)}") from None
        tool._TIMEOUT = self.timeout  # type: ignore[assignment]  # the library's request timeout is a class constant of 300 s
        self._tool = tool
        return tool

    def check(self, text: str, options: LTOptions) -> list[LTMatch]:
        tool = self._start()
        if str(tool.language) != options.language:
            tool.language = options.language  # (clears the rule sets, so it comes first)
        tool.disabled_rules = set(options.disabled_rules)
        tool.enabled_rules = set(options.enabled_rules)
        tool.disabled_categories = set(options.disabled_categories)
        tool.enabled_categories = set(options.enabled_categories)
        tool.picky = options.picky
        try:
            found = tool.check(text)
        except Exception as exc:
            raise BackendError(None, f"{self.where} failed: {_one_line(exc)}") from None
        matches: list[LTMatch] = []
        for match in found:  # offsets already in code points (the library converts)
            matches.append(LTMatch(
                int(match.offset), int(match.error_length), str(match.rule_id), str(match.category),
                str(match.rule_issue_type), str(match.message), tuple(match.replacements[:MAX_REPLACEMENTS]),
            ))
        return matches

    def close(self) -> None:
        if self._tool is not None:
            try:
                self._tool.close()
            except Exception:
                pass
            self._tool = None


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:300]
