"""The HTML gate: the Nu Html Checker (vnu.jar, pinned in package.json) over every page.

Its warnings about language and direction (a page whose text looks like another language than
its lang attribute says, a right-to-left script without dir) count as errors."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from .findings import Finding, GateNote
from .site_files import BuiltSite
from .tools import Tool

LANGUAGE_WORDS = ("lang", "dir=", "direction", "language")
# The checker reads files, which have no origin, so it finds that 'self' in each page's content
# security policy matches none of the page's own files, and it takes JSON-LD data blocks for
# inline scripts. The browser gate checks the policy where it means something: in Chromium, on
# the served site, where any violation is an error.
NOT_APPLICABLE = re.compile(r"^(Resource|Inline script) violates Content Security Policy \(meta")


def start_html_check(site: BuiltSite, java: Tool, vnu: Tool) -> subprocess.Popen[str] | GateNote:
    """Start the checker on every page (it runs while the browser gates run)."""
    if java.path is None or vnu.path is None:
        missing = java if java.path is None else vnu
        return GateNote("html", missing.missing_message, "warning")
    pages = list(site.html_pages().values())
    return subprocess.Popen(
        [str(java.path), "-jar", str(vnu.path), "--format", "json", "--stdout",
         *[str(p) for p in pages]],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish_html_check(site: BuiltSite, started: subprocess.Popen[str] | GateNote,
                      ) -> tuple[list[Finding], list[GateNote]]:
    if isinstance(started, GateNote):
        return [], [started]
    stdout, stderr = started.communicate(timeout=900)
    try:
        messages = json.loads(stdout or stderr)["messages"]
    except (ValueError, KeyError):
        return [], [GateNote("html", "The Nu Html Checker failed: " + (stderr or stdout)[-500:],
                             "error")]
    return [f for f in (_finding(site, m) for m in messages) if f], []


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
