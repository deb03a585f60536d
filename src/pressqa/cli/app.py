"""The click command group: ``pressqa`` and its subcommands (each imported when it is used)."""

from __future__ import annotations

import importlib

import click

from pressqa import __version__

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
    """A group whose subcommands are imported on first use (keeps ``--help`` fast)."""

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
