"""What an item says of itself as a service, read once for every format that publishes it: the
Open Referral export (sitegen.render.open_data) and the schema.org data of its page
(sitegen.render.structured_data), so that both say the same thing.

Which collections hold services, and which hold the organizations that help run them, is
declared with `open_data:` on a kind or a collection (sitegen.source.collection_kinds); what each
field is comes from its type (contact, location, a reference to partners) or from its own
`open_data:` role (audience, category, status, languages). Nothing is guessed: a fact the
content does not give is left out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ..source.config import SiteConfig
from ..source.field_types import in_language
from ..source.front_matter import FrontMatter
from ..source.language_tags import LANG_TAG_RE
from ..source.model import Entry, Site
from . import urls

SERVICE = "service"
ORGANIZATION = "organization"


@dataclass(frozen=True)
class Term:
    """A taxonomy term an item names, with its label in the reader's language."""

    taxonomy: str
    code: str
    label: str
    role: str  # "audience", "category", or "" for a taxonomy with no declared role


@dataclass(frozen=True)
class Partner:
    """An organization that helps run a service: an item of an organization collection."""

    key: str
    name: str
    description: str
    url: str  # the absolute address of its page on this site
    website: str | None  # its own website, when its page gives one


@dataclass(frozen=True)
class Place:
    """Where a service is offered, as its content gives it."""

    name: str
    address: str | None  # one line of text, as written
    online: bool


@dataclass(frozen=True)
class Service:
    """One service in one language, with only the facts its content gives."""

    key: str
    lang: str  # the language of its text
    name: str
    description: str
    url: str  # the absolute address of its page
    updated: dt.date | None
    status: str | None = None  # the word the content uses (active, ended...)
    email: str | None = None
    phones: tuple[str, ...] = ()
    website: str | None = None
    languages: tuple[str, ...] = ()  # BCP 47 tags
    terms: tuple[Term, ...] = ()
    partners: tuple[Partner, ...] = ()
    places: tuple[Place, ...] = ()

    def terms_of(self, role: str) -> list[Term]:
        return [term for term in self.terms if term.role == role]


def collections_for(config: SiteConfig, role: str) -> list[str]:
    """The collections whose items are services (or organizations) in open data."""
    return [name for name, collection in config.collections.items()
            if collection.open_data == role]


def is_service(config: SiteConfig, entry: Entry) -> bool:
    return config.collections[entry.collection].open_data == SERVICE


def service_entries(site: Site, lang: str) -> list[Entry]:
    """The entries of every service written in lang (translations only: untranslated items
    are left out of a language other than their own), in key order, so that files come out
    the same."""
    found = []
    for key in sorted(site.items):
        item = site.items[key]
        entry = item.entries.get(lang)
        if entry is not None and not entry.is_fallback and is_service(site.config, entry):
            found.append(entry)
    return found


def organization_entries(site: Site, lang: str) -> list[Entry]:
    """The entries of every organization item written in lang, in key order."""
    names = set(collections_for(site.config, ORGANIZATION))
    return [item.entries[lang] for key, item in sorted(site.items.items())
            if item.collection in names and lang in item.entries
            and not item.entries[lang].is_fallback]


def service_of(site: Site, entry: Entry) -> Service:
    """What entry says of itself as a service, in its page's language."""
    config = site.config
    facts: dict[str, Any] = {}
    terms: list[Term] = []
    partners: list[Partner] = []
    places: list[Place] = []
    for name, spec in config.collections[entry.collection].fields.items():
        values = list(entry.fields.listed(name))
        if not values:
            continue
        kind = spec.item_type or spec.type
        if spec.taxonomy:
            terms += _terms(site, spec.taxonomy, values, spec.role, entry.lang)
        elif kind == "reference":
            partners += _partners(site, site.linked(entry, name))
        elif kind == "contact":
            facts.update(_contact(values[0]))
        elif kind == "location":
            places += [_place(place, entry.lang) for place in values]
        elif spec.role == "status":
            facts["status"] = str(values[0])
        elif spec.role == "languages":
            facts["languages"] = tuple(str(code) for code in values
                                       if LANG_TAG_RE.match(str(code)))
    return Service(key=entry.key, lang=entry.text_lang, name=entry.title,
                   description=str(entry.fields.summary),
                   url=urls.absolute(config, entry.url), updated=entry.updated,
                   terms=tuple(terms), partners=tuple(partners), places=tuple(places), **facts)


def _terms(site: Site, taxonomy: str, codes: list[Any], role: str, lang: str) -> list[Term]:
    labels = site.taxonomies[taxonomy].labels if taxonomy in site.taxonomies else {}
    return [Term(taxonomy, str(code), labels[str(code)][lang], role) for code in codes
            if str(code) in labels]


def _partners(site: Site, found: list[Entry]) -> list[Partner]:
    """The referenced items that are organizations in open data (other references, such as an
    event's program, say nothing of who runs a service)."""
    organizations = set(collections_for(site.config, ORGANIZATION))
    return [partner_of(site, target) for target in found if target.collection in organizations]


def partner_of(site: Site, entry: Entry) -> Partner:
    """What an organization item says of itself."""
    website = next((str(value) for name, spec in
                    site.config.collections[entry.collection].fields.items()
                    if (spec.item_type or spec.type) == "url"
                    and (value := entry.fields.value(name))), None)
    return Partner(entry.key, entry.title, str(entry.fields.summary),
                   urls.absolute(site.config, entry.url), website)


def _contact(contact: FrontMatter) -> dict[str, Any]:
    facts: dict[str, Any] = {}
    if contact.phone:
        facts["phones"] = (str(contact.phone),)
    if contact.email:
        facts["email"] = str(contact.email)
    if contact.website:
        facts["website"] = str(contact.website)
    return facts


def _place(location: FrontMatter, lang: str) -> Place:
    return Place(in_language(location.name, lang), location.address or None,
                 bool(location.online))


def newest_date(site: Site) -> dt.date | None:
    """The newest date any published item was changed: when the open data last changed."""
    newest = [site.last_updated(code) for code in site.config.codes]
    return max((date for date in newest if date is not None), default=None)
