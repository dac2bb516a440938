"""Save-to-reload time of the live preview, measured in real Chromium on the default site: from
writing a file to the open page showing the change. The peer, measured in the same run, is an
edit that needs a full build (a template), which is what every save would cost without
incremental rebuilds.

    .venv/bin/python -m bench.preview_reload [RUNS]
"""

from __future__ import annotations

import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from sitegen.quality.browser import CHROMIUM_ARGS
from sitegen.quality.tools import chromium

ROOT = Path(__file__).resolve().parent.parent
PAGE = "/en/programs/peace/"
CONTENT = "content/programs/peace.en.md"
TEMPLATE = "templates/programs.html"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def measure(page, path: Path, old: str, make_new, runs: int) -> list[float]:
    """Seconds from each save to the page showing it; make_new(run) -> (new text, shown text)."""
    times = []
    for run in range(runs):
        text = path.read_text(encoding="utf-8")
        new, shown = make_new(run)
        start = time.perf_counter()
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        # the moment the reloaded page has loaded: Playwright's own wait for a selector polls
        # more and more slowly after a navigation, and would add up to half a second
        while True:
            page.wait_for_event("load", timeout=20000)
            loaded = time.perf_counter()
            if page.locator(f"text={shown}").count():
                break
        times.append(loaded - start)
        old = new
        time.sleep(0.3)
    return times


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        shutil.copytree(ROOT, site, ignore=shutil.ignore_patterns(
            "output", ".venv", "node_modules", ".git", "tests", "__pycache__"))
        port = free_port()
        server = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "serve", "--site",
                                   str(site), "--port", str(port), "--quiet"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=str(chromium().path),
                                                     args=CHROMIUM_ARGS)
                page = browser.new_page()
                for _ in range(100):
                    try:
                        page.goto(f"http://127.0.0.1:{port}{PAGE}")
                        break
                    except Exception:  # noqa: BLE001 - the server is still starting
                        time.sleep(0.1)
                page.wait_for_function("() => window.LiveReload !== undefined")
                time.sleep(0.5)
                body = measure(page, site / CONTENT, "What PEACE is",
                               lambda run: (f"What PEACE is, take {run}",
                                            f"What PEACE is, take {run}"), runs)
                full = measure(page, site / TEMPLATE, "{% block details %}",
                               lambda run: ("{% block details %}<p>Template take " + str(run)
                                            + "</p>", f"Template take {run}"), runs)
                browser.close()
        finally:
            server.terminate()
            server.wait()
    body_median, full_median = statistics.median(body), statistics.median(full)
    print(f"Save-to-reload in Chromium, median of {runs}: text edit {body_median:.3f} s "
          f"(incremental rebuild); template edit {full_median:.3f} s (full build). "
          f"Ratio text/full: {body_median / full_median:.2f}.")


if __name__ == "__main__":
    main()
