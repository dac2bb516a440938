"""Assemble the site: group translations, give every page its URL, and check every cross-reference.

Everything here is checked before anything is rendered, so that one build reports every broken
reference, URL collision and orphan translation at once.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping

from babel import Locale, UnknownLocaleError

from ..errors import Report, did_you_mean, quoted_list
from ..source.config import SiteConfig
from ..source.model import Entry, Item, Page, Site, Source, Taxonomy
from ..source.translation_status import source_hash
from . import urls
from .pages import plan_pages


def unpublished_keys(sources: list[Source], default_lang: str, today: dt.date,
                     show_drafts: bool = False) -> frozenset[str]:
    """The items that stay out of this build: drafts (draft: true in the original, unless the
    build shows drafts, as the preview does) and items whose expires: date has passed."""
    return frozenset(
        source.key for source in sources if source.lang == default_lang and (
            (source.fields.draft and not show_drafts)
            or (source.fields.expires is not None and source.fields.expires < today)))


def assemble_site(config: SiteConfig, sources: list[Source], taxonomies: dict[str, Taxonomy],
                  commit_dates: Mapping[str, dt.date], report: Report,
                  unreadable: frozenset[str] = frozenset(),
                  unpublished: frozenset[str] = frozenset()) -> Site:
    """Build the Site: items with an entry per language, pages, and reverse links.

    unreadable holds the keys of files that had errors of their own: references to them are not
    reported again as missing. unpublished holds the drafts and expired items left out."""
    sources = [source for source in sources if source.key not in unpublished]
    items = _group_items(config, sources, commit_dates, report, unreadable)
    _check_references(config, items, taxonomies, report, unreadable, unpublished)
    referenced_by = _reverse_links(config, items)
    pages = plan_pages(config, items, taxonomies)
    _check_collisions(pages, report)
    _check_menu(config, items, report, unreadable, unpublished)
    url_of_key = {(item.key, lang): entry.url
                  for item in items.values() for lang, entry in item.entries.items()}
    return Site(config, items, taxonomies, tuple(pages), referenced_by, url_of_key, unreadable,
                unpublished)


def _group_items(config: SiteConfig, sources: list[Source], commit_dates: Mapping[str, dt.date],
                 report: Report, unreadable: frozenset[str]) -> dict[str, Item]:
    default = config.default_language.code
    by_key: dict[str, dict[str, Source]] = defaultdict(dict)
    for source in sources:
        by_key[source.key][source.lang] = source
    originals = {key: langs[default] for key, langs in by_key.items() if default in langs}
    items: dict[str, Item] = {}
    for key, langs in sorted(by_key.items()):
        if key in originals:
            items[key] = assemble_item(config, langs, commit_dates, report,
                                       warn=key not in unreadable)
        elif key not in unreadable:
            _report_orphans(config, langs, originals, report)
    return items


def assemble_item(config: SiteConfig, langs: dict[str, Source],
                  commit_dates: Mapping[str, dt.date], report: Report, warn: bool = True) -> Item:
    """One item from its files (lang -> source, the original included): an entry per language."""
    original = langs[config.default_language.code]
    entries = {}
    current = source_hash(original)
    for lang in config.codes:
        source = langs.get(lang)
        awaiting = source is not None and source.fields.value("awaiting_translation")
        if awaiting:  # a placeholder is never shown: readers get the original instead
            source = None
        if source is None and config.fallback == "omit":
            continue
        marked = source.fields.translated_from if source not in (None, original) else None
        entries[lang] = _make_entry(config, original, source, lang, commit_dates,
                                    outdated=bool(marked) and marked != current)
        if source is None and warn:
            _warn_untranslated(config, original, lang, bool(awaiting), report)
    return Item(original.key, original.collection, original, entries)


def _warn_untranslated(config: SiteConfig, original: Source, lang: str, awaiting: bool,
                       report: Report) -> None:
    language, default = config.language(lang).label, config.default_language.label
    if awaiting:
        report.warn(f"The {language} translation is awaiting translation: the {default} text is "
                    "shown instead.", original.src_path, 1,
                    f"Translate {original.name}.{lang}.md, then run: python build.py "
                    f"translations mark {original.name}.{lang}")
    else:
        report.warn(f"No {language} translation: the {default} text is shown instead.",
                    original.src_path, 1, f"Add {original.name}.{lang}.md to translate it.")


def _report_orphans(config: SiteConfig, langs: dict[str, Source], originals: dict[str, Source],
                    report: Report) -> None:
    default = config.default_language
    for source in langs.values():
        same_collection = [s.name for s in originals.values() if s.collection == source.collection]
        report.error(
            f"This {config.language(source.lang).label} translation has no "
            f"{default.label} original ({source.name}.{default.code}.md)." + did_you_mean(source.name,
                                                                          same_collection),
            source.src_path, 1,
            f"Every item starts in {default.label}: create {source.name}.{default.code}.md, or "
            "rename this file to match its original.")


def _make_entry(config: SiteConfig, original: Source, translation: Source | None, lang: str,
                commit_dates: Mapping[str, dt.date], outdated: bool = False) -> Entry:
    source = translation or original
    fields = original.fields
    if translation is not None and translation is not original:
        shared = config.collections[original.collection].record.fields
        fields = fields.with_fields({k: v for k, v in translation.fields.items()
                                     if not (k in shared and shared[k].shared)})
    slug = fields.slug or original.fields.slug or original.name
    updated = fields.updated or commit_dates.get(source.src_path)
    return Entry(key=original.key, collection=original.collection, lang=lang, source=source,
                 fields=fields, url=urls.item_url(config, original.collection, lang, slug),
                 is_fallback=translation is None, updated=updated, outdated=outdated,
                 times=original.times)


def _check_references(config: SiteConfig, items: dict[str, Item],
                      taxonomies: dict[str, Taxonomy], report: Report,
                      unreadable: frozenset[str], unpublished: frozenset[str]) -> None:
    for item in items.values():
        original = item.original
        schema = config.collections[item.collection].record
        for name, spec in schema.fields.items():
            if not (spec.taxonomy or spec.refers_to):
                continue
            for ref in original.fields.listed(name):
                if spec.taxonomy:
                    known = taxonomies.get(spec.taxonomy)
                    if known is not None and ref not in known.labels:
                        report.error(f'"{ref}" is not one of the {spec.taxonomy} in '
                                     "content/taxonomies.yaml." + did_you_mean(ref, known.labels),
                                     original.src_path, original.line_of(name),
                                     f"Known {spec.taxonomy}: {quoted_list(known.labels)}.")
                elif spec.refers_to:
                    _check_item_reference(config, items, original, name, spec.refers_to, ref,
                                          report, unreadable, unpublished)
        for code in original.fields.value("languages") or ():
            try:
                Locale.parse(code.replace("-", "_"))
            except (UnknownLocaleError, ValueError, LookupError):
                report.error(f'"{code}" is not a language code.', original.src_path,
                             original.line_of("languages"),
                             "Use codes such as en, fr, ar, ur, pa, zh.")


def _check_item_reference(config: SiteConfig, items: dict[str, Item], original: Source,
                          field: str, schema: str, ref: str, report: Report,
                          unreadable: frozenset[str], unpublished: frozenset[str]) -> None:
    collections = config.collections_of_kind(schema)
    if any(f"{c}/{ref}" in items or f"{c}/{ref}" in unreadable for c in collections):
        return
    if any(f"{c}/{ref}" in unpublished for c in collections):
        report.error(f'"{ref}" in {field} is a draft or has expired, so it is not published.',
                     original.src_path, original.line_of(field),
                     f"Publish {ref} first (remove its draft: line or change expires:), or "
                     f"remove it from {field}.")
        return
    known = [i.original.name for i in items.values() if i.collection in collections]
    report.error(f'"{ref}" in {field} is not a known item of {quoted_list(collections)}.'
                 + did_you_mean(ref, known), original.src_path, original.line_of(field),
                 f"Use the file name without language, e.g. {known[0]}" if known else None)


def _reverse_links(config: SiteConfig, items: dict[str, Item]) -> dict[str, tuple[str, ...]]:
    """For each item, the items whose fields name it (e.g. the programs of a partner)."""
    found: dict[str, list[str]] = defaultdict(list)
    for item in items.values():
        schema = config.collections[item.collection].record
        for name, spec in schema.fields.items():
            if spec.refers_to:
                targets = config.collections_of_kind(spec.refers_to)
                for ref in item.original.fields.listed(name):
                    for collection in targets:
                        if f"{collection}/{ref}" in items:
                            found[f"{collection}/{ref}"].append(item.key)
    return {key: tuple(sorted(keys)) for key, keys in found.items()}


def _check_collisions(pages: list[Page], report: Report) -> None:
    owner: dict[str, Page] = {}
    for page in pages:
        other = owner.get(page.url)
        if other is None:
            owner[page.url] = page
            continue
        here, there = _describe(page), _describe(other)
        report.error(f"Two pages would be published at {page.url}: this one and {there}.",
                     page.entry.source.src_path if page.entry else "site_config.yaml",
                     page.entry.source.line_of("slug") if page.entry else 1,
                     f'Give one of them another web address with a "slug:" line in {here}, '
                     f"for example: slug: {page.url.rstrip('/').rsplit('/', 1)[-1]}-2"
                     if page.entry else "Rename the collection section or the item.")


def _describe(page: Page) -> str:
    if page.entry is not None:
        return page.entry.source.src_path
    return f"the {page.kind} page of site_config.yaml"


def _check_menu(config: SiteConfig, items: dict[str, Item], report: Report,
                unreadable: frozenset[str] = frozenset(),
                unpublished: frozenset[str] = frozenset()) -> None:
    list_targets = [c.name for c in config.collections.values() if c.has_list_page]
    valid = ["home", *list_targets, *items]
    for entry in config.menu + config.footer:
        if entry.target in unpublished:
            report.error(f'The menu links to "{entry.target}", which is a draft or has expired, '
                         "so it is not published.", config.src_path, entry.line,
                         "Publish that page first, or remove this link from the menu.")
            continue
        if entry.target in config.collections and entry.target not in valid:
            example = next((k for k in items if k.startswith(entry.target + "/")), None)
            report.error(f'The menu links to "{entry.target}", a collection without a list '
                         "page (it has no section).", config.src_path, entry.line,
                         f"Link to one of its pages instead, for example {example}."
                         if example else "Link to one of its pages instead.")
        elif entry.target not in valid and entry.target not in unreadable:
            report.error(f'The menu links to "{entry.target}", which is not a page of this site.'
                         + did_you_mean(entry.target, valid), config.src_path, entry.line,
                         'Use "home", a collection such as programs, or an item such as '
                         "pages/about.")
    for name in config.home_featured:
        if name not in config.collections:
            report.error(f'home.featured names "{name}", which is not a collection.'
                         + did_you_mean(name, config.collections), config.src_path,
                         config.home_featured_line)
