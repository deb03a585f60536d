"""The sample releases through the real command line: the clean ones give no findings at all.

The clean samples are the project's false-positive guard: every rule of the
default packs, in every category, runs over them, and any finding is a bug in a
rule or a defect in the sample.  ``--isolated`` keeps a config file in the
checkout from changing what "the default rules" means.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT

SAMPLES = ROOT / "samples"
CLEAN = ["gov-readout.txt", "product-launch.md", "university-research.txt"]


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pressqa", *args], cwd=ROOT, capture_output=True, text=True, timeout=600,
    )


def describe(findings: list[dict], path: str) -> str:
    return "\n".join(
        f"  {path}:{f['line']}:{f['column']}: {f['severity']} [{f['rule']}] {f['message']}" for f in findings
    )


@pytest.mark.parametrize("name", CLEAN)
def test_clean_sample_has_no_findings(name):
    path = f"samples/{name}"
    proc = run_cli("check", path, "--isolated", "--format", "json", "--fail-on", "info")
    assert proc.stdout, f"no report; stderr: {proc.stderr}"
    report = json.loads(proc.stdout)
    assert report["schema_version"] >= 1
    [entry] = report["files"]
    assert entry["path"] == path
    assert "error" not in entry, entry.get("error")
    assert entry["findings"] == [], f"unexpected findings on a clean sample:\n{describe(entry['findings'], path)}"
    assert proc.returncode == 0, proc.stderr


ENCODINGS = {
    "CRLF": lambda text: text.replace("\n", "\r\n").encode("utf-8"),
    "lone CR": lambda text: text.replace("\n", "\r").encode("utf-8"),
    "UTF-8 BOM": lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"),
    "UTF-16 BOM, CRLF": lambda text: b"\xff\xfe" + text.replace("\n", "\r\n").encode("utf-16-le"),
}


@pytest.mark.parametrize("variant", ENCODINGS)
@pytest.mark.parametrize("name", CLEAN)
def test_clean_sample_stays_clean_in_other_line_endings_and_encodings(name, variant, tmp_path):
    """The same release saved by another editor: no rule may see blank lines, breaks or marks that are not there."""
    text = (SAMPLES / name).read_text(encoding="utf-8")
    path = tmp_path / name
    path.write_bytes(ENCODINGS[variant](text))
    proc = run_cli("check", str(path), "--isolated", "--format", "json", "--fail-on", "info")
    [entry] = json.loads(proc.stdout)["files"]
    assert "error" not in entry, entry.get("error")
    assert entry["findings"] == [], f"findings on {name} ({variant}):\n{describe(entry['findings'], name)}"
    assert proc.returncode == 0, proc.stderr


@pytest.mark.parametrize("name", CLEAN)
def test_clean_sample_shape(name):
    """Each clean sample has what the README promises: headline, dateline, body with quotes, end mark, contact."""
    from pressqa.model.document import Document

    doc = Document.from_bytes((SAMPLES / name).read_bytes(), name)
    kinds = [p.kind for p in doc.paragraphs]
    assert kinds[0] == "headline"
    assert "endmark" in kinds and doc.paragraphs[kinds.index("endmark")].text == "###"
    assert kinds[-1] == "contact"
    body = [p for p in doc.paragraphs if p.kind == "body"]
    assert len(body) >= 6
    assert sum(p.text.count('"') for p in body) >= 4
    words = len(doc.text.split())
    assert 350 <= words <= 700, words
    has_dateline = "dateline" in kinds or any(
        p.text.split(" — ")[0].split(",")[0].isupper() for p in body[:1]
    )
    assert has_dateline


def test_seed_release_reports_the_run_in_comma():
    proc = run_cli("check", "samples/seed-release.txt", "--isolated", "--format", "json")
    assert proc.returncode == 1, proc.stderr
    findings = json.loads(proc.stdout)["files"][0]["findings"]
    spots = {(f["line"], f["column"], f["rule"]) for f in findings}
    assert (3, 561, "missing-space-after-punctuation") in spots


def test_checking_the_folder_skips_the_notes():
    """samples/pressqa.toml keeps README.md and the expected-findings notes out of a folder check."""
    proc = run_cli("check", "samples", "--format", "json")
    paths = sorted(entry["path"] for entry in json.loads(proc.stdout)["files"])
    assert [p.replace("\\", "/").split("/")[-1] for p in paths] == sorted(CLEAN + ["seed-release.txt"])
