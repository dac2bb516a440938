"""The programs filter in real Chromium: one count, seen and announced alike; a keyboard-usable
"clear filters" and a way back from an empty result; choices kept in the address and read back;
right to left in Arabic; no request anywhere; and out of the way without JavaScript."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.helpers import ROOT
from tests.tools import require_gate_tools

ALL = 9  # programs on the default site
CARDS = ".cards > li:visible"
LIVE = "main [aria-live], main [role=status], main [role=alert], main [role=log]"


def programs_with(field: str, value: str) -> int:
    """How many programs the content files tag with value: what the filter must show."""
    count = 0
    for path in (ROOT / "content/programs").glob("*.en.md"):
        fields = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
        count += value in (fields.get(field) or [])
    return count


@pytest.fixture(scope="module")
def browser(default_site: Path) -> Iterator[tuple[Any, str, list[str]]]:
    """Chromium, the default site's origin, and every request any page made to anywhere."""
    require_gate_tools()
    from playwright.sync_api import sync_playwright

    from sitegen.quality.browser import CHROMIUM_ARGS, serve
    from sitegen.quality.tools import chromium

    requests: list[str] = []
    with serve(default_site, "/") as origin, sync_playwright() as playwright:
        chrome = playwright.chromium.launch(executable_path=str(chromium().path),
                                            args=CHROMIUM_ARGS)
        context = chrome.new_context()
        context.on("request", lambda request: requests.append(request.url))
        yield context, origin, requests
        chrome.close()
    assert requests
    for url in requests:  # no request left the site, whatever a test did
        assert url.startswith(origin + "/"), url


def open_page(browser: tuple[Any, str, list[str]], path: str,
              errors: list[str] | None = None) -> Any:
    """A new tab on path; the page's script errors, if any, go into errors."""
    context, origin, _ = browser
    page = context.new_page()
    if errors is not None:
        page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(origin + path, wait_until="networkidle")
    return page


def query(page: Any) -> str:
    return page.evaluate("location.search")


def count_text(page: Any) -> str:
    """The count as seen: the one live region, visible, with the same text."""
    assert page.locator(LIVE).count() == 1  # announced once: no second live region
    assert page.get_attribute("#result-count", "aria-live") == "polite"
    assert page.is_visible("#result-count")
    return page.inner_text("#result-count")


def test_the_visible_count_is_the_announced_count(browser: tuple[Any, str, list[str]]) -> None:
    errors: list[str] = []
    page = open_page(browser, "/fr/programmes/", errors)
    requests = browser[2]
    assert page.is_visible("#program-filter")
    assert page.locator(CARDS).count() == ALL
    assert count_text(page) == "9 programmes affichés"
    titles = page.locator(f"{CARDS} .card-title a")
    assert titles.first.get_attribute("href") == "/fr/programmes/peace/"  # the public first
    assert titles.last.get_attribute("href") == "/fr/programmes/career-long-training/"
    assert not page.is_visible("#filter-clear") and not page.is_visible("#filter-empty")
    before = len(requests)
    page.select_option("#filter-audiences", "youth")
    assert programs_with("audiences", "youth") == 2
    assert page.locator(CARDS).count() == 2
    assert count_text(page) == "2 programmes affichés"
    assert query(page) == "?audiences=youth"
    page.select_option("#filter-categories", "training")
    assert page.locator(CARDS).count() == 0
    assert count_text(page) == "0 programme affiché"
    page.select_option("#filter-audiences", "")
    assert page.locator(CARDS).count() == programs_with("categories", "training")
    assert query(page) == "?categories=training"
    page.wait_for_timeout(100)
    # filtering fetches nothing; only the page's own icon is looked at again when Chromium sees
    # the address change (history.replaceState)
    icon = browser[1] + page.get_attribute("link[rel=icon]", "href")
    assert set(requests[before:]) <= {icon}
    assert errors == []


