"""The programs filter in real Chromium: keyboard usable, announces the count, makes no request,
and stays out of the way without JavaScript."""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.helpers import ROOT
from tests.tools import require_gate_tools


def programs_with(field: str, value: str) -> int:
    """How many programs the content files tag with value: what the filter must show."""
    count = 0
    for path in (ROOT / "content/programs").glob("*.en.md"):
        fields = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
        count += value in (fields.get(field) or [])
    return count


def test_filter_narrows_the_list_and_announces_the_count(default_site: Path) -> None:
    require_gate_tools()
    from playwright.sync_api import sync_playwright

    from sitegen.quality.browser import CHROMIUM_ARGS, serve
    from sitegen.quality.tools import chromium

    requests: list[str] = []
    with serve(default_site, "/") as origin, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium().path),
                                             args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(f"{origin}/fr/programmes/", wait_until="networkidle")
        page.on("request", lambda request: requests.append(request.url))
        assert page.is_visible("#program-filter")
        assert page.locator(".cards > li:visible").count() == 9
        page.focus("#filter-audiences")
        page.select_option("#filter-audiences", "youth")
        assert programs_with("audiences", "youth") == 2
        assert page.locator(".cards > li:visible").count() == 2
        assert page.text_content("#filter-status") == "2 programmes affichés"
        assert page.get_attribute("#filter-status", "aria-live") == "polite"
        page.select_option("#filter-categories", "training")
        assert page.locator(".cards > li:visible").count() == 0
        assert page.text_content("#filter-status") == "0 programme affiché"
        page.select_option("#filter-audiences", "")
        assert page.locator(".cards > li:visible").count() == programs_with("categories",
                                                                              "training")
        page.wait_for_timeout(200)
        assert requests == []  # filtering asks nothing of any server
        arabic = browser.new_page()
        arabic.goto(f"{origin}/ar/programs/")
        arabic.select_option("#filter-audiences", "youth")
        assert arabic.text_content("#filter-status") == "برنامجان معروضان"
        plain = browser.new_context(java_script_enabled=False).new_page()
        plain.goto(f"{origin}/fr/programmes/")
        assert not plain.is_visible("#program-filter")
        assert plain.locator(".cards > li:visible").count() == 9
        assert plain.is_visible("a[href='/fr/programmes/pour/']")
        browser.close()
