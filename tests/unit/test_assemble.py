"""sitegen.site.assemble: items and their language entries, pages, URLs and cross-references."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sitegen.source.model import Site
from tests.helpers import TINY, copy_site
from tests.unit.support import load_site, messages, replace_in

WALKING_AR_WARNING = (
    "content/programs/walking.en.md:1: No Arabic (ar) translation: the English (en) text is "
    "shown instead.\n    Add walking.ar.md to translate it.")


@pytest.fixture(scope="module")
def tiny() -> Site:
    site, report = load_site(TINY)
    assert report.errors == []
    return site


@pytest.fixture
def site_dir(tmp_path: Path) -> Path:
    return copy_site(TINY, tmp_path / "site")


def page_urls(site: Site, kind: str) -> list[str]:
    return [page.url for page in site.pages if page.kind == kind]


# Pages and URLs --------------------------------------------------------------------------------

def test_pages_of_the_tiny_site(tiny: Site) -> None:
    assert page_urls(tiny, "chooser") == ["/"]
    assert page_urls(tiny, "home") == ["/en/", "/fr/", "/ar/"]
    assert page_urls(tiny, "list") == [
        "/en/programs/", "/fr/programmes/", "/ar/programs/",
        "/en/partners/", "/fr/partenaires/", "/ar/partners/",
        "/en/help/", "/fr/aide/", "/ar/help/",
    ]  # "pages" has no section, so no list page
    assert page_urls(tiny, "item") == [
        "/en/contact/", "/fr/contact/", "/ar/contact/",
        "/en/partners/town-club/", "/fr/partenaires/town-club/", "/ar/partners/town-club/",
        "/en/programs/soccer/", "/fr/programmes/soirees-soccer/", "/ar/programs/soccer/",
        "/en/programs/walking/", "/fr/programmes/walking/", "/ar/programs/walking/",
        "/en/help/safety/", "/fr/aide/safety/", "/ar/help/safety/",
    ]
    home_fr = next(p for p in tiny.pages if p.url == "/fr/")
    assert (home_fr.title, home_fr.template, home_fr.lang) == \
        ("Programmes de Petiteville", "home.html", "fr")


def test_item_page_uses_the_schema_template_and_the_entry_title(tiny: Site) -> None:
    page = next(p for p in tiny.pages if p.url == "/fr/programmes/soirees-soccer/")
    assert (page.kind, page.template, page.title, page.collection, page.lang) == \
        ("item", "programs", "Soirées soccer", "programs", "fr")
    assert page.entry is tiny.entry("programs/soccer", "fr")
    assert page.indexable


def test_translation_has_its_own_slug(tiny: Site) -> None:
    assert tiny.entry("programs/soccer", "fr").url == "/fr/programmes/soirees-soccer/"
    assert tiny.entry("programs/soccer", "en").url == "/en/programs/soccer/"
    assert tiny.url_of_key[("programs/soccer", "ar")] == "/ar/programs/soccer/"


def test_original_slug_is_used_by_translations_without_one(site_dir: Path) -> None:
    replace_in(site_dir / "content/partners/town-club.en.md", "kind: club\n",
               "kind: club\nslug: the-club\n")
    site, _ = load_site(site_dir)
    assert site.entry("partners/town-club", "en").url == "/en/partners/the-club/"
    assert site.entry("partners/town-club", "fr").url == "/fr/partenaires/the-club/"


def test_translation_takes_shared_fields_from_the_original(tiny: Site) -> None:
    fields = tiny.entry("programs/soccer", "fr").fields
    assert fields.title == "Soirées soccer"
    assert fields.summary == "Du soccer gratuit pour les ados."
    assert (fields.audiences, fields.partners, fields.featured) == \
        (("youth",), ("town-club",), True)


def test_updated_comes_from_the_text_or_its_last_commit(site_dir: Path) -> None:
    replace_in(site_dir / "content/programs/soccer.fr.md", "updated: 2026-01-11\n", "")
    site, _ = load_site(site_dir, commit_dates={
        "content/programs/soccer.fr.md": dt.date(2025, 12, 1),
        "content/programs/soccer.en.md": dt.date(2025, 11, 1)})
    assert site.entry("programs/soccer", "en").updated == dt.date(2026, 1, 10)  # its own field
    assert site.entry("programs/soccer", "fr").updated == dt.date(2025, 12, 1)  # its commit


# Missing translations --------------------------------------------------------------------------

def test_fallback_entry_for_a_missing_translation(tiny: Site) -> None:
    _, report = load_site(TINY)
    assert messages(report.warnings) == [WALKING_AR_WARNING]
    entry = tiny.entry("programs/walking", "ar")
    assert entry.is_fallback
    assert entry.source.src_path == "content/programs/walking.en.md"
    assert (entry.lang, entry.text_lang, entry.title) == ("ar", "en", "Walking club")
    assert entry.url == "/ar/programs/walking/"
    page = next(p for p in tiny.pages if p.url == "/ar/programs/walking/")
    assert not page.indexable  # a copy of the English page
    # hreflang alternates list only real translations; the switcher offers every language
    assert page.alternates == {"en": "/en/programs/walking/", "fr": "/fr/programmes/walking/"}
    assert page.switcher == {"en": "/en/programs/walking/", "fr": "/fr/programmes/walking/",
                             "ar": "/ar/programs/walking/"}


def test_fallback_omit_leaves_the_page_out(site_dir: Path) -> None:
    replace_in(site_dir / "site_config.yaml", "fallback: show_default", "fallback: omit")
    (site_dir / "content/pages/contact.ar.md").unlink()
    site, report = load_site(site_dir)
    assert (report.errors, report.warnings) == ([], [])
    assert list(site.items["programs/walking"].entries) == ["en", "fr"]
    assert ("programs/walking", "ar") not in site.url_of_key
    assert "/ar/programs/walking/" not in page_urls(site, "item")
    walking_en = next(p for p in site.pages if p.url == "/en/programs/walking/")
    # the switcher leads to the Arabic list page instead of a missing page
    assert walking_en.switcher == {"en": "/en/programs/walking/",
                                   "fr": "/fr/programmes/walking/", "ar": "/ar/programs/"}
    # pages have no list page: the switcher leads to the Arabic home page
    contact_en = next(p for p in site.pages if p.url == "/en/contact/")
    assert contact_en.switcher["ar"] == "/ar/"
    assert [e.key for e in site.in_collection("programs", "ar")] == ["programs/soccer"]


def test_translation_without_original(site_dir: Path) -> None:
    (site_dir / "content/programs/socer.fr.md").write_text(
        "---\ntitle: Soccer\nsummary: Du soccer.\n---\n", encoding="utf-8")
    site, report = load_site(site_dir)
    assert messages(report.errors) == [
        "content/programs/socer.fr.md:1: This French (fr) translation has no English (en) "
        'original (socer.en.md). Did you mean "soccer"?\n'
        "    Every item starts in English (en): create socer.en.md, or rename this file to "
        "match its original."]
    assert "programs/socer" not in site.items


def test_original_with_errors_does_not_make_its_translations_orphans(site_dir: Path) -> None:
    replace_in(site_dir / "content/programs/walking.en.md", "title: Walking club\n", "")
    site, report = load_site(site_dir)
    assert messages(report.errors) == [
        'content/programs/walking.en.md:2: Missing required field "title" (the page title).\n'
        "    Add a line like: title: Youth Soccer Nights"]
    assert report.warnings == []
    assert "programs/walking" not in site.items


# Collisions ------------------------------------------------------------------------------------

def test_url_collision_names_both_files(site_dir: Path) -> None:
    replace_in(site_dir / "content/programs/walking.fr.md", "updated:",
               "slug: soirees-soccer\nupdated:")
    _, report = load_site(site_dir)
    assert messages(report.errors) == [
        "content/programs/walking.fr.md:4: Two pages would be published at "
        "/fr/programmes/soirees-soccer/: this one and content/programs/soccer.fr.md.\n"
        '    Give one of them another web address with a "slug:" line in '
        "content/programs/walking.fr.md, for example: slug: soirees-soccer-2"]


def test_item_colliding_with_a_list_page(site_dir: Path) -> None:
    (site_dir / "content/pages/help.en.md").write_text(
        "---\ntitle: Help\nsummary: Getting help.\n---\n", encoding="utf-8")
    _, report = load_site(site_dir)
    assert messages(report.errors) == [
        "content/pages/help.en.md:1: Two pages would be published at /ar/help/: this one and "
        "the list page of site_config.yaml.\n"
        '    Give one of them another web address with a "slug:" line in '
        "content/pages/help.en.md, for example: slug: help-2",
        "content/pages/help.en.md:1: Two pages would be published at /en/help/: this one and "
        "the list page of site_config.yaml.\n"
        '    Give one of them another web address with a "slug:" line in '
        "content/pages/help.en.md, for example: slug: help-2",
    ]


# References ------------------------------------------------------------------------------------

def test_reverse_links(tiny: Site, site_dir: Path) -> None:
    assert tiny.referenced_by == {"partners/town-club": ("programs/soccer",)}
    replace_in(site_dir / "content/programs/walking.en.md", "status: ended",
               "partners: [town-club]\nstatus: ended")
    site, _ = load_site(site_dir)
    assert site.referenced_by == {"partners/town-club": ("programs/soccer", "programs/walking")}


def test_unknown_taxonomy_id_and_item_reference(site_dir: Path) -> None:
    replace_in(site_dir / "content/programs/soccer.en.md", "audiences: [youth]",
               "audiences: [yuoth, seniors]")
    replace_in(site_dir / "content/programs/soccer.en.md", "partners: [town-club]",
               "partners: [town-clubs]")
    replace_in(site_dir / "content/partners/town-club.en.md", "kind: club", "kind: school")
    _, report = load_site(site_dir)
    assert messages(report.errors) == [
        'content/partners/town-club.en.md:4: "school" is not one of the partner_kinds in '
        "content/taxonomies.yaml.\n"
        '    Known partner_kinds: "club".',
        'content/programs/soccer.en.md:4: "yuoth" is not one of the audiences in '
        'content/taxonomies.yaml. Did you mean "youth"?\n'
        '    Known audiences: "seniors", "youth".',
        'content/programs/soccer.en.md:6: "town-clubs" in partners is not a known item of '
        '"partners". Did you mean "town-club"?\n'
        "    Use the file name without language, e.g. town-club",
    ]


def test_reference_to_a_file_with_errors_is_not_reported_again(site_dir: Path) -> None:
    replace_in(site_dir / "content/partners/town-club.en.md", "title: Town Club\n", "")
    _, report = load_site(site_dir)
    assert [e.path for e in report.errors] == ["content/partners/town-club.en.md"]


def test_malformed_language_code_of_a_resource(site_dir: Path) -> None:
    replace_in(site_dir / "content/resources/safety.en.md", "[en, fr, ar, ur]", "[en, f1]")
    _, report = load_site(site_dir)
    assert messages(report.errors) == [
        'content/resources/safety.en.md:5: "f1" is not a language code.\n'
        "    Use codes such as en, fr, ar, ur, pa, zh."]


def test_unknown_language_code_of_a_resource(site_dir: Path) -> None:
    replace_in(site_dir / "content/resources/safety.en.md", "[en, fr, ar, ur]", "[en, xx]")
    _, report = load_site(site_dir)
    assert messages(report.errors) == [
        'content/resources/safety.en.md:5: "xx" is not a language code.\n'
        "    Use codes such as en, fr, ar, ur, pa, zh."]


# Menu ------------------------------------------------------------------------------------------

def test_menu_target_typo_with_suggestion(site_dir: Path) -> None:
    replace_in(site_dir / "site_config.yaml", "  - target: programs\n", "  - target: programes\n")
    replace_in(site_dir / "site_config.yaml", "footer:\n  - target: pages/contact",
               "footer:\n  - target: pages/contacts")
    _, report = load_site(site_dir)
    assert messages(report.errors) == [
        'site_config.yaml:10: The menu links to "programes", which is not a page of this site. '
        'Did you mean "programs"?\n'
        '    Use "home", a collection such as programs, or an item such as pages/about.',
        'site_config.yaml:15: The menu links to "pages/contacts", which is not a page of this '
        'site. Did you mean "pages/contact"?\n'
        '    Use "home", a collection such as programs, or an item such as pages/about.',
    ]


def test_menu_cannot_link_to_a_collection_without_list_page(site_dir: Path) -> None:
    replace_in(site_dir / "site_config.yaml", "  - target: programs\n", "  - target: home\n")
    replace_in(site_dir / "site_config.yaml", "footer:\n  - target: pages/contact",
               "footer:\n  - target: pages")
    _, report = load_site(site_dir)
    assert [(e.line, e.message) for e in report.errors] == [
        (15, 'The menu links to "pages", a collection without a list page (it has no '
             'section).')]
    assert report.errors[0].hint == "Link to one of its pages instead, for example pages/contact."


def test_home_featured_names_an_unknown_collection(site_dir: Path) -> None:
    replace_in(site_dir / "site_config.yaml", "featured: [programs]", "featured: [program]")
    _, report = load_site(site_dir)
    assert [e.message for e in report.errors] == [
        'home.featured names "program", which is not a collection. Did you mean "programs"?']
    assert report.errors[0].path == "site_config.yaml"


def test_home_featured_problem_is_at_its_line(site_dir: Path) -> None:
    replace_in(site_dir / "site_config.yaml", "featured: [programs]", "featured: [program]")
    lines = (site_dir / "site_config.yaml").read_text(encoding="utf-8").split("\n")
    featured_line = lines.index("  featured: [program]") + 1
    _, report = load_site(site_dir)
    assert [e.line for e in report.errors] == [featured_line]


# Order -----------------------------------------------------------------------------------------

def test_collection_order_is_weight_then_title(tiny: Site, site_dir: Path) -> None:
    assert [e.title for e in tiny.in_collection("programs", "en")] == \
        ["Soccer nights", "Walking club"]
    replace_in(site_dir / "content/programs/walking.en.md", "status: ended",
               "status: ended\nweight: -1")
    site, _ = load_site(site_dir)
    assert [e.title for e in site.in_collection("programs", "fr")] == \
        ["Club de marche", "Soirées soccer"]
