"""src/ is type-checked: mypy (configured in pyproject.toml) reports no error."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import require_module

ROOT = Path(__file__).resolve().parents[1]


def test_mypy_reports_no_error():
    require_module("mypy")
    proc = subprocess.run([sys.executable, "-m", "mypy", "--no-error-summary"], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
