"""The HTML gate: the Nu Html Checker (vnu.jar, pinned in package.json) over every page.

Its warnings about language and direction (a page whose text looks like another language than
its lang attribute says, a right-to-left script without dir) count as errors. What it found on
each page is kept in the build's cache: the next check gives it only the pages that changed
(KeptResults)."""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from ..cache import CHECK_RESULTS, BuildCache, digest
from .findings import Finding, GateNote
from .kept_results import FileDigests, KeptResults, file_identity, unchanged_note
from .site_files import BuiltSite
from .tools import Tool

LANGUAGE_WORDS = ("lang", "dir=", "direction", "language")
# The checker reads files, which have no origin, so it finds that 'self' in each page's content
# security policy matches none of the page's own files, and it takes JSON-LD data blocks for
# inline scripts. The browser gate checks the policy where it means something: in Chromium, on
# the served site, where any violation is an error.
NOT_APPLICABLE = re.compile(r"^(Resource|Inline script) violates Content Security Policy \(meta")


HTML_CHECKS = CHECK_RESULTS + "html"  # the cache's namespace of each page's results (KeptResults)


@dataclass
class HtmlCheck:
    """The checker at work on the pages that changed (none: no process), and the results of
    the others, as the last check found them."""

    process: subprocess.Popen[str] | None
    results: KeptResults
    kept: dict[str, list[Finding]]
    checked: list[str]  # the addresses of the pages given to the checker
    cache: BuildCache | None


def start_html_check(site: BuiltSite, java: Tool, vnu: Tool, cache: BuildCache | None = None,
                     digests: FileDigests | None = None) -> HtmlCheck | GateNote:
    """Start the checker on every page (it runs while the browser gates run), but those whose
    results an earlier check kept in cache."""
    if java.path is None or vnu.path is None:
        missing = java if java.path is None else vnu
        return GateNote("html", missing.missing_message, "warning")
    pages = site.html_pages()
    results = KeptResults(HTML_CHECKS, site, pages,
                          digest(file_identity(java.path), file_identity(vnu.path)), digests)
    kept = {url: findings for url, (findings, _) in
            (results.kept(cache) if cache is not None else {}).items()}
    checked = [url for url in pages if url not in kept]
    process = subprocess.Popen(
        [str(java.path), "-jar", str(vnu.path), "--format", "json", "--stdout",
         *[str(pages[url]) for url in checked]],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) if checked else None
    return HtmlCheck(process, results, kept, checked, cache)


def finish_html_check(site: BuiltSite, started: HtmlCheck | GateNote,
                      ) -> tuple[list[Finding], list[GateNote]]:
    if isinstance(started, GateNote):
        return [], [started]
    found: dict[str, list[Finding]] = {url: [] for url in started.checked}
    others: list[Finding] = []  # of no page given to the checker (none expected)
    if started.process is not None:
        stdout, stderr = started.process.communicate(timeout=900)
        try:
            messages = json.loads(stdout or stderr)["messages"]
        except (ValueError, KeyError):
            return [], [GateNote("html", "The Nu Html Checker failed: "
                                 + (stderr or stdout)[-500:], "error")]
        for finding in (f for f in (_finding(site, m) for m in messages) if f):
            found.get(finding.url, others).append(finding)
    if started.cache is not None:
        started.results.keep(started.cache, {url: (findings, set(), "")
                                             for url, findings in found.items()})
    notes = [unchanged_note("html", len(started.kept), len(started.results.keys))] \
        if started.kept else []
    return [finding for url in started.results.keys
            for finding in started.kept.get(url, found.get(url, []))] + others, notes


def text_in(html: str) -> str:
    """Something of an HTML extract to look for in the source file: its longest run of text,
    else the address it links to or shows."""
    pieces = [" ".join(p.split()) for p in re.split(r"<[^>]*>?", html)]
    longest = max(pieces, key=len, default="")
    if len(longest) >= 4:
        return longest
    address = re.search(r'(?:src|href)="([^"]+)"', html)
    return address.group(1) if address else ""


def _finding(site: BuiltSite, message: dict[str, Any]) -> Finding | None:
    kind, sub = message.get("type"), message.get("subType")
    text = message.get("message", "")
    if NOT_APPLICABLE.match(text):
        return None
    if kind == "error" or kind == "non-document-error":
        severity = "error"
    elif sub == "warning":
        severity = "error" if any(w in text.casefold() for w in LANGUAGE_WORDS) else "warning"
    else:
        return None
    path = Path(unquote(urlsplit(message.get("url", "")).path))
    url = site.url_of(path) if path.is_relative_to(site.out_dir) else str(path)
    extract = " ".join((message.get("extract") or "").split())[:120]
    line = message.get("lastLine")
    where = f" (HTML line {line}: {extract})" if line else ""
    src_path, src_line = site.source_of(url, text_in(extract))
    return Finding("html", severity, url, f"{text}{where}", src_path, src_line)
