"""Collection fields declared as data: the types a field may have, and the check that turns a
declaration (from a kind file shipped with the generator, or a collection's `fields:` in
site_config.yaml) into the spec that checks the front matter of that collection.

    eligibility:
      type: text
      help: who may use the service
      label: {en: Who can use it, fr: Qui peut l'utiliser}
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .front_matter import EXTRA, RESERVED
from .schema import (INVALID, Bool, Checker, Choice, Custom, Date, DateTime, Email, Field, Integer,
                     ListOf, PerLanguage, Record, Slug, Spec, Text, TimeZone, Url)
from .yaml_source import KeyPath

STATIC_PATH_RE = re.compile(r"^/static/[^\s\"'<>\\?#]+$")
NAME_RE = re.compile(r"^[a-z][a-z0-9_-]*$")  # of a taxonomy, a kind or a collection
NAME_RULE = "must be a lowercase word (a-z, digits, _ and -)"
PHONE_RE = re.compile(r"^\+?[0-9][0-9 ().\-]{1,30}(?:\s*(?:x|ext\.?)\s*[0-9]{1,6})?$")

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


def _localized_text(value: Any, path: KeyPath, checker: Checker) -> Any:
    """A name given once for all languages, or once per language: {en: ..., fr: ...}."""
    if isinstance(value, dict):
        return PerLanguage(required_in_all=False).check(value, path, checker)
    return Text(example="Community centre").check(value, path, checker)


def in_language(text: Any, lang: str) -> str:
    """A text given once for all languages, or once per language, in lang (else the first
    language it is given in): a location's name, for example."""
    if isinstance(text, Mapping):
        return str(text.get(lang) or next(iter(text.values())))
    return str(text)


LOCATION = Record(noun="field", fields={
    "name": Field(Custom(func=_localized_text, example="Community centre"),
                  "the place's name, for all languages or per language", required=True),
    "address": Field(Text(example="123 Main Street, Oakville", one_line=False),
                     "the street address"),
    "online": Field(Bool(), "true for an online event", default=False),
})


def _spec(kind: str, declaration: dict[str, Any]) -> Spec:
    """The spec of one value of a field of this type."""
    example = declaration.get("example")
    extra = {"example": example} if example else {}
    if kind == "text":
        return Text(**extra, max_length=declaration.get("max_length"))
    if kind == "markdown":
        return Text(**extra, one_line=False, max_length=declaration.get("max_length"))
    if kind in ("slug", "taxonomy", "reference"):
        return Slug(example or "youth-soccer-nights")
    if kind == "phone":
        return Text(example=example or '"905-555-0100"', pattern=PHONE_RE,
                    rule_text="must be a phone number: digits, spaces, hyphens, brackets, "
                              "an optional + and extension")
    simple: dict[str, Spec] = {
        "date": Date(**extra), "datetime": DateTime(**extra), "url": Url(example or
                                                                          "https://example.org/"),
        "email": Email(example or "info@example.org"), "bool": Bool(**extra),
        "integer": Integer(**extra, minimum=declaration.get("minimum")),
        "timezone": TimeZone(**extra), "image": IMAGE, "contact": CONTACT, "location": LOCATION,
        "choice": Choice(options=tuple(declaration.get("options") or ())),
    }
    return simple[kind]


SCALAR_TYPES = ("text", "markdown", "slug", "date", "datetime", "url", "email", "phone", "bool",
                "integer", "choice", "timezone", "taxonomy", "reference", "image", "contact",
                "location")
TYPES = (*SCALAR_TYPES, "list")
TYPE_HELP = {
    "text": "one line of text, in each language",
    "markdown": "several lines or paragraphs of text",
    "slug": "a short id: lowercase letters a-z, digits and hyphens",
    "date": "a date, year-month-day",
    "datetime": "a date, or a date and time without a time zone offset",
    "url": "a full web address starting with https://",
    "email": "an e-mail address",
    "phone": "a phone number",
    "bool": "true or false",
    "integer": "a whole number",
    "choice": "one of the words listed in options",
    "timezone": "a time zone name such as America/Toronto",
    "taxonomy": "the id of a term of the taxonomy named in taxonomy (content/taxonomies.yaml)",
    "reference": "the file name (without language) of an item of the kind named in to",
    "image": "a picture under static/ with its text alternative (src and alt)",
    "contact": "phone, email and website",
    "location": "a place: name, address, online",
    "list": "a list of values of the type named in of",
}

