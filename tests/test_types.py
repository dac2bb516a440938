"""The generator's code is checked by mypy --strict (settings in pyproject.toml): every function
typed, no implicit Any, no None where a value is needed."""

from __future__ import annotations

import subprocess
import sys

from tests.helpers import ROOT


def test_mypy_strict_finds_nothing() -> None:
    result = subprocess.run([sys.executable, "-m", "mypy", "--no-error-summary"], cwd=ROOT,
                            capture_output=True, text=True, check=False, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
