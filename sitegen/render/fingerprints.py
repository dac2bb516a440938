"""Fingerprints of what each page is made from, so that a build renders again exactly the pages
whose inputs changed, and reuses the others from the cache.

A page's fingerprint covers everything the build knows it depends on: the site's settings,
templates, catalogs and static files (one digest for all), and the page's own context as the
templates receive it (its entry, the entries it lists, menus, breadcrumbs, the body's HTML).
Entries a template looks up by itself (site.entry(...)) are recorded while the page renders,
and their state becomes part of the fingerprint checked at the next build. Whether a
translation is outdated is part of an entry's state only for the pages whose templates read it
of an entry other than their own (templating.Environment notes it): an edit of an original,
which makes its translations outdated, renders again only the pages that say so."""

from __future__ import annotations

import dataclasses
import io
import pickle
from collections.abc import Callable
from typing import Any

from ..cache import digest
from ..source.config import CollectionConfig, Language, SiteConfig
from ..source.front_matter import fields_digest
from ..source.model import Entry, Page, Site, Taxonomy
from .bodies import Body

# Context values that are functions of the site and the page (covered by the global digest
# and the page itself), or that change at every build without changing the page.
SKIPPED = {"site", "now", "term_url", "search_url_in"}


class EntryDigests:
    """A digest of each entry's state as pages show it, computed once per build."""

    def __init__(self, site: Site | None = None) -> None:
        self._by_id: dict[int, str] = {}
        self._as_data: dict[int, str] = {}  # of_data, for the outdated translations
        self._states: dict[tuple[str | None, bool], str] = {}  # of_site's digests
        self.site = site
        self.seen: dict[int, Entry] = {}  # entries pickled since it was last cleared, by id

    def of_key(self, key: str, lang: str, data: bool = False) -> str:
        assert self.site is not None
        return self.state(data)(self.site.entry(key, lang))

    def state(self, data: bool, own: Entry | None = None) -> Callable[[Entry], str]:
        """of_data, or of (data: False); of for own in any case."""
        if not data:
            return self.of
        if own is None:
            return self.of_data
        return lambda entry: self.of(entry) if entry is own else self.of_data(entry)

    def of(self, entry: Entry) -> str:
        found = self._by_id.get(id(entry))
        if found is None:
            found = self._by_id[id(entry)] = _state(entry, entry.outdated)
        return found

    def of_data(self, entry: Entry) -> str:
        """The state of an entry as shown where nothing says whether its translation is
        outdated: feeds, calendars, open data, and the pages whose templates did not read it
        (templating.Environment). An edit of an original, which makes its translations
        outdated, leaves them as they are."""
        if not entry.outdated:
            return self.of(entry)
        found = self._as_data.get(id(entry))
        if found is None:
            found = self._as_data[id(entry)] = _state(entry, False)
        return found

    def of_site(self, lang: str | None = None, data: bool = False) -> str:
        """The state of every entry of the site (for pages whose templates use the site in
        ways not recorded), or of one language's, those shown in another language's place
        (untranslated) included; with data, as of_data gives each. Computed once per build,
        for every step that asks."""
        assert self.site is not None
        if (lang, data) not in self._states:
            state = self.state(data)
            self._states[(lang, data)] = digest(*(
                state(entry) for item in self.site.items.values()
                for code, entry in item.entries.items() if lang is None or code == lang))
        return self._states[(lang, data)]


def _state(entry: Entry, outdated: bool) -> str:
    """One text of plain values, digested at once: every build does all."""
    return digest(repr((entry.key, entry.lang, entry.url, entry.is_fallback, entry.text_lang,
                        entry.updated, outdated, entry.source.src_path)),
                  # an original's (or a fallback's) are its file's, made when read
                  entry.source.fields_digest if entry.fields is entry.source.fields
                  else fields_digest(entry.fields))


PLAIN = frozenset({str, int, float, bool, type(None), bytes, tuple, list, dict})


class _ContextPickler(pickle.Pickler):
    """Serializes a page's context for hashing: entries by their digest, the site and its
    settings by name (the global digest covers them), functions not at all. Without memo
    ("fast" mode), the bytes depend on the values alone, never on which objects are shared."""

    def __init__(self, file: io.BytesIO, entries: EntryDigests, data: bool,
                 own: Entry | None) -> None:
        super().__init__(file, protocol=5)
        self.fast = True
        self.entries = entries
        self.state = entries.state(data, own)

    def persistent_id(self, value: Any) -> Any:
        kind = type(value)
        if kind in PLAIN:  # most of what a context holds: asked first
            return None
        if kind is Entry:
            self.entries.seen.setdefault(id(value), value)
            return "E" + self.state(value)
        if kind is Body:
            return "B" + value.token
        if kind in (SiteConfig, Site, SiteView):
            return kind.__name__
        if kind in (CollectionConfig, Taxonomy):
            return f"{kind.__name__}:{value.name}"
        if kind is Language:
            return f"Language:{value.code}"
        if callable(value) and not isinstance(value, type):
            return "callable"
        return None


def context_fingerprint(context: dict[str, Any], entries: EntryDigests, data: bool = False,
                        own: Entry | None = None) -> str:
    """The digest of a page's context, without the parts the global digest covers; with data,
    its entries' states as of_data gives them, but for own (the page's own entry)."""
    buffer = io.BytesIO()
    _ContextPickler(buffer, entries, data, own).dump(
        [(key, value) for key, value in sorted(context.items()) if key not in SKIPPED])
    return digest(buffer.getvalue())


def page_fingerprint(global_digest: str, context_digest: str, looked_up: list[str],
                     everything: str | None) -> str:
    """The whole fingerprint: settings, context, the state of each entry the templates looked
    up (digests, in order), and the whole site's state when a template reached beyond what is
    recorded."""
    return digest(global_digest, context_digest, *looked_up, everything or "")


@dataclasses.dataclass
class SiteView:
    """What templates see as `site`: the site itself, with each entry they look up recorded,
    and a note when they use anything else that could hide a dependency."""

    site: Site
    looked_up: list[tuple[str, str]] = dataclasses.field(default_factory=list)
    everything: bool = False

    def entry(self, key: str, lang: str) -> Entry:
        self.looked_up.append((key, lang))
        return self.site.entry(key, lang)

    def linked(self, entry: Entry, field: str) -> list[Entry]:
        found = self.site.linked(entry, field)
        self.looked_up.extend((target.key, target.lang) for target in found)
        return found

    @property
    def config(self) -> SiteConfig:
        return self.site.config

    @property
    def taxonomies(self) -> dict[str, Taxonomy]:
        return self.site.taxonomies

    def __getattr__(self, name: str) -> Any:
        self.everything = True
        return getattr(self.site, name)
