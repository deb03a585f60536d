"""``pressqa check``: lint files, directories or standard input."""

from __future__ import annotations

import contextlib
import os
import sys
from dataclasses import dataclass, field, replace

import click

from pressqa import __version__
from pressqa.cli.main import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, resume_gc, run_and_exit
from pressqa.errors import InputError, PressqaError
from pressqa.findings import SEVERITY_NAMES


def split_rules(values: tuple[str, ...]) -> list[str]:
    """``--select a,b --select c`` -> [a, b, c]."""
    out: list[str] = []
    for value in values:
        out.extend(part.strip() for part in value.split(",") if part.strip())
    return out


def format_names() -> list[str]:
    from pressqa.reports import REGISTRY

    return list(REGISTRY)


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
    gates = Gates(max_findings=max_findings, outputs=parse_outputs(outputs, fmt), baseline=baseline_path,
                  no_baseline=no_baseline, write_baseline=write_baseline,
                  report_unused_suppressions=report_unused_suppressions)
    overrides = {"languagetool": {"required": True}} if require_languagetool else None
    run_and_exit(lambda: run_check(paths or (".",), fmt, fail_on, split_rules(select), split_rules(ignore), config_path,
                                   isolated, stdin_filename, encoding, show_source, color, quiet, gates, jobs, overrides))


#: A progress bar is shown from this many files on, and only when stderr is a terminal.
PROGRESS_MIN_FILES = 20


@contextlib.contextmanager
def progress_bar(total: int, quiet: bool):
    """A progress bar on stderr while *total* files are checked; never in piped or redirected output."""
    if quiet or total < PROGRESS_MIN_FILES or not sys.stderr.isatty():
        yield None
        return
    with click.progressbar(length=total, label="Checking", file=sys.stderr, show_pos=True) as bar:
        yield bar.update


#: Inputs up to this size are read and checked before the garbage collector resumes (cli.main).
SMALL_INPUT_BYTES = 256 * 1024


def small_input(targets: list) -> bool:
    """Files (not standard input) of at most SMALL_INPUT_BYTES in all."""
    total = 0
    for target in targets:
        if target.path is None:
            return False
        try:
            total += os.path.getsize(target.path)
        except OSError:
            pass
        if total > SMALL_INPUT_BYTES:
            return False
    return True


@dataclass(frozen=True)
class Gates:
    """The CI options of ``pressqa check``: extra reports, the count gate, the baseline, unused suppressions."""

    max_findings: int | None = None
    outputs: list[tuple[str, str]] = field(default_factory=list)  # (format, file)
    baseline: str | None = None
    no_baseline: bool = False
    write_baseline: str | None = None
    report_unused_suppressions: bool = False