# What a field says of a service in open data (docs/open-data.md), for the fields whose type
# alone does not tell: contacts, locations and references to partners are known by their type.
FIELD_ROLES = {
    "audience": "taxonomy terms naming who it is for",
    "category": "taxonomy terms naming what kind of service it is",
    "status": "whether it is running: active, or another word for a service that stopped",
    "languages": "language tags (BCP 47) of the languages it is offered in",
}

DECLARATION = Record(noun="setting", fields={
    "type": Field(Choice(options=TYPES), "what kind of value the field holds", required=True),
    "help": Field(Text(example="who may use the service"),
                  "what to write, shown to editors", default=""),
    "label": Field(PerLanguage(required_in_all=False),
                   "the field's name on the page, per language"),
    "required": Field(Bool(), "true when every item must give it", default=False),
    "shared": Field(Bool(), "true when it is written once, in the original, for every "
                            "language", default=False),
    "example": Field(Text(example="Youth aged 12 to 17"), "an example value, for hints"),
    "of": Field(Choice(options=SCALAR_TYPES), "the type of each value of a list"),
    "options": Field(ListOf(item=Slug("active"), example="[active, ended]", allow_empty=False),
                     "the words a choice allows"),
    "taxonomy": Field(Text(example="audiences", pattern=NAME_RE, rule_text=NAME_RULE),
                      "the taxonomy whose terms a taxonomy field names"),
    "to": Field(Text(example="partners", pattern=NAME_RE, rule_text=NAME_RULE),
                "the kind of collection a reference points to"),
    "max_length": Field(Integer(minimum=1), "the longest text allowed, in characters"),
    "minimum": Field(Integer(), "the smallest number allowed"),
    "default": Field(Custom(example="active"), "the value when an item does not give one"),
    "open_data": Field(Choice(options=tuple(FIELD_ROLES)),
                       "what the field says of a service in open data: "
                       + ", ".join(FIELD_ROLES)),
})


def field_from(declaration: dict[str, Any], path: KeyPath, checker: Checker) -> Any:
    """The Field of a checked declaration, or INVALID after saying what is missing."""
    kind = declaration["type"]
    item_kind = declaration.get("of") if kind == "list" else kind
    if kind == "list" and not item_kind:
        return checker.fail(path + ("type",), "A list field needs the type of its values.",
                            "For example: of: text")
    needs = {"choice": "options", "taxonomy": "taxonomy", "reference": "to"}.get(item_kind or "")
    if needs and not declaration.get(needs):
        return checker.fail(path + ("type",), f'A {item_kind} field needs "{needs}".',
                            {"options": "For example: options: [active, ended]",
                             "taxonomy": "For example: taxonomy: audiences",
                             "to": "For example: to: partners"}[needs])
    spec = _spec(item_kind or "text", declaration)
    if kind == "list":
        spec = ListOf(item=spec, example=declaration.get("example") or "[one, two]")
    default = declaration.get("default")
    if default is None and kind == "list":
        default = []
    if default is None and kind == "bool":
        default = False
    label = declaration.get("label") or {}
    return Field(spec, declaration.get("help") or "", required=declaration["required"],
                 default=default, shared=declaration["shared"],
                 taxonomy=declaration.get("taxonomy") if item_kind == "taxonomy" else None,
                 refers_to=declaration.get("to") if item_kind == "reference" else None,
                 label=tuple(sorted(label.items())), type=kind, item_type=item_kind or "",
                 role=declaration.get("open_data") or "")


FIELD_NAME_RE = re.compile(r"^[a-z][a-z0-9_]*$")


def check_fields(value: Any, path: KeyPath, checker: Checker) -> Any:
    """A `fields:` mapping: field name -> declaration; returns name -> Field."""
    if not isinstance(value, dict) or not value:
        return checker.fail(path, '"fields" must name at least one field, for example:\n'
                                  "fields:\n  eligibility: {type: text, help: who may use it}")
    fields: dict[str, Any] = {}
    for name, declaration in value.items():
        where = path + (name,)
        if not isinstance(name, str) or not FIELD_NAME_RE.match(name):
            checker.fail(where, f'Field name "{name}" must be a lowercase word (a-z, digits, _).')
            fields[str(name)] = INVALID
            continue
        if name in RESERVED:
            reason = "is kept for free fields" if name == EXTRA else \
                "is a word that templates use to read fields"
            checker.fail(where, f'"{name}" {reason}: give this field another name.')
            fields[name] = INVALID
            continue
        checked = DECLARATION.check(declaration, where, checker)
        fields[name] = INVALID if checked is INVALID else field_from(checked, where, checker)
    return INVALID if any(v is INVALID for v in fields.values()) else fields
