"""sitegen.render.markup: Markdown bodies with real Python-Markdown, content links and bidi isolation."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.errors import ContentError
from sitegen.render.markup import Converted, MarkdownRenderer
from sitegen.source.model import Site
from tests.helpers import TINY, copy_site
from tests.unit.support import load_site, replace_in


@pytest.fixture(scope="module")
def tiny() -> Site:
    site, report = load_site(TINY)
    assert report.errors == []
    return site


@pytest.fixture(scope="module")
def renderer() -> MarkdownRenderer:
    return MarkdownRenderer()


def convert(renderer: MarkdownRenderer, site: Site, key: str,
            lang: str) -> tuple[str, list[ContentError]]:
    return pair(renderer.convert(site, site.entry(key, lang)))


def pair(converted: Converted) -> tuple[str, list[ContentError]]:
    """(HTML, every problem) of a conversion."""
    return converted.html, converted.errors + converted.warnings


def with_body(tmp_path: Path, file: str, body: str, config_edit: tuple[str, str] | None = None,
              ) -> Site:
    """The tiny site with file's body (after its front matter) replaced."""
    site_dir = copy_site(TINY, tmp_path / "site")
    path = site_dir / "content" / file
    text = path.read_text(encoding="utf-8")
    front_end = text.index("\n---\n", 4) + len("\n---\n")
    path.write_text(text[:front_end] + body, encoding="utf-8")
    if config_edit:
        replace_in(site_dir / "site_config.yaml", *config_edit)
    site, report = load_site(site_dir)
    assert report.errors == []
    return site


# Headings --------------------------------------------------------------------------------------

def test_arabic_heading_gets_a_unicode_id(tiny: Site, renderer: MarkdownRenderer) -> None:
    html, problems = convert(renderer, tiny, "programs/soccer", "ar")
    assert problems == []
    assert html.startswith('<h2 id="كيف-يعمل-البرنامج">كيف يعمل البرنامج</h2>\n')
    assert 'id="_1"' not in html


def test_accented_and_repeated_headings(tmp_path: Path, renderer: MarkdownRenderer) -> None:
    site = with_body(tmp_path, "resources/safety.fr.md",
                     "## La nuit à l'école\n\n## La nuit à l'école\n")
    html, _ = convert(renderer, site, "resources/safety", "fr")
    assert html == ('<h2 id="la-nuit-à-lécole">La nuit à l\'école</h2>\n'
                    '<h2 id="la-nuit-à-lécole_1">La nuit à l\'école</h2>')


# Content links ---------------------------------------------------------------------------------

def test_content_link_resolves_per_language_and_keeps_the_fragment(
        tiny: Site, renderer: MarkdownRenderer) -> None:
    html_en, problems = convert(renderer, tiny, "programs/soccer", "en")
    assert problems == []
    assert '<a href="/en/partners/town-club/">Town Club</a>' in html_en
    assert '<a href="/en/help/safety/#at-night">staying safe</a>' in html_en
    html_fr, _ = convert(renderer, tiny, "programs/soccer", "fr")
    assert '<a href="/fr/partenaires/town-club/">Club de la ville</a>' in html_fr
    html_ar, _ = convert(renderer, tiny, "programs/soccer", "ar")
    assert '<a href="/ar/partners/town-club/">نادي البلدة</a>' in html_ar


def test_link_forms(tmp_path: Path, renderer: MarkdownRenderer) -> None:
    site = with_body(tmp_path, "programs/soccer.fr.md", (
        "[a](../resources/safety.ar.md) "      # an explicit language
        "[b](walking.en.md#top) "              # same folder, explicit language, fragment
        "[c](walking.md) "                     # same folder, the page's language
        "[d](/pages/contact.md) "              # from the content folder
        "[e](https://example.org/notes.md) "   # not a content file
        "[f](#top)\n"))
    html, problems = convert(renderer, site, "programs/soccer", "fr")
    assert problems == []
    assert html == ('<p><a href="/ar/help/safety/">a</a> '
                    '<a href="/en/programs/walking/#top">b</a> '
                    '<a href="/fr/programmes/walking/">c</a> '
                    '<a href="/fr/contact/">d</a> '
                    '<a href="https://example.org/notes.md">e</a> '
                    '<a href="#top">f</a></p>')


