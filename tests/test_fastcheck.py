"""``pressqa check``'s click-free argument parser (pressqa.cli.fastcheck) agrees with click.

For every argument list it takes, it must give the parameters click gives the command; for every
one click refuses, and every one it does not know, it must step aside (None) so that click
parses and reports as always."""

from __future__ import annotations

import os
import subprocess
import sys

import click
import pytest

from pressqa.cli import fastcheck
from pressqa.cli.check import check, parse_outputs

TAKEN = [
    [],
    ["release.txt"],
    ["-"],
    ["a.txt", "b.md", "folder"],
    ["-q", "release.txt"],
    ["release.txt", "--quiet", "--isolated"],
    ["--format", "json", "release.txt"],
    ["--format", "sarif", "--fail-on", "warning", "x.txt"],
    ["--fail-on", "never", "x.txt"],
    ["--select", "truncated-sentence,doubled-word", "--select", "names/", "x.txt"],
    ["--ignore", "languagetool", "--ignore", "style", "x.txt"],
    ["--config", "house.toml", "x.txt"],
    ["--stdin-filename", "r.md", "-"],
    ["--encoding", "latin-1", "x.txt"],
    ["--color", "--show-source", "x.txt"],
    ["--no-color", "--no-show-source", "x.txt"],
    ["-j", "1", "x.txt"],
    ["--jobs", "4", "--max-findings", "0", "x.txt"],
    ["--no-baseline", "--report-unused-suppressions", "--require-languagetool", "x.txt"],
    ["x.txt", "-q", "y.txt", "--format", "github"],
]

LEFT_TO_CLICK = [
    ["--help"],
    ["-h"],
    ["--format=json", "x.txt"],
    ["--format", "yaml", "x.txt"],
    ["--format"],
    ["--format", "json", "--format", "text", "x.txt"],
    ["--fail-on", "fatal", "x.txt"],
    ["-j", "-1", "x.txt"],
    ["-j", "two", "x.txt"],
    ["--max-findings", "+3", "x.txt"],
    ["--output", "report.json", "x.txt"],
    ["-o", "sarif:out.sarif", "x.txt"],
    ["--baseline", "b.json", "x.txt"],
    ["--write-baseline", "b.json", "x.txt"],
    ["--", "-weird-name.txt"],
    ["-qj2", "x.txt"],
    ["--unknown", "x.txt"],
    ["--select", "-x", "x.txt"],
]


def click_params(argv: list[str]) -> dict:
    ctx = check.make_context("check", list(argv))
    params = dict(ctx.params)
    params["outputs"] = parse_outputs(params["outputs"], params["fmt"])
    return params


@pytest.mark.parametrize("argv", TAKEN, ids=lambda a: " ".join(a) or "(none)")
def test_the_fast_parser_gives_what_click_gives(argv):
    fast = fastcheck.parse(argv)
    assert fast is not None, "this argument list should not need click"
    assert fast == click_params(argv)


@pytest.mark.parametrize("argv", LEFT_TO_CLICK, ids=" ".join)
def test_anything_else_is_left_to_click(argv):
    assert fastcheck.parse(argv) is None


def test_the_defaults_are_clicks():
    assert fastcheck.defaults() == click_params([])


def test_every_option_of_check_is_known_or_left_to_click():
    """A new option of ``pressqa check`` must be taught to the fast parser (or left to click on
    purpose here): otherwise the fast parser would refuse it and cost nothing but the speed."""
    names = {opt for param in check.params if isinstance(param, click.Option) for opt in param.opts + param.secondary_opts}
    left = {"--output", "-o", "--baseline", "--write-baseline", "--help", "-h"}
    assert names - left == set(fastcheck.FLAGS) | set(fastcheck.VALUED)


def test_a_check_without_click(tmp_path):
    release = tmp_path / "r.txt"
    release.write_text("Ministers Meet\n\nThe the ministers met in Kyiv on Monday.\n", encoding="utf-8")
    env = dict(os.environ, PRESSQA_CACHE_DIR=str(tmp_path / "cache"), PRESSQA_LANGUAGETOOL_MODE="off")
    code = ("import sys\nfrom pressqa.cli.main import main\n"
            "try:\n    main(['check', '--isolated', '--format', 'json', sys.argv[1]])\n"
            "except SystemExit as exc:\n    print('exit', exc.code, 'click' in sys.modules)\n")
    proc = subprocess.run([sys.executable, "-c", code, str(release)], env=env, capture_output=True, text=True, timeout=120)
    assert proc.stdout.strip().splitlines()[-1] == "exit 1 False", proc.stdout + proc.stderr
    assert '"doubled-word"' in proc.stdout
