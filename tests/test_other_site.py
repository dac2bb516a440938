"""A site unlike the default one (French first, Urdu, a renamed collection, a sub-path base URL,
untranslated pages omitted) builds correctly: nothing in the generator assumes en/fr/ar."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import FIXTURES, run_cli
from tests.site_checks import broken_links, load_pages

OTHER = FIXTURES / "other"
BASE = "https://services.example.net/ville/"


@pytest.fixture(scope="module")
def other_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("other") / "output"
    result = run_cli("--site", str(OTHER), "--output", str(out), "--strict")
    assert result.returncode == 0, result.stderr
    assert "Built 16 pages (fr 6, en 5, ur 5)" in result.stdout
    return out


def test_every_link_resolves_under_the_sub_path(other_site: Path) -> None:
    assert broken_links(other_site, base_path="/ville/") == []


def test_urdu_pages_are_right_to_left_with_their_own_slugs(other_site: Path) -> None:
    pages = load_pages(other_site)
    page = pages["/ur/khidmat/kutub-khana/"].soup
    assert (page.html["lang"], page.html["dir"]) == ("ur", "rtl")
    assert page.find("a", class_="skip-link").get_text() == "مرکزی مواد پر جائیں"
    assert str(page.find("bdi")) == '<bdi dir="ltr">01 23 45 67 89</bdi>'
    assert page.find("a", string="مدد")["href"] == "/ville/ur/madad/"


def test_omitted_translation_has_no_page_and_the_switcher_avoids_a_404(other_site: Path) -> None:
    pages = load_pages(other_site)
    assert "/en/services/piscine/" not in pages
    piscine = pages["/fr/services/piscine/"].soup
    switcher = {a["lang"]: a["href"] for a in piscine.select(".language-switcher a")}
    assert switcher == {"fr": "/ville/fr/services/piscine/", "en": "/ville/en/services/",
                        "ur": "/ville/ur/khidmat/"}
    alternates = {l["hreflang"]: l["href"] for l in piscine.find_all("link", rel="alternate")}
    assert alternates == {"fr": BASE + "fr/services/piscine/",
                          "x-default": BASE + "fr/services/piscine/"}


def test_default_language_comes_first_and_explicit_fragment_links_work(other_site: Path) -> None:
    pages = load_pages(other_site)
    chooser = pages["/"].soup
    assert chooser.html["lang"] == "fr"
    assert [a["lang"] for a in chooser.select("main a")] == ["fr", "en", "ur"]
    library = pages["/fr/services/bibliotheque/"].soup
    assert library.select_one(".entry-body a")["href"] == "/ville/fr/aide/#nous-écrire"
    assert library.find("p", class_="emergency").get_text(" ", strip=True) == \
        "En cas d'urgence, composez le 112 ."