def test_clear_filters_by_keyboard_resets_list_count_and_address(
        browser: tuple[Any, str, list[str]]) -> None:
    page = open_page(browser, "/fr/programmes/")
    page.focus("#filter-audiences")
    page.keyboard.press("End")  # a keyboard choice: the last audience
    last = page.eval_on_selector("#filter-audiences", "s => s.options[s.options.length - 1].value")
    assert page.input_value("#filter-audiences") == last
    assert query(page) == f"?audiences={last}"
    assert page.locator(CARDS).count() == programs_with("audiences", last) < ALL
    page.focus("#filter-categories")
    page.keyboard.press("Tab")
    clear = page.evaluate("""() => {
      const el = document.activeElement, style = getComputedStyle(el);
      return {id: el.id, tag: el.tagName, text: el.textContent,
              outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0};
    }""")
    assert clear == {"id": "filter-clear", "tag": "BUTTON", "text": "Effacer les filtres",
                     "outline": True}
    page.keyboard.press("Enter")
    assert page.locator(CARDS).count() == ALL
    assert count_text(page) == "9 programmes affichés"
    assert query(page) == ""
    assert page.input_value("#filter-audiences") == ""
    assert not page.is_visible("#filter-clear")
    assert page.evaluate("document.activeElement.id") == "filter-audiences"  # focus kept


def test_an_empty_result_says_so_and_offers_the_way_back(
        browser: tuple[Any, str, list[str]]) -> None:
    page = open_page(browser, "/fr/programmes/?audiences=youth&categories=training")
    assert page.locator(CARDS).count() == 0
    assert count_text(page) == "0 programme affiché"
    assert page.is_visible("#filter-empty")
    assert "Aucun programme ne correspond" in page.inner_text("#filter-empty")
    page.click("#filter-empty button")
    assert page.locator(CARDS).count() == ALL
    assert count_text(page) == "9 programmes affichés"
    assert query(page) == ""
    assert not page.is_visible("#filter-empty")


def test_an_address_with_filters_opens_the_filtered_list(
        browser: tuple[Any, str, list[str]]) -> None:
    page = open_page(browser, "/fr/programmes/?audiences=youth#main-content")
    assert page.input_value("#filter-audiences") == "youth"
    assert page.locator(CARDS).count() == 2
    assert count_text(page) == "2 programmes affichés"
    assert page.is_visible("#filter-clear")
    assert page.evaluate("location.hash") == "#main-content"


def test_unknown_values_in_the_address_are_ignored_safely(
        browser: tuple[Any, str, list[str]]) -> None:
    hostile = "%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E"
    errors: list[str] = []
    page = open_page(browser, f"/fr/programmes/?audiences={hostile}&categories=no-such-type"
                              "&categories=training&from=newsletter&bad=%E0%A4", errors)
    assert page.input_value("#filter-audiences") == ""
    assert page.input_value("#filter-categories") == "training"  # the first value it offers
    assert page.locator(CARDS).count() == programs_with("categories", "training")
    assert page.locator("main img").count() == 0
    assert "<img" not in page.inner_html("main")
    assert query(page) == "?from=newsletter&bad=%E0%A4&categories=training"  # others kept
    assert errors == []


def test_right_to_left_in_arabic(browser: tuple[Any, str, list[str]]) -> None:
    page = open_page(browser, "/ar/programs/?audiences=youth")
    assert page.evaluate("getComputedStyle(document.documentElement).direction") == "rtl"
    assert count_text(page) == "برنامجان معروضان"
    page.select_option("#filter-categories", "training")
    assert count_text(page) == "لا توجد برامج معروضة"
    assert page.is_visible("#filter-empty")
    assert page.inner_text("#filter-empty button") == "إلغاء التصفية"
    assert query(page) == "?audiences=youth&categories=training"
    page.click("#filter-clear")
    assert page.locator(CARDS).count() == ALL
    assert query(page) == ""
    assert count_text(page) == page.get_attribute("#result-count", f"data-count-{ALL}")


def test_without_javascript_the_directory_pages_narrow_the_list(
        browser: tuple[Any, str, list[str]]) -> None:
    context, origin, _ = browser
    plain = context.browser.new_context(java_script_enabled=False).new_page()
    plain.goto(f"{origin}/fr/programmes/?audiences=youth")
    assert not plain.is_visible("#program-filter")
    assert not plain.is_visible("#filter-empty")
    assert plain.locator(CARDS).count() == ALL
    assert plain.inner_text("#result-count") == "9 programmes affichés"
    assert plain.is_visible("a[href='/fr/programmes/pour/']")
    plain.context.close()
