"""What people see at a terminal: a progress line on long builds, colours only on a terminal,
and nothing but problems with --quiet."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from bench.synthetic import make_site
from sitegen.commands import terminal
from tests.helpers import ROOT, TINY, TINY_NOW, copy_site
from tests.tools import require_gate_tools


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


def test_check_names_each_gate_and_counts_the_pages_checked_in_chromium(tmp_path: Path) -> None:
    require_gate_tools()
    # a site of its own: the fixture's build cache may hold what an earlier check found
    site = copy_site(TINY, tmp_path / "site")
    output = run_in_terminal("check", "--site", str(site), "--output", str(tmp_path / "out"),
                             "--now", TINY_NOW)
    lines = output.replace("\x1b[K", "").replace("\r", "\n").splitlines()
    gates = [line.split(":")[0].strip() for line in lines
             if line.startswith("  ") and line.rstrip().endswith(" s")]
    assert gates == ["links", "content", "parity", "readiness", "weight", "browser", "html"]
    counts = [int(part.split("/")[0]) for part in
              output.split("Checking pages in Chromium: ")[1:]]
    assert counts and counts == sorted(counts) and counts[-1] <= 35
    assert "Checked 35 pages" in output


def test_away_from_a_terminal_progress_is_a_line_now_and_then(
        monkeypatch: pytest.MonkeyPatch) -> None:
    clock = [100.0]
    monkeypatch.setattr(terminal.time, "monotonic", lambda: clock[0])
    stream = io.StringIO()  # not a terminal, as a CI log
    progress = terminal.Progress(stream=stream)
    for done in range(1, 101):
        clock[0] += 1.0  # a second per page
        progress.count("Checking pages", done, 100)
    assert stream.getvalue() == "Checking pages: 30/100\nChecking pages: 60/100\n" \
                                "Checking pages: 90/100\n"
