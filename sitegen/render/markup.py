"""Markdown to HTML: one Python-Markdown converter per process; the result is audited and
sanitized (sitegen.sanitize), its addresses checked and resolved (links to content files per
language, images to the site's own files, the base path), and left-to-right runs isolated in
right-to-left text (sitegen.bidi)."""

from __future__ import annotations

import functools
import html as html_text
import posixpath
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import markdown
from markdown.extensions import Extension
from markdown.extensions.attr_list import AttrListTreeprocessor, get_attrs_and_remainder
from markdown.extensions.sane_lists import SaneListExtension
from markdown.extensions.tables import TableExtension
from markdown.extensions.toc import remove_fnrefs, render_inner_html, strip_tags, unique
from markdown.treeprocessors import Treeprocessor

from ..errors import ContentError, closest_match
from ..limits import MAX_INDENT_COLUMNS, MAX_NESTING, SECONDS_PER_PAGE, TooSlow, time_limit
from ..site import urls
from ..source.model import Entry, Site
from . import quick_inline
from .bidi import isolate_tree
from .sanitize import Policy, audit_html, clean_html, find_line
from .text_ids import text_id
from .url_policy import is_local

# What an attribute list ({#id .class lang=fr}) may set: nothing that runs or restyles.
ATTR_LIST_KEYS = frozenset({".", "id", "lang", "dir"})
QUOTE_MARKERS = re.compile(r"^(?:\s{0,3}>)+")


@dataclass
class Converted:
    """A body's HTML and what was found in it."""

    html: str
    errors: list[ContentError] = field(default_factory=list)
    warnings: list[ContentError] = field(default_factory=list)
    # every address resolved (tag, attribute, address -> result): the other pages and files
    # this HTML depends on; the same results at the next build mean the same HTML
    resolved: dict[str, str | None] = field(default_factory=dict)


@dataclass
class PageState:
    """What the converter needs to know about the document being converted."""

    site: Site
    entry: Entry
    assets: dict[str, str]  # site URL of each static file -> its published URL
    dropped_attributes: list[str] = field(default_factory=list)
    errors: list[ContentError] = field(default_factory=list)
    warnings: list[ContentError] = field(default_factory=list)
    resolved: dict[str, str | None] = field(default_factory=dict)

    def problem(self, message: str, needles: tuple[str, ...], hint: str | None = None,
                error: bool = True) -> None:
        source = self.entry.source
        index = find_line(source.body.split("\n"), needles)
        line = source.body_line + index if index is not None else source.body_line
        (self.errors if error else self.warnings).append(
            ContentError(message, source.src_path, line, hint))


class SafeAttrList(AttrListTreeprocessor):
    """Python-Markdown's attribute lists, limited to id, class, lang and dir: an {onclick=...}
    or {style=...} is dropped and reported."""

    state: PageState | None = None

    def assign_attrs(self, elem: etree.Element, attrs_string: str, *,
                     strict: bool = False) -> str:
        attrs, remainder = get_attrs_and_remainder(attrs_string)
        if strict and remainder:
            return remainder
        for key, value in attrs:
            if key not in ATTR_LIST_KEYS or value is None:
                if self.state is not None:
                    self.state.dropped_attributes.append(key)
            elif key == ".":
                elem.set("class", f"{elem.get('class')} {value}" if elem.get("class") else value)
            else:
                elem.set(key, value)
        return remainder


class ReservedIds(Treeprocessor):
    """Before the table of contents names headings, stand in for the ids the templates use, so
    that a heading such as "Main content" never takes the id of the page's own <main>."""

    reserved: frozenset[str] = frozenset()

    def run(self, root: etree.Element) -> None:
        for reserved in sorted(self.reserved):
            root.append(etree.Element("reserved-id", {"id": reserved}))


