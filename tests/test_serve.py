"""The live preview as a real subprocess on a free loopback port: pages, rebuild on save, the
error page and recovery, refused paths, a reload in real Chromium, and a clean Ctrl-C."""

from __future__ import annotations

import http.client
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.helpers import ROOT, TINY, TINY_NOW, copy_site
from tests.tools import require_gate_tools

TIMEOUT = 10.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(port: int, path: str) -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8")
    finally:
        connection.close()


def wait_for(condition: Callable[[], bool], what: str) -> float:
    start = time.monotonic()
    while time.monotonic() - start < TIMEOUT:
        try:
            if condition():
                return time.monotonic() - start
        except OSError:
            pass
        time.sleep(0.02)
    raise AssertionError(f"timed out waiting for {what}")


class Preview:
    def __init__(self, site: Path, port: int, *extra: str) -> None:
        self.site, self.port = site, port
        self.process = subprocess.Popen(
            [sys.executable, str(ROOT / "build.py"), "serve", "--site", str(site), "--port",
             str(port), "--now", TINY_NOW, *extra], stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, text=True)
        wait_for(lambda: fetch(port, "/en/")[0] == 200, "the preview to start")

    def page(self, path: str) -> tuple[int, str]:
        return fetch(self.port, path)

    def edit(self, relative: str, old: str, new: str) -> None:
        path = self.site / relative
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")

    def stop(self) -> tuple[int, str]:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        output, _ = self.process.communicate(timeout=TIMEOUT)
        return self.process.returncode, output


@pytest.fixture()
def preview(tmp_path: Path) -> Iterator[Preview]:
    running = Preview(copy_site(TINY, tmp_path / "site"), free_port())
    yield running
    running.stop()


def test_serves_pages_with_the_reload_script(preview: Preview) -> None:
    status, html = preview.page("/en/programs/soccer/")
    assert status == 200
    assert '<h1 data-pagefind-meta="title">Soccer nights</h1>' in html
    assert f'<script src="/livereload.js?port={preview.port}"></script></head>' in html
    assert preview.page("/livereload.js")[0] == 200
    assert (preview.site / "output/en/programs/soccer/index.html").is_file()


def test_a_saved_edit_shows_up_quickly(preview: Preview) -> None:
    preview.edit("content/programs/soccer.en.md", "Come to the park.", "Come to the big park.")
    seconds = wait_for(lambda: "Come to the big park." in preview.page("/en/programs/soccer/")[1],
                       "the edit to show")
    assert seconds < 2.0
    preview.edit("content/programs/soccer.en.md", "title: Soccer nights", "title: Soccer evenings")
    wait_for(lambda: "Soccer evenings" in preview.page("/en/programs/")[1], "the list to change")


def test_a_mistake_shows_the_error_page_until_it_is_fixed(preview: Preview) -> None:
    preview.edit("content/programs/soccer.en.md", "title: Soccer nights", "titel: Soccer nights")
    wait_for(lambda: preview.page("/en/programs/soccer/")[0] == 500, "the error page")
    status, html = preview.page("/fr/")
    assert status == 500
    assert "<h1>The site could not be rebuilt</h1>" in html
    assert "<strong>content/programs/soccer.en.md:2</strong>" in html
    assert "Unknown field &#34;titel&#34;. Did you mean &#34;title&#34;?" in html
    assert "/livereload.js?port=" in html
    [css] = (preview.site / "output/static/css").glob("site.*.css")
    assert preview.page(f"/static/css/{css.name}")[0] == 200
    assert f'href="/static/css/{css.name}"' in html
    preview.edit("content/programs/soccer.en.md", "titel: Soccer nights", "title: Soccer nights")
    wait_for(lambda: preview.page("/en/programs/soccer/")[0] == 200, "recovery")
    code, output = preview.stop()
    assert code == 0
    assert "error: content/programs/soccer.en.md:2: Unknown field \"titel\"." in output
    assert "Updated content/programs/soccer.en.md in " not in output  # a fix needs a full build
    assert re.search(r"^Built content/programs/soccer\.en\.md in \d+ ms\.$", output, re.M)
    assert output.rstrip().endswith("Stopped the preview.")


def test_paths_outside_the_site_are_refused(preview: Preview) -> None:
    for path in ("/../site_config.yaml", "/en/../../content/programs/soccer.en.md",
                 "/%2e%2e/site_config.yaml"):
        assert preview.page(path)[0] == 403, path
    assert preview.page("/no/such/page/")[0] == 404


def test_the_open_page_reloads_itself_in_chromium(preview: Preview) -> None:
    require_gate_tools()
    from playwright.sync_api import sync_playwright

    from sitegen.quality.browser import CHROMIUM_ARGS
    from sitegen.quality.tools import chromium

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium().path),
                                             args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{preview.port}/en/programs/soccer/")
        page.wait_for_function("() => window.LiveReload !== undefined")
        time.sleep(0.3)  # let livereload.js finish its handshake
        preview.edit("content/programs/soccer.en.md", "Come to the park.", "Meet at the park.")
        page.wait_for_selector("text=Meet at the park.", timeout=TIMEOUT * 1000)
        browser.close()


def test_quiet_preview_prints_only_its_address_and_problems(tmp_path: Path) -> None:
    preview = Preview(copy_site(TINY, tmp_path / "site"), free_port(), "--quiet")
    try:
        preview.edit("content/programs/soccer.en.md", "Come to the park.", "Come to the zoo.")
        wait_for(lambda: "Come to the zoo." in preview.page("/en/programs/soccer/")[1], "edit")
    finally:
        code, output = preview.stop()
    assert code == 0
    assert output.splitlines()[0].startswith(f"Previewing on http://127.0.0.1:{preview.port}/")
    assert "Built" not in output and "Updated" not in output
