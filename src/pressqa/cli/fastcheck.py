"""``pressqa check`` arguments parsed without click, for the common cases (a commit hook's).

Importing click costs ~10 ms, a tenth of checking one release.  :func:`parse` understands
the arguments a hook or an editor passes (files, ``-q``, ``--format json``, ``--select``...)
and returns the parameters click would give :func:`pressqa.cli.check.check`; anything else
(``--help``, ``--output``, ``--baseline``, ``--opt=value``, ``--``, a bad value, an unknown
option) returns None, and click parses the arguments as always, with its own messages.
tests/test_fastcheck.py holds this parser to click's on many argument lists.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

#: Flags: option -> (parameter, value).
FLAGS: dict[str, tuple[str, bool]] = {
    "-q": ("quiet", True), "--quiet": ("quiet", True),
    "--isolated": ("isolated", True),
    "--no-baseline": ("no_baseline", True),
    "--report-unused-suppressions": ("report_unused_suppressions", True),
    "--require-languagetool": ("require_languagetool", True),
    "--color": ("color", True), "--no-color": ("color", False),
    "--show-source": ("show_source", True), "--no-show-source": ("show_source", False),
}
#: Options with a value: option -> (parameter, kind); "many" options may repeat.
VALUED: dict[str, tuple[str, str]] = {
    "--format": ("fmt", "format"),
    "--fail-on": ("fail_on", "severity"),
    "--max-findings": ("max_findings", "count"),
    "--select": ("select", "many"),
    "--ignore": ("ignore", "many"),
    "--config": ("config_path", "text"),
    "--stdin-filename": ("stdin_filename", "text"),
    "--encoding": ("encoding", "text"),
    "-j": ("jobs", "count"), "--jobs": ("jobs", "count"),
}


def defaults() -> dict[str, Any]:
    """click's defaults for ``pressqa check`` (tests compare them with the command's)."""
    return {
        "paths": (), "fmt": "text", "fail_on": None, "max_findings": None, "outputs": [], "baseline_path": None,
        "no_baseline": False, "write_baseline": None, "report_unused_suppressions": False, "select": (),
        "ignore": (), "config_path": None, "isolated": False, "stdin_filename": None, "encoding": None,
        "show_source": None, "color": None, "quiet": False, "jobs": 0, "require_languagetool": False,
    }


def parse(args: list[str]) -> dict[str, Any] | None:
    """The parameters of ``pressqa check ARGS``, or None to leave the parsing to click."""
    params = defaults()
    paths: list[str] = []
    many: dict[str, list[str]] = {"select": [], "ignore": []}
    seen: set[str] = set()
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "-" or not arg.startswith("-"):
            paths.append(arg)
        elif arg in FLAGS:
            name, flag = FLAGS[arg]
            params[name] = flag
        elif arg in VALUED:
            if i + 1 >= len(args):
                return None
            name, kind = VALUED[arg]
            value = args[i + 1]
            if value.startswith("-") or (kind != "many" and name in seen):
                return None
            seen.add(name)
            i += 1
            if kind == "many":
                many[name].append(value)
            elif kind == "count":
                if not (value.isascii() and value.isdigit()):
                    return None
                params[name] = int(value)
            elif kind == "format":
                from pressqa.reports import REGISTRY

                if value not in REGISTRY:
                    return None
                params[name] = value
            elif kind == "severity":
                from pressqa.findings import SEVERITY_NAMES

                if value not in (*SEVERITY_NAMES, "never"):
                    return None
                params[name] = value
            else:
                params[name] = value
        else:
            return None
        i += 1
    params["paths"] = tuple(paths)
    params["select"] = tuple(many["select"])
    params["ignore"] = tuple(many["ignore"])
    return params
