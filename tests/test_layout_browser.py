"""The page as people see it, in Chromium: on a phone the header leaves room for the page (the
main heading starts in the first 40 % of a 390 × 844 screen, left to right and right to left),
the menu and search fold into a disclosure that opens without JavaScript, the language switcher
stays visible, and the search page does not shift while its results arrive."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sitegen.quality import tools
from sitegen.quality.browser import serve
from tests.tools import require_gate_tools

PHONE = {"width": 390, "height": 844}
LAYOUT_SHIFT = """window.__shift = 0;
new PerformanceObserver(list => { for (const entry of list.getEntries())
  if (!entry.hadRecentInput) window.__shift += entry.value; })
  .observe({type: 'layout-shift', buffered: true});"""


@pytest.fixture(scope="module")
def browser(default_site: Path) -> Iterator[tuple[object, str]]:
    require_gate_tools()
    from playwright.sync_api import sync_playwright

    with serve(default_site, "/") as origin, sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(tools.chromium().path),
                                              args=["--no-sandbox", "--disable-gpu"])
        yield chromium, origin
        chromium.close()


@pytest.mark.parametrize("url", ["/en/programs/peace/", "/ar/programs/peace/", "/fr/",
                                 "/ar/newcomers/"])
def test_the_heading_starts_high_on_a_phone(browser: tuple[object, str], url: str) -> None:
    chromium, origin = browser
    page = chromium.new_page(viewport=PHONE, java_script_enabled=False)
    page.goto(origin + url)
    top = page.evaluate("() => document.querySelector('main h1').getBoundingClientRect().top")
    assert top < 0.4 * PHONE["height"], f"{url}: the main heading starts at {top:.0f} px"
    switcher = page.locator(".language-switcher a").first
    assert switcher.is_visible()
    assert not page.locator(".site-nav").is_visible()  # folded into the disclosure
    page.close()


def test_the_menu_opens_without_javascript(browser: tuple[object, str]) -> None:
    chromium, origin = browser
    page = chromium.new_page(viewport=PHONE, java_script_enabled=False)
    page.goto(origin + "/ar/")
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    while not page.evaluate("() => document.activeElement.tagName === 'SUMMARY'"):
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.locator(".site-nav").is_visible()
    assert page.locator("#site-search-q").is_visible()
    page.close()


def test_on_a_wide_screen_the_menu_is_always_shown(browser: tuple[object, str]) -> None:
    chromium, origin = browser
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    page.goto(origin + "/fr/")
    assert page.locator(".site-nav").is_visible()
    assert page.locator("#site-search-q").is_visible()
    assert not page.locator(".site-menu > summary").is_visible()
    page.close()


@pytest.mark.parametrize("viewport", [PHONE, {"width": 1280, "height": 900}])
def test_the_search_page_does_not_shift(browser: tuple[object, str], viewport: dict) -> None:
    chromium, origin = browser
    page = chromium.new_page(viewport=viewport)
    page.add_init_script(LAYOUT_SHIFT)
    page.goto(origin + "/en/search/?q=youth")
    page.locator("#search-results li").first.wait_for()
    page.wait_for_timeout(300)
    assert page.evaluate("() => window.__shift") < 0.05
    page.close()
