"""``pressqa check``: lint files, directories or standard input."""

from __future__ import annotations

import sys

import click

from . import __version__
from .cli import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, fail, internal_error
from .errors import InputError, PressqaError
from .findings import SEVERITY_NAMES


def split_rules(values: tuple[str, ...]) -> list[str]:
    """``--select a,b --select c`` -> [a, b, c]."""
    out: list[str] = []
    for value in values:
        out.extend(part.strip() for part in value.split(",") if part.strip())
    return out


def format_names() -> list[str]:
    from .reports import REGISTRY

    return list(REGISTRY)


@click.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(format_names()), default="text", show_default=True, help="Report format.")
@click.option("--fail-on", type=click.Choice(SEVERITY_NAMES), default=None, help="Exit 1 when a finding is at or above this severity [default: from config, else error].")
@click.option("--select", multiple=True, metavar="RULE", help="Only these rules (ids, id prefixes ending in '/', or categories); repeatable, comma-separated.")
@click.option("--ignore", multiple=True, metavar="RULE", help="Skip these rules (ids, prefixes or categories); repeatable, comma-separated.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None, help="Use this config file instead of searching for one.")
@click.option("--isolated", is_flag=True, help="Ignore config files: default rules only.")
@click.option("--stdin-filename", default=None, metavar="NAME", help="The name to report for '-' (standard input); also used to find config.")
@click.option("--encoding", default=None, metavar="ENC", help="Read files in this encoding instead of UTF-8/UTF-16/UTF-32 with BOM.")
@click.option("--show-source/--no-show-source", default=None, help="Show the offending line with a caret underline [default: on a terminal].")
@click.option("--color/--no-color", default=None, help="Colour the text report [default: on a terminal].")
@click.option("-q", "--quiet", is_flag=True, help="Print findings only: no summary when clean, no notices.")
def check(paths: tuple[str, ...], fmt: str, fail_on: str | None, select: tuple[str, ...], ignore: tuple[str, ...],
          config_path: str | None, isolated: bool, stdin_filename: str | None, encoding: str | None,
          show_source: bool | None, color: bool | None, quiet: bool) -> None:
    """Check press releases and report every problem with its line and column.

    PATHS are files, directories (searched for the config's include patterns,
    by default *.txt and *.md) or '-' for standard input.  With no PATHS, the
    current directory is checked.
    """
    try:
        code = run_check(paths or (".",), fmt, fail_on, split_rules(select), split_rules(ignore), config_path, isolated,
                         stdin_filename, encoding, show_source, color, quiet)
    except PressqaError as exc:
        fail(exc)
    except (click.exceptions.Exit, click.ClickException, SystemExit):
        raise
    except Exception as exc:  # pragma: no cover - last resort
        internal_error(exc)
    sys.exit(code)


def run_check(paths, fmt, fail_on, select, ignore, config_path, isolated, stdin_filename, encoding,
              show_source, color, quiet) -> int:
    from .config import ConfigResolver
    from .engine import FileResult, gate
    from .reports import ReportOptions, get
    from .runner import Runner, discover

    resolver = ConfigResolver(config_path, isolated=isolated)
    runner = Runner(resolver, select, ignore)
    results = []
    errors: list[str] = []
    gate_hit = False
    for target in discover(paths, resolver, stdin_filename):
        if isinstance(target, InputError):
            # Reported like a file that cannot be read: in the report (JSON "error") and on stderr.
            errors.append(target.render())
            results.append(FileResult(path=target.path or "-", error=target.render()))
            continue
        result = runner.check_target(target, encoding)
        if result.error:
            errors.append(result.error)
        results.append(result)
        threshold = fail_on or runner.settings_for(target).fail_on
        if gate(result.findings, threshold):
            gate_hit = True
    tty = sys.stdout.isatty()
    options = ReportOptions(
        color=tty if color is None else color,
        show_source=tty if show_source is None else show_source,
        quiet=quiet,
        fail_on=fail_on or "error",
        tool_version=__version__,
    )
    # color=... keeps the styles when --color is given and stdout is not a terminal.
    click.echo(get(fmt)(results, options), nl=False, color=options.color)
    seen_notices: set[str] = set()
    if not results and not errors and not quiet:
        click.echo(f"pressqa: no files to check in {', '.join(paths)} "
                   "(none match the include patterns, or all are excluded)", err=True)
    for result in results:
        for notice in result.notices:
            if notice not in seen_notices and not quiet:
                seen_notices.add(notice)
                click.echo(f"pressqa: {notice}", err=True)
    for error in errors:
        click.echo(f"pressqa: {error}", err=True)
    if errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if gate_hit else EXIT_CLEAN
