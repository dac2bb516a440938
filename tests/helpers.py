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


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Run `python build.py ARGS` as a real subprocess."""
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300, check=False)


def copy_site(source: Path, target: Path) -> Path:
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("output", ".cache"))
    return target


def html_files(out_dir: Path) -> list[Path]:
    return sorted(p for p in out_dir.rglob("*.html") if "static" not in p.parts)


def make_soccer_translations_unfaithful(site: Path) -> None:
    """Give the tiny site's soccer translations the differences the parity checks look for:
    the French and Arabic leave out a link of the English, and the Arabic adds a phone number."""
    programs = site / "content" / "programs"
    edits = {
        "soccer.en.md": ("Call 905 555 0100 or ask the [Town Club](../partners/town-club.md), or "
                         "read", "Ask the [Town Club](../partners/town-club.md) or read"),
        "soccer.fr.md": ("Appelez le 905 555 0100 ou demandez au [Club de la ville]"
                         "(../partners/town-club.md), ou lisez [rester en sécurité]"
                         "(../resources/safety.md#la-nuit).",
                         "Demandez au [Club de la ville](../partners/town-club.md)."),
        "soccer.ar.md": ("[نادي البلدة](../partners/town-club.md)، أو اقرأ [البقاء في أمان]"
                         "(../resources/safety.md#في-الليل).",
                         "[نادي البلدة](../partners/town-club.md)."),
    }
    for name, (new, old) in edits.items():
        path = programs / name
        text = path.read_text(encoding="utf-8")
        assert new in text, name
        path.write_text(text.replace(new, old), encoding="utf-8")
