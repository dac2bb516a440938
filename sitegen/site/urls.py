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


def is_output_path(path: object) -> bool:
    """Whether path can be a file's place under the output folder, as dest_path gives them:
    relative, with no ".." and no empty part, so that it never leads outside."""
    if not isinstance(path, str):
        return False
    parts = path.split("/")
    return not path.startswith("/") and ".." not in parts and "" not in parts


def href(config: SiteConfig, url: str) -> str:
    """A link usable in a page: the site-relative URL under the site's base path."""
    return config.base_path + url.lstrip("/")


def absolute(config: SiteConfig, url: str) -> str:
    """The full address of a URL, for canonical links, hreflang and feeds."""
    return config.base_url + url.lstrip("/")
