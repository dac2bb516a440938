"""A collection's own fields, ready for a page: those declared with a label (in site_config.yaml
or a kind file), with their values in the reader's language and references resolved to the
items they name. The generic item template shows them, so that a collection declared in
site_config.yaml needs no template of its own."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..source.model import Entry, Site


@dataclass(frozen=True)
class ShownField:
    name: str
    label: str
    label_lang: str  # the language of the label (the default language's, when lang has none)
    type: str  # the type of each value: text, url, taxonomy, reference...
    values: tuple[Any, ...]  # text, dates, term ids, Entry objects (references), mappings
    taxonomy: str | None = None


def shown_fields(site: Site, entry: Entry, lang: str) -> list[ShownField]:
    """The labelled fields of entry's collection that it gives a value, in declaration order.
    Yes/no fields are left out: they decide what a template does, they are not text."""
    default = site.config.default_language.code
    shown = []
    for name, spec in site.config.collections[entry.collection].fields.items():
        labels = dict(spec.label)
        label_lang = lang if lang in labels else default
        values = list(entry.fields.listed(name))
        kind = spec.item_type or spec.type
        if label_lang not in labels or not values or kind == "bool":
            continue
        if kind == "reference":
            values = site.linked(entry, name)
        if values:
            shown.append(ShownField(name, labels[label_lang], label_lang, kind, tuple(values),
                                    spec.taxonomy))
    return shown

