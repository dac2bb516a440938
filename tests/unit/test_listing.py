"""The order of lists (sitegen.site.listing): programs for the public before internal training on the
default site, in every language and on every list that shows programs."""

from __future__ import annotations

import datetime as dt

import pytest

from sitegen.site.listing import ordered, term_entries
from sitegen.source.model import Entry, Site
from tests.helpers import ROOT
from tests.unit.support import load_site

INTERNAL = {"police-members"}  # an audience inside the police service, not the public


@pytest.fixture(scope="module")
def default() -> Site:
    site, _ = load_site(ROOT)
    return site


def is_internal(entry: Entry) -> bool:
    """Training for police members only: it belongs after every program for the public."""
    return set(entry.fields.value("audiences") or []) <= INTERNAL


def public_first(entries: list[Entry]) -> bool:
    flags = [is_internal(entry) for entry in entries]
    return flags == sorted(flags)


def test_programs_list_opens_with_youth_and_ends_with_training(default: Site) -> None:
    keys = [entry.key for entry in ordered(default, "programs", "en")]
    assert keys[:3] == ["programs/peace", "programs/youth-in-action", "programs/newcomer-efforts"]
    assert keys[-3:] == ["programs/recruit-training", "programs/coach-officer-training",
                         "programs/career-long-training"]


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_every_language_lists_programs_in_the_same_order(default: Site, lang: str) -> None:
    # weight is shared: translated titles, which sort differently, do not reorder the list
    english = [entry.key for entry in ordered(default, "programs", "en")]
    entries = ordered(default, "programs", lang)
    assert [entry.key for entry in entries] == english
    assert public_first(entries)
    featured = [e for e in default.in_collection("programs", lang) if e.fields.value("featured")]
    assert featured and [e.key for e in featured] == [k for k in english
                                                       if k in {e.key for e in featured}]


def test_directory_pages_put_public_programs_first(default: Site) -> None:
    terms = [page for page in default.pages
             if page.kind == "term" and page.collection == "programs"]
    assert terms
    for page in terms:
        entries = term_entries(default, page)
        assert public_first(entries), page.url


def test_a_term_lists_every_entry_tagged_with_it_and_no_other(default: Site) -> None:
    """A taxonomy's entries are sorted by term once per build: each term page lists, in list
    order, exactly the entries whose field names the term (a term whose id is part of another's
    is not matched by it)."""
    terms = [page for page in default.pages if page.kind == "term"]
    assert {page.taxonomy for page in terms} >= {"audiences", "categories"}
    for page in terms:
        field = next(name for name, spec in
                     default.config.collections[page.collection or ""].record.fields.items()
                     if spec.taxonomy == page.taxonomy)
        tagged = [entry for entry in ordered(default, page.collection or "", page.lang)
                  if page.term in entry.fields.listed(field)]
        assert tagged, page.url
        assert term_entries(default, page) == tagged, page.url
        term_entries(default, page).clear()  # a copy: the next page's list stays whole
        assert term_entries(default, page) == tagged, page.url


def test_the_newest_date_of_a_language_and_of_a_collection() -> None:
    """The newest dates are found in one pass: of each language's entries, and of each
    collection's (of the language's, when none of the collection's has a date)."""
    files = sorted(path.relative_to(ROOT).as_posix() for path in (ROOT / "content").rglob("*.md"))
    # a different day for each file, and none for some collections' files
    site, _ = load_site(ROOT, {path: dt.date(2026, 1, 1) + dt.timedelta(days=number % 97)
                               for number, path in enumerate(files)
                               if not path.startswith("content/events/")})
    entries = [entry for item in site.items.values() for entry in item.entries.values()]
    for lang in site.config.codes:
        dates = [e.updated for e in entries if e.lang == lang and e.updated]
        assert dates and site.last_updated(lang) == max(dates)
        for name in site.config.collections:
            own = [e.updated for e in entries if e.lang == lang and e.updated
                   and e.collection == name]
            assert site.last_updated(lang, name) == (max(own) if own else max(dates)), name
        assert site.last_updated(lang, "events") == max(dates)
