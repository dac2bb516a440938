"""The one rule for every address a page links to or loads, wherever it was written (Markdown, raw
HTML, front matter, site_config.yaml): a path on this site, or an https:, http:, mailto: or tel:
address. The rule is applied to the address as a browser reads it: entities decoded, and the
control characters and spaces that browsers drop from addresses removed first, so that
"java&#x09;script:" or " JAVASCRIPT:" are seen for what they are."""

from __future__ import annotations

import html
import re

ALLOWED_SCHEMES = ("https", "http", "mailto", "tel")
# Browsers remove leading and trailing C0 controls and spaces, and tabs and newlines anywhere.
_IGNORED_BY_BROWSERS = re.compile(r"[\x00-\x20\x7f-\x9f]")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")


def as_browser_reads(url: str, decode_entities: bool = True) -> str:
    """The address as a browser acts on it."""
    return _IGNORED_BY_BROWSERS.sub("", html.unescape(url) if decode_entities else url)


def scheme_of(url: str) -> str | None:
    """The lowercase scheme ("https", "javascript"), or None for a path."""
    match = _SCHEME.match(as_browser_reads(url))
    return match.group(1).lower() if match else None


def url_problem(url: str, decode_entities: bool = True) -> str | None:
    """Why url may not appear in a page, in a phrase that completes "This address ...", or None
    when it is allowed. decode_entities is False for addresses that are not read from HTML
    (front matter and config values are escaped when they are written into a page)."""
    seen = as_browser_reads(url, decode_entities)
    if seen.startswith(("//", "\\\\", "/\\", "\\/")):
        return ("starts with //, which leads to another site; write the full address starting "
                "with https://")
    scheme = scheme_of(seen)
    if scheme is not None and scheme not in ALLOWED_SCHEMES:
        return (f"uses {scheme}:, which is not allowed; addresses may only be paths on this site "
                "or start with https:, http:, mailto: or tel:")
    return None


def is_local(url: str) -> bool:
    """True for a path on this site (no scheme, no host)."""
    seen = as_browser_reads(url)
    return scheme_of(seen) is None and not seen.startswith(("//", "\\"))
