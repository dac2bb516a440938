"""The data the pipeline passes between steps: frozen dataclasses, no behaviour beyond lookups."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from ..cache import digest
from .config import SiteConfig
from .event_times import EventTimes
from .front_matter import FrontMatter, fields_digest

T = TypeVar("T")


@dataclass(frozen=True)
class Source:
    """One content file as read: its validated front matter and its Markdown body."""

    src_path: str  # relative to the site folder, used in messages: content/programs/peace.fr.md
    collection: str
    name: str  # the file's slug part: "peace"
    lang: str
    fields: FrontMatter
    body: str
    body_line: int  # line of the file where the body starts
    field_lines: dict[str, int]
    text_hash: str = ""  # the hash of what a translator translates (sitegen.translations)
    body_digest: str = ""  # the content hash of body (sitegen.cache.digest), made when read
    times: EventTimes | None = None  # when it happens: an original of a scheduled collection
    fields_digest: str = ""  # the content hash of fields (front_matter.fields_digest)

    def __post_init__(self) -> None:  # once per file read; the cache keeps both
        if not self.body_digest:
            object.__setattr__(self, "body_digest", digest(self.body))
        if not self.fields_digest:
            object.__setattr__(self, "fields_digest", fields_digest(self.fields))

    @property
    def key(self) -> str:
        return f"{self.collection}/{self.name}"

    def line_of(self, field_name: str) -> int:
        return self.field_lines.get(field_name, 1)

    def line_containing(self, needle: str) -> int | None:
        """The file line of the body's first line that contains needle, if any."""
        if not needle:
            return None
        for offset, line in enumerate(self.body.split("\n")):
            if needle in line:
                return self.body_line + offset
        return None


@dataclass(frozen=True, repr=False)
class Entry:
    """One item in one reader language: what its page shows and where it lives."""

    key: str
    collection: str
    lang: str  # the reader's language: chrome, URL prefix
    source: Source  # the file whose text is shown (the original on a fallback page)
    fields: FrontMatter  # shared fields of the original plus this text's own fields
    url: str
    is_fallback: bool
    updated: dt.date | None
    outdated: bool = False  # a translation of an older version of the original
    times: EventTimes | None = None  # when it happens (the original's), for scheduled items

    def __repr__(self) -> str:
        # what it is, not its state: a template that writes an entry out shows no more of it
        # than its attributes it reads (sitegen.render.templating.Environment)
        return f"Entry({self.key!r}, {self.lang!r})"

    @property
    def text_lang(self) -> str:
        return self.source.lang

    @property
    def title(self) -> str:
        return str(self.fields.title)

    @property
    def schedule(self) -> EventTimes:
        """When a scheduled item happens; an error for an item with no start and end."""
        if self.times is None:
            raise ValueError(f"{self.key} has no start and end")
        return self.times


@dataclass(frozen=True)
class Item:
    """All language versions of one piece of content, keyed by reader language."""

    key: str
    collection: str
    original: Source
    entries: dict[str, Entry]


@dataclass(frozen=True)
class Taxonomy:
    name: str
    labels: dict[str, dict[str, str]]  # id -> lang -> label
    order: tuple[str, ...]


@dataclass(frozen=True)
class Page:
    """One HTML file to write: which template, for which language, showing what."""

    url: str
    lang: str
    kind: str  # "chooser", "home", "list" or "item"
    template: str
    title: str
    entry: Entry | None = None
    collection: str | None = None
    alternates: dict[str, str] = field(default_factory=dict)  # lang -> url, real translations
    switcher: dict[str, str] = field(default_factory=dict)  # lang -> url, never a 404
    indexable: bool = True
    variant: str = ""  # a second list of a collection, e.g. "past" events
    page_number: int = 1  # for lists split over several pages
    total_pages: int = 1
    taxonomy: str | None = None  # directory pages: the taxonomy, and the term listed
    term: str | None = None


@dataclass(frozen=True)
class Site:
    """Everything known after assembly: config, items, taxonomies and the pages to render."""

    config: SiteConfig
    items: dict[str, Item]
    taxonomies: dict[str, Taxonomy]
    pages: tuple[Page, ...]
    referenced_by: dict[str, tuple[str, ...]]  # item key -> keys of items that name it
    url_of_key: dict[tuple[str, str], str]  # (key, lang) -> url
    unreadable: frozenset[str] = frozenset()  # keys of files that had errors: not "missing"
    unpublished: frozenset[str] = frozenset()  # keys of drafts and expired items left out
    # what the lookups below found, for the next page that asks (every list page does)
    _found: dict[tuple[Any, ...], Any] = field(
        default_factory=dict, init=False, compare=False, repr=False)

    def entry(self, key: str, lang: str) -> Entry:
        return self.items[key].entries[lang]

    def linked(self, entry: Entry, field: str) -> list[Entry]:
        """The items that a reference field of entry names, resolved: each in entry's language
        (or its fallback), in the field's order; none when entry's collection has no such
        field (a template shared by several collections). Assembly has checked that they
        exist."""
        declared = self.config.collections[entry.collection].record.fields.get(field)
        refers_to = declared.refers_to if declared is not None else None
        if refers_to is None:
            return []
        found = []
        for name in entry.fields.listed(field):
            for collection in self.config.collections_of_kind(refers_to):
                item = self.items.get(f"{collection}/{name}")
                if item is not None and entry.lang in item.entries:
                    found.append(item.entries[entry.lang])
                    break
        return found

    def all_linked(self, entry: Entry) -> list[Entry]:
        """The items that every reference field of entry names, resolved (linked)."""
        fields = self.config.collections[entry.collection].record.fields
        return [target for name, spec in fields.items() if spec.refers_to
                for target in self.linked(entry, name)]

    def in_collection(self, collection: str, lang: str) -> list[Entry]:
        """The collection's entries in a language, in display order."""
        return list(self.remembered(("in", collection, lang), lambda: tuple(sorted(
            (item.entries[lang] for item in self.items.values()
             if item.collection == collection and lang in item.entries),
            key=lambda e: (e.fields.weight or 0, e.title.casefold())))))

    def last_updated(self, lang: str, collection: str | None = None) -> dt.date | None:
        """The latest date an entry in lang was updated: of the collection's entries, when
        it is given and has a dated one."""
        newest: dict[tuple[str, str | None], dt.date] = self.remembered(("updated",),
                                                                        self._newest_dates)
        return newest.get((lang, collection)) or newest.get((lang, None))

    def _newest_dates(self) -> dict[tuple[str, str | None], dt.date]:
        """(language, collection) -> the latest date one of its entries was updated, and
        (language, None) -> that of all the language's, in one pass over the entries."""
        newest: dict[tuple[str, str | None], dt.date] = {}
        for item in self.items.values():
            for lang, entry in item.entries.items():
                if entry.updated:
                    for key in ((lang, entry.collection), (lang, None)):
                        if key not in newest or newest[key] < entry.updated:
                            newest[key] = entry.updated
        return newest

    def remembered(self, key: tuple[Any, ...], make: Callable[[], T]) -> T:
        """make()'s answer, computed once for key: the lookups that every list page asks of
        the site (this build's; the next assembles a site of its own)."""
        if key not in self._found:
            self._found[key] = make()
        found: T = self._found[key]
        return found
