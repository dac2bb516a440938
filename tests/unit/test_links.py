"""sitegen.quality.links: a link that leads to the same place from every page is looked at once,
and reported on every page that has it."""

from __future__ import annotations

from pathlib import Path

from sitegen.quality.html_scan import scan_file
from sitegen.quality.links import check_links
from sitegen.quality.site_files import BuiltSite


def test_a_link_on_every_page_is_reported_on_every_page(tmp_path: Path) -> None:
    pages = {
        "en/index.html": '<a href="/en/a/">a</a> <a href="/en/gone/">gone</a> '
                         '<a href="a/#top">top</a> <a href="#here" id="here">here</a>',
        "en/a/index.html": '<p id="top"></p><a href="/en/gone/">gone</a> <a href="/en/a/#x">x</a>'
                           ' <a href="#here">here</a> <a href="../#here">back</a>',
    }
    for relative, html in pages.items():
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text(f"<html><body>{html}</body></html>", encoding="utf-8")
    site = BuiltSite(tmp_path, "/", "https://example.org/", {})
    scanned = {url: scan_file(path) for url, path in site.html_pages().items()}
    found = [(finding.url, finding.message) for finding in check_links(site, scanned)]
    assert sorted(found) == [
        ("/en/", 'The link "/en/gone/" leads to a page or file that does not exist.'),
        ("/en/a/", 'The link "#here" leads to "#here", which is not an id on /en/a/.'),
        ("/en/a/", 'The link "/en/a/#x" leads to "#x", which is not an id on /en/a/.'),
        ("/en/a/", 'The link "/en/gone/" leads to a page or file that does not exist.'),
    ]
