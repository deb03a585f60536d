"""``pressqa languagetool``: install LanguageTool from Maven Central and run it in the background."""

from __future__ import annotations

import json

import click

from pressqa.cli.main import EXIT_CLEAN, EXIT_FINDINGS, run_and_exit


def _section() -> dict:
    """The ``[languagetool]`` section of the config found from the current folder (empty if none)."""
    from pressqa.packs.config import ConfigResolver

    return ConfigResolver().for_path(None).section("languagetool")


@click.group()
def languagetool() -> None:
    """Install, start, stop and inspect the LanguageTool server pressqa uses.

    `install` fetches LanguageTool and its English module from Maven Central
    with Maven (no access to languagetool.org or GitHub needed); `start` runs
    it in the background on 127.0.0.1 so that every `pressqa check` reuses one
    warm server.  Files live under ~/.cache/pressqa/languagetool/VERSION/.
    """


@languagetool.command()
@click.option("--force", is_flag=True, help="Fetch again even when installed.")
@click.option("--maven", metavar="PATH", default=None, help="The mvn executable [default: mvn on PATH].")
def install(force: bool, maven: str | None) -> None:
    """Fetch LanguageTool from Maven Central (a no-op when installed)."""
    from pressqa.backends import ltserver

    def action() -> int:
        already = ltserver.find_installation() is not None and not force
        inst = ltserver.install(force=force, maven=maven, echo=lambda line: click.echo(f"pressqa: {line}", err=True))
        if already:
            click.echo(f"LanguageTool {inst.version} is already installed in {inst.root}")
        else:
            click.echo(f"LanguageTool {inst.version} installed in {inst.root}")
        return EXIT_CLEAN

    run_and_exit(action)


@languagetool.command()
@click.option("--port", type=click.IntRange(0, 65535), default=None,
              help="Port on 127.0.0.1; 0 picks a free one [default: [languagetool] port, else 8081 or a free one when 8081 is taken].")
@click.option("--heap", default=None, metavar="SIZE", help="Java heap limit (-Xmx) [default: [languagetool] heap, else 1g].")
@click.option("--timeout", type=click.FloatRange(min=1), default=120, show_default=True, help="Seconds to wait for the server to answer.")
def start(port: int | None, heap: str | None, timeout: float) -> None:
    """Start LanguageTool in the background and wait until it answers."""
    from pressqa.backends import ltserver

    def action() -> int:
        section = _section()
        chosen_port = port if port is not None else int(section.get("port", ltserver.DEFAULT_PORT))
        chosen_heap = heap or section.get("heap") or ltserver.DEFAULT_HEAP
        flexible = port is None and "port" not in section
        state, started = ltserver.start(port=chosen_port, heap=chosen_heap, timeout=timeout, any_port_if_busy=flexible)
        verb = "started" if started else "already running"
        click.echo(f"LanguageTool {state.version} {verb} at {state.url} (pid {state.pid}, log {state.log})")
        return EXIT_CLEAN

    run_and_exit(action)


@languagetool.command()
def stop() -> None:
    """Stop the LanguageTool server that `start` started."""
    from pressqa.backends import ltserver

    def action() -> int:
        state = ltserver.stop()
        if state is None:
            click.echo("LanguageTool is not running")
        else:
            click.echo(f"LanguageTool stopped (pid {state.pid}, port {state.port})")
        return EXIT_CLEAN

    run_and_exit(action)


@languagetool.command()
@click.option("--json", "as_json", is_flag=True, help="Print the status as JSON.")
def status(as_json: bool) -> None:
    """Show whether LanguageTool is installed and running.  Exit 0 when it runs and answers, else 1."""
    from pressqa.backends import ltserver

    def action() -> int:
        info = ltserver.status()
        if as_json:
            click.echo(json.dumps(info, indent=2))
        else:
            installed = "installed" if info["installed"] else "not installed (run 'pressqa languagetool install')"
            click.echo(f"LanguageTool {info['version']}: {installed}")
            click.echo(f"  home:    {info['home']}")
            if info["running"]:
                health = "healthy" if info["healthy"] else "NOT answering /v2/healthcheck"
                click.echo(f"  server:  {info['url']} (pid {info['pid']}, up {info['uptime']:.0f} s, {health})")
                click.echo(f"  log:     {info['log']}")
            else:
                click.echo("  server:  not running (start it with 'pressqa languagetool start')")
        return EXIT_CLEAN if info["running"] and info.get("healthy") else EXIT_FINDINGS

    run_and_exit(action)

