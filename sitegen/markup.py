"""Markdown to HTML: one Python-Markdown converter per process, with links to other content files
resolved per language and numbers isolated in right-to-left text."""

from __future__ import annotations

import functools
import posixpath
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import markdown
from markdown.extensions import Extension
from markdown.extensions.toc import TocExtension, slugify_unicode
from markdown.treeprocessors import Treeprocessor

from . import urls
from .errors import ContentError, closest_match
from .model import Entry, Site

# Phone numbers, dates and codes such as postal codes: runs that must read left to right inside
# right-to-left text, or their groups would show in reverse order.
# A run may follow a letter directly (Arabic "و2026-03-14"), but never starts inside a number.
LTR_RUN = re.compile(
    r"(?<![\d+(])(\+?\(?\d{1,4}\)?(?:[ .\-/\u00a0]\(?\d{1,4}\)?)+)(?!\d)"
    r"|(?<![A-Za-z\d])([A-Za-z]\d[A-Za-z][ \u00a0]?\d[A-Za-z]\d)(?![A-Za-z\d])")
SKIP_ISOLATION = {"code", "pre", "bdi", "script", "style"}


@dataclass
class PageState:
    """What the link resolver needs to know about the page being converted."""

    site: Site
    entry: Entry
    problems: list[ContentError] = field(default_factory=list)


class LinkResolver(Treeprocessor):
    """Turn links to content files (../programs/peace.md) into the URL of that item."""

    state: PageState | None = None

    def run(self, root: etree.Element) -> None:
        state = self.state
        assert state is not None
        for element in root.iter("a"):
            target = element.get("href")
            if target and _is_content_link(target):
                resolved = resolve_content_link(target, state)
                if resolved is not None:
                    element.set("href", resolved)


class BidiIsolator(Treeprocessor):
    """Wrap left-to-right runs (phone numbers, dates, postal codes) in <bdi dir="ltr">."""

    enabled = False

    def run(self, root: etree.Element) -> None:
        if self.enabled:
            _isolate(root)


def _isolate(element: etree.Element) -> None:
    if element.tag in SKIP_ISOLATION:
        return
    children = list(element)
    if element.text:
        pieces = _split_ltr(element.text)
        element.text = pieces[0]
        for index, bdi in enumerate(pieces[1:]):
            element.insert(index, bdi)
    for child in children:
        _isolate(child)
        if child.tail:
            pieces = _split_ltr(child.tail)
            child.tail = pieces[0]
            position = list(element).index(child) + 1
            for offset, bdi in enumerate(pieces[1:]):
                element.insert(position + offset, bdi)


def _split_ltr(text: str) -> list:
    """[leading text, <bdi>, <bdi>, ...] where each <bdi> carries the text after it as its tail."""
    parts: list = [text]
    last = 0
    for match in LTR_RUN.finditer(text):
        if sum(ch.isdigit() for ch in match.group()) < 3:
            continue
        if len(parts) == 1:
            parts[0] = text[:match.start()]
        else:
            parts[-1].tail = text[last:match.start()]
        bdi = etree.Element("bdi", {"dir": "ltr"})
        bdi.text = match.group()
        parts.append(bdi)
        last = match.end()
    if len(parts) > 1:
        parts[-1].tail = text[last:]
    return parts


def _is_content_link(target: str) -> bool:
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc and parts.path.endswith(".md")


def resolve_content_link(target: str, state: PageState) -> str | None:
    """The URL of the item a content-file link names, in the page's language; None if missing."""
    site, entry = state.site, state.entry
    path, _, fragment = target.partition("#")
    here = posixpath.dirname(entry.source.src_path)
    full = posixpath.normpath(posixpath.join(here, path)) if not path.startswith("/") \
        else posixpath.normpath("content" + path)
    relative = full.removeprefix("content/")
    stem = relative[:-3]
    lang = entry.lang
    name, dot, maybe_lang = stem.rpartition(".")
    if dot and maybe_lang in site.config.codes:
        stem, lang = name, maybe_lang
    url = site.url_of_key.get((stem, lang))
    if url is None and stem in site.items:  # the item has no page in this language
        url = site.url_of_key.get((stem, site.config.default_language.code))
    if url is None and stem in site.unreadable:
        return None  # that file has errors of its own, already reported
    if url is None:
        match = closest_match(stem, site.items)
        suggestion = posixpath.relpath(f"content/{match}.md", here) if match else None
        state.problems.append(ContentError(
            f'The link "{target}" leads to a content file that does not exist.'
            + (f' Did you mean "{suggestion}"?' if suggestion else ""),
            entry.source.src_path,
            entry.source.line_containing(target) or entry.source.body_line,
            "Check the spelling, and that the path is relative to this file, for example "
            "../programs/peace.md"))
        return None
    return urls.href(site.config, url) + (f"#{fragment}" if fragment else "")


class _SiteExtension(Extension):
    def __init__(self) -> None:
        super().__init__()
        self.resolver: LinkResolver | None = None
        self.isolator: BidiIsolator | None = None

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Markdown's API
        self.resolver = LinkResolver(md)
        self.isolator = BidiIsolator(md)
        md.treeprocessors.register(self.resolver, "site_links", 5)
        md.treeprocessors.register(self.isolator, "bidi_isolation", 4)


@functools.lru_cache(maxsize=1)
def shared_markdown_renderer() -> MarkdownRenderer:
    """The process's one converter: building it loads every extension, so it is made once."""
    return MarkdownRenderer()


class MarkdownRenderer:
    """One converter for the whole build; convert() resets it between documents."""

    def __init__(self) -> None:
        self._extension = _SiteExtension()
        self._md = markdown.Markdown(extensions=[
            "tables", "attr_list", "sane_lists",
            TocExtension(slugify=slugify_unicode, toc_depth="2-6"),
            self._extension,
        ])

    def convert(self, site: Site, entry: Entry) -> tuple[str, list[ContentError]]:
        """HTML of entry's body for its page, and the problems found in it."""
        state = PageState(site, entry)
        assert self._extension.resolver and self._extension.isolator
        self._extension.resolver.state = state
        direction = site.config.language(entry.text_lang).direction
        self._extension.isolator.enabled = direction == "rtl"
        self._md.reset()
        html = self._md.convert(entry.source.body)
        return html, state.problems
