"""The command line: parse arguments, call the engine, hand findings to a formatter, set the exit code.

Exit codes: 0 clean, 1 findings at or above the gate (``--fail-on``), 2 usage,
configuration or input error.
"""

from __future__ import annotations

import sys

from pressqa import __version__
from pressqa.cli.common import (  # noqa: F401 (re-exported: the commands import them from here)
    EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, echo, echo_err, fail, internal_error, pause_gc, resume_gc, run_and_exit,
)
from pressqa.errors import PressqaError

# Not ``typing.TYPE_CHECKING``: importing typing (and re, which it imports) costs more than the rest
# of ``pressqa --version``; mypy treats any ``TYPE_CHECKING`` as true.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, NoReturn

#: ``pressqa --version`` and ``-V`` alone print the version without importing click (~10 ms, a third
#: of the command's cost); ``pressqa.cli.app`` declares the same option for ``--help`` and for click.
VERSION_ARGV = (["--version"], ["-V"])


def __getattr__(name: str) -> Any:
    """``cli`` (the click group) and ``LAZY_COMMANDS`` live in :mod:`pressqa.cli.app`, imported on first use."""
    if name in ("cli", "LazyGroup", "LAZY_COMMANDS"):
        from pressqa.cli import app

        return getattr(app, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main(argv: list[str] | None = None) -> Any:
    """Console entry point: one clear line and exit code 2 for every user error, never a traceback."""
    args = sys.argv[1:] if argv is None else list(argv)
    if args in VERSION_ARGV:
        sys.stdout.write(f"pressqa {__version__}\n")
        sys.stdout.flush()
        sys.exit(EXIT_CLEAN)
    checking = args[:1] == ["check"]
    if checking:
        start_check()
    try:
        fast = None
        if checking:
            from pressqa.cli import fastcheck

            fast = fastcheck.parse(args[1:])
        if fast is not None:
            _fast_check(fast)
        else:
            _main(argv)
    finally:
        if checking:
            end_check()


def _fast_check(params: dict[str, Any]) -> NoReturn:
    """``pressqa check`` with arguments :mod:`pressqa.cli.fastcheck` parsed as click would, without click."""
    try:
        from pressqa.cli.checkrun import run_command

        run_command(**params)
    except PressqaError as exc:
        fail(exc)
    except KeyboardInterrupt:
        echo_err("pressqa: interrupted")
        sys.exit(130)
    sys.exit(EXIT_CLEAN)  # pragma: no cover - run_command exits


def _main(argv: list[str] | None) -> NoReturn:
    import click

    from pressqa.cli.app import cli

    try:
        code = cli.main(args=argv, prog_name="pressqa", standalone_mode=False)
    except click.exceptions.UsageError as exc:
        # One line, like every other error, with where to look for the right usage.
        where = exc.ctx.command_path if exc.ctx is not None else "pressqa"
        click.echo(f"pressqa: {exc.format_message()} (see '{where} --help')", err=True)
        sys.exit(EXIT_ERROR)
    except click.exceptions.ClickException as exc:
        click.echo(f"pressqa: {exc.format_message()}", err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("pressqa: aborted", err=True)
        sys.exit(1)
    except PressqaError as exc:  # raised outside a command's own handling
        fail(exc)
    except KeyboardInterrupt:
        click.echo("pressqa: interrupted", err=True)
        sys.exit(130)
    sys.exit(code if isinstance(code, int) else EXIT_CLEAN)


def start_check() -> None:
    """Before ``pressqa check`` imports anything: patterns back from the cache, the collector paused
    (see :mod:`pressqa.cli.common`)."""
    from pressqa.cli import regexcache

    regexcache.load()
    pause_gc()


def end_check() -> None:
    resume_gc()
    from pressqa.cli import regexcache

    regexcache.save()