def test_links_use_the_base_path(tmp_path: Path, renderer: MarkdownRenderer) -> None:
    site = with_body(tmp_path, "programs/soccer.fr.md", "[a](../partners/town-club.md#x)\n",
                     ("base_url: https://tiny.example.org/",
                      "base_url: https://example.org/preview/pr-12/"))
    html, _ = convert(renderer, site, "programs/soccer", "fr")
    assert html == '<p><a href="/preview/pr-12/fr/partenaires/town-club/#x">a</a></p>'


def test_fallback_page_links_stay_in_the_reader_language(tmp_path: Path,
                                                         renderer: MarkdownRenderer) -> None:
    site = with_body(tmp_path, "programs/walking.en.md",
                     "Ask [the club](../partners/town-club.md).\n")
    entry = site.entry("programs/walking", "ar")
    assert entry.is_fallback and entry.text_lang == "en"
    html, problems = pair(renderer.convert(site, entry))
    assert problems == []
    assert html == '<p>Ask <a href="/ar/partners/town-club/">the club</a>.</p>'


def test_link_to_an_item_omitted_in_this_language_goes_to_the_original(
        tmp_path: Path, renderer: MarkdownRenderer) -> None:
    site = with_body(tmp_path, "programs/soccer.ar.md", "[مشي](walking.md)\n",
                     ("fallback: show_default", "fallback: omit"))
    assert "ar" not in site.items["programs/walking"].entries
    html, problems = convert(renderer, site, "programs/soccer", "ar")
    assert problems == []
    assert html == '<p><a href="/en/programs/walking/">مشي</a></p>'


def test_missing_link_reports_the_line_of_the_body(tmp_path: Path,
                                                   renderer: MarkdownRenderer) -> None:
    site = with_body(tmp_path, "programs/soccer.en.md",
                     "\nFirst paragraph.\n\nSee [the rules](../pages/rules.md) and\n"
                     "[the club](../partner/town-club.md).\n")
    text = (tmp_path / "site/content/programs/soccer.en.md").read_text(encoding="utf-8")
    lines = text.split("\n")
    assert lines[12].startswith("See [the rules]") and lines[13].startswith("[the club]")
    html, problems = convert(renderer, site, "programs/soccer", "en")
    assert [str(p) for p in problems] == [
        'content/programs/soccer.en.md:13: The link "../pages/rules.md" leads to a content '
        "file that does not exist.\n"
        "    Check the spelling, and that the path is relative to this file, for example "
        "../programs/peace.md",
        'content/programs/soccer.en.md:14: The link "../partner/town-club.md" leads to a '
        'content file that does not exist. Did you mean "../partners/town-club.md"?\n'
        "    Check the spelling, and that the path is relative to this file, for example "
        "../programs/peace.md",
    ]
    assert '<a href="../pages/rules.md">the rules</a>' in html  # left as written


def test_link_to_a_file_with_its_own_errors_is_not_reported_again(
        tmp_path: Path, renderer: MarkdownRenderer) -> None:
    site_dir = copy_site(TINY, tmp_path / "site")
    replace_in(site_dir / "content/programs/soccer.en.md", "## How it works",
               "[walk](walking.md)")
    replace_in(site_dir / "content/programs/walking.en.md", "title: Walking club\n", "")
    site, report = load_site(site_dir)
    assert site.unreadable == {"programs/walking"}
    html, problems = pair(renderer.convert(site, site.entry("programs/soccer", "en")))
    assert problems == []
    assert '<a href="walking.md">walk</a>' in html


