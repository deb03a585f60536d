"""``pressqa lsp``: the language server, speaking LSP on standard input and output."""

from __future__ import annotations

import logging
import sys

import click

from pressqa.cli.main import EXIT_ERROR, fail
from pressqa.errors import PressqaError


@click.command()
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="Use this config file for every document instead of searching for one.")
@click.option("--isolated", is_flag=True, help="Ignore config files: default rules only.")
@click.option("--debounce", default=300, show_default=True, type=click.IntRange(0, 10000), metavar="MS",
              help="Milliseconds of quiet after an edit before the document is checked again.")
@click.option("--log-file", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write the server's log here (standard output carries the protocol).")
@click.option("--stdio", is_flag=True, hidden=True, help="Accepted for editors that pass it; stdio is the only transport.")
def lsp(config_path: str | None, isolated: bool, debounce: int, log_file: str | None, stdio: bool) -> None:
    """Run the language server on stdin/stdout, for editors (VS Code, Neovim, Helix: see the README).

    Diagnostics on open, on save and as you type (after DEBOUNCE ms of quiet);
    code actions apply the safe fixes, one finding or the whole file.
    Configuration is found as for 'pressqa check'.  Needs the 'lsp' extra:
    pip install 'pressqa[lsp]'.
    """
    try:
        import pygls  # noqa: F401
        import lsprotocol  # noqa: F401
    except ImportError as exc:
        click.echo(f"pressqa: lsp needs pygls ({exc.name} is missing): pip install 'pressqa[lsp]'", err=True)
        sys.exit(EXIT_ERROR)
    from pressqa.lsp.server import serve_stdio

    if log_file:
        logging.basicConfig(filename=log_file, level=logging.INFO,
                            format="%(asctime)s %(name)s %(levelname)s %(message)s")
    else:
        # Standard error is the editor's log pane: warnings only.
        logging.basicConfig(stream=sys.stderr, level=logging.WARNING, format="pressqa-lsp: %(message)s")
    try:
        if config_path:
            # A bad --config is a start-up error, said once on stderr, not a diagnostic on every file.
            from pressqa.packs.config import ConfigResolver

            ConfigResolver(config_path, isolated=isolated)
        serve_stdio(config_path, isolated, debounce / 1000)
    except PressqaError as exc:
        fail(exc)
