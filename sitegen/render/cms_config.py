"""The browser editor's configuration (Decap CMS's config.yml), made from the collections'
declarations and site_config.yaml, never kept by hand: one collection per content collection,
one file per language (`<name>.<lang>.md`, Decap's multiple_files), shared fields written once,
in the original (i18n: false), taxonomy fields as lists of their terms, references as lists
of the items there are. Its screens and labels are in the editor's language (cms.language, else
the default language); the originals stay in the default language.

    python build.py cms --print
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..cache import existing_cache
from ..errors import Report
from ..parallel import default_jobs
from ..source.collection_kinds import CHECKED_FIELD, taxonomies_used
from ..source.config import Language, SiteConfig
from ..source.field_types import IMAGE
from ..source.language_tags import likely_territory
from ..source.model import Source, Taxonomy
from ..source.reader import read_sources, read_taxonomies
from ..source.schema import (Bool, Choice, Date, DateTime, Field, Integer, ListOf, PerLanguage,
                             Record, Spec, Text)

MEDIA_FOLDER = "static/images"
# what the editor never shows: written by commands, or free-form
HIDDEN = ("translated_from", "awaiting_translation", "extra")
# The languages Decap CMS shows its own screens in, by its names for them: those the decap-cms
# bundle pinned in package.json registers (decap-cms-locales; a test compares the two).
DECAP_LOCALES = frozenset({
    "bg", "ca", "cs", "da", "de", "en", "es", "fa", "fr", "gr", "he", "hr", "hu", "it", "ja",
    "ko", "lt", "mk", "nb_no", "nl", "nn_no", "pl", "pt", "ro", "ru", "sk", "sl", "sr_Cyrl",
    "sv", "th", "tr", "ua", "uk", "vi", "zh_Hans", "zh_Hant"})
# languages Decap names otherwise: Greek is "gr" there; Norwegian (no) is written in Bokmål
DECAP_NAMES = {"el": "gr", "no": "nb_no"}


@dataclass(frozen=True)
class Known:
    """What the widgets offer: the site's settings, its taxonomies and its items."""

    config: SiteConfig
    taxonomies: dict[str, Taxonomy]
    sources: list[Source]

    @property
    def default(self) -> str:
        return self.config.default_language.code

    @property
    def language(self) -> str:
        """The language of the editor's labels (cms.language, else the default language)."""
        return self.config.editor_language.code

    def text(self, texts: Mapping[str, str]) -> str | None:
        """A text given per language, in the editor's language, else the default language."""
        return texts.get(self.language) or texts.get(self.default)


def read_known(site_dir: Path, config: SiteConfig) -> Known:
    """What the widgets offer, read from the site folder (for the editor outside a build)."""
    report = Report()
    taxonomies = read_taxonomies(site_dir, config, taxonomies_used(config.collections.values()),
                                 report)
    with existing_cache(site_dir) as cache:  # the files a build read are not parsed again
        sources, _unreadable = read_sources(site_dir, config, report, cache, default_jobs())
    return Known(config, taxonomies, sources)


def cms_config(known: Known, local: bool = True) -> dict[str, Any]:
    """Decap CMS's configuration for this site (local: edit the files of this computer through
    decap-server, as the preview's editing mode does; else the GitHub repository of the cms
    settings, each change a pull request)."""
    config = known.config
    default = config.default_language.code
    editor = config.cms
    backend: dict[str, Any] = {"name": "github",
                               "repo": editor.repo if editor and editor.repo else
                               "OWNER/REPOSITORY",
                               "branch": editor.branch if editor else "main"}
    if editor and editor.auth_url:
        backend["base_url"] = editor.auth_url.rstrip("/")
    settings: dict[str, Any] = {
        "backend": backend,
        "publish_mode": "editorial_workflow",
        "media_folder": MEDIA_FOLDER, "public_folder": "/" + MEDIA_FOLDER,
        "locale": decap_locale(config.editor_language),
        "i18n": {"structure": "multiple_files", "locales": list(config.codes),
                 "default_locale": default},
        "collections": [_collection(known, name) for name in config.collections],
    }
    if local:
        settings["local_backend"] = True
    return settings


def decap_locale(language: Language) -> str:
    """Decap's name for its screens in this language: zh-Hans is zh_Hans, pt-BR pt, nb nb_no;
    en (English) when Decap has none in it."""
    parts = language.code.split("-")
    script = next((part for part in parts[1:] if len(part) == 4), "") or language.script
    region = next((part for part in parts[1:] if len(part) == 2 or part.isdigit()), "") \
        or likely_territory(language.locale)
    for name in (f"{parts[0]}_{script}", f"{parts[0]}_{region.lower()}",
                 DECAP_NAMES.get(parts[0], parts[0])):
        if name in DECAP_LOCALES:
            return name
    return "en"