def run_check(paths, fmt, fail_on, select, ignore, config_path, isolated, stdin_filename, encoding,
              show_source, color, quiet, gates: Gates = Gates(), jobs: int = 1,
              overrides: dict | None = None) -> int:
    from pressqa.run.baseline import Baselines
    from pressqa.packs.config import ConfigResolver
    from pressqa.run.engine import FileResult, gate
    from pressqa.reports import ReportOptions, get, project_url, rule_help
    from pressqa.run.runner import Runner, Skipped, check_many, discover

    resolver = ConfigResolver(config_path, isolated=isolated, overrides=overrides)
    runner = Runner(resolver, select, ignore, report_unused_suppressions=gates.report_unused_suppressions)
    baselines = Baselines(gates.baseline, disabled=gates.no_baseline)
    formats = {fmt, *(out_fmt for out_fmt, _ in gates.outputs)}
    results = []
    errors: list[str] = []
    settings_seen: dict[int, object] = {}
    gate_hit = False
    skipped = Skipped()
    found = list(discover(paths, resolver, stdin_filename, skipped))
    targets = [t for t in found if not isinstance(t, InputError)]
    if not small_input(targets):
        resume_gc()  # a large input is checked with the garbage collector running (see cli.main)
    with progress_bar(len(targets), quiet) as bar:
        def on_progress(done: int) -> None:
            resume_gc()  # after the first file, small inputs too
            if bar is not None:
                bar(done)

        checked = iter(check_many(runner, targets, encoding, jobs, on_progress))
    for target in found:
        if isinstance(target, InputError):
            # Reported like a file that cannot be read: in the report (JSON "error") and on stderr.
            errors.append(target.render())
            results.append(FileResult(path=target.path or "-", error=target.render()))
            continue
        result = next(checked)
        if result.error:
            errors.append(result.error)
        results.append(result)
        settings = runner.settings_for(target)
        settings_seen[id(settings)] = settings
        baseline = None if gates.write_baseline else baselines.for_settings(settings)
        if baseline is not None or gates.write_baseline or "sarif" in formats:
            from pressqa.run.baseline import fingerprint_result

            fingerprint_result(result)
        if baseline is not None:
            baseline.filter(result)
        threshold = fail_on or settings.fail_on
        if gate(result.findings, threshold):
            gate_hit = True
    if gates.write_baseline:
        from pressqa.run.baseline import write

        count = write(results, gates.write_baseline)
        click.echo(f"pressqa: wrote {count} finding{'s' if count != 1 else ''} to baseline {gates.write_baseline}", err=True)
        for error in errors:
            click.echo(f"pressqa: {error}", err=True)
        return EXIT_ERROR if errors else EXIT_CLEAN
    tty = sys.stdout.isatty()
    options = ReportOptions(
        color=(tty and not os.environ.get("NO_COLOR")) if color is None else color,  # https://no-color.org
        show_source=tty if show_source is None else show_source,
        quiet=quiet,
        fail_on=fail_on or "error",
        tool_version=__version__,
    )
    # Reports other than text on a terminal: no colour, no excerpts, and rule help for SARIF.
    plain = replace(options, color=False, show_source=False, root=os.getcwd())
    if "sarif" in formats:
        plain = replace(plain, rule_help=rule_help(results, settings_seen.values()), tool_uri=project_url())
    # --format's report went to a file: standard output shows the text report.
    stdout_fmt = "text" if any(out_fmt == fmt for out_fmt, _ in gates.outputs) else fmt
    # color=... keeps the styles when --color is given and stdout is not a terminal.
    click.echo(get(stdout_fmt)(results, options if stdout_fmt == "text" else plain), nl=False, color=options.color)
    checked_paths = {os.path.realpath(t.path) for t in targets if t.path}
    for out_fmt, out_path in gates.outputs:
        from pressqa.run.files import write_text_atomic

        if os.path.realpath(out_path) in checked_paths:
            errors.append(InputError(out_path, "is one of the files being checked; the report was not written over it").render())
            continue
        try:
            write_text_atomic(out_path, get(out_fmt)(results, plain))
        except PressqaError as exc:  # the findings are on standard output all the same
            errors.append(exc.render())
    seen_notices: set[str] = set()
    if not results and not errors and not quiet:
        click.echo(f"pressqa: no files to check in {', '.join(paths)} "
                   "(none match the include patterns, or all are excluded)", err=True)
    if not quiet:  # what a folder held that was not checked, and why: one line a suffix
        for line in skipped.lines():
            click.echo(f"pressqa: {line}", err=True)
    for result in results:
        for notice in result.notices:
            if notice not in seen_notices and not quiet:
                seen_notices.add(notice)
                click.echo(f"pressqa: {notice}", err=True)
    for notice in baselines.notices():
        if not quiet:
            click.echo(f"pressqa: {notice}", err=True)
    for error in errors:
        click.echo(f"pressqa: {error}", err=True)
    if errors:
        return EXIT_ERROR
    reported = sum(len(result.findings) for result in results)
    too_many = gates.max_findings is not None and reported > gates.max_findings
    if too_many:
        click.echo(f"pressqa: {reported} findings reported, more than --max-findings {gates.max_findings}", err=True)
    return EXIT_FINDINGS if gate_hit or too_many else EXIT_CLEAN
