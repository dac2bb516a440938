"""Where each page lives: URLs (always starting and ending with "/") and output paths."""

from __future__ import annotations

from ..source.config import SiteConfig

CHOOSER_URL = "/"


def home_url(lang: str) -> str:
    return f"/{lang}/"


def list_url(config: SiteConfig, collection: str, lang: str) -> str:
    return f"/{lang}/{config.collections[collection].section[lang]}/"


def directory_url(config: SiteConfig, collection: str, taxonomy: str, lang: str) -> str:
    section = config.collections[collection].directories[taxonomy].section[lang]
    return f"{list_url(config, collection, lang)}{section}/"


def item_url(config: SiteConfig, collection: str, lang: str, slug: str) -> str:
    section = config.collections[collection].section.get(lang)
    return f"/{lang}/{section}/{slug}/" if section else f"/{lang}/{slug}/"


def dest_path(url: str) -> str:
    """The file a URL is written to, relative to the output folder."""
    return url.lstrip("/") + "index.html" if url.endswith("/") else url.lstrip("/")


def href(config: SiteConfig, url: str) -> str:
    """A link usable in a page: the site-relative URL under the site's base path."""
    return config.base_path + url.lstrip("/")


def absolute(config: SiteConfig, url: str) -> str:
    """The full address of a URL, for canonical links, hreflang and feeds."""
    return config.base_url + url.lstrip("/")
