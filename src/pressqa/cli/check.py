"""``pressqa check``: lint files, directories or standard input."""

from __future__ import annotations

import click

from pressqa.cli.checkrun import (  # noqa: F401 (re-exported: the command's work lives there)
    PROGRESS_MIN_FILES, SMALL_INPUT_BYTES, Gates, format_names, progress_bar, run_check, run_command, small_input,
    split_rules,
)
from pressqa.findings import SEVERITY_NAMES


def parse_outputs(values: tuple[str, ...], fmt: str) -> list[tuple[str, str]]:
    """``--output [FORMAT:]FILE`` values -> [(format, file)]; a prefix counts only if it names a format."""
    known = format_names()
    outputs = []
    for value in values:
        name, sep, path = value.partition(":")
        if sep and name in known:
            outputs.append((name, path))
        else:
            outputs.append((fmt, value))
    for _, path in outputs:
        if path in ("", "-"):
            raise click.BadParameter("needs a file name; use --format to choose what standard output shows", param_hint="--output")
    return outputs


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(readable=False))  # unreadable files: one error each, the rest still checked
@click.option("--format", "fmt", type=click.Choice(format_names()), default="text", show_default=True, help="Report format.")
@click.option("--fail-on", type=click.Choice([*SEVERITY_NAMES, "never"]), default=None, help="Exit 1 when a reported finding is at or above this severity ('never': no severity gate) [default: from config, else error].")
@click.option("--max-findings", type=click.IntRange(min=0), default=None, metavar="N", help="Also exit 1 when more than N findings are reported, whatever their severity (baselined and suppressed ones do not count). Exit 1 if either gate trips.")
@click.option("--output", "-o", "outputs", multiple=True, metavar="[FORMAT:]FILE", help="Also write a report to FILE (atomically), in FORMAT or else in --format; repeatable. When --format's report goes to a file, standard output shows the text report; otherwise it shows --format's.")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False), default=None, metavar="FILE", help="Report only findings not recorded in this baseline [default: the config's 'baseline', if any].")
@click.option("--no-baseline", is_flag=True, help="Ignore the config's baseline: report every finding.")
@click.option("--write-baseline", type=click.Path(dir_okay=False), default=None, metavar="FILE", help="Record every current finding in FILE (entries of files not checked are kept) and exit 0.")
@click.option("--report-unused-suppressions", is_flag=True, help="Report pressqa suppression comments that suppress nothing (rule unused-suppression).")
@click.option("--select", multiple=True, metavar="RULE", help="Only these rules (ids, id prefixes ending in '/', or categories); repeatable, comma-separated.")
@click.option("--ignore", multiple=True, metavar="RULE", help="Skip these rules (ids, prefixes or categories); repeatable, comma-separated.")
@click.option("--config", "config_path", type=click.Path(readable=False), default=None, help="Use this config file instead of searching for one.")
@click.option("--isolated", is_flag=True, help="Ignore config files: default rules only.")
@click.option("--stdin-filename", default=None, metavar="NAME", help="The name to report for '-' (standard input); also used to find config.")
@click.option("--encoding", default=None, metavar="ENC", help="Read files in this encoding instead of UTF-8/UTF-16/UTF-32 with BOM.")
@click.option("--show-source/--no-show-source", default=None, help="Show the offending line with a caret underline [default: on a terminal].")
@click.option("--color/--no-color", default=None, help="Colour the text report [default: on a terminal].")
@click.option("-q", "--quiet", is_flag=True, help="Print findings only: no summary when clean, no notices.")
@click.option("--require-languagetool", is_flag=True, help="Exit 2 when LanguageTool is not available, instead of skipping grammar and spelling.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=0, metavar="N", help="Check files in N processes; 0 (default) for one per core, 1 for none.")
def check(paths: tuple[str, ...], fmt: str, fail_on: str | None, max_findings: int | None, outputs: tuple[str, ...],
          baseline_path: str | None, no_baseline: bool, write_baseline: str | None, report_unused_suppressions: bool,
          select: tuple[str, ...], ignore: tuple[str, ...],
          config_path: str | None, isolated: bool, stdin_filename: str | None, encoding: str | None,
          show_source: bool | None, color: bool | None, quiet: bool, jobs: int, require_languagetool: bool) -> None:
    """Check press releases and report every problem with its line and column.

    PATHS are files, directories (searched for the config's include patterns,
    by default *.txt and *.md) or '-' for standard input.  With no PATHS, the
    current directory is checked.

    In CI: --format sarif|github|junit, --output, --fail-on, --max-findings,
    --baseline.  Suppress findings in the text with HTML comments, or accept
    known-good terms with the config's 'accept' list:

    \b
        <!-- pressqa: disable=RULE,RULE -->   <!-- pressqa: enable=RULE -->
        <!-- pressqa: disable-next-line=RULE -->   <!-- pressqa: disable-line -->
    """
    run_command(paths=paths, fmt=fmt, fail_on=fail_on, max_findings=max_findings, outputs=parse_outputs(outputs, fmt),
                baseline_path=baseline_path, no_baseline=no_baseline, write_baseline=write_baseline,
                report_unused_suppressions=report_unused_suppressions, select=select, ignore=ignore,
                config_path=config_path, isolated=isolated, stdin_filename=stdin_filename, encoding=encoding,
                show_source=show_source, color=color, quiet=quiet, jobs=jobs, require_languagetool=require_languagetool)
