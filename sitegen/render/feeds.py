"""Files for other programs: an Atom feed of each news collection per language (feedgen), and
iCalendar files (icalendar): one per event and a feed of upcoming events per language."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from ..site import urls
from ..site.listing import ordered, upcoming_events
from ..source.config import SiteConfig
from ..source.field_types import in_language
from ..source.model import Entry, Site

# icalendar and feedgen are imported where a file is made: a build that takes every feed and
# calendar from the cache (most edits) does not load them.
if TYPE_CHECKING:
    from icalendar import Event, Timezone


def feed_url(config: SiteConfig, collection: str, lang: str) -> str:
    return urls.list_url(config, collection, lang) + "feed.xml"


def calendar_url(config: SiteConfig, collection: str, lang: str) -> str:
    return urls.list_url(config, collection, lang) + "calendar.ics"


def event_file_url(entry: Entry) -> str:
    return entry.url + "event.ics"


def build_day(now: dt.datetime) -> dt.datetime:
    """The start (UTC) of the build's day: when a file says it was made, for what has no date
    of its own (an empty feed, an event whose text has none). A file's bytes stay the same all
    day, so that a build writes again only the feeds and calendars whose content changed."""
    return dt.datetime.combine(now.astimezone(dt.timezone.utc).date(), dt.time(),
                               dt.timezone.utc)


@dataclass(frozen=True)
class FeedFile:
    """One feed or calendar file to make: where it goes, the entries it shows, and how to make
    it."""

    dest: str
    entries: tuple[Entry, ...]
    make: Callable[[], bytes]


def feed_plan(site: Site, now: dt.datetime) -> list[FeedFile]:
    """Every feed and calendar file, not made yet: each depends only on the settings, the
    entries it shows and the build's day (build_day; and which events are upcoming, by
    now)."""
    plan: list[FeedFile] = []
    config = site.config
    for name, collection in config.collections.items():
        if not collection.has_list_page:
            continue
        for lang in config.codes:
            if collection.has("dated"):
                news = news_entries(site, name, lang)
                plan.append(FeedFile(urls.dest_path(feed_url(config, name, lang)), tuple(news),
                                     functools.partial(atom_feed, site, name, lang, now)))
            elif collection.has("scheduled"):
                upcoming = upcoming_events(site, name, lang, now)
                title = f"{collection.title[lang]} | {config.title[lang]}"
                plan.append(FeedFile(urls.dest_path(calendar_url(config, name, lang)),
                                     tuple(upcoming), functools.partial(
                                         calendar, site, upcoming, title, now)))
                for entry in ordered(site, name, lang):
                    plan.append(FeedFile(urls.dest_path(event_file_url(entry)), (entry,),
                                         functools.partial(calendar, site, [entry], entry.title,
                                                           now)))
    return plan


def feed_files(site: Site, now: dt.datetime) -> dict[str, bytes]:
    """Output path -> content of every feed and calendar file."""
    return {file.dest: file.make() for file in feed_plan(site, now)}


def news_entries(site: Site, collection: str, lang: str) -> list[Entry]:
    """What a language's feed holds: its news, newest first, without untranslated items."""
    return [entry for entry in ordered(site, collection, lang) if not entry.is_fallback]


def _midnight(day: dt.date, zone: str) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), ZoneInfo(zone))


def atom_feed(site: Site, collection: str, lang: str, now: dt.datetime) -> bytes:
    """The news of one language, newest first; untranslated items are left out. A feed
    without news was last updated at the start of the build's day (build_day)."""
    from feedgen.feed import FeedGenerator

    config = site.config
    entries = news_entries(site, collection, lang)
    feed = FeedGenerator()
    home = urls.absolute(config, urls.list_url(config, collection, lang))
    feed.id(home)
    feed.title(f"{config.collections[collection].title[lang]} | {config.title[lang]}")
    feed.subtitle(config.tagline[lang])
    feed.link(href=urls.absolute(config, feed_url(config, collection, lang)), rel="self")
    feed.link(href=home, rel="alternate")
    feed.language(lang)
    # RFC 4287 wants an author for every entry: the organization, named in the feed's language
    feed.author({"name": (config.organization or config.title)[lang],
                 "uri": urls.absolute(config, urls.home_url(lang)),
                 **({"email": config.contact.email} if config.contact.email else {})})
    dates = [_midnight(e.fields.date, config.timezone) for e in entries]
    feed.updated(max(dates) if dates else build_day(now))
    for entry, published in zip(entries, dates):
        item = feed.add_entry(order="append")
        item.id(urls.absolute(config, entry.url))
        item.title(entry.title)
        item.link(href=urls.absolute(config, entry.url))
        item.summary(entry.fields.summary)
        item.published(published)
        item.updated(_midnight(entry.updated, config.timezone) if entry.updated else published)
    atom: bytes = feed.atom_str(pretty=True)
    return atom


def calendar(site: Site, entries: list[Entry], name: str, now: dt.datetime) -> bytes:
    """An RFC 5545 calendar of the given events, built at now."""
    from icalendar import Calendar

    config = site.config
    host = config.base_url.split("://", 1)[-1].split("/", 1)[0]
    cal = Calendar()
    cal.add("prodid", f"-//{host}//sitegen//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    for entry in entries:
        cal.add_component(_event(site, entry, host, now))
    # each zone the events name, in a steady order (icalendar's own add_missing_timezones walks
    # a set), over the years of these events only: icalendar's default span lists every change
    # of clock from 1970 to 2038, which makes each file large and slow to write
    years = [day.year for entry in entries
             for day in (entry.schedule.first_day, entry.schedule.last_day)]
    for position, zone in enumerate(sorted(cal.get_missing_tzids())):
        cal.subcomponents.insert(position, _vtimezone(zone, min(years), max(years)))
    return bytes(cal.to_ical())


@functools.lru_cache(maxsize=None)
def _vtimezone(zone: str, first_year: int, last_year: int) -> Timezone:
    """The VTIMEZONE of a zone name, from the start of first_year to the end of last_year."""
    from icalendar import Timezone

    return Timezone.from_tzid(zone, first_date=dt.date(first_year, 1, 1),
                              last_date=dt.date(last_year + 1, 1, 1))


def _event(site: Site, entry: Entry, host: str, now: dt.datetime) -> Event:
    from icalendar import Event

    url = urls.absolute(site.config, entry.url)
    event = Event()
    event.add("uid", f"{entry.key.replace('/', '-')}@{host}")
    # RFC 5545 DTSTAMP: when this version of the event was made, as the site knows it (the day
    # its text was last updated), so that a build that changes nothing of it leaves its file
    revised = _midnight(entry.updated, site.config.timezone) if entry.updated else build_day(now)
    event.add("dtstamp", revised.astimezone(dt.timezone.utc))
    # RFC 5545 LANGUAGE: the text's own language, which differs from the calendar's when the
    # event is not translated yet
    text_language = {"LANGUAGE": entry.text_lang}
    event.add("summary", entry.title, parameters=text_language)
    event.add("description", f"{entry.fields.summary}\n\n{url}", parameters=text_language)
    event.add("url", url)
    event.add("location", location_text(entry, entry.lang))
    times = entry.schedule
    if times.all_day:
        event.add("dtstart", times.first_day)
        event.add("dtend", times.end.date())  # DTEND of a date is exclusive: the day after
    else:
        event.add("dtstart", times.start)
        event.add("dtend", times.end)
    return event


def location_text(entry: Entry, lang: str) -> str:
    location = entry.fields.location
    return ", ".join(part for part in (in_language(location.name, lang), location.address or "")
                     if part)
