"""The command line: parse arguments, call the engine, hand findings to a formatter, set the exit code.

Exit codes: 0 clean, 1 findings at or above the gate (``--fail-on``), 2 usage,
configuration or input error.
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any, Callable, NoReturn

import click

from pressqa import __version__
from pressqa.errors import PressqaError

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2

#: Subcommands that live in their own modules, imported only when used.
LAZY_COMMANDS: dict[str, str] = {
    "check": "pressqa.cli.check:check",
    "rules": "pressqa.cli.rules:rules",
    "fix": "pressqa.cli.fix:fix",
    "serve": "pressqa.cli.serve:serve",
    "stats": "pressqa.cli.stats:stats",
    "languagetool": "pressqa.cli.languagetool:languagetool",
    "lsp": "pressqa.cli.lsp:lsp",
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use (keeps ``--version`` fast)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(LAZY_COMMANDS))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in LAZY_COMMANDS:
            module_name, _, attr = LAZY_COMMANDS[cmd_name].partition(":")
            return getattr(importlib.import_module(module_name), attr)
        return super().get_command(ctx, cmd_name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="pressqa", message="%(prog)s %(version)s")
def cli() -> None:
    """pressqa: a linter for press releases.

    Reports truncated sentences, name variants, broken clauses, inconsistent
    titles, grammar, spelling and readability problems with file, line and column.
    """


def main(argv: list[str] | None = None) -> Any:
    """Console entry point: one clear line and exit code 2 for every user error, never a traceback."""
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


def fail(exc: PressqaError) -> None:
    """Print a user error as one line and exit 2."""
    # An error without a file already renders as "pressqa: ...".
    line = exc.render() if exc.path is None else f"pressqa: {exc.render()}"
    click.echo(line, err=True)
    sys.exit(EXIT_ERROR)


def run_and_exit(action: Callable[[], int]) -> NoReturn:
    """Run a command's work and exit with its code; user errors are one line and exit 2, never a traceback."""
    try:
        code = action()
    except PressqaError as exc:
        fail(exc)
    except (click.exceptions.Exit, click.ClickException, SystemExit):
        raise
    except Exception as exc:  # pragma: no cover - last resort
        internal_error(exc)
    sys.exit(code)


def internal_error(exc: BaseException) -> None:
    if os.environ.get("PRESSQA_DEBUG"):
        raise exc
    click.echo(f"pressqa: internal error: {type(exc).__name__}: {exc} (set PRESSQA_DEBUG=1 for a traceback)", err=True)
    sys.exit(EXIT_ERROR)
