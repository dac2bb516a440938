"""The browser editor, end to end in real Chromium: `build.py serve --edit` serves Decap CMS at
/admin/ with a configuration made from the site's collections; a program created in every
language and a French summary edited in the browser land in the site's files, as the build
reads them, and the preview rebuilds the pages."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import yaml

from tests.helpers import ROOT, TINY, copy_site
from tests.test_serve import Preview, fetch, free_port, wait_for
from tests.tools import require_gate_tools

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

EDITOR_TIMEOUT_MS = 30_000


@pytest.fixture()
def editing(tmp_path: Path) -> Iterator[Preview]:
    require_gate_tools()
    running = Preview(copy_site(TINY, tmp_path / "site"), free_port(), "--edit",
                      "--edit-port", str(free_port()))
    yield running
    running.stop()


def test_the_editor_s_configuration_comes_from_the_site(editing: Preview) -> None:
    status, text = fetch(editing.port, "/admin/config.yml")
    assert status == 200
    config = yaml.safe_load(text)
    assert [c["name"] for c in config["collections"]] == ["programs", "partners", "resources",
                                                          "pages"]
    assert config["local_backend"]["url"].startswith("http://127.0.0.1:")
    status, page = fetch(editing.port, "/admin/")
    assert status == 200 and "<script src=\"decap-cms.js\"></script>" in page
    assert fetch(editing.port, "/admin/../../etc/passwd")[0] in (400, 403, 404)
    assert fetch(editing.port, "/admin/nothing.js")[0] == 404
    # the preview pane shows pages in the site's own stylesheet, as published
    status, script = fetch(editing.port, "/admin/site-preview.js")
    stylesheet = re.search(r'registerPreviewStyle\("([^"]+)"\)', script)
    assert status == 200 and stylesheet and stylesheet.group(1) != "/static/css/site.css"
    assert fetch(editing.port, stylesheet.group(1))[0] == 200


def test_create_a_program_in_every_language_and_edit_a_translation(editing: Preview) -> None:
    from playwright.sync_api import sync_playwright

    from sitegen.quality.browser import CHROMIUM_ARGS
    from sitegen.quality.tools import chromium

    admin = f"http://127.0.0.1:{editing.port}/admin/"
    programs = editing.site / "content/programs"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium().path),
                                             args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.set_default_timeout(EDITOR_TIMEOUT_MS)
        refused: list[str] = []
        page.on("console", lambda message: refused.append(message.text)
                if "Content Security Policy" in message.text else None)
        page.goto(admin)
        page.get_by_role("button", name="Login").click()
        page.get_by_role("link", name="Programs").first.wait_for()
        styles = page.evaluate("() => CMS.getPreviewStyles().map(style => style.value)")
        assert len(styles) == 1 and styles[0].startswith("/static/css/site.")

        page.goto(admin + "#/collections/programs/new")
        titles, summaries = page.get_by_label("Title", exact=True), \
            page.get_by_label("Summary", exact=True)
        titles.nth(0).fill("Chess club")
        summaries.nth(0).fill("Free chess for teens.")
        _write_body(page, 0, "Every Tuesday at the library.")
        titles.nth(1).fill("Club d’échecs")  # the second pane: French
        summaries.nth(1).fill("Des échecs gratuits pour les ados.")
        _write_body(page, 1, "Chaque mardi à la bibliothèque.")
        _right_pane(page, "AR")
        titles.nth(1).fill("نادي الشطرنج")
        summaries.nth(1).fill("شطرنج مجاني للمراهقين.")
        _write_body(page, 1, "كل يوم ثلاثاء في المكتبة.")
        _publish(page)
        wait_for(lambda: (programs / "chess-club.ar.md").is_file(), "the Arabic file")

        page.goto("about:blank")  # a new page: the editor opens the entry afresh
        page.goto(admin + "#/collections/programs/entries/soccer")
        page.get_by_label("Title", exact=True).nth(0).wait_for()
        assert page.get_by_label("Title", exact=True).nth(0).input_value() == "Soccer nights"
        page.get_by_label("Summary", exact=True).nth(1).wait_for()
        _right_pane(page, "FR")
        page.get_by_label("Summary", exact=True).nth(1).fill("Du soccer gratuit pour les jeunes.")
        # the translator ticks the translation as checked: the preview records it
        _switch(page, "Translation checked", pane=1).click()
        _publish(page)
        wait_for(lambda: "translated_from:" in (programs / "soccer.fr.md").read_text("utf-8"),
                 "the French translation recorded as up to date")
        browser.close()
    assert not refused, refused

    english = _front_matter(programs / "chess-club.en.md")
    assert english["title"] == "Chess club" and english["summary"] == "Free chess for teens."
    assert "Every Tuesday at the library." in (programs / "chess-club.en.md").read_text("utf-8")
    for lang, title in (("fr", "Club d’échecs"), ("ar", "نادي الشطرنج")):
        translation = _front_matter(programs / f"chess-club.{lang}.md")
        assert translation["title"] == title
        assert "status" not in translation  # shared fields stay in the original only
    soccer = _front_matter(programs / "soccer.fr.md")
    assert soccer["summary"] == "Du soccer gratuit pour les jeunes."
    assert soccer["slug"] == "soirees-soccer"  # what the editor does not show is kept
    assert "translation_checked" not in soccer
    status = _translation_status(editing.site)
    assert status["programs/soccer.fr"] == "up-to-date", status
    assert status["programs/chess-club.fr"] == "unmarked", status  # not ticked

    def rebuilt() -> bool:
        status, html = fetch(editing.port, "/ar/programs/chess-club/")
        return status == 200 and "نادي الشطرنج" in html
    try:
        wait_for(rebuilt, "the preview to build the new program")
    except AssertionError:  # show why: the preview's problems page
        raise AssertionError(fetch(editing.port, "/ar/programs/chess-club/")[1]) from None
    _, french = fetch(editing.port, "/fr/programmes/soirees-soccer/")
    assert "Du soccer gratuit pour les jeunes." in french


def _write_body(page: Page, pane: int, text: str) -> None:
    """Type into the rich text editor of the left (0) or right (1) pane."""
    editor = page.locator("[data-slate-editor='true']").nth(pane)
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def _right_pane(page: Page, locale: str) -> None:
    """Show the locale in the right pane (the left one shows the original)."""
    choice = page.get_by_role("button", name=re.compile(r"^Writing in ")).nth(1)
    if choice.inner_text().strip() != f"Writing in {locale}":
        choice.click()
        page.get_by_role("menuitem", name=locale).click()


def _switch(page: Page, label: str, pane: int) -> Locator:
    """Decap's on/off switch of a field in the left (0) or right (1) pane, by the label that
    names it (its `for`)."""
    labels = page.locator("label", has_text=re.compile(f"^{re.escape(label)}"))
    labels.nth(pane).wait_for()
    switch = page.locator(f"[id='{labels.nth(pane).get_attribute('for')}']")
    assert switch.get_attribute("role") == "switch"
    return switch


def _publish(page: Page) -> None:
    page.get_by_role("button", name="Publish").first.click()
    page.get_by_role("menuitem", name="Publish now").click()
    time.sleep(0.5)


def _translation_status(site: Path) -> dict[str, str]:
    """collection/name.lang -> status, as `build.py translations --format json` reports it."""
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "translations", "--format",
                           "json", "--site", str(site)], capture_output=True, text=True,
                          check=False)
    states = json.loads(done.stdout)
    return {f"{s['key']}.{s['lang']}": s["status"] for s in states}


def _front_matter(path: Path) -> dict[str, object]:
    data = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n", 2)[1])
    assert isinstance(data, dict)
    return data

