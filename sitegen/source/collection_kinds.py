"""Kinds of collection: the fields an item of a collection accepts and the behaviours it has.

The generator ships six kinds, each declared in a file of sitegen/source/kinds/ (programs,
partners, resources, events, news, pages) the same way a site declares its own in
site_config.yaml:

    collections:
      services:
        fields:
          eligibility: {type: text, help: who may use the service}
        behaviours: [dated]

A collection takes the kind named by its `schema:` (by default the kind of its own name, when
there is one), then adds its own `fields:` and `behaviours:`. Every collection also has the
common fields below (title, summary...). Fields marked shared (audiences, partners, status...)
are written once, in the default-language original, and apply to every translation, so that
translators never have to keep them in step.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import Report
from .field_types import check_fields
from .schema import Bool, Checker, Choice, Custom, Date, Field, Integer, ListOf, Record, Slug, Text
from .yaml_source import parse_yaml

SUMMARY_LIMIT = 300
CHECKED_FIELD = "translation_checked"
KINDS_DIR = Path(__file__).parent / "kinds"

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
    # the translator's tick, in the browser editor; the preview (or `translations mark
    # --checked`) turns it into translated_from, which remembers the original's version
    CHECKED_FIELD: Field(Bool(), "in a translation: tick it once the translation says "
                                 "everything its original says; it is then recorded and the "
                                 "tick goes away"),
}

# How the items of a collection appear in the site's open data (docs/open-data.md): as services
# of the organization (Open Referral HSDS, schema.org GovernmentService), or as organizations
# that take part in them (partners). A collection with neither is left out of the open data.
OPEN_DATA_ROLES = {
    "service": "each item is a service of the organization",
    "organization": "each item is an organization that takes part in services (a partner)",
}

# What each behaviour does, and the fields (with their types) it needs.
BEHAVIOURS: dict[str, tuple[str, dict[str, tuple[str, ...]]]] = {
    "dated": ("listed newest first, with an Atom feed per language",
              {"date": ("date",)}),
    "scheduled": ("listed by start, upcoming then past, with calendar files (iCalendar)",
                  {"start": ("date", "datetime"), "end": ("date", "datetime")}),
}


@dataclass(frozen=True)
class Kind:
    """What the items of a collection are: their own fields and their behaviours."""

    name: str
    fields: dict[str, Field]
    behaviours: frozenset[str]
    open_data: str = ""  # one of OPEN_DATA_ROLES, or "" when its items are not open data


KIND_FILE = Record(noun="setting", fields={
    "fields": Field(Custom(func=check_fields), "the kind's own fields", required=True),
    "behaviours": Field(ListOf(item=Slug("dated"), example="[dated]"),
                        "named behaviours: " + ", ".join(BEHAVIOURS), default=[]),
    "open_data": Field(Choice(options=tuple(OPEN_DATA_ROLES)),
                       "what its items are in open data: " + ", ".join(OPEN_DATA_ROLES)),
})


@functools.cache
def builtin_kinds() -> dict[str, Kind]:
    """The kinds shipped with the generator, from sitegen/source/kinds/*.yaml."""
    kinds = {}
    for path in sorted(KINDS_DIR.glob("*.yaml")):
        report = Report()
        source = parse_yaml(path.read_text(encoding="utf-8"), f"sitegen/source/kinds/{path.name}")
        data = KIND_FILE.check(source.data, (), Checker(source, report))
        if report.errors:  # a mistake in the generator itself, not in a site
            raise RuntimeError("\n".join(str(problem) for problem in report.errors))
        kinds[path.stem] = Kind(path.stem, data["fields"], frozenset(data["behaviours"]),
                                data["open_data"] or "")
    return kinds


def behaviour_problems(fields: dict[str, Field], behaviours: Iterable[str]) -> list[str]:
    """What a collection with these fields lacks for these behaviours, in plain sentences."""
    problems = []
    for behaviour in behaviours:
        if behaviour not in BEHAVIOURS:
            problems.append(f'"{behaviour}" is not a behaviour; the behaviours are '
                            + ", ".join(BEHAVIOURS) + ".")
            continue
        for name, types in BEHAVIOURS[behaviour][1].items():
            spec = fields.get(name)
            if spec is None or spec.type not in types:
                problems.append(f'The behaviour "{behaviour}" needs a field "{name}" of type '
                                + " or ".join(types) + ".")
    return problems


def record_of(fields: dict[str, Field]) -> Record:
    """The front-matter record of a collection: the common fields plus its own."""
    return Record(fields={**COMMON, **fields}, open_keys=("extra",))


HASH_RE = re.compile(r"^[0-9a-f]{12}$")

TRANSLATION_FIELDS: dict[str, Field] = {
    "translated_from": Field(
        Text(example="3f2a9c1b7d4e", pattern=HASH_RE,
             rule_text="is written by `python build.py translations mark`; do not edit it"),
        "which version of the original this translates (written by a command)"),
    "awaiting_translation": Field(Bool(), "true until the text is translated", default=False),
}


def translation_record_of(fields: dict[str, Field]) -> Record:
    """What a translation may set: everything but the shared fields, plus its status."""
    own = {key: spec for key, spec in record_of(fields).fields.items() if not spec.shared}
    return Record(fields={**own, **TRANSLATION_FIELDS}, open_keys=("extra",))


def taxonomies_used(collections: Iterable[Any]) -> dict[str, tuple[str, str]]:
    """Taxonomy name -> (collection, field) for every taxonomy these collections refer to
    (each with .name and .fields, such as sitegen.config.CollectionConfig)."""
    used: dict[str, tuple[str, str]] = {}
    for collection in collections:
        for key, spec in record_of(collection.fields).fields.items():
            if spec.taxonomy:
                used.setdefault(spec.taxonomy, (collection.name, key))
    return used
