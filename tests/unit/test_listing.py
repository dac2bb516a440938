"""The order of lists (sitegen.site.listing): programs for the public before internal training on the
default site, in every language and on every list that shows programs."""

from __future__ import annotations

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
