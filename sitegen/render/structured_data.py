"""schema.org data for search engines (JSON-LD): the organization on home pages, the event on
event pages, and the breadcrumb trail on inner pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..site import urls
from ..site.event_times import event_times
from ..source.config import SiteConfig
from ..source.model import Entry, Page, Site

SCHEMA = "https://schema.org"


SCHEMA_DAYS = {"mo": "Monday", "tu": "Tuesday", "we": "Wednesday", "th": "Thursday",
               "fr": "Friday", "sa": "Saturday", "su": "Sunday"}


def _contact(config: SiteConfig, lang: str) -> dict[str, Any]:
    """The organization's contact details from site_config.yaml, as schema.org properties."""
    contact = config.contact
    found: dict[str, Any] = {}
    if contact.email:
        found["email"] = contact.email
    if contact.address:
        found["address"] = contact.address[lang]
    if contact.phones:
        found["telephone"] = contact.phones[0].number
    if contact.hours:
        found["openingHoursSpecification"] = [
            {"@type": "OpeningHoursSpecification",
             "dayOfWeek": [f"{SCHEMA}/{SCHEMA_DAYS[day]}" for day in line.days],
             "opens": line.opens, "closes": line.closes} for line in contact.hours]
    points = [{"@type": "ContactPoint", "telephone": phone.number, "contactType": phone.label[lang],
               **({"availableLanguage": list(contact.languages)} if contact.languages else {})}
              for phone in contact.phones]
    if points:
        found["contactPoint"] = points
    return found


def _place(entry: Entry, lang: str) -> dict[str, Any]:
    """An event's place; schema.org requires its address, which is its name when the content
    gives no street address."""
    location = entry.fields["location"]
    name = location["name"].get(lang) or next(iter(location["name"].values())) \
        if isinstance(location["name"], dict) else location["name"]
    address = location.get("address")
    return {"@type": "Place", "name": name,
            "address": {"@type": "PostalAddress", "streetAddress": address} if address
            else name}


def structured_data(site: Site, page: Page, now: dt.datetime) -> list[dict[str, Any]]:
    config = site.config
    blocks: list[dict[str, Any]] = []
    organization = {"@type": "Organization",
                    "name": (config.organization or config.title)[page.lang],
                    "url": urls.absolute(config, urls.home_url(page.lang))}
    if page.kind == "home":
        blocks.append({"@context": SCHEMA, **organization, **_contact(config, page.lang)})
    entry = page.entry
    if entry is not None and config.collections[entry.collection].has("scheduled"):
        fields = entry.fields
        online = fields["location"].get("online")
        times = event_times(fields, config.timezone)
        start, end = ((times.first_day, times.last_day) if times.all_day
                      else (times.start, times.end))
        blocks.append({
            "@context": SCHEMA, "@type": "Event", "name": entry.title,
            "description": fields["summary"], "url": urls.absolute(config, entry.url),
            "startDate": start.isoformat(), "endDate": end.isoformat(),
            "inLanguage": entry.text_lang,
            "eventAttendanceMode": f"{SCHEMA}/{'Online' if online else 'Offline'}"
                                   "EventAttendanceMode",
            "eventStatus": f"{SCHEMA}/EventScheduled",
            "location": ({"@type": "VirtualLocation", "url": urls.absolute(config, entry.url)}
                         if online else _place(entry, page.lang)),
            "organizer": organization})
    if page.kind not in ("home", "chooser", "404", "404-root", "report"):
        trail = [(config.title[page.lang], urls.home_url(page.lang))]
        collection = config.collections.get(page.collection or "")
        if collection is not None and collection.has_list_page and page.kind != "list":
            trail.append((collection.title[page.lang],
                          urls.list_url(config, collection.name, page.lang)))
        trail.append((page.title or config.title[page.lang], page.url))
        blocks.append({"@context": SCHEMA, "@type": "BreadcrumbList", "itemListElement": [
            {"@type": "ListItem", "position": n, "name": name, "item": urls.absolute(config, url)}
            for n, (name, url) in enumerate(trail, start=1)]})
    return blocks
