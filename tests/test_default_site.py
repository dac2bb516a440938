"""Parsed-HTML checks over the whole default site, in every language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from tests.helpers import ROOT
from tests.site_checks import broken_links, load_pages

CONFIG = yaml.safe_load((ROOT / "site_config.yaml").read_text(encoding="utf-8"))
LANGS = {lang["code"]: lang for lang in CONFIG["languages"]}
BASE = CONFIG["base_url"]


@pytest.fixture(scope="module")
def all_pages(default_site: Path) -> dict:
    return load_pages(default_site)


@pytest.fixture(scope="module")
def pages(all_pages: dict) -> dict:
    """The public pages: everything but the team's reports."""
    return {url: page for url, page in all_pages.items() if not url.startswith("/_reports/")}


def language_neutral(page) -> bool:
    """The language chooser and the root 404 page belong to no language."""
    return "chooser" in (page.soup.body.get("class") or [])


def indexable(page) -> bool:
    return page.soup.find("meta", attrs={"name": "robots"}) is None


def test_translation_report_is_for_the_team_only(default_site: Path, drafts_site: Path,
                                                pages: dict) -> None:
    assert not (default_site / "_reports").exists()  # never published
    report = load_pages(drafts_site)["/_reports/translations/"].soup  # in review builds
    assert report.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    rows = report.select("tbody tr")
    assert len(rows) == 2 * len(list((ROOT / "content").glob("*/*.en.md")))
    assert {row.find_all("td")[1].get_text() for row in rows} == {"Up to date"}
    for url, page in pages.items():
        assert not page.soup.select('a[href*="_reports"]'), url


def test_every_page_has_a_configured_lang_and_matching_dir(pages: dict) -> None:
    assert len(pages) > 80
    for url, page in pages.items():
        html = page.soup.html
        lang = html.get("lang")
        assert lang in LANGS, url
        assert html.get("dir") == LANGS[lang]["direction"], url
        if not language_neutral(page):
            assert url.startswith(f"/{lang}/"), url


def test_every_internal_link_resolves(default_site: Path) -> None:
    assert broken_links(default_site) == []


def test_hreflang_alternates_are_reciprocal_and_absolute(pages: dict) -> None:
    for url, page in pages.items():
        if not indexable(page):
            continue
        alternates = {link["hreflang"]: link["href"]
                      for link in page.soup.find_all("link", rel="alternate", hreflang=True)}
        assert "x-default" in alternates, url
        for lang, href in alternates.items():
            assert href.startswith(BASE), (url, href)
            if lang == "x-default":
                continue
            other = pages[href[len(BASE) - 1:]]
            back = {l["hreflang"]: l["href"] for l in other.soup.find_all("link", rel="alternate", hreflang=True)}
            assert back.get(page.soup.html["lang"]) == BASE + url.lstrip("/") or url == "/", \
                (url, lang)


def test_canonical_is_the_page_itself(pages: dict) -> None:
    for url, page in pages.items():
        if url == "/404.html":
            continue  # served for any missing address: it has no address of its own
        assert page.soup.find("link", rel="canonical")["href"] == BASE + url.lstrip("/")


def test_language_switcher_leads_to_the_same_page_in_each_language(pages: dict) -> None:
    for url, page in pages.items():
        if language_neutral(page):
            continue
        switcher = page.soup.find("nav", class_="language-switcher")
        links = {a["lang"]: a["href"] for a in switcher.find_all("a")}
        assert set(links) == set(LANGS), url
        assert links[page.soup.html["lang"]] == url
        for lang, href in links.items():
            assert pages[href].soup.html["lang"] == lang
            own = {l["hreflang"]: l["href"] for l in page.soup.find_all("link", rel="alternate", hreflang=True)}
            assert own.get(lang, BASE + href.lstrip("/")) == BASE + href.lstrip("/")


def test_chooser_lists_every_language_in_its_own_name_and_script(pages: dict) -> None:
    chooser = pages["/"].soup
    links = chooser.select("main a")
    assert [(a["lang"], a["dir"], a.get_text(), a["href"]) for a in links] == [
        (code, lang["direction"], lang["name"], f"/{code}/") for code, lang in LANGS.items()]
    assert chooser.find("meta", attrs={"http-equiv": "refresh"}) is None
    assert chooser.find("script") is None


def test_page_structure_is_semantic(pages: dict) -> None:
    for url, page in pages.items():
        body = page.soup.body
        assert len(body.find_all("main")) == 1, url
        assert len(body.find_all("h1")) == 1, url
        if language_neutral(page):
            continue
        first_link = body.find("a")
        assert "skip-link" in first_link["class"] and first_link["href"] == "#main-content", url
        assert body.find(id="main-content").name == "main"
        assert body.find("header") and body.find("footer") and body.find("nav"), url
        assert body.find("dl", class_="date-modified") is not None, url
        levels = [int(h.name[1]) for h in body.find_all(re.compile(r"^h[1-6]$"))]
        for before, after in zip(levels, levels[1:]):
            assert after <= before + 1, f"{url}: heading h{before} followed by h{after}"


def test_no_inline_script_style_or_event_handler(default_site: Path, pages: dict) -> None:
    for url, page in pages.items():
        assert page.soup.find("style") is None, url
        for script in page.soup.find_all("script"):
            if script.get("type") == "application/ld+json":
                continue  # a data block for search engines: never run, so CSP allows it
            assert script.get("src") and not script.string, url
        for element in page.soup.find_all(True):
            assert "style" not in element.attrs, (url, element.name)
            assert not [a for a in element.attrs if a.lower().startswith("on")], url


def test_no_request_leaves_the_site(pages: dict) -> None:
    for url, page in pages.items():
        for element in page.soup.find_all(["link", "script", "img", "iframe", "source"]):
            target = element.get("src") or (element.get("href") if element.name != "link" or
                                            element.get("rel") == ["stylesheet"] else None)
            assert not target or target.startswith("/"), (url, target)


def test_numbers_in_arabic_text_are_isolated(pages: dict) -> None:
    for url, page in pages.items():
        if page.soup.html["lang"] != "ar":
            continue
        for link in page.soup.select('a[href^="tel:"]'):
            assert link.get("dir") == "ltr", url


def test_every_program_and_resource_exists_in_every_language(pages: dict) -> None:
    programs = sorted(p.stem.split(".")[0] for p in (ROOT / "content/programs").glob("*.en.md"))
    assert len(programs) >= 9
    for code in LANGS:
        section = CONFIG["collections"]["programs"]["section"][code]
        for slug in programs:
            page = pages[f"/{code}/{section}/{slug}/"]
            assert page.soup.find("meta", attrs={"name": "robots"}) is None, (code, slug)
            assert page.soup.find("p", class_="notice") is None, (code, slug)
    resources = list((ROOT / "content/resources").glob("*.en.md"))
    assert len(resources) >= 6


def test_partner_pages_list_the_programs_that_name_them(pages: dict) -> None:
    page = pages["/fr/partenaires/caribbean-association/"]
    related = page.soup.find("section", class_="related")
    assert [a["href"] for a in related.find_all("a")] == ["/fr/programmes/youth-in-action/"]
