"""The site's services as open data: Open Referral's Human Services Data Specification (HSDS
3.0), as JSON files under /open-data/, so that a directory of services (211, a city's portal)
can import them and keep its copy up to date.

    open-data/index.json                 what the files are, their licence and update date
    open-data/hsds/organization.json     the organization behind the site (site_config.yaml)
    open-data/hsds/services.json         a service per item of the service collections
    open-data/hsds/partners.json         the organizations that help run them
    open-data/hsds/<lang>/...            the same three files, in each other language

HSDS text has no language of its own, so the default language's text is at the top and each
translation is a folder of its own, holding the items translated into it (docs/open-data.md).
Every id is a UUID made from the site's address and the item's key (uuid5), the same in every
language and every build, so that an importer updates its copy rather than adding to it. The
files hold only what the content and settings give: nothing is guessed.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import uuid
from collections.abc import Callable, Iterable, Iterator
from typing import Any
from zoneinfo import ZoneInfo

from ..site import urls
from ..site.services import (Partner, Service, Term, newest_date, organization_entries,
                             partner_of, service_entries, service_of)
from ..source.config import SiteConfig
from ..source.model import Entry, Site
from .i18n import language_name

OPEN_DATA_DIR = "open-data"
HSDS_VERSION = "3.0"
# HSDS's statuses, and the words our content may use for them
HSDS_STATUSES = ("active", "inactive", "defunct", "temporarily closed")
STATUS_WORDS = {"ended": "defunct", "temporarily-closed": "temporarily closed"}
FILES = ("organization", "services", "partners")  # the HSDS files of each language


def file_path(config: SiteConfig, lang: str, name: str) -> str:
    """Where one HSDS file of a language is written, relative to the output folder."""
    folder = "" if lang == config.default_language.code else f"{lang}/"
    return f"{OPEN_DATA_DIR}/hsds/{folder}{name}.json"


def catalog_file(site: Site) -> Iterator[tuple[str, bytes]]:
    """open-data/index.json (none when the site sets no open_data)."""
    if site.config.open_data is not None:
        yield f"{OPEN_DATA_DIR}/index.json", _json(catalog(site))


# How the records of one file (a service, a partner each) become JSON: made one after another
# (records_made), or taken from a cache where an earlier build made them (sitegen.pipeline).
# It is given the entries and how to make one's record, and gives each one's JSON.
RecordsJson = Callable[[list[Entry], Callable[[Entry], Any]], Iterable[bytes]]


def records_made(found: list[Entry], make: Callable[[Entry], Any]) -> list[bytes]:
    return [record_json(make(entry)) for entry in found]


def language_files(site: Site, lang: str,
                   records: RecordsJson = records_made) -> Iterator[tuple[str, bytes]]:
    """The HSDS files of one language, one file at a time (a large site's services are
    megabytes of JSON each), made from the settings and that language's entries only (none
    when the site sets no open_data)."""
    config = site.config
    if config.open_data is None:
        return
    yield file_path(config, lang, "organization"), _json(organization(config, lang))
    yield file_path(config, lang, "services"), _json_list(records(
        service_entries(site, lang), lambda entry: service(config, service_of(site, entry))))
    yield file_path(config, lang, "partners"), _json_list(records(
        organization_entries(site, lang), lambda entry: partner(config, partner_of(site, entry))))


def record_json(record: Any) -> bytes:
    """Steady bytes: keys sorted, UTF-8, compact (which Python encodes in C: a large site's
    services take a tenth of the time)."""
    return json.dumps(record, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")).encode()


def _json(document: Any) -> bytes:
    """A file's bytes (record_json's), with a newline at the end."""
    return record_json(document) + b"\n"


def _json_list(records: Iterable[bytes]) -> bytes:
    """The bytes _json gives a list, from the bytes of its records."""
    return b"[" + b",".join(records) + b"]\n"


def namespace(config: SiteConfig) -> uuid.UUID:
    """The namespace of the site's ids: its address, which no other site shares."""
    return _namespace(config.base_url)


def stable_id(config: SiteConfig, name: str) -> str:
    """The UUID of one thing of the site (an item's key, or a key and a part of it)."""
    return _stable_id(config.base_url, name)


@functools.lru_cache(maxsize=None)
def _namespace(base_url: str) -> uuid.UUID:
    return uuid.uuid5(uuid.NAMESPACE_URL, base_url)


@functools.lru_cache(maxsize=1 << 16)  # the ids of a large site, kept for the preview's builds
def _stable_id(base_url: str, name: str) -> str:
    return str(uuid.uuid5(_namespace(base_url), name))


ORGANIZATION_KEY = "organization"  # the name the site's organization's id is made from


def catalog(site: Site) -> dict[str, Any]:
    """open-data/index.json: what the files are, for people and programs that find them."""
    config = site.config
    updated = newest_date(site)
    return {
        "standard": f"Open Referral Human Services Data Specification (HSDS) {HSDS_VERSION}",
        "standard_url": "https://docs.openreferral.org/en/latest/",
        "publisher": (config.organization or config.title)[config.default_language.code],
        "default_language": config.default_language.code,
        **({"license": {"name": config.license.name, "url": config.license.url}}
           if config.license else {}),
        **({"updated": updated.isoformat()} if updated else {}),
        "files": {lang: {name: "/" + file_path(config, lang, name) for name in FILES}
                  for lang in config.codes},
    }


