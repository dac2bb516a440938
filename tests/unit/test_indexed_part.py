"""sitegen.render.search.indexed_part: what the search index reads of a page, so that a change
anywhere else keeps the index as it is, and a change there always makes it again."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from sitegen.render.search import _index_part, indexed_part

PAGE = ('<!DOCTYPE html><html lang="fr" dir="ltr"><head><title>T</title></head><body>'
        '<nav>Menu</nav><main id="m" data-pagefind-body>{main}</main><footer>{footer}</footer>'
        '</body></html>')


def page(main: str, footer: str = "Pied") -> str:
    return PAGE.format(main=main, footer=footer)


def test_only_the_language_and_the_main_content_count() -> None:
    assert indexed_part(page("<p>Texte</p>")) == \
        '<html lang="fr" dir="ltr"><title>T</title><main id="m" data-pagefind-body><p>Texte</p>' \
        '</main>'
    assert indexed_part(page("<p>Texte</p>", footer="Autre")) == \
        indexed_part(page("<p>Texte</p>"))
    assert indexed_part(page("<p>Texte</p>")) != indexed_part(page("<p>Autre texte</p>"))


def test_elements_the_index_ignores_do_not_count() -> None:
    notice = '<p class="notice" data-pagefind-ignore>Mise à jour <a href="/en/">Lire</a></p>\n'
    assert indexed_part(page(notice + "<h1>Titre</h1>")) == indexed_part(page("<h1>Titre</h1>"))


def test_an_ignored_element_holding_its_own_kind_counts_whole() -> None:
    nested = '<div data-pagefind-ignore><div>Un</div> deux</div>'
    assert "deux" in indexed_part(page(nested + "<p>Texte</p>"))


def test_the_whole_page_counts_when_the_template_speaks_to_the_index_elsewhere() -> None:
    whole = page("<p>Texte</p>", footer='<span data-pagefind-filter="type">Programme</span>')
    assert indexed_part(whole) == whole
    assert indexed_part("<html><body><p>No main</p></body></html>") == \
        "<html><body><p>No main</p></body></html>"


def test_what_the_index_may_take_a_title_from_counts_wherever_it_is() -> None:
    """A template that names no title (data-pagefind-meta="title") gets the page's first <h1>
    as its title in the index, or else its <title>, even outside the main content."""
    main = "<p>Texte</p>"
    assert indexed_part(page(main).replace("<title>T</title>", "<title>Autre</title>")) != \
        indexed_part(page(main))
    with_heading = page(main).replace("<nav>Menu</nav>", "<nav>Menu</nav><h1>Le site</h1>")
    assert indexed_part(with_heading) != indexed_part(page(main))
    assert indexed_part(with_heading.replace("Le site", "Un autre site")) != \
        indexed_part(with_heading)


def test_pagefind_takes_the_title_from_outside_the_main_content(tmp_path: Path) -> None:
    """Why the <h1> and <title> count: the real Pagefind's titles, for a page that names none."""
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "b").mkdir()
    (site / "a/index.html").write_text(
        page("<p>Texte</p>").replace("<nav>Menu</nav>", "<h1>Le site</h1>"), encoding="utf-8")
    (site / "b/index.html").write_text(page("<p>Autre texte</p>"), encoding="utf-8")
    index = _index_part(site, ["a/index.html", "b/index.html"], tmp_path / "work")
    titles = sorted(json.loads(gzip.decompress(path.read_bytes())[len(b"pagefind_dcd"):])
                    ["meta"]["title"] for path in (index / "fragment").iterdir())
    assert titles == ["Le site", "T"]
