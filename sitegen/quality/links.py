"""The link gate: every internal href and src leads to a built file, and every #fragment to an
element id on its target page. XML files (sitemap, feeds) are checked for the site's own URLs."""

from __future__ import annotations

import re
from pathlib import Path

from .findings import Finding
from .html_scan import ScannedPage, scan_file
from .site_files import BuiltSite

XML_URL = re.compile(r"""(?:href=["']|<loc>|<id>|<uri>)\s*(https?://[^"'<\s]+)""")


def check_links(site: BuiltSite, scanned: dict[str, ScannedPage]) -> list[Finding]:
    findings = []
    ids_by_file = {path: scanned[url].ids for url, path in site.html_pages().items()}
    # most links are the same on every page (menus, footers, language switchers): each one
    # that does not depend on the page it is on is looked at once
    problems: dict[tuple[str, str], str | None] = {}
    for url, page in scanned.items():
        for _tag, link in page.links:
            key = ("", link) if _same_on_every_page(link) else (url, link)
            if key not in problems:
                problems[key] = _link_problem(site, ids_by_file, url, link)
            problem = problems[key]
            if problem:
                fragment = link.partition("#")[2]
                src_path, line = site.source_of(url, link, f"#{fragment}" if fragment else "")
                findings.append(Finding("links", "error", url, f'The link "{link}" {problem}.',
                                        src_path, line))
    findings.extend(_check_xml_files(site, ids_by_file))
    return findings


def _same_on_every_page(link: str) -> bool:
    """Whether link leads to the same place from any page: a path from the site's root (not
    "//host/..."), or a full address."""
    return link.startswith("/") and not link.startswith("//") or \
        link.startswith(("http://", "https://", "mailto:", "tel:"))


def _link_problem(site: BuiltSite, ids_by_file: dict[Path, set[str]], page_url: str,
                  link: str) -> str | None:
    target, fragment, problem = site.target_of(link, page_url)
    if problem or target is None:
        return problem
    if not target.is_file():
        return "leads to a page or file that does not exist"
    if fragment and target.suffix == ".html":
        ids = ids_by_file.get(target)
        if ids is None:
            ids = scan_file(target).ids
        if fragment not in ids:
            return f'leads to "#{fragment}", which is not an id on {site.url_of(target)}'
    return None


def _check_xml_files(site: BuiltSite, ids_by_file: dict[Path, set[str]]) -> list[Finding]:
    findings = []
    for path in sorted(site.out_dir.rglob("*.xml")):
        url = site.url_of(path)
        for match in XML_URL.finditer(path.read_text(encoding="utf-8")):
            link = match.group(1)
            if not link.startswith(site.base_url):
                continue
            problem = _link_problem(site, ids_by_file, url, link)
            if problem:
                findings.append(Finding("links", "error", url, f'"{link}" {problem}.'))
    return findings
