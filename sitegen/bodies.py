"""The Markdown step: every entry's body converted to safe HTML, once per (item, language).

A body converted at an earlier build is reused when its text, its language and the rules of
the page (the site's base path, what page text may hold) are the same, and every address it
resolved (links to other pages, pictures) still resolves the same way. The others are
converted across the computer's cores."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from .cache import BuildCache, digest
from .errors import ContentError, Report
from .markup import Converted, resolutions_hold, shared_markdown_renderer
from .model import Entry, Site
from .parallel import map_in_order
from .sanitize import Policy

NAMESPACE = "bodies"
_WORK: tuple[Site, Policy, dict[str, str]] | None = None  # what forked workers convert with


def render_bodies(site: Site, report: Report, policy: Policy, assets: dict[str, str],
                  keys: Iterable[str] | None = None, cache: BuildCache | None = None,
                  jobs: int = 1) -> dict[tuple[str, str], str]:
    """The safe HTML of every entry's Markdown (or only of the items keys names), per (item
    key, reader language). assets maps each static file's site URL to its published one."""
    items = [site.items[key] for key in keys] if keys is not None else site.items.values()
    entries = [entry for item in items for entry in item.entries.values()]
    settings = digest(site.config.base_path, sorted(policy.embed_hosts),
                      sorted(policy.reserved_ids))
    cache_keys = {id(entry): _cache_key(entry, site, settings) for entry in entries}
    cached = cache.get_many(NAMESPACE, set(cache_keys.values())) if cache else {}
    results: dict[int, Converted] = {}
    missing: list[Entry] = []
    for entry in entries:
        found = cached.get(cache_keys[id(entry)])
        if found is not None and resolutions_hold(found["resolved"], site, entry, assets):
            results[id(entry)] = Converted(
                found["html"], [ContentError(**p) for p in found["errors"]],
                [ContentError(**p) for p in found["warnings"]], found["resolved"])
        else:
            missing.append(entry)
    global _WORK
    _WORK = (site, policy, assets)
    try:
        converted = map_in_order(_convert, missing, jobs)
    finally:
        _WORK = None
    fresh = {}
    for entry, result in zip(missing, converted):
        results[id(entry)] = result
        fresh[cache_keys[id(entry)]] = {
            "html": result.html, "resolved": result.resolved,
            "errors": [dataclasses.asdict(p) for p in result.errors],
            "warnings": [dataclasses.asdict(p) for p in result.warnings]}
    if cache is not None:
        cache.put_many(NAMESPACE, fresh)
    bodies = {}
    for entry in entries:
        result = results[id(entry)]
        bodies[(entry.key, entry.lang)] = result.html
        if entry.lang == entry.text_lang:  # a fallback repeats its original's problems
            report.errors.extend(result.errors)
            report.warnings.extend(result.warnings)
    return bodies


def _cache_key(entry: Entry, site: Site, settings: str) -> str:
    direction = site.config.language(entry.text_lang).direction
    return digest(settings, entry.source.src_path, entry.lang, entry.text_lang, direction,
                  entry.source.body_line, entry.source.body,
                  (entry.fields.get("image") or {}).get("src") if isinstance(
                      entry.fields.get("image"), dict) else None)


def _convert(entry: Entry) -> Converted:
    assert _WORK is not None
    site, policy, assets = _WORK
    return shared_markdown_renderer().convert(site, entry, policy, assets)
