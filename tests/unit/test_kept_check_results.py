"""What check keeps in the build's cache besides the browser's and the HTML checker's results
(tests/test_quality_gates.py): a text an earlier check read gives the findings that check found
(sitegen.quality.lint), a page it scanned what the scan gave (sitegen.quality.html_scan), without
being read again; any change to what they depend on, and it is."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from sitegen.cache import BuildCache
from sitegen.pipeline import BuildOptions, BuildResult, build_site
from sitegen.quality import html_scan, lint
from sitegen.quality.html_scan import ScannedPage, scan_file, scan_pages
from sitegen.quality.site_files import built_site
from tests.helpers import FIXTURES, TINY, copy_site

NOW = dt.datetime(2026, 1, 15, tzinfo=dt.timezone.utc)


def built(site: Path, out: Path) -> tuple[BuildResult, dict[str, ScannedPage]]:
    result = build_site(BuildOptions(site, out, search=False, now=NOW))
    files = built_site(result.site, out.resolve())
    return result, {url: scan_file(path) for url, path in files.html_pages().items()}


def test_a_text_read_by_an_earlier_check_is_not_read_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = copy_site(TINY, tmp_path / "site")
    shutil.copytree(FIXTURES / "faulty", site, dirs_exist_ok=True)
    result, scanned = built(site, tmp_path / "out")
    read: list[str] = []
    real_lint_entry = lint.lint_entry
    monkeypatch.setattr(lint, "lint_entry", lambda config, entry, html: read.append(entry.url)
                        or real_lint_entry(config, entry, html))
    cache = BuildCache(tmp_path / "cache")
    first = lint.lint_site(result.site, result.bodies, scanned, cache)
    assert {finding.message.split(" ")[1] for finding in first} >= {"summary", "image"}
    texts = len(read)
    assert lint.lint_site(result.site, result.bodies, scanned) == first and len(read) == 2 * texts
    read.clear()
    assert lint.lint_site(result.site, result.bodies, scanned, cache) == first and read == []
    faults = site / "content/pages/faults.en.md"
    faults.write_text(faults.read_text(encoding="utf-8").replace(
        "click here", "see the guide"), encoding="utf-8")
    result, scanned = built(site, tmp_path / "out")
    again = lint.lint_site(result.site, result.bodies, scanned, cache)
    assert read == ["/en/faults/"]
    assert [f for f in first if "click here" not in f.message] == again


def test_a_page_scanned_by_an_earlier_check_is_not_scanned_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    result = build_site(BuildOptions(copy_site(TINY, tmp_path / "site"), out, search=False,
                                     now=NOW))
    pages = built_site(result.site, out.resolve()).html_pages()
    scanned: list[Path] = []
    monkeypatch.setattr(html_scan, "scan_file", lambda path: scanned.append(path)
                        or scan_file(path))
    cache = BuildCache(tmp_path / "cache")
    first = scan_pages(pages, cache)
    assert len(scanned) == len(pages) and list(first) == list(pages)
    assert first == {url: scan_file(path) for url, path in pages.items()}
    scanned.clear()
    assert scan_pages(pages, cache) == first and scanned == []
    with pages["/en/"].open("a", encoding="utf-8") as page:
        page.write('<a href="/fr/">fr</a>')
    names = cache.keys(html_scan.SCANS)
    cache.put_many(html_scan.SCANS, {names[0]: {"ids": "not a list"}, names[1]: [1, 2]})
    again = scan_pages(pages, cache)
    assert again["/en/"].anchors[-1] == html_scan.Anchor("/fr/", "fr", None)
    assert pages["/en/"] in scanned and 2 <= len(scanned) <= 3  # the damaged ones again
    assert {url: page for url, page in again.items() if url != "/en/"} == \
        {url: page for url, page in first.items() if url != "/en/"}
