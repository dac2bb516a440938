"""Search in real Chromium: each language finds its own pages only, Arabic works, untranslated
(fallback) pages are found in their own language only, nothing leaves the site, and without
JavaScript the page offers lists to browse instead."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.helpers import TINY, TINY_NOW, copy_site, run_cli
from tests.tools import require_gate_tools


@pytest.fixture(scope="module")
def browser():
    require_gate_tools()
    from playwright.sync_api import sync_playwright

    from sitegen.quality.browser import CHROMIUM_ARGS
    from sitegen.quality.tools import chromium

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(chromium().path),
                                              args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def search(browser, site: Path, path: str) -> tuple[list[str], str, list[str]]:
    """(result links, status text, requests to other origins) for a search page address."""
    from sitegen.quality.browser import serve

    elsewhere: list[str] = []
    with serve(site, "/") as origin:
        page = browser.new_page()
        page.on("request", lambda r: None if r.url.startswith(origin) else elsewhere.append(r.url))
        page.on("console", lambda m: elsewhere.append(m.text)
                if "Content Security Policy" in m.text else None)
        page.goto(origin + path)
        page.wait_for_function("() => !document.getElementById('search-status').textContent"
                               ".endsWith('…')", timeout=15000)
        page.wait_for_timeout(100)
        links = [a.get_attribute("href") for a in page.query_selector_all("#search-results a")]
        status = page.text_content("#search-status") or ""
        page.close()
    return links, status, elsewhere


def test_french_finds_french_pages_only(browser, default_site: Path) -> None:
    links, status, elsewhere = search(browser, default_site, "/fr/recherche/?q=signaler")
    assert "/fr/nouveaux-arrivants/reporting-hate/" in links
    assert all(link.startswith("/fr/") for link in links), links
    assert status.endswith("résultats") or status.endswith("résultat")
    english, _, _ = search(browser, default_site, "/fr/recherche/?q=hate")
    assert all(link.startswith("/fr/") for link in english), english
    assert elsewhere == []


def test_arabic_term_finds_the_arabic_page(browser, default_site: Path) -> None:
    links, status, elsewhere = search(browser, default_site, "/ar/search/?q=الكراهية")
    assert "/ar/newcomers/reporting-hate/" in links
    assert all(link.startswith("/ar/") for link in links)
    assert elsewhere == []


def test_untranslated_pages_are_found_in_their_own_language_only(browser, tiny_site: Path
                                                                  ) -> None:
    # walking.en.md has no Arabic translation: its Arabic page shows the English text.
    arabic, status, _ = search(browser, tiny_site, "/ar/search/?q=morning")
    assert arabic == []
    assert status == "لا توجد نتائج"
    english, _, _ = search(browser, tiny_site, "/en/search/?q=morning")
    assert english == ["/en/programs/walking/"]


def test_an_index_made_in_parts_is_searched_whole(browser, tmp_path: Path) -> None:
    """With parts of one page, each language's pages are spread over several indexes: the search
    page merges them, and finds every page whatever its part."""
    site = copy_site(TINY, tmp_path / "site")
    config = site / "site_config.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "\nsearch:\n", "\nsearch:\n  part_pages: 1\n", 1), encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli("--site", str(site), "--output", str(out), "--now", TINY_NOW)
    assert result.returncode == 0, result.stderr
    parts = json.loads((out / "pagefind/parts.json").read_text(encoding="utf-8"))
    assert len(parts["en"]) >= 2 and all((out / "pagefind" / folder / "pagefind-entry.json")
                                          .is_file() for folder in parts["en"]), parts
    for query, page in [("soccer", "/en/programs/soccer/"), ("walking", "/en/programs/walking/"),
                        ("town", "/en/partners/town-club/"), ("safe", "/en/help/safety/"),
                        ("contact", "/en/contact/")]:
        links, _, elsewhere = search(browser, out, f"/en/search/?q={query}")
        assert page in links, (query, links)
        assert all(link.startswith("/en/") for link in links) and elsewhere == []
    both, status, _ = search(browser, out, "/en/search/?q=club")
    assert {"/en/programs/walking/", "/en/partners/town-club/"} <= set(both), both
    assert status == f"{len(both)} results"
    arabic, _, _ = search(browser, out, "/ar/search/?q=morning")
    assert arabic == []  # the merged parts are the reader's language's only


def test_without_javascript_the_search_page_offers_lists(browser, default_site: Path) -> None:
    from sitegen.quality.browser import serve

    with serve(default_site, "/") as origin:
        context = browser.new_context(java_script_enabled=False)
        page = context.new_page()
        page.goto(origin + "/fr/recherche/?q=signaler")
        assert page.is_visible("#search-fallback")
        assert "La recherche a besoin de JavaScript" in page.text_content("#search-fallback")
        assert page.is_visible("#search-fallback a[href='/fr/programmes/pour/']")
        context.close()


def test_search_engine_loads_only_on_the_search_page(default_site: Path) -> None:
    for page in (default_site / "fr").rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if "/recherche/" in str(page):
            assert re.search(r'src="/static/js/search\.[0-9a-f]{10}\.js"', html)
        else:
            assert "pagefind" not in html.replace("data-pagefind", ""), page
            assert 'action="/fr/recherche/"' in html or "404" in page.name