def test_problems_do_not_carry_over_between_documents(tmp_path: Path,
                                                      renderer: MarkdownRenderer) -> None:
    site = with_body(tmp_path, "programs/soccer.en.md", "[x](nowhere.md)\n")
    _, problems = convert(renderer, site, "programs/soccer", "en")
    assert len(problems) == 1
    _, problems = convert(renderer, site, "programs/walking", "en")
    assert problems == []


# Bidi isolation --------------------------------------------------------------------------------

def test_phone_number_in_arabic_text_is_isolated(tiny: Site, renderer: MarkdownRenderer) -> None:
    html, _ = convert(renderer, tiny, "programs/soccer", "ar")
    assert 'اتصل على <bdi dir="ltr">905 555 0100</bdi> أو اسأل' in html


def test_numbers_and_postal_codes_in_right_to_left_text(tmp_path: Path,
                                                        renderer: MarkdownRenderer) -> None:
    site = with_body(tmp_path, "pages/contact.ar.md", (
        "اتصل على 905-555-0100 أو +1 (905) 555-0100، العنوان K1A 0B1.\n\n"
        "**613 555 0199** بعد *الساعة* 416.555.0142 ثم\n\n"
        "رقم 12 و 911 و 3 4.\n"))
    html, _ = convert(renderer, site, "pages/contact", "ar")
    assert html == (
        '<p>اتصل على <bdi dir="ltr">905-555-0100</bdi> أو '
        '<bdi dir="ltr">+1 (905) 555-0100</bdi>، العنوان <bdi dir="ltr">K1A 0B1</bdi>.</p>\n'
        '<p><strong><bdi dir="ltr">613 555 0199</bdi></strong> بعد <em>الساعة</em> '
        '<bdi dir="ltr">416.555.0142</bdi> ثم</p>\n'
        # a single number or fewer than three digits reads the same either way
        "<p>رقم 12 و 911 و 3 4.</p>")


def test_no_isolation_inside_code(tmp_path: Path, renderer: MarkdownRenderer) -> None:
    site = with_body(tmp_path, "pages/contact.ar.md",
                     "الرقم `905 555 0100` هنا.\n\n    905 555 0100\n")
    html, _ = convert(renderer, site, "pages/contact", "ar")
    assert html == ("<p>الرقم <code>905 555 0100</code> هنا.</p>\n"
                    "<pre><code>905 555 0100\n</code></pre>")


def test_no_isolation_in_left_to_right_text(tmp_path: Path, renderer: MarkdownRenderer) -> None:
    body = "Call 905 555 0100 at K1A 0B1.\n"
    site = with_body(tmp_path, "pages/contact.fr.md", body)
    assert convert(renderer, site, "pages/contact", "fr")[0] == \
        "<p>Call 905 555 0100 at K1A 0B1.</p>"
    # The Arabic page of an untranslated item shows English text: left to right, no <bdi>.
    html, _ = convert(renderer, site, "programs/walking", "ar")
    assert "<bdi" not in html


def test_isolation_is_switched_off_again_after_a_right_to_left_page(
        tmp_path: Path, renderer: MarkdownRenderer) -> None:
    site = with_body(tmp_path, "pages/contact.en.md", "Call 905 555 0100.\n")
    assert "<bdi" in convert(renderer, site, "programs/soccer", "ar")[0]
    assert convert(renderer, site, "pages/contact", "en")[0] == "<p>Call 905 555 0100.</p>"


def test_a_number_joined_to_an_arabic_letter_is_not_split(tmp_path: Path,
                                                          renderer: MarkdownRenderer) -> None:
    site = with_body(tmp_path, "pages/contact.ar.md", "مفتوح من 2026-01-05 و2026-03-14.\n")
    html, _ = convert(renderer, site, "pages/contact", "ar")
    assert '<bdi dir="ltr">2026-01-05</bdi>' in html
    assert "2026-03-14" in html  # whole, whether isolated or not
