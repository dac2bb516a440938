"""Make the screenshots of the guides in real Chromium: `make screenshots`.

It previews a copy of the default site, photographs what readers see (the home page, a program,
the programs list, an event and the contact page, in each language, on a phone 390 px wide and
on a screen 1280 px wide) into docs/images/site/, then plants a mistake and photographs the
error page the preview shows: docs/images/preview.png and docs/images/error-page.png. Then it
opens the browser editor (`serve --edit`) and photographs its list of programs, a program with
its French translation beside the original, and the "Translation checked" switch; and the
editor published with the site, on its GitHub sign-in screen: docs/images/editor-*.png."""

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
# What readers see, by page: the address of each in each language.
READER_PAGES = {
    "home": {"en": "/en/", "fr": "/fr/", "ar": "/ar/"},
    "program": {"en": "/en/programs/peace/", "fr": "/fr/programmes/peace/",
                "ar": "/ar/programs/peace/"},
    "programs": {"en": "/en/programs/", "fr": "/fr/programmes/", "ar": "/ar/programs/"},
    "event": {"en": "/en/events/crime-prevention-seminar-example/",
              "fr": "/fr/evenements/crime-prevention-seminar-example/",
              "ar": "/ar/events/crime-prevention-seminar-example/"},
    "contact": {"en": "/en/contact/", "fr": "/fr/contact/", "ar": "/ar/contact/"},
}
WIDTHS = {"phone": (390, 844), "screen": (1280, 900)}
EDITOR_SETTINGS = "\ncms:\n  publish: true\n  repo: my-agency/website\n"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def open_when_ready(page, address: str) -> None:
    for _ in range(200):
        try:
            page.goto(address)
            return
        except Exception:  # noqa: BLE001 - the server is still starting
            time.sleep(0.1)
    page.goto(address)


def photograph_editor(browser, site: Path) -> list[Path]:
    """The editor in the preview: its programs, a program in English and French, the switch."""
    port = free_port()
    server = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "serve", "--site",
                               str(site), "--port", str(port), "--quiet", "--edit",
                               "--edit-port", str(free_port())])
    written = [IMAGES / f"editor-{name}.png" for name in ("programs", "translation", "checked")]
    try:
        page = browser.new_page(viewport={"width": 1280, "height": 860})
        page.set_default_timeout(30_000)
        open_when_ready(page, f"http://127.0.0.1:{port}/admin/")
        page.get_by_role("button", name="Login").click()
        page.get_by_role("link", name="Programs").first.wait_for()
        page.wait_for_timeout(1000)
        page.screenshot(path=str(written[0]))
        page.goto(f"http://127.0.0.1:{port}/admin/#/collections/programs/entries/peace")
        page.get_by_label("Title", exact=True).nth(1).wait_for()
        page.wait_for_timeout(1000)
        page.screenshot(path=str(written[1]))
        label = page.locator("label", has_text="Translation checked").nth(1)
        label.scroll_into_view_if_needed()
        page.wait_for_timeout(500)
        page.screenshot(path=str(written[2]))
        page.close()
    finally:
        server.terminate()
        server.wait()
    return written


def photograph_published_editor(browser, site: Path) -> Path:
    """The editor published with the site (cms: publish: true), on its sign-in screen."""
    from sitegen.quality.browser import serve

    with (site / "site_config.yaml").open("a", encoding="utf-8") as config:
        config.write(EDITOR_SETTINGS)
    out = site.parent / "published"
    subprocess.run([sys.executable, str(ROOT / "build.py"), "--site", str(site), "--output",
                    str(out), "--no-search", "--quiet"], check=True)
    path = IMAGES / "editor-sign-in.png"
    with serve(out, "/", policy=None) as origin:
        page = browser.new_page(viewport={"width": 1000, "height": 600})
        page.goto(f"{origin}/admin/")
        page.get_by_role("button", name="Login with GitHub").wait_for(timeout=30_000)
        page.screenshot(path=str(path))
        page.close()
    return path


def photograph_reader_pages(browser, origin: str) -> list[Path]:
    """The first screen of each reader page, in each language, on a phone and a screen."""
    folder = IMAGES / "site"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for device, (width, height) in WIDTHS.items():
        page = browser.new_page(viewport={"width": width, "height": height})
        for name, addresses in READER_PAGES.items():
            for lang, address in addresses.items():
                page.goto(origin + address)
                path = folder / f"{name}-{lang}-{device}.png"
                page.screenshot(path=str(path))
                written.append(path)
        page.close()
    return written


def main() -> None:
    photographs: list[Path] = []
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
                photographs += photograph_reader_pages(browser, f"http://127.0.0.1:{port}")
                page.screenshot(path=str(IMAGES / "preview.png"))
                source = site / "content/programs/peace.en.md"
                source.write_text(source.read_text(encoding="utf-8").replace(
                    "title:", "titel:", 1), encoding="utf-8")
                page.wait_for_selector("text=The site could not be rebuilt", timeout=20000)
                page.screenshot(path=str(IMAGES / "error-page.png"))
                server.terminate()
                server.wait()
                source.write_text(source.read_text(encoding="utf-8").replace(
                    "titel:", "title:", 1), encoding="utf-8")
                photographs += photograph_editor(browser, site)
                photographs.append(photograph_published_editor(browser, site))
                browser.close()
        finally:
            server.terminate()
            server.wait()
    print(f"Wrote {IMAGES / 'preview.png'}, {IMAGES / 'error-page.png'} and "
          f"{len(photographs)} pictures of what readers see and of the editor in {IMAGES}")


if __name__ == "__main__":
    main()
