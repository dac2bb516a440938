"""The content schemas: which front-matter fields each kind of collection accepts.

Fields marked shared (audiences, partners, status...) are written once, in the default-language
original, and apply to every translation, so that translators never have to keep them in step.
"""

from __future__ import annotations

import re

from .schema import (Bool, Choice, Custom, Date, DateTime, Email, Field, Integer, ListOf,
                     PerLanguage, Record, Slug, Text, TimeZone, Url)

SUMMARY_LIMIT = 300

COMMON: dict[str, Field] = {
    "title": Field(Text(example="Youth Soccer Nights"), "the page title", required=True),
    "summary": Field(Text(example="Free soccer nights for teens, every Friday.",
                          max_length=SUMMARY_LIMIT),
                     "one or two sentences shown in lists", required=True),
    "slug": Field(Slug("soirees-soccer"), "its own web address name in this language"),
    "updated": Field(Date(), "the date the text last changed"),
    "weight": Field(Integer(), "order in lists: smaller comes first", default=0,
                    shared=True),
    "draft": Field(Bool(), "true keeps it out of the published site (the preview shows it)",
                   default=False, shared=True),
    "expires": Field(Date(), "the last day it is published", shared=True),
}

STATIC_PATH_RE = re.compile(r"^/static/[^\s\"'<>\\?#]+$")

CONTACT = Record(noun="field", fields={
    "phone": Field(Text(example='"905-555-0100"'), "a phone number"),
    "email": Field(Email("youth@example.org"), "an e-mail address"),
    "website": Field(Url(), "a web address"),
})

IMAGE = Record(noun="field", fields={
    "src": Field(Text(example="/static/images/peace.jpg", pattern=STATIC_PATH_RE,
                      rule_text="must be the address of a picture under static/, starting with "
                                "/static/"),
                 "the image file under static/", required=True),
    "alt": Field(Text(example="Two officers and a group of teens at a park"),
                 "what the image shows, for people who cannot see it", required=True),
})


def _ids(taxonomy: str, example: str, doc: str) -> Field:
    return Field(ListOf(item=Slug(), example=example), doc, default=[], shared=True,
                 taxonomy=taxonomy)


PROGRAMS = {
    "audiences": _ids("audiences", "[youth, newcomers]", "who the program is for"),
    "categories": _ids("categories", "[youth-leadership]", "what kind of program it is"),
    "partners": Field(ListOf(item=Slug(), example="[caribbean-association]"),
                      "partners that take part", default=[], shared=True, refers_to="partners"),
    "contact": Field(CONTACT, "how to reach the program", shared=True),
    "status": Field(Choice(options=("active", "ended")), "active or ended", default="active",
                    shared=True),
    "featured": Field(Bool(), "show on the home page", default=False, shared=True),
    "languages": Field(ListOf(item=Text(example="fr"), example="[en, fr, ar]"),
                       "languages the program is offered in (codes)", default=[], shared=True),
    "image": Field(IMAGE, "an optional picture with its description"),
}

PARTNERS = {
    "kind": Field(Slug("community-association"), "what kind of partner", required=True,
                  shared=True, taxonomy="partner_kinds"),
    "website": Field(Url(), "the partner's web address", shared=True),
}

RESOURCES = {
    "topic": Field(Slug("safety"), "the resource's topic", required=True, shared=True,
                   taxonomy="topics"),
    "languages": Field(ListOf(item=Text(example="fr"), example="[en, fr, ar]"),
                       "languages the service is offered in (codes)", default=[], shared=True),
    "contact": Field(CONTACT, "how to reach the service", shared=True),
    "featured": Field(Bool(), "show on the home page", default=False, shared=True),
}

def _localized_text(value, path, checker):  # noqa: ANN001, ANN202 - a Custom spec
    """A name given once for all languages, or once per language: {en: ..., fr: ...}."""
    if isinstance(value, dict):
        return PerLanguage(required_in_all=False).check(value, path, checker)
    return Text(example="Community centre").check(value, path, checker)


LOCATION = Record(noun="field", fields={
    "name": Field(Custom(func=_localized_text, example="Community centre"),
                  "the place's name, for all languages or per language", required=True),
    "address": Field(Text(example="123 Main Street, Oakville", one_line=False),
                     "the street address"),
    "online": Field(Bool(), "true for an online event", default=False),
})

EVENTS = {
    "start": Field(DateTime(), "when it starts, in the event's time zone", required=True,
                   shared=True),
    "end": Field(DateTime(example="2026-03-14T20:00:00"), "when it ends", required=True,
                 shared=True),
    "all_day": Field(Bool(), "true for an event without hours (start and end are dates)",
                     default=False, shared=True),
    "time_zone": Field(TimeZone(), "the time zone (default: the site's)", shared=True),
    "location": Field(LOCATION, "where it happens", required=True, shared=True),
    "program": Field(Slug("peace"), "the program it belongs to", shared=True,
                     refers_to="programs"),
    "registration": Field(Text(example="Registration is free: contact us.", one_line=False),
                          "how to register, in this language"),
}

NEWS = {
    "date": Field(Date(), "the date of the news", required=True, shared=True),
    "programs": Field(ListOf(item=Slug(), example="[peace]"), "programs it is about",
                      default=[], shared=True, refers_to="programs"),
}

PAGES = {
    "summary": Field(Text(example="How to reach us.", max_length=SUMMARY_LIMIT),
                     "one or two sentences shown in lists"),
}

SCHEMAS: dict[str, dict[str, Field]] = {
    "programs": PROGRAMS,
    "partners": PARTNERS,
    "resources": RESOURCES,
    "pages": PAGES,
    "events": EVENTS,
    "news": NEWS,
}


def schema_for(name: str) -> Record:
    """The front-matter record of a schema: the common fields plus the schema's own."""
    return Record(fields={**COMMON, **SCHEMAS[name]}, open_keys=("extra",))


HASH_RE = re.compile(r"^[0-9a-f]{12}$")

TRANSLATION_FIELDS: dict[str, Field] = {
    "translated_from": Field(
        Text(example="3f2a9c1b7d4e", pattern=HASH_RE,
             rule_text="is written by `python build.py translations mark`; do not edit it"),
        "which version of the original this translates (written by a command)"),
    "awaiting_translation": Field(Bool(), "true until the text is translated", default=False),
}


def translation_schema_for(name: str) -> Record:
    """What a translation may set: everything but the shared fields, plus its status."""
    fields = {key: spec for key, spec in schema_for(name).fields.items() if not spec.shared}
    return Record(fields={**fields, **TRANSLATION_FIELDS}, open_keys=("extra",))


def taxonomies_used(schema_names: list[str]) -> dict[str, tuple[str, str]]:
    """Taxonomy name -> (schema, field) for every taxonomy these schemas refer to."""
    used: dict[str, tuple[str, str]] = {}
    for name in schema_names:
        for key, spec in schema_for(name).fields.items():
            if spec.taxonomy:
                used.setdefault(spec.taxonomy, (name, key))
    return used
