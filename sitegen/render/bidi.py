"""The one rule for left-to-right runs inside right-to-left text, applied everywhere text reaches a
right-to-left page: Markdown bodies (isolate_tree), and front-matter and config values in
templates (isolate_text, the `isolate` filter).

Inside Arabic, Persian or Urdu text, a run such as "45 Mill Road", "905-555-0100", "2026-03-14",
"18:30", "K1A 0B1", "info@example.org" or "https://example.org/" must read left to right, or its
parts show in the wrong order ("Mill Road 45"). Each such run is wrapped in <bdi dir="ltr">,
which isolates it from the text around it (Unicode Bidirectional Algorithm, rule X5c)."""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as etree
from typing import Any

from markupsafe import Markup, escape

_EMAIL = r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+"
_URL = r"https?://[^\s<>\"'\u0600-\u06ff]*[^\s<>\"'.,;:!?)\]\u0600-\u06ff]"
# A number followed by Latin words: street addresses ("45 Mill Road", "200 Water Street"),
# suite numbers, measures. The words may be joined by spaces, hyphens or commas.
_STREET = (r"\d+[A-Za-z]?(?:[-/](?:\d+[A-Za-z]?|[A-Za-z]))?"
           r"(?:,?[ \u00a0]+[A-Za-z][A-Za-z'’.\-]*)+")
_TIME = r"\d{1,2}:\d{2}(?:[ \u00a0]?[AaPp]\.?[Mm]\.?)?"
# Phone numbers, dates and codes: digit groups joined by separators. A run may follow a letter
# directly (Arabic "و2026-03-14"), but never starts inside a number.
_NUMBERS = r"\+?\(?\d{1,4}\)?(?:[ .\-/\u00a0]\(?\d{1,4}\)?)+"
_POSTAL = r"[A-Za-z]\d[A-Za-z][ \u00a0]?\d[A-Za-z]\d"
LTR_RUN = re.compile(
    rf"(?P<email>{_EMAIL})|(?P<url>{_URL})"
    rf"|(?<![\w+(])(?P<street>{_STREET})"
    rf"|(?<![\d:])(?P<time>{_TIME})(?![\d:])"
    rf"|(?<![\d+(])(?P<numbers>{_NUMBERS})(?!\d)"
    rf"|(?<![A-Za-z\d])(?P<postal>{_POSTAL})(?![A-Za-z\d])")
# A Latin run at the start of a title ("PEACE: ..."), which would otherwise pull punctuation
# after it into its own direction.
LEADING_LATIN = re.compile(r"^[A-Za-z][A-Za-z0-9 .&'’\-]*[A-Za-z0-9]")
RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")  # Hebrew to Arabic
SKIP_ELEMENTS = {"code", "pre", "bdi", "bdo", "script", "style"}


def ltr_runs(text: str, title: bool = False) -> list[tuple[int, int]]:
    """(start, end) of every run of text that must read left to right."""
    runs = []
    if title and RIGHT_TO_LEFT.search(text):
        leading = LEADING_LATIN.match(text)
        if leading:
            runs.append(leading.span())
    for match in LTR_RUN.finditer(text):
        if runs and match.start() < runs[-1][1]:
            continue
        if match.lastgroup == "numbers" and sum(ch.isdigit() for ch in match.group()) < 3:
            continue  # a single short number reads the same in either direction
        runs.append(match.span())
    return runs


def isolate_text(text: str, title: bool = False) -> Markup:
    """text, escaped, with each left-to-right run wrapped in <bdi dir="ltr">."""
    return _isolated(str(text), title)  # as plain text, even when given Markup


@functools.lru_cache(maxsize=4096)  # list pages show the same titles and summaries again
def _isolated(text: str, title: bool) -> Markup:
    pieces, last = [], 0
    for start, end in ltr_runs(text, title):
        pieces.append(escape(text[last:start]))
        pieces.append(Markup('<bdi dir="ltr">{}</bdi>').format(text[start:end]))
        last = end
    pieces.append(escape(text[last:]))
    return Markup("").join(pieces)


def isolate_tree(element: etree.Element) -> None:
    """Wrap the left-to-right runs of an element tree's text (Python-Markdown's) in <bdi>."""
    if element.tag in SKIP_ELEMENTS:
        return
    children = list(element)
    if element.text:
        pieces = _split(element.text)
        element.text = pieces[0]
        for index, bdi in enumerate(pieces[1:]):
            element.insert(index, bdi)
    for child in children:
        isolate_tree(child)
        if child.tail:
            pieces = _split(child.tail)
            child.tail = pieces[0]
            position = list(element).index(child) + 1
            for offset, bdi in enumerate(pieces[1:]):
                element.insert(position + offset, bdi)


def _split(text: str) -> list[Any]:
    """[leading text, <bdi>, <bdi>, ...] where each <bdi> carries the text after it as its tail."""
    parts: list[Any] = [text]
    last = 0
    for start, end in ltr_runs(text):
        if len(parts) == 1:
            parts[0] = text[:start]
        else:
            parts[-1].tail = text[last:start]
        bdi = etree.Element("bdi", {"dir": "ltr"})
        bdi.text = text[start:end]
        parts.append(bdi)
        last = end
    if len(parts) > 1:
        parts[-1].tail = text[last:]
    return parts