def organization(config: SiteConfig, lang: str) -> dict[str, Any]:
    """The organization behind the site, from site_config.yaml (its description is the site's
    tagline: the settings have no other)."""
    own_id = stable_id(config, ORGANIZATION_KEY)
    contact = config.contact
    found: dict[str, Any] = {
        "id": own_id, "name": (config.organization or config.title)[lang],
        "description": config.tagline[lang],
        "website": config.signature.url if config.signature and config.signature.url
        else urls.absolute(config, urls.home_url(lang)),
        "phones": [{"id": stable_id(config, f"{ORGANIZATION_KEY}#phone-{n}"),
                    "organization_id": own_id, "number": phone.number,
                    "description": phone.label[lang]}
                   for n, phone in enumerate(contact.phones)],
    }
    if contact.email:
        found["email"] = contact.email
    return _without_empty_lists(found)


def _without_empty_lists(document: dict[str, Any]) -> dict[str, Any]:
    """What the content does not give is left out, rather than written as an empty list."""
    return {key: value for key, value in document.items() if value != []}


def service(config: SiteConfig, found: Service) -> dict[str, Any]:
    """One HSDS service, with the objects it holds."""
    own_id = stable_id(config, found.key)
    document: dict[str, Any] = {
        "id": own_id, "organization_id": stable_id(config, ORGANIZATION_KEY),
        "name": found.name, "description": found.description,
        "url": found.website or found.url, "status": hsds_status(found.status),
        "phones": [{"id": stable_id(config, f"{found.key}#phone-{n}"), "service_id": own_id,
                    "number": number} for n, number in enumerate(found.phones)],
        "languages": [_language(config, own_id, found, code) for code in found.languages],
        "service_areas": _areas(config, own_id, found),
        "service_at_locations": [_at_location(config, own_id, found, n)
                                 for n in range(len(found.places))],
        "attributes": [_term_attribute(config, own_id, term, found.lang) for term in found.terms]
        + [_partner_attribute(config, own_id, partner, found.lang)
           for partner in found.partners],
    }
    if found.email:
        document["email"] = found.email
    if found.updated:
        document["last_modified"] = _start_of(found.updated, config.timezone)
    return _without_empty_lists(document)


def hsds_status(word: str | None) -> str:
    """The HSDS status of a service: a published service is active unless its content says
    otherwise."""
    if word is None or word in HSDS_STATUSES:
        return word or "active"
    return STATUS_WORDS.get(word, "inactive")


def _start_of(day: dt.date, zone: str) -> str:
    """A date as HSDS's date-time: the start of that day where the organization is."""
    return dt.datetime.combine(day, dt.time(), ZoneInfo(zone)).isoformat()


def _language(config: SiteConfig, service_id: str, found: Service, code: str) -> dict[str, Any]:
    return {"id": stable_id(config, f"{found.key}#language-{code}"), "service_id": service_id,
            "code": code, "name": language_name(code, config.language(found.lang))}


def _areas(config: SiteConfig, service_id: str, found: Service) -> list[dict[str, Any]]:
    """The region the organization serves (area_served in site_config.yaml)."""
    if not config.area_served:
        return []
    return [{"id": stable_id(config, f"{found.key}#area"), "service_id": service_id,
             "name": config.area_served[found.lang]}]


def _at_location(config: SiteConfig, service_id: str, found: Service,
                 n: int) -> dict[str, Any]:
    """Where the service is offered. The content writes an address as one line, and HSDS wants
    it in parts (street, city, postal code...): it is left out rather than guessed apart."""
    place = found.places[n]
    location_id = stable_id(config, f"{found.key}#location-{n}")
    return {"id": stable_id(config, f"{found.key}#at-location-{n}"), "service_id": service_id,
            "location_id": location_id,
            "location": {"id": location_id, "name": place.name,
                         "location_type": "virtual" if place.online else "physical"}}


def _term_attribute(config: SiteConfig, service_id: str, term: Term,
                    lang: str) -> dict[str, Any]:
    """A taxonomy term the service names (an audience, a category...), as an HSDS attribute."""
    term_id = stable_id(config, f"taxonomy/{term.taxonomy}/{term.code}")
    return _attribute(config, service_id, term.role or term.taxonomy, term_id, {
        "id": term_id, "code": term.code, "name": term.label, "description": term.label,
        "taxonomy": term.taxonomy, "language": _iso_639(lang)})


def _partner_attribute(config: SiteConfig, service_id: str, partner: Partner,
                       lang: str) -> dict[str, Any]:
    """A partner that helps run the service: HSDS gives a service one organization, so the
    others are named by an attribute whose value is their id in partners.json."""
    term_id = stable_id(config, f"{partner.key}#term")
    attribute = _attribute(config, service_id, "partner", term_id, {
        "id": term_id, "code": partner.key.rsplit("/", 1)[-1], "name": partner.name,
        "description": partner.description, "taxonomy": partner.key.split("/", 1)[0],
        "term_uri": partner.url, "language": _iso_639(lang)})
    return {**attribute, "value": stable_id(config, partner.key)}


def _iso_639(lang: str) -> str:
    """The language part of a tag (zh-Hans -> zh): HSDS names a term's language by ISO 639."""
    return lang.split("-", 1)[0]


def _attribute(config: SiteConfig, service_id: str, link_type: str, term_id: str,
               term: dict[str, Any]) -> dict[str, Any]:
    return {"id": stable_id(config, f"{service_id}#{term_id}"), "link_id": service_id,
            "link_type": link_type, "link_entity": "service", "taxonomy_term_id": term_id,
            "taxonomy_term": term}


def partner(config: SiteConfig, found: Partner) -> dict[str, Any]:
    """An organization that helps run services (an HSDS organization)."""
    document = {"id": stable_id(config, found.key), "name": found.name,
                "description": found.description}
    if found.website:
        document["website"] = found.website
    return document
