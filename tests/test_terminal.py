"""What people see at a terminal: a progress line on long builds, colours only on a terminal,
and nothing but problems with --quiet."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from bench.synthetic import make_site
from tests.helpers import ROOT, TINY_NOW


def run_in_terminal(*args: str) -> str:
    """Run build.py with a pseudo-terminal as stdout and stderr; return what it printed."""
    main, child = pty.openpty()
    process = subprocess.Popen([sys.executable, str(ROOT / "build.py"), *args],
                               stdout=child, stderr=child, env={**os.environ, "TERM": "xterm"})
    os.close(child)
    output = b""
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
    process.wait(timeout=120)
    os.close(main)
    return output.decode("utf-8", "replace")


@pytest.fixture(scope="module")
def big_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_site(tmp_path_factory.mktemp("big") / "site", 500)


def test_long_build_shows_progress_per_language(big_site: Path) -> None:
    output = run_in_terminal("--site", str(big_site), "--now", TINY_NOW)
    assert "\r\x1b[KRendering pages: " in output
    last = output.rsplit("Rendering pages: ", 1)[1].split("\r", 1)[0]
    assert [part.split()[0] for part in last.split(", ")][:3] == ["en", "fr", "ar"]
    assert "Built 1533 pages (en 511, fr 511, ar 511)" in output
    assert "\x1b[33mwarning:\x1b[0m" in output  # the tiny site's missing translation


def test_quiet_build_prints_no_progress(big_site: Path) -> None:
    output = run_in_terminal("--site", str(big_site), "--now", TINY_NOW, "--quiet")
    assert "Rendering pages" not in output
    assert "Built" not in output


def test_no_colour_when_asked(big_site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    output = run_in_terminal("--site", str(big_site), "--now", TINY_NOW, "--quiet")
    assert "warning: content/programs/walking.en.md:1" in output
    assert "\x1b[" not in output
