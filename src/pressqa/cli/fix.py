"""``pressqa fix``: apply the safe fixes findings carry, and say which finding each one resolved.

Exit codes (like ``black`` and ``black --check --diff``):

* without ``--diff``: 0 when every file was fixed or had nothing to fix, 2 when
  a file could not be read, decoded, re-encoded or written (the other files are
  still fixed).  Findings that have no safe fix do not change the exit code:
  ``pressqa check`` is the gate.
* with ``--diff``: nothing is written; 1 when some file would change, 0 when
  none would, 2 on an error.
"""

from __future__ import annotations

import os
import sys

import click

from pressqa.cli.main import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, fail, run_and_exit
from pressqa.errors import InputError, PressqaError


@click.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--diff", "show_diff", is_flag=True, help="Print a unified diff of the fixes and write nothing; exit 1 when a file would change.")
@click.option("--select", multiple=True, metavar="RULE", help="Only fix findings of these rules (ids, id prefixes ending in '/', or categories).")
@click.option("--ignore", multiple=True, metavar="RULE", help="Do not fix findings of these rules.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None, help="Use this config file instead of searching for one.")
@click.option("--isolated", is_flag=True, help="Ignore config files: default rules only.")
@click.option("--stdin-filename", default=None, metavar="NAME", help="The name to report for '-' (standard input); also used to find config.")
@click.option("--encoding", default=None, metavar="ENC", help="Read and write files in this encoding instead of UTF-8/UTF-16/UTF-32 with BOM.")
@click.option("-q", "--quiet", is_flag=True, help="Do not list the fixes; print errors only.")
def fix(paths: tuple[str, ...], show_diff: bool, select: tuple[str, ...], ignore: tuple[str, ...], config_path: str | None,
        isolated: bool, stdin_filename: str | None, encoding: str | None, quiet: bool) -> None:
    """Apply safe fixes in place: missing spaces, doubled words, name and term variants.

    PATHS (at least one) are files, directories ('.' for the current one) or
    '-' (read standard input, write the fixed text to standard output).  Only
    fixes a rule marks as safe are applied, each reported, once the file is
    written, as 'path:line:col: fixed [rule] message'.  Files are written
    atomically and keep their encoding, byte-order mark, line endings and final
    newline.  Running fix twice changes nothing the second time.
    """
    from pressqa.cli.check import split_rules

    if not paths:
        # A write command never picks its own target: rewriting the whole folder must be asked for ('.').
        fail(PressqaError(None, "fix needs at least one PATH: a file, a directory ('.' for this one) or '-' for standard input"))
    run_and_exit(lambda: run_fix(paths, show_diff, split_rules(select), split_rules(ignore), config_path,
                                 isolated, stdin_filename, encoding, quiet))


def run_fix(paths, show_diff: bool, select, ignore, config_path, isolated, stdin_filename, encoding, quiet) -> int:
    from pressqa import inputs
    from pressqa.packs.config import ConfigResolver
    from pressqa.run.fixer import check_round_trip, encode, fix_text, unified_diff
    from pressqa.run.files import write_atomic
    from pressqa.run.runner import Runner, discover

    resolver = ConfigResolver(config_path, isolated=isolated)
    runner = Runner(resolver, select, ignore)
    # With '-' or --diff, standard output carries text; the list of fixes goes to stderr.
    listing_to_stderr = show_diff or "-" in paths
    errors: list[str] = []
    notices: list[str] = []
    fixed_files = would_change = applied_total = skipped_total = done = 0
    for target in discover(paths, resolver, stdin_filename):
        if isinstance(target, InputError):
            errors.append(target.render())
            continue
        data: bytes | None = None
        try:
            # HTML and Word are checked as their text, which cannot be put back into the file exactly.
            inputs.refuse_unwritable(target.display, inputs.format_for(target.path or target.display))
            settings = runner.settings_for(target)
            if target.path is None:
                data = sys.stdin.buffer.read()
                before = None
            else:
                try:
                    before = os.stat(os.path.realpath(target.path))
                    with open(target.path, "rb") as handle:
                        data = handle.read()
                except OSError as exc:
                    raise InputError(target.display, f"cannot read: {exc.strerror or exc}") from None
            doc = inputs.read(data, target.display, encoding, inputs.format_for(target.path or target.display))
            check_round_trip(doc, data)
            outcome = fix_text(doc, runner.engine_for(settings))
            notices.extend(outcome.notices)
            errors.extend(outcome.errors)
            new_data = data
            if outcome.changed:
                try:
                    new_data = encode(outcome.text, doc.encoding, doc.bom)
                except UnicodeEncodeError as exc:
                    raise InputError(target.display, f"a fix inserts {exc.object[exc.start:exc.end]!r}, "
                                                     f"which {doc.encoding} cannot hold; not fixed") from None
        except InputError as exc:
            errors.append(exc.render())
            if target.path is None and not show_diff and data is not None:
                # A filter never swallows its input: pass the text through unchanged.
                sys.stdout.buffer.write(data)
                sys.stdout.buffer.flush()
            continue
        written = False
        if target.path is not None and not show_diff and outcome.changed:
            # Write before listing: a fix is reported only once it is on disk.
            try:
                write_atomic(target.path, new_data, expect=before)
            except InputError as exc:
                errors.append(exc.render())
                continue
            written = True
        if not quiet:
            for applied in outcome.applied:
                f = applied.finding
                verb = "would fix" if show_diff else "fixed"  # --diff writes nothing
                click.echo(f"{target.display}:{applied.line}:{applied.column}: {verb} [{f.rule}] {f.message}",
                           err=listing_to_stderr)
            for skipped in outcome.skipped:
                f = skipped.finding
                click.echo(f"{target.display}:{skipped.line}:{skipped.column}: not fixed [{f.rule}] {f.message}: "
                           f"{skipped.reason}", err=listing_to_stderr)
        done += 1
        applied_total += len(outcome.applied)
        skipped_total += len(outcome.skipped)
        fixed_files += written
        if show_diff:
            if outcome.changed:
                would_change += 1
                original = doc.source.text if doc.source is not None else doc.text
                click.echo(unified_diff(original, outcome.text, target.display), nl=False)
            continue
        if target.path is None:
            sys.stdout.buffer.write(new_data)
            sys.stdout.buffer.flush()
    if not quiet and (done or not errors):
        click.echo(summary(applied_total, skipped_total, fixed_files, would_change, show_diff), err=True)
    for notice in dict.fromkeys(notices):
        click.echo(f"pressqa: {notice}", err=True)
    for error in errors:
        click.echo(f"pressqa: {error}", err=True)
    if errors:
        return EXIT_ERROR
    if show_diff and would_change:
        return EXIT_FINDINGS
    return EXIT_CLEAN


def summary(applied: int, skipped: int, files: int, would_change: int, show_diff: bool) -> str:
    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    if show_diff:
        text = f"Would fix {plural(applied, 'finding')} in {plural(would_change, 'file')}"
    elif applied:
        text = f"Fixed {plural(applied, 'finding')} in {plural(files, 'file')}" if files else f"Fixed {plural(applied, 'finding')}"
    else:
        text = "Nothing to fix"
    if skipped:
        text += f"; {skipped} not fixed"
    return text + "."
