"""What every command of the command line shares: exit codes, one-line errors, output, and the
pause of the garbage collector during ``pressqa check``'s start-up.  Free of click: click is
imported only where arguments are parsed by it (see :mod:`pressqa.cli.fastcheck`)."""

from __future__ import annotations

import gc
import os
import sys

from pressqa.errors import PressqaError

# Not ``typing.TYPE_CHECKING``: importing typing (and re, which it imports) costs more than the rest
# of ``pressqa --version``; mypy treats any ``TYPE_CHECKING`` as true.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Callable, NoReturn

EXIT_CLEAN, EXIT_ERROR = 0, 2
EXIT_FINDINGS = 1

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


def pause_gc() -> None:
    global _gc_paused
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
    """One line on standard error."""
    echo(line, err=True)


def echo(message: str, err: bool = False, nl: bool = True, color: bool | None = None) -> None:
    """``click.echo`` when click is loaded (it is, unless :mod:`pressqa.cli.fastcheck` parsed the
    arguments); else the same for a real stream: ANSI styles are dropped unless *color* is true or,
    with *color* None, the stream is a terminal."""
    click = sys.modules.get("click")
    if click is not None:
        click.echo(message, err=err, nl=nl, color=color)
        return
    stream = sys.stderr if err else sys.stdout
    if stream is None:
        return
    out = message + "\n" if nl else message
    if (not color) if color is not None else not _isatty(stream):
        if "\033" in out:
            import re

            out = re.sub(r"\033\[[;?0-9]*[a-zA-Z]", "", out)  # click's strip_ansi
    stream.write(out)
    stream.flush()


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except Exception:
        return False
