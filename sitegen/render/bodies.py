"""The Markdown step: every entry's body converted to safe HTML, once per (item, language).

A body converted at an earlier build is reused when its text, its language and the rules of
the page (the site's base path, what page text may hold) are the same, and every address it
resolved (links to other pages, pictures) still resolves the same way. The others are
converted across the computer's cores."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from ..cache import BuildCache, digest
from ..errors import ContentError, Report
from ..packed import Packed
from ..parallel import iter_in_order
from ..source.model import Entry, Site
from .sanitize import Policy, embedded_hosts

if TYPE_CHECKING:  # the Markdown engine is loaded only when a body is converted
    from .markup import Converted, MarkdownRenderer

NAMESPACE = "bodies"
HTML = "body-html"  # cache key -> the body's HTML, read only when a page needs it
RESOLUTIONS = "body-resolutions"  # cache key -> what each address of the body resolved to
_WORK: tuple[Site, Policy, dict[str, str]] | None = None  # what forked workers convert with


class Body:
    """An entry's body as HTML, for templates ({{ body }} renders it as markup), kept
    compressed (sitegen.packed). A body taken from the cache is read from it only when a page
    that shows it is rendered: a build after a small edit renders few pages, and need not read
    thousands of bodies."""

    __slots__ = ("token", "frame_hosts", "_packed", "_load")

    def __init__(self, token: str, frame_hosts: tuple[str, ...], packed: Packed | None = None,
                 load: Callable[[], Packed] | None = None) -> None:
        self.token = token  # stands for the HTML in fingerprints: same token, same HTML
        self.frame_hosts = frame_hosts  # hosts of its frames, for the page's security policy
        self._packed, self._load = packed, load

    def load(self) -> None:
        """Read the HTML from the cache now (before worker processes start, which could not
        share the cache's connection)."""
        if self._packed is None:
            assert self._load is not None
            self._packed = self._load()

    @property
    def html(self) -> str:
        self.load()
        assert self._packed is not None
        return self._packed.text()

    def __html__(self) -> str:
        return self.html

    def __str__(self) -> str:
        return self.html


def render_bodies(site: Site, report: Report, policy: Policy, assets: dict[str, str],
                  keys: Iterable[str] | None = None, cache: BuildCache | None = None,
                  jobs: int = 1) -> dict[tuple[str, str], Body]:
    """The safe HTML of every entry's Markdown (or only of the items keys names), per (item
    key, reader language). assets maps each static file's site URL to its published one."""
    items = [site.items[key] for key in keys] if keys is not None else site.items.values()
    entries = [entry for item in items for entry in item.entries.values()]
    settings = digest(site.config.base_path, sorted(policy.embed_hosts),
                      sorted(policy.reserved_ids))
    cache_keys = {id(entry): _cache_key(entry, site, settings) for entry in entries}
    world = link_world(site, assets)
    cached = cache.get_many(NAMESPACE, set(cache_keys.values())) if cache else {}
    # what each body's addresses resolved to is read only when the world they resolved in
    # has changed since (a page added or moved, a static file renamed)
    to_recheck = [key for key, found in cached.items() if found.get("world") != world]
    resolutions = cache.get_many(RESOLUTIONS, to_recheck) if cache and to_recheck else {}
    if cache is not None:  # read only when a page needs it, or when the world changes
        cache.keep(HTML, cache_keys.values())
        cache.keep(RESOLUTIONS, cache_keys.values())
    bodies: dict[tuple[str, str], Body] = {}
    missing: list[Entry] = []
    renewed: dict[str, Any] = {}  # records whose addresses still hold in a changed world
    for entry in entries:
        key = cache_keys[id(entry)]
        found = cached.get(key)
        if found is not None and found.get("world") != world:
            earlier = resolutions.get(key)
            if isinstance(earlier, dict) and _resolutions_hold(earlier, site, entry, assets):
                found = renewed[key] = {**found, "world": world}
            else:
                found = None
        if found is not None:
            bodies[(entry.key, entry.lang)] = Body(
                found["token"], tuple(found["frame_hosts"]),
                load=functools.partial(_load_html, cache, key, site, entry, policy, assets))
            if entry.lang == entry.text_lang:  # a fallback repeats its original's problems
                report.errors.extend(ContentError(**p) for p in found["errors"])
                report.warnings.extend(ContentError(**p) for p in found["warnings"])
        else:
            missing.append(entry)
    global _WORK
    _WORK = (site, policy, assets)
    fresh, texts, failed = {}, {}, False
    resolved: dict[str, dict[str, str | None]] = {}
    try:
        for entry, (result, packed, hosts) in zip(missing, iter_in_order(_convert, missing,
                                                                         jobs)):
            key = cache_keys[id(entry)]
            token = digest(key, result.resolved)
            bodies[(entry.key, entry.lang)] = Body(token, hosts, packed)
            fresh[key] = {"token": token, "frame_hosts": hosts, "world": world,
                          "errors": [dataclasses.asdict(p) for p in result.errors],
                          "warnings": [dataclasses.asdict(p) for p in result.warnings]}
            texts[key] = packed.data
            resolved[key] = result.resolved
            failed = failed or bool(result.errors)
            if entry.lang == entry.text_lang:  # a fallback repeats its original's problems
                report.errors.extend(result.errors)
                report.warnings.extend(result.warnings)
    finally:
        _WORK = None
    if cache is not None and not failed:
        cache.put_many(NAMESPACE, {**renewed, **fresh})
        cache.put_many(RESOLUTIONS, resolved)
        cache.put_blobs(HTML, texts)
    return {(entry.key, entry.lang): bodies[(entry.key, entry.lang)] for entry in entries}


def link_world(site: Site, assets: dict[str, str]) -> str:
    """The digest of everything the addresses in bodies resolve against: the pages of each item
    in each language, the items that are unpublished or unreadable, the site's files. While it
    stays the same, a cached body's addresses resolve as they did, without checking each."""
    config = site.config
    return digest(config.codes, config.default_language.code, sorted(site.url_of_key.items()),
                  sorted(site.items), sorted(site.unreadable), sorted(site.unpublished),
                  sorted(assets.items()))


def _load_html(cache: BuildCache | None, key: str, site: Site, entry: Entry, policy: Policy,
               assets: dict[str, str]) -> Packed:
    """A cached body's HTML; converted again if the cache no longer has it."""
    return Packed.from_cache(cache, HTML, key) or \
        Packed.of(_markdown_renderer().convert(site, entry, policy, assets).html)


def _markdown_renderer() -> MarkdownRenderer:
    """The Markdown engine (sitegen.markup), loaded only when a body is converted: a build after
    a small edit converts one."""
    from .markup import shared_markdown_renderer
    return shared_markdown_renderer()


def _resolutions_hold(resolved: dict[str, str | None], site: Site, entry: Entry,
                      assets: dict[str, str]) -> bool:
    from .markup import resolutions_hold
    return resolutions_hold(resolved, site, entry, assets)


def _cache_key(entry: Entry, site: Site, settings: str) -> str:
    direction = site.config.language(entry.text_lang).direction
    return digest(settings, entry.source.src_path, entry.lang, entry.text_lang, direction,
                  entry.source.body_line, entry.source.body_digest,
                  image.src if (image := entry.fields.value("image")) else None)


def _convert(entry: Entry) -> tuple[Converted, Packed, tuple[str, ...]]:
    """The body converted (without its HTML), its HTML compressed, and its frames' hosts:
    workers send back the compressed HTML only."""
    assert _WORK is not None
    site, policy, assets = _WORK
    result = _markdown_renderer().convert(site, entry, policy, assets)
    return (dataclasses.replace(result, html=""), Packed.of(result.html),
            tuple(embedded_hosts(result.html)))
