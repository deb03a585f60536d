"""The command line: parse arguments, call the engine, hand findings to a formatter, set the exit code.

Exit codes: 0 clean, 1 findings at or above the gate (``--fail-on``), 2 usage,
configuration or input error.
"""

from __future__ import annotations

import gc
import os
import sys

from pressqa import __version__
from pressqa.errors import PressqaError

# Not ``typing.TYPE_CHECKING``: importing typing (and re, which it imports) costs more than the rest
# of ``pressqa --version``; mypy treats any ``TYPE_CHECKING`` as true.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Callable, NoReturn

EXIT_CLEAN, EXIT_ERROR = 0, 2
EXIT_FINDINGS = 1

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
        _main(argv)
    finally:
        if checking:
            end_check()


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


# -- the start-up of ``pressqa check`` ---------------------------------------------------------------
#
# A check of one release is mostly start-up: imports, compiling ~130 regular expressions, building
# ~25 dataclasses, loading rule packs.  Two things that cost a quarter of it are avoidable:
#
# * the patterns are restored from the disk cache (:mod:`pressqa.cli.regexcache`), and the ones this
#   run compiled for the first time are written there at the end;
# * the cyclic garbage collector is paused while modules and data load (they make no garbage, but
#   their ~100,000 new objects set off ~40 collections, ~9 ms), and resumed with the start-up
#   objects frozen (never scanned again) before a large input, or after the first file of small ones.

_gc_paused = False


def start_check() -> None:
    global _gc_paused
    from pressqa.cli import regexcache

    regexcache.load()
    if gc.isenabled():
        gc.disable()
        _gc_paused = True


def resume_gc() -> None:
    """Start-up is over: the collector runs again, over the objects made from now on."""
    global _gc_paused
    if _gc_paused:
        _gc_paused = False
        gc.freeze()
        gc.enable()


def end_check() -> None:
    resume_gc()
    from pressqa.cli import regexcache

    regexcache.save()


def fail(exc: PressqaError) -> None:
    """Print a user error as one line and exit 2."""
    # An error without a file already renders as "pressqa: ...".
    line = exc.render() if exc.path is None else f"pressqa: {exc.render()}"
    echo_err(line)
    sys.exit(EXIT_ERROR)


def run_and_exit(action: Callable[[], int]) -> NoReturn:
    """Run a command's work and exit with its code; user errors are one line and exit 2, never a traceback."""
    try:
        code = action()
    except PressqaError as exc:
        fail(exc)
    except SystemExit:
        raise
    except Exception as exc:  # pragma: no cover - last resort
        click = sys.modules.get("click")  # click's own exceptions can only come from an imported click
        if click is not None and isinstance(exc, (click.exceptions.Exit, click.ClickException)):
            raise
        internal_error(exc)
    sys.exit(code)


def internal_error(exc: BaseException) -> None:
    if os.environ.get("PRESSQA_DEBUG"):
        raise exc
    echo_err(f"pressqa: internal error: {type(exc).__name__}: {exc} (set PRESSQA_DEBUG=1 for a traceback)")
    sys.exit(EXIT_ERROR)


def echo_err(line: str) -> None:
    """One line on standard error (click.echo's job, without importing click where it is not loaded)."""
    click = sys.modules.get("click")
    if click is not None:
        click.echo(line, err=True)
        return
    stream = sys.stderr
    if stream is not None:
        stream.write(line + "\n")
        stream.flush()
