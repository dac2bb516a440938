"""An untranslated page is honest in every field: the tiny site's walking club has no Arabic
text, so its Arabic page shows the English text, and says so in its title, description, Open
Graph data and canonical link, not only in the page."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.helpers import TINY, TINY_NOW, run_cli


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("fallback") / "out"
    result = run_cli("--site", str(TINY), "--output", str(out), "--now", TINY_NOW, "--no-search")
    assert result.returncode == 0, result.stderr
    return out


def page(out: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((out / path).read_text(encoding="utf-8"), "html.parser")


def test_the_fallback_page_says_it_is_in_english(built: Path) -> None:
    soup = page(built, "ar/programs/walking/index.html")
    assert soup.html["lang"] == "ar"
    assert soup.title.string == "Walking club (باللغة الإنجليزية) | برامج البلدة الصغيرة"
    description = soup.find("meta", attrs={"name": "description"})
    assert description["lang"] == "en" and description["content"] == "Morning walks for seniors."
    assert soup.find("meta", property="og:title")["content"] == \
        "Walking club (باللغة الإنجليزية)"
    assert soup.find("meta", property="og:description")["lang"] == "en"
    assert soup.find("meta", property="og:locale")["content"] == "en_CA"
    assert soup.find("link", rel="canonical")["href"] == \
        "https://tiny.example.org/en/programs/walking/"
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert soup.find("article")["lang"] == "en"


def test_a_translated_page_keeps_its_own_fields(built: Path) -> None:
    soup = page(built, "fr/programmes/walking/index.html")
    assert "(en anglais)" not in soup.title.string
    assert soup.find("meta", attrs={"name": "description"}).get("lang") is None
    assert soup.find("meta", property="og:locale")["content"] == "fr_CA"
    assert soup.find("link", rel="canonical")["href"] == \
        "https://tiny.example.org/fr/programmes/walking/"


def test_the_sitemap_leaves_fallback_pages_out(built: Path) -> None:
    sitemap = (built / "sitemap.xml").read_text(encoding="utf-8")
    assert "/ar/programs/walking/" not in sitemap
    assert "/fr/programmes/walking/" in sitemap