class DropReservedStandIns(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for element in [e for e in root if e.tag == "reserved-id"]:
            root.remove(element)


HEADING_RE = re.compile("[Hh][1-6]")


class HeadingIds(Treeprocessor):
    """An id for every heading that has none, made from its text and unique in the page, so
    that a section can be linked to (#opening-hours). Python-Markdown's table-of-contents
    extension names headings the same way, but also builds a table no page shows."""

    def run(self, root: etree.Element) -> None:
        used = {element.attrib["id"] for element in root.iter() if "id" in element.attrib}
        counters: dict[str, int] = {}
        for element in root.iter():
            if isinstance(element.tag, str) and HEADING_RE.match(element.tag) \
                    and "id" not in element.attrib:
                name = strip_tags(render_inner_html(remove_fnrefs(element), self.md))
                element.attrib["id"] = unique(text_id(html_text.unescape(name), "-"), used,
                                              counters)


class TableAlignment(Treeprocessor):
    """Column alignment as a class (align-center), not a style attribute the site's strict
    content security policy would refuse."""

    def run(self, root: etree.Element) -> None:
        for cell in root.iter():
            if cell.tag in ("td", "th") and cell.get("align"):
                align = cell.attrib.pop("align")
                cell.set("class", f"{cell.get('class', '')} align-{align}".strip())


class BidiIsolator(Treeprocessor):
    """Wrap left-to-right runs (phone numbers, dates, postal codes) in <bdi dir="ltr">."""

    enabled = False

    def run(self, root: etree.Element) -> None:
        if self.enabled:
            isolate_tree(root)


def _is_content_link(target: str) -> bool:
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc and parts.path.endswith(".md")


def resolve_content_link(target: str, state: PageState) -> str | None:
    """The URL of the item a content-file link names, in the page's language; None if missing,
    "" if the item is not published (a draft, or expired)."""
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
    if url is None and stem in site.unpublished:
        state.problem(f'The link "{target}" leads to a draft or an expired page, which is not '
                      "published; the link was removed.", (target,),
                      "Publish that page first, or remove the link.", error=False)
        return ""
    if url is None:
        match = closest_match(stem, site.items)
        suggestion = posixpath.relpath(f"content/{match}.md", here) if match else None
        state.problem(f'The link "{target}" leads to a content file that does not exist.'
                      + (f' Did you mean "{suggestion}"?' if suggestion else ""), (target,),
                      "Check the spelling, and that the path is relative to this file, for "
                      "example ../programs/peace.md")
        return None
    return url + (f"#{fragment}" if fragment else "")


def static_file_url(src: str, src_path: str) -> str | None:
    """The site URL (/static/...) of a local image address: written from the site's root
    (/static/images/a.jpg) or relative to the content file (../../static/images/a.jpg); None
    when it leads outside the site."""
    path = urlsplit(src).path
    if path.startswith("/"):
        full = posixpath.normpath(path)
    else:
        full = "/" + posixpath.normpath(posixpath.join(posixpath.dirname(src_path), path))
    return None if full.startswith("/..") or "/../" in full else full


def check_image(src: str, state: PageState, needles: tuple[str, ...]) -> str | None:
    """The published address of an image of the site, or None after reporting that it is not
    one of the site's files."""
    url = static_file_url(src, state.entry.source.src_path)
    if url is not None and url in state.assets:
        return state.assets[url]
    known = [u for u in state.assets if not u.endswith((".css", ".js"))]
    match = closest_match(url or src, known)
    state.problem(f'The image "{src}" is not a file of this site.'
                  + (f' Did you mean "{match}"?' if match else ""), needles,
                  "Put the picture under static/ (for example static/images/) and write its "
                  "address from the site's root, for example /static/images/peace.jpg")
    return None


class _SiteExtension(Extension):
    def __init__(self) -> None:
        super().__init__()
        self.attr_list: SafeAttrList | None = None
        self.reserved: ReservedIds | None = None
        self.isolator: BidiIsolator | None = None

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Markdown's API
        md.registerExtension(self)
        self.attr_list = SafeAttrList(md)
        self.reserved = ReservedIds(md)
        self.isolator = BidiIsolator(md)
        # The stand-ins of reserved ids exist only while headings are named.
        md.treeprocessors.register(self.attr_list, "attr_list", 8)
        md.treeprocessors.register(self.reserved, "reserved_ids", 6)
        md.treeprocessors.register(HeadingIds(md), "heading_ids", 5)
        md.treeprocessors.register(DropReservedStandIns(md), "drop_reserved_ids", 4.9)
        md.treeprocessors.register(TableAlignment(md), "table_alignment", 4.8)
        md.treeprocessors.register(self.isolator, "bidi_isolation", 4)


@functools.lru_cache(maxsize=1)
def shared_markdown_renderer() -> MarkdownRenderer:
    """The process's one converter: building it loads every extension, so it is made once."""
    return MarkdownRenderer()


class MarkdownRenderer:
    """One converter for the whole build; convert() resets it between documents."""

    def __init__(self) -> None:
        self._extension = _SiteExtension()
        # extensions given as objects: a name would be looked up among every installed
        # package's entry points, which takes longer than making the converter
        self._md = markdown.Markdown(extensions=[
            TableExtension(use_align_attribute=True), SaneListExtension(),
            self._extension,
        ])
        quick_inline.install(self._md)

    def convert(self, site: Site, entry: Entry, policy: Policy = Policy(),
                assets: dict[str, str] | None = None) -> Converted:
        """The safe HTML of entry's body for its page, and the problems found in it."""
        state = PageState(site, entry, assets or {})
        source = entry.source
        deep = _too_deeply_nested(source.body)
        if deep is not None:
            return Converted("", [ContentError(
                f"The text here is nested more than {MAX_NESTING} levels deep (lists, quotes "
                "or indentation).", source.src_path, source.body_line + deep,
                "Lists inside lists need only a few levels; check the spaces at the start of "
                "the line.")])
        try:
            with time_limit(SECONDS_PER_PAGE):
                html = self._convert(state, policy)
        except TooSlow:
            return Converted("", [ContentError(
                f"This page's text took more than {SECONDS_PER_PAGE} seconds to convert.",
                source.src_path, source.body_line,
                "It may hold thousands of brackets, stars or tags inside each other: simplify "
                "it, or split it into several pages.")])
        except RecursionError:
            return Converted("", [ContentError(
                "The text is nested too deeply to convert (emphasis, links or brackets inside "
                "each other).", source.src_path, source.body_line,
                "Simplify the marks * _ [ ] around the words.")])
        return Converted(html, state.errors, state.warnings, state.resolved)

    def _convert(self, state: PageState, policy: Policy) -> str:
        extension = self._extension
        assert extension.attr_list and extension.reserved and extension.isolator
        extension.attr_list.state = state
        extension.reserved.reserved = policy.reserved_ids
        direction = state.site.config.language(state.entry.text_lang).direction
        extension.isolator.enabled = direction == "rtl"
        self._md.reset()
        html = self._md.convert(state.entry.source.body)
        lines = state.entry.source.body.split("\n")
        for key in dict.fromkeys(state.dropped_attributes):
            # the line of the attribute list: the first with a "{" before the key
            needle = next((line for line in lines if "{" in line and key in
                           line.split("{", 1)[1]), key)
            state.problem(f'An attribute list ({{...}}) may set only an id, a class, lang or '
                          f'dir; "{key}" was removed.', (needle,),
                          "Delete it from the text. docs/security.md lists what page text "
                          "may contain.", error=False)
        _check_field_image(state)
        findings = audit_html(html, policy)
        for finding in findings:
            state.problem(finding.message, finding.needles, finding.hint, finding.error)
        if any(finding.error for finding in findings):
            return ""  # the build stops: no need to clean what may be too deep to clean quickly
        return clean_html(html, policy, functools.partial(_recorded_rewrite, state))


def _recorded_rewrite(state: PageState, tag: str, attribute: str, value: str) -> str | None:
    result = _rewrite_url(state, tag, attribute, value)
    state.resolved[f"{tag}\t{attribute}\t{value}"] = result
    return result


def resolutions_hold(resolved: dict[str, str | None], site: Site, entry: Entry,
                     assets: dict[str, str]) -> bool:
    """Whether every address a body resolved at an earlier build resolves the same way now (and
    its front-matter picture is still a file of the site): then its HTML is still right."""
    state = PageState(site, entry, assets)
    for key, result in resolved.items():
        tag, attribute, value = key.split("\t", 2)
        if tag == "field-image":
            if (value in assets) != (result is not None):
                return False
        elif _rewrite_url(state, tag, attribute, value) != result:
            return False
    return True


def _rewrite_url(state: PageState, tag: str, attribute: str, value: str) -> str | None:
    """Where an allowed address really leads: content files to their page in the reader's
    language, images to the site's own files, paths under the site's base path."""
    config = state.site.config
    if tag == "img" and attribute == "src":
        if is_local(value):
            published = check_image(value, state, (value,))
            return None if published is None else urls.href(config, published)
        state.problem(f'The image "{value}" is on another website, which would learn who reads '
                      "this page; it was removed.", (value,),
                      "Save the picture under static/images/ and use its address there, for "
                      "example /static/images/peace.jpg", error=False)
        return None
    if not is_local(value):
        return value
    if _is_content_link(value):
        resolved = resolve_content_link(value, state)
        if resolved == "":
            return None  # a page that is not published: the text stays, without its link
        return value if resolved is None else urls.href(config, resolved)
    if value.startswith("/"):
        path, hash_, fragment = value.partition("#")
        return urls.href(config, state.assets.get(path, path)) + hash_ + fragment
    return value


def _check_field_image(state: PageState) -> None:
    """The picture named in front matter (image: src:) must be one of the site's files."""
    image = state.entry.fields.value("image")
    src = image.src if image else None
    if src:
        state.resolved[f"field-image\t\t{src}"] = state.assets.get(src)
    if not src or src in state.assets:
        return
    source = state.entry.source
    known = [u for u in state.assets if not u.endswith((".css", ".js"))]
    match = closest_match(src, known)
    state.errors.append(ContentError(
        f'The image "{src}" is not a file of this site.'
        + (f' Did you mean "{match}"?' if match else ""), source.src_path,
        source.line_of("image"), "Put the picture under static/ (for example static/images/).")
    )


def _too_deeply_nested(body: str) -> int | None:
    """The index of the first line nested deeper than the limit, before Python-Markdown sees it
    (its list parser slows down, then fails, on lists thousands of levels deep)."""
    for index, line in enumerate(body.split("\n")):
        quotes = QUOTE_MARKERS.match(line)
        depth = quotes.group().count(">") if quotes else 0
        rest = line[quotes.end():] if quotes else line
        indent = len(rest) - len(rest.lstrip(" \t"))
        columns = len(rest[:indent].expandtabs(4))
        if depth > MAX_NESTING or columns > MAX_INDENT_COLUMNS:
            return index
    return None
