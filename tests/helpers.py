"""Shared test helpers: paths, the CLI as a subprocess, and building fixture sites."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
TINY = FIXTURES / "tiny"
TINY_NOW = "2026-01-15T12:00:00+00:00"
GOLDEN = ROOT / "tests" / "golden" / "tiny"


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Run `python build.py ARGS` as a real subprocess."""
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300, check=False)


def copy_site(source: Path, target: Path) -> Path:
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("output"))
    return target


def html_files(out_dir: Path) -> list[Path]:
    return sorted(p for p in out_dir.rglob("*.html") if "static" not in p.parts)