def _collection(known: Known, name: str) -> dict[str, Any]:
    collection = known.config.collections[name]
    record = collection.record
    fields = [_field(key, spec, known)
              for key, spec in record.fields.items() if key not in (*HIDDEN, CHECKED_FIELD)]
    fields.append({"name": "body", "label": "Text", "widget": "markdown", "i18n": True,
                   "hint": "The page's text. Use ## for headings, - for lists."})
    # last, under the text: the translator's tick (see translation_commands.mark_checked)
    fields.append(_field(CHECKED_FIELD, record.fields[CHECKED_FIELD], known))
    return {"name": name, "label": known.text(collection.title) or name,
            "folder": f"content/{name}", "create": True, "extension": "md", "format": "frontmatter",
            "identifier_field": "title", "slug": "{{slug}}", "i18n": True,
            "summary": "{{title}}", "fields": fields}


def _field(key: str, field: Field, known: Known) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "name": key,
        "label": known.text(dict(field.label)) or key.replace("_", " ").capitalize(),
        # a shared field is written in the original's file only (translations may not repeat
        # it), which is Decap's i18n: false
        "required": field.required, "i18n": not field.shared}
    if field.doc:
        entry["hint"] = field.doc[0].upper() + field.doc[1:] + "."
    if field.default not in (None, [], "") and not isinstance(field.default, dict):
        entry["default"] = field.default
    entry.update(_widget(field.spec, field, known))
    return entry


def _widget(spec: Spec, field: Field, known: Known) -> dict[str, Any]:
    config, taxonomies, default = known.config, known.taxonomies, known.default
    if field.taxonomy and field.taxonomy in taxonomies:
        taxonomy = taxonomies[field.taxonomy]
        options = [{"label": known.text(taxonomy.labels[term]) or term, "value": term}
                   for term in taxonomy.order]
        return {"widget": "select", "options": options, "multiple": isinstance(spec, ListOf)}
    if field.refers_to:
        # a list of the items there are, by title in the editor's language where they are
        # translated (Decap's relation widget copies its value into every language's file,
        # which a shared field may not be)
        targets = config.collections_of_kind(field.refers_to)
        translated = {source.key: source.fields.title for source in known.sources
                      if source.collection in targets and source.lang == known.language
                      and not source.fields.value("awaiting_translation")}
        options = [{"label": str(translated.get(source.key) or source.fields.title
                                 or source.name),
                    "value": source.name} for source in known.sources
                   if source.collection in targets and source.lang == default]
        return {"widget": "select", "options": options or [{"label": "(none yet)",
                                                             "value": ""}],
                "multiple": isinstance(spec, ListOf)}
    if isinstance(spec, Record):  # an image, a contact, a location...
        inner_fields = []
        for key, inner in spec.fields.items():
            item = _field(key, inner, known)
            item["i18n"] = not field.shared
            # Decap asks for an optional group's required fields even when it is left empty:
            # they are required only when the group is (the build checks the pair anyway)
            item["required"] = inner.required and field.required
            if spec is IMAGE and key == "src":  # the same picture in every language
                item.update(widget="image", i18n="duplicate")
            inner_fields.append(item)
        return {"widget": "object", "fields": inner_fields}
    if isinstance(spec, ListOf):
        return {"widget": "list", "field": {"name": "item", "label": "Item",
                                            **_widget(spec.item, Field(spec.item, ""),
                                                      known)}}
    if isinstance(spec, Bool):
        return {"widget": "boolean"}
    if isinstance(spec, Integer):
        return {"widget": "number", "value_type": "int"}
    if isinstance(spec, DateTime):
        return {"widget": "datetime", "format": "YYYY-MM-DDTHH:mm:ss", "picker_utc": False}
    if isinstance(spec, Date):
        return {"widget": "datetime", "format": "YYYY-MM-DD", "time_format": False}
    if isinstance(spec, Choice):
        return {"widget": "select", "options": list(spec.options)}
    if isinstance(spec, PerLanguage):
        return {"widget": "object", "fields": [{"name": code, "label": code,
                                                "widget": "string"} for code in config.codes]}
    if isinstance(spec, Text):
        widget: dict[str, Any] = {"widget": "string" if spec.one_line else "text"}
        if spec.pattern is not None:
            widget["pattern"] = [spec.pattern.pattern, spec.rule_text or "Not in the right form"]
        return widget
    return {"widget": "string"}


def cms_yaml(known: Known, local: bool = True) -> str:
    return yaml.safe_dump(cms_config(known, local), allow_unicode=True, sort_keys=False,
                          width=100)
