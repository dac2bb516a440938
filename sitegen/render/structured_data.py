"""schema.org data for search engines (JSON-LD): the organization on home pages, the service on
the pages of services (programs, newcomer services: sitegen.site.services, the facts the open
data files hold too), the event on event pages, and the breadcrumb trail on inner pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..site import urls
from ..site.services import Service, is_service, service_of
from ..source.config import SiteConfig
from ..source.field_types import in_language
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
    """An event's place, with its address when the content gives one (never made up)."""
    location = entry.fields.location
    address = location.address
    return {"@type": "Place", "name": in_language(location.name, lang),
            **({"address": {"@type": "PostalAddress", "streetAddress": address}}
               if address else {})}


def government_service(config: SiteConfig, found: Service, lang: str,
                       provider: dict[str, Any]) -> dict[str, Any]:
    """A service of the organization, with what its content gives: who runs it with the
    organization, who it is for, where, and how to reach it."""
    block: dict[str, Any] = {"@context": SCHEMA, "@type": "GovernmentService",
                             "name": found.name, "description": found.description,
                             "url": found.url, "provider": provider}
    operators = [{"@type": "Organization", "name": partner.name, "url": partner.url,
                  **({"sameAs": partner.website} if partner.website else {})}
                 for partner in found.partners]
    if operators:
        block["serviceOperator"] = operators
    if config.area_served:
        block["areaServed"] = {"@type": "AdministrativeArea", "name": config.area_served[lang]}
    audiences = [{"@type": "Audience", "audienceType": term.label}
                 for term in found.terms_of("audience")]
    if audiences:
        block["audience"] = audiences
    categories = [term.label for term in found.terms_of("category")]
    if categories:
        block["serviceType"] = categories
    block["availableChannel"] = _channel(found)
    return block


def _channel(found: Service) -> dict[str, Any]:
    """How people reach the service: its web address, its phone, the languages it speaks."""
    channel: dict[str, Any] = {"@type": "ServiceChannel", "serviceUrl": found.website or found.url}
    if found.phones:
        channel["servicePhone"] = {"@type": "ContactPoint", "telephone": found.phones[0],
                                   **({"email": found.email} if found.email else {})}
    if found.languages:
        channel["availableLanguage"] = list(found.languages)
    return channel


def structured_data(site: Site, page: Page, now: dt.datetime) -> list[dict[str, Any]]:
    config = site.config
    blocks: list[dict[str, Any]] = []
    organization = {"@type": "Organization",
                    "name": (config.organization or config.title)[page.lang],
                    "url": urls.absolute(config, urls.home_url(page.lang))}
    if page.kind == "home":
        blocks.append({"@context": SCHEMA, **organization, **_contact(config, page.lang)})
    entry = page.entry
    if entry is not None and is_service(config, entry):
        blocks.append(government_service(config, service_of(site, entry), page.lang,
                                         organization))
    if entry is not None and config.collections[entry.collection].has("scheduled"):
        online = entry.fields.location.online
        times = entry.schedule
        start, end = ((times.first_day, times.last_day) if times.all_day
                      else (times.start, times.end))
        blocks.append({
            "@context": SCHEMA, "@type": "Event", "name": entry.title,
            "description": entry.fields.summary, "url": urls.absolute(config, entry.url),
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
