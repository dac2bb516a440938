"""Which pages the site has and where each lives: the language chooser, home pages, the search
and open data pages, lists (split into numbered pages when a collection sets per_page), past
events, directory pages per taxonomy term, item pages and 404 pages."""

from __future__ import annotations

import math

from ..source.config import CollectionConfig, SiteConfig
from ..source.model import Item, Page, Taxonomy
from . import urls

PAST_EVENTS = "past"


def plan_pages(config: SiteConfig, items: dict[str, Item],
               taxonomies: dict[str, Taxonomy]) -> list[Page]:
    homes = {lang: urls.home_url(lang) for lang in config.codes}
    default = config.default_language.code
    not_found = {lang: f"/{lang}/404.html" for lang in config.codes}
    pages = [Page(url=urls.CHOOSER_URL, lang=default, kind="chooser", template="chooser.html",
                  title="", alternates=homes, switcher=homes),
             Page(url="/404.html", lang=default, kind="404-root", template="404_root.html",
                  title="", switcher=homes, indexable=False)]
    for lang in config.codes:
        pages.append(Page(url=urls.home_url(lang), lang=lang, kind="home", template="home.html",
                          title=config.title[lang], alternates=homes, switcher=homes))
        pages.append(Page(url=f"/{lang}/404.html", lang=lang, kind="404", template="404.html",
                          title="", switcher=not_found, indexable=False))
    if config.search is not None:
        found = {lang: search_url(config, lang) for lang in config.codes}
        pages += [Page(url=found[lang], lang=lang, kind="search", template="search.html",
                       title=config.search.title[lang], alternates=found, switcher=found,
                       indexable=False) for lang in config.codes]
    if config.open_data is not None:
        data = {lang: open_data_url(config, lang) for lang in config.codes}
        pages += [Page(url=data[lang], lang=lang, kind="open-data", template="open_data.html",
                       title=config.open_data.title[lang], alternates=data, switcher=data)
                  for lang in config.codes]
    for collection in config.collections.values():
        if collection.has_list_page:
            pages += _list_pages(config, collection, items)
            pages += _directory_pages(config, collection, taxonomies)
    for item in items.values():
        pages += _item_pages(config, item)
    return pages


def search_url(config: SiteConfig, lang: str) -> str:
    assert config.search is not None
    return f"/{lang}/{config.search.section[lang]}/"


def open_data_url(config: SiteConfig, lang: str) -> str:
    """The page that presents the open data files, in lang."""
    assert config.open_data is not None
    return f"/{lang}/{config.open_data.section[lang]}/"


def _list_pages(config: SiteConfig, collection: CollectionConfig,
                items: dict[str, Item]) -> list[Page]:
    pages = []
    counts = {lang: sum(1 for item in items.values()
                        if item.collection == collection.name and lang in item.entries)
              for lang in config.codes}
    variants = [""] + ([PAST_EVENTS] if collection.has("scheduled") else [])
    for variant in variants:
        base = {lang: urls.list_url(config, collection.name, lang) + (f"{variant}/" if variant
                                                                      else "")
                for lang in config.codes}
        for lang in config.codes:
            total = math.ceil(counts[lang] / collection.per_page) if collection.per_page else 1
            for number in range(1, max(total, 1) + 1):
                def address(code: str, n: int = number) -> str:
                    return base[code] if n == 1 else f"{base[code]}page/{n}/"
                same = {code: address(code) for code in config.codes}
                pages.append(Page(
                    url=address(lang), lang=lang, kind="list",
                    template=f"{collection.schema}_list.html", title=collection.title[lang],
                    collection=collection.name, alternates=same if number == 1 else {},
                    switcher=same if number == 1 else {c: base[c] for c in config.codes},
                    variant=variant, page_number=number, total_pages=max(total, 1)))
    return pages


def _directory_pages(config: SiteConfig, collection: CollectionConfig,
                     taxonomies: dict[str, Taxonomy]) -> list[Page]:
    pages = []
    for name, directory in collection.directories.items():
        taxonomy = taxonomies.get(name)
        if taxonomy is None:
            continue
        index = {lang: urls.directory_url(config, collection.name, name, lang)
                 for lang in config.codes}
        for lang in config.codes:
            pages.append(Page(url=index[lang], lang=lang, kind="directory",
                              template="directory.html", title=directory.title[lang],
                              collection=collection.name, alternates=index, switcher=index,
                              taxonomy=name))
        for term in taxonomy.order:
            links = {lang: f"{index[lang]}{term}/" for lang in config.codes}
            for lang in config.codes:
                pages.append(Page(url=links[lang], lang=lang, kind="term", template="term.html",
                                  title=taxonomy.labels[term][lang], collection=collection.name,
                                  alternates=links, switcher=links, taxonomy=name, term=term))
    return pages


def _item_pages(config: SiteConfig, item: Item) -> list[Page]:
    alternates = {lang: e.url for lang, e in item.entries.items() if not e.is_fallback}
    switcher = {lang: item.entries[lang].url if lang in item.entries
                else _nearest_page(config, item.collection, lang) for lang in config.codes}
    return [Page(url=entry.url, lang=lang, kind="item",
                 template=config.collections[item.collection].schema, title=entry.title,
                 entry=entry, collection=item.collection, alternates=alternates,
                 switcher=switcher,
                 indexable=not entry.is_fallback and not entry.fields.draft)
            for lang, entry in item.entries.items()]


def _nearest_page(config: SiteConfig, collection: str, lang: str) -> str:
    """Where the switcher leads when an item has no page in lang: its list, else the home page."""
    if config.collections[collection].has_list_page:
        return urls.list_url(config, collection, lang)
    return urls.home_url(lang)
