"""The pages a site is made of (sitegen.site.pages), the feeds and calendars of its dated
collections (sitegen.render.feeds), and what each kind of page gives its template
(sitegen.render.templating.page_context), on the dated fixture: events, news, a program."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from icalendar import Calendar

from sitegen.render.feeds import atom_feed, calendar, feed_files
from sitegen.render.templating import page_context
from sitegen.site.listing import ordered, upcoming_events
from sitegen.source.model import Entry, Page, Site
from tests.helpers import FIXTURES
from tests.unit.support import load_site

NOW = dt.datetime(2026, 1, 15, 12, tzinfo=dt.timezone.utc)


@pytest.fixture(scope="module")
def dated() -> Site:
    site, report = load_site(FIXTURES / "dated")
    assert not report.errors
    return site


def pages_of(site: Site, kind: str, lang: str = "en") -> list[Page]:
    return [page for page in site.pages if page.kind == kind and page.lang == lang]


def test_a_scheduled_collection_has_a_list_of_past_events(dated: Site) -> None:
    lists = {(page.collection, page.variant, page.page_number) for page in pages_of(dated, "list")}
    assert ("events", "", 1) in lists and ("events", "past", 1) in lists
    assert not any(variant for collection, variant, _ in lists if collection != "events")


def test_news_is_split_into_pages_of_its_per_page(dated: Site) -> None:
    news = sorted((page.page_number, page.url) for page in pages_of(dated, "list", "fr")
                  if page.collection == "news")
    assert news == [(1, "/fr/nouvelles/"), (2, "/fr/nouvelles/page/2/")]


def test_an_untranslated_item_is_shown_but_not_indexed(dated: Site) -> None:
    fair = {page.lang: page for page in dated.pages if page.entry and page.entry.key ==
            "events/fair"}
    assert set(fair) == {"en", "fr", "ar"}
    assert fair["en"].indexable and not fair["fr"].indexable
    assert fair["fr"].entry is not None and fair["fr"].entry.is_fallback
    assert fair["en"].alternates == {"en": "/en/events/fair/"}  # no false translations


def test_lists_are_in_the_order_of_their_behaviour(dated: Site) -> None:
    assert [e.key for e in ordered(dated, "news", "en")] == ["news/coaches", "news/new-season"]
    assert [e.key for e in ordered(dated, "events", "en")] == [
        "events/winter-walk", "events/open-house", "events/fair"]
    assert [e.key for e in upcoming_events(dated, "events", "en", NOW)] == [
        "events/open-house", "events/fair"]


def test_the_feed_of_a_language_leaves_out_untranslated_news(dated: Site) -> None:
    english, french = atom_feed(dated, "news", "en", NOW), atom_feed(dated, "news", "fr", NOW)
    assert english.count(b"<entry>") == 2 and french.count(b"<entry>") == 1
    assert b"Une nouvelle saison" in french and b"New coaches" not in french


def test_calendars_hold_upcoming_events_and_all_day_ends_are_exclusive(dated: Site) -> None:
    files = feed_files(dated, NOW)
    upcoming = Calendar.from_ical(files["en/events/calendar.ics"])
    names = [str(event["SUMMARY"]) for event in upcoming.walk("VEVENT")]
    assert names == ["Open house", "Summer fair"]  # the winter walk is over
    fair = Calendar.from_ical(calendar(dated, [dated.entry("events/fair", "en")], "Fair", NOW))
    event = fair.walk("VEVENT")[0]
    assert event["DTSTART"].dt == dt.date(2026, 7, 4)
    assert event["DTEND"].dt == dt.date(2026, 7, 6)  # the day after the last day
    assert not fair.walk("VTIMEZONE")  # dates need no time zone
    timed = Calendar.from_ical(files["en/events/open-house/event.ics"])
    assert [str(zone["TZID"]) for zone in timed.walk("VTIMEZONE")] == ["America/Toronto"]


def test_feeds_and_calendars_state_when_their_content_was_made_not_when_they_were_built(
        dated: Site) -> None:
    """The same bytes all day, so that a build writes again only the files whose content
    changed; DTSTAMP is the day the event's text was last updated, or else the build's day."""
    toronto = dt.timezone(dt.timedelta(hours=-5))
    morning, evening = (dt.datetime(2026, 2, 1, hour, tzinfo=toronto) for hour in (9, 18))
    assert evening.astimezone(dt.timezone.utc).date() == morning.date()
    assert feed_files(dated, morning) == feed_files(dated, evening)
    fair = dated.entry("events/fair", "en")
    assert fair.updated == dt.date(2026, 1, 2)

    def stamp(entry: Entry, when: dt.datetime) -> dt.datetime:
        event = Calendar.from_ical(calendar(dated, [entry], "Fair", when)).walk("VEVENT")[0]
        stamped: dt.datetime = event["DTSTAMP"].dt
        return stamped

    # midnight in the site's time zone (Toronto), the day its text was updated
    assert stamp(fair, morning) == dt.datetime(2026, 1, 2, 5, tzinfo=dt.timezone.utc)
    undated = dataclasses.replace(fair, updated=None)
    assert stamp(undated, morning) == stamp(undated, evening) == \
        dt.datetime(2026, 2, 1, tzinfo=dt.timezone.utc)
    assert stamp(undated, morning + dt.timedelta(days=1)) == \
        dt.datetime(2026, 2, 2, tzinfo=dt.timezone.utc)
    no_news = dataclasses.replace(dated, items={key: item for key, item in dated.items.items()
                                                if not key.startswith("news/")})
    assert b"<updated>2026-02-01T00:00:00+00:00</updated>" in atom_feed(no_news, "news", "en",
                                                                         evening)


def test_each_kind_of_page_gets_what_its_template_shows(dated: Site) -> None:
    bodies = {(entry.key, entry.lang): "" for item in dated.items.values()
              for entry in item.entries.values()}
    events = next(p for p in pages_of(dated, "list") if p.collection == "events" and
                  not p.variant)
    context = page_context(dated, events, bodies, NOW)
    assert [e.key for e in context["entries"]] == ["events/open-house", "events/fair"]
    assert context["pagination"] == {"previous": None, "next": None}
    home = pages_of(dated, "home")[0]
    assert "featured" in page_context(dated, home, bodies, NOW)
    program = next(p for p in pages_of(dated, "item") if p.entry and
                   p.entry.key == "programs/soccer")
    context = page_context(dated, program, bodies, NOW)
    assert {e.key for e in context["related"]} == {"events/open-house", "news/new-season"}
    assert context["own_fields"] == []  # programs have their own template, and no labels
