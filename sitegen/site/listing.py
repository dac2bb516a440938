"""What list pages show: a collection's entries in the order that suits it (news newest first,
events by start, upcoming or past as of the build), one numbered page of them, or those of one
taxonomy term."""

from __future__ import annotations

import datetime as dt

from ..source.model import Entry, Page, Site
from .pages import PAST_EVENTS


def event_end(entry: Entry) -> dt.datetime:
    """The instant an event is over: its end, or the end of its last day when it is all day."""
    return entry.schedule.end


def _start_key(entry: Entry) -> tuple[dt.datetime, str]:
    return (entry.schedule.start, entry.title.casefold())


def ordered(site: Site, collection: str, lang: str) -> list[Entry]:
    """A collection's entries in list order: news newest first, events by start, any other
    collection by weight, then title (Site.in_collection). Weight is shared by all
    translations, so a list keeps its order in every language, whatever its titles.
    The list page and its directory pages use this order; the home page's featured entries come
    from Site.in_collection, the same order for every collection but news and events."""
    return list(site.remembered(("ordered", collection, lang),
                                lambda: tuple(_in_order(site, collection, lang))))


def _in_order(site: Site, collection: str, lang: str) -> list[Entry]:
    entries = site.in_collection(collection, lang)
    kind = site.config.collections[collection]
    if kind.has("dated"):
        return sorted(entries, key=lambda e: (e.fields.date, e.title.casefold()),
                      reverse=True)
    if kind.has("scheduled"):
        return sorted(entries, key=_start_key)
    return entries


def upcoming_events(site: Site, collection: str, lang: str, now: dt.datetime) -> list[Entry]:
    return [e for e in ordered(site, collection, lang)
            if event_end(e) > now]


def past_events(site: Site, collection: str, lang: str, now: dt.datetime) -> list[Entry]:
    return [e for e in reversed(ordered(site, collection, lang))
            if event_end(e) <= now]


def list_entries(site: Site, page: Page, now: dt.datetime) -> list[Entry]:
    """The entries one list page shows."""
    collection = site.config.collections[page.collection or ""]
    if collection.has("scheduled"):
        pick = past_events if page.variant == PAST_EVENTS else upcoming_events
        entries = pick(site, collection.name, page.lang, now)
    else:
        entries = ordered(site, collection.name, page.lang)
    if collection.per_page:
        first = (page.page_number - 1) * collection.per_page
        entries = entries[first:first + collection.per_page]
    return entries


def term_entries(site: Site, page: Page) -> list[Entry]:
    """The entries of page.collection tagged with page.term of page.taxonomy."""
    by_term = site.remembered(("terms", page.collection, page.taxonomy, page.lang),
                              lambda: _by_term(site, page.collection or "", page.taxonomy or "",
                                               page.lang))
    return list(by_term.get(page.term or "", ()))


def _by_term(site: Site, collection: str, taxonomy: str, lang: str) -> dict[str, list[Entry]]:
    """Each term of taxonomy -> the collection's entries in lang tagged with it, in order."""
    field = taxonomy_field(site, collection, taxonomy)
    found: dict[str, list[Entry]] = {}
    for entry in ordered(site, collection, lang):
        for term in dict.fromkeys(entry.fields.listed(field)):
            found.setdefault(term, []).append(entry)
    return found


def taxonomy_field(site: Site, collection: str, taxonomy: str) -> str:
    schema = site.config.collections[collection].record
    return next(name for name, spec in schema.fields.items() if spec.taxonomy == taxonomy)


def valid_until(site: Site, now: dt.datetime) -> dt.datetime:
    """The first moment after now at which a build of the same files would differ: the next
    midnight (UTC, the build's dates) or the next end of an event (it moves to past events)."""
    moments = [dt.datetime.combine(now.astimezone(dt.timezone.utc).date() + dt.timedelta(days=1),
                                   dt.time(), dt.timezone.utc)]
    for item in site.items.values():
        entry = item.entries.get(site.config.default_language.code)
        if entry is not None and entry.times is not None:
            end = event_end(entry)
            if end > now:
                moments.append(end)
    return min(moments)
