"""The work of ``pressqa check`` once its arguments are parsed (by click in :mod:`pressqa.cli.check`,
or by :mod:`pressqa.cli.fastcheck` for the common arguments), without importing click itself:
a check of one release is mostly start-up, and click is a tenth of it."""

from __future__ import annotations

import contextlib
import os
import sys
from pressqa.records import replace

from pressqa import __version__
from pressqa.cli.common import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, echo, resume_gc, run_and_exit
from pressqa.errors import InputError, PressqaError


def split_rules(values: tuple[str, ...]) -> list[str]:
    """``--select a,b --select c`` -> [a, b, c]."""
    out: list[str] = []
    for value in values:
        out.extend(part.strip() for part in value.split(",") if part.strip())
    return out


def format_names() -> list[str]:
    from pressqa.reports import REGISTRY

    return list(REGISTRY)


#: A progress bar is shown from this many files on, and only when stderr is a terminal.
PROGRESS_MIN_FILES = 20


@contextlib.contextmanager
def progress_bar(total: int, quiet: bool):
    """A progress bar on stderr while *total* files are checked; never in piped or redirected output."""
    if quiet or total < PROGRESS_MIN_FILES or not sys.stderr.isatty():
        yield None
        return
    import click

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


class Gates:
    """The CI options of ``pressqa check``: extra reports, the count gate, the baseline, unused suppressions.

    A plain class (a frozen dataclass costs ~0.5 ms of every start-up to define)."""

    __slots__ = ("max_findings", "outputs", "baseline", "no_baseline", "write_baseline", "report_unused_suppressions")

    def __init__(self, max_findings: int | None = None, outputs: list[tuple[str, str]] | None = None,
                 baseline: str | None = None, no_baseline: bool = False, write_baseline: str | None = None,
                 report_unused_suppressions: bool = False) -> None:
        self.max_findings = max_findings
        self.outputs: list[tuple[str, str]] = outputs if outputs is not None else []  # (format, file)
        self.baseline = baseline
        self.no_baseline = no_baseline
        self.write_baseline = write_baseline
        self.report_unused_suppressions = report_unused_suppressions


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
        echo(f"pressqa: wrote {count} finding{'s' if count != 1 else ''} to baseline {gates.write_baseline}", err=True)
        for error in errors:
            echo(f"pressqa: {error}", err=True)
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
    echo(get(stdout_fmt)(results, options if stdout_fmt == "text" else plain), nl=False, color=options.color)
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
        echo(f"pressqa: no files to check in {', '.join(paths)} "
                   "(none match the include patterns, or all are excluded)", err=True)
    if not quiet:  # what a folder held that was not checked, and why: one line a suffix
        for line in skipped.lines():
            echo(f"pressqa: {line}", err=True)
    for result in results:
        for notice in result.notices:
            if notice not in seen_notices and not quiet:
                seen_notices.add(notice)
                echo(f"pressqa: {notice}", err=True)
    for notice in baselines.notices():
        if not quiet:
            echo(f"pressqa: {notice}", err=True)
    for error in errors:
        echo(f"pressqa: {error}", err=True)
    if errors:
        return EXIT_ERROR
    reported = sum(len(result.findings) for result in results)
    too_many = gates.max_findings is not None and reported > gates.max_findings
    if too_many:
        echo(f"pressqa: {reported} findings reported, more than --max-findings {gates.max_findings}", err=True)
    return EXIT_FINDINGS if gate_hit or too_many else EXIT_CLEAN


def run_command(paths: tuple[str, ...], fmt: str, fail_on: str | None, max_findings: int | None,
                outputs: list[tuple[str, str]], baseline_path: str | None, no_baseline: bool,
                write_baseline: str | None, report_unused_suppressions: bool, select: tuple[str, ...],
                ignore: tuple[str, ...], config_path: str | None, isolated: bool, stdin_filename: str | None,
                encoding: str | None, show_source: bool | None, color: bool | None, quiet: bool, jobs: int,
                require_languagetool: bool) -> None:
    """``pressqa check`` with its parsed parameters (click's names; *outputs* already as (format, file)): exits."""
    gates = Gates(max_findings=max_findings, outputs=outputs, baseline=baseline_path,
                  no_baseline=no_baseline, write_baseline=write_baseline,
                  report_unused_suppressions=report_unused_suppressions)
    overrides = {"languagetool": {"required": True}} if require_languagetool else None
    run_and_exit(lambda: run_check(paths or (".",), fmt, fail_on, split_rules(select), split_rules(ignore), config_path,
                                   isolated, stdin_filename, encoding, show_source, color, quiet, gates, jobs, overrides))
