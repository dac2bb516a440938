"""sitegen.site.urls: page URLs per language, output paths, and links under the base path."""

from __future__ import annotations

import dataclasses

import pytest

from sitegen.site import urls
from sitegen.source.config import SiteConfig, load_config
from tests.helpers import TINY


@pytest.fixture(scope="module")
def config() -> SiteConfig:
    return load_config(TINY)


def test_home_and_chooser() -> None:
    assert urls.CHOOSER_URL == "/"
    assert urls.home_url("ar") == "/ar/"


def test_list_url_uses_the_section_of_the_language(config: SiteConfig) -> None:
    assert urls.list_url(config, "programs", "en") == "/en/programs/"
    assert urls.list_url(config, "programs", "fr") == "/fr/programmes/"
    assert urls.list_url(config, "resources", "fr") == "/fr/aide/"


def test_item_url_with_and_without_section(config: SiteConfig) -> None:
    assert urls.item_url(config, "programs", "fr", "soirees-soccer") == \
        "/fr/programmes/soirees-soccer/"
    # "pages" has no section: its items sit at the language root
    assert urls.item_url(config, "pages", "ar", "contact") == "/ar/contact/"


@pytest.mark.parametrize(("url", "path"), [
    ("/", "index.html"),
    ("/en/", "en/index.html"),
    ("/fr/programmes/soirees-soccer/", "fr/programmes/soirees-soccer/index.html"),
    ("/sitemap.xml", "sitemap.xml"),
    ("/en/feed.xml", "en/feed.xml"),
])
def test_dest_path(url: str, path: str) -> None:
    assert urls.dest_path(url) == path


def test_href_and_absolute_at_the_domain_root(config: SiteConfig) -> None:
    assert config.base_path == "/"
    assert urls.href(config, "/fr/aide/") == "/fr/aide/"
    assert urls.href(config, "/") == "/"
    assert urls.absolute(config, "/fr/aide/") == "https://tiny.example.org/fr/aide/"
    assert urls.absolute(config, "/") == "https://tiny.example.org/"


def test_href_and_absolute_under_a_sub_path(config: SiteConfig) -> None:
    preview = dataclasses.replace(config, base_url="https://example.org/preview/pr-12/")
    assert preview.base_path == "/preview/pr-12/"
    assert urls.href(preview, "/fr/aide/") == "/preview/pr-12/fr/aide/"
    assert urls.href(preview, "/") == "/preview/pr-12/"
    assert urls.absolute(preview, "/ar/help/safety/") == \
        "https://example.org/preview/pr-12/ar/help/safety/"
