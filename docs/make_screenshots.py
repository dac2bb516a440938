"""Make the screenshots of the guides in real Chromium: `make screenshots`.

It previews a copy of the default site, photographs a page, plants a mistake, photographs the
error page the preview shows, and writes docs/images/preview.png and docs/images/error-page.png."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sitegen.quality.browser import CHROMIUM_ARGS  # noqa: E402
from sitegen.quality.tools import chromium  # noqa: E402

IMAGES = ROOT / "docs" / "images"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        shutil.copytree(ROOT, site, ignore=shutil.ignore_patterns(
            "output", ".venv", "node_modules", ".git", "tests", "__pycache__"))
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        server = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "serve", "--site",
                                   str(site), "--port", str(port), "--quiet"])
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=str(chromium().path),
                                                     args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1000, "height": 760})
                for _ in range(100):
                    try:
                        page.goto(f"http://127.0.0.1:{port}/en/programs/peace/")
                        break
                    except Exception:  # noqa: BLE001 - the server is still starting
                        time.sleep(0.1)
                page.wait_for_function("() => window.LiveReload !== undefined")
                IMAGES.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(IMAGES / "preview.png"))
                source = site / "content/programs/peace.en.md"
                source.write_text(source.read_text(encoding="utf-8").replace(
                    "title:", "titel:", 1), encoding="utf-8")
                page.wait_for_selector("text=The site could not be rebuilt", timeout=20000)
                page.screenshot(path=str(IMAGES / "error-page.png"))
                browser.close()
        finally:
            server.terminate()
            server.wait()
    print(f"Wrote {IMAGES / 'preview.png'} and {IMAGES / 'error-page.png'}")


if __name__ == "__main__":
    main()
