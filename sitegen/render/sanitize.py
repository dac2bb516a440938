"""Raw HTML in page text, through an allowlist: the elements and attributes that content needs
(headings, lists, tables, abbreviations, details, figures, images with a description, links),
nothing that runs or restyles the page.

Two passes with one policy. audit_html() reads the HTML as written and says, in words a staff
member understands, what will be removed and why; clean_html() removes it with nh3 (the Ammonia
sanitizer, which parses HTML as browsers do), so that the guarantee does not depend on the
audit's reading. Frames (<iframe>) are allowed only from the hosts site_config.yaml lists."""

from __future__ import annotations

import html as html_text
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit

import nh3

from ..limits import MAX_NESTING
from .url_policy import ALLOWED_SCHEMES, as_browser_reads, url_problem

GLOBAL_ATTRIBUTES = frozenset({"id", "class", "lang", "dir", "title"})
ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "hreflang"}),
    "img": frozenset({"src", "alt", "width", "height"}),
    "td": frozenset({"colspan", "rowspan", "headers"}),
    "th": frozenset({"colspan", "rowspan", "headers", "scope", "abbr"}),
    "ol": frozenset({"start", "reversed", "type"}),
    "li": frozenset({"value"}),
    "time": frozenset({"datetime"}),
    "data": frozenset({"value"}),
    "q": frozenset({"cite"}),
    "blockquote": frozenset({"cite"}),
    "del": frozenset({"cite", "datetime"}),
    "ins": frozenset({"cite", "datetime"}),
    "details": frozenset({"open"}),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
    "iframe": frozenset({"src", "width", "height", "allow", "allowfullscreen"}),
}
TAGS = frozenset({
    "a", "abbr", "address", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite", "code", "col",
    "colgroup", "data", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption",
    "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark",
    "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong", "sub", "summary", "sup",
    "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr"})
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "source", "track", "wbr"})
URL_ATTRIBUTES = frozenset({"href", "src", "cite"})
# Removed with everything inside them, not only the tags: their content is code or markup.
CONTENT_REMOVED = frozenset({"script", "style", "template", "svg", "math", "object", "embed",
                             "applet", "noscript", "noembed", "noframes", "frame", "frameset",
                             "title", "xmp"})
EMBED_POLICY = {"loading": "lazy", "referrerpolicy": "strict-origin"}

# What each kind of removed element is, and why it goes, for the author.
_WHY_SCRIPT = "the site runs only its own scripts, so that readers stay safe"
_WHY_STYLE = "the look of every page comes from the site's own style sheet"
_WHY_FORM = "a form in page text could send what readers type to another site"
_WHY_FRAME = ("only the sites listed under embed_hosts in site_config.yaml may be shown in a "
              "frame")
_WHY_PAGE = "it would change how the whole page behaves"
ELEMENT_REASONS: dict[str, tuple[str, str]] = {
    "script": ("a script", _WHY_SCRIPT),
    "noscript": ("a <noscript> element", _WHY_SCRIPT),
    "style": ("a style block (<style>)", _WHY_STYLE),
    "link": ("a <link> element", _WHY_PAGE),
    "meta": ("a <meta> element", _WHY_PAGE),
    "base": ("a <base> element", "it would change where every link of the page leads"),
    "iframe": ("a frame showing another site (<iframe>)", _WHY_FRAME),
    "frame": ("a frame showing another site (<frame>)", _WHY_FRAME),
    "object": ("an embedded object (<object>)", _WHY_FRAME),
    "embed": ("an embedded object (<embed>)", _WHY_FRAME),
    "applet": ("an embedded program (<applet>)", _WHY_SCRIPT),
    "svg": ("an SVG drawing", "it can carry scripts; save the drawing as a file under static/ "
                              "and show it as an image"),
    "math": ("a MathML formula", "it is not on the list of what page text may use"),
    **{tag: (f"a form element (<{tag}>)", _WHY_FORM) for tag in (
        "form", "input", "button", "select", "option", "textarea", "fieldset", "label",
        "output", "datalist", "optgroup", "legend")},
}
_EMPTY_FRAME = re.compile(r"<iframe(?![^>]*\ssrc=)[^>]*>.*?</iframe>", re.DOTALL)
_FRAME_HOST = re.compile(r'<iframe[^>]*\ssrc="https://([^/":?#]+)')
HINT = "Delete it from the text. docs/security.md lists what page text may contain."


@dataclass(frozen=True)
class Finding:
    """Something the audit found: what to tell the author, and text to find its line by."""

    message: str
    needles: tuple[str, ...]
    error: bool = False  # an error stops the build; a removal is a warning (an error if strict)
    hint: str = HINT


@dataclass(frozen=True)
class Policy:
    """What page text of this site may hold beyond the fixed allowlist."""

    embed_hosts: frozenset[str] = frozenset()
    reserved_ids: frozenset[str] = frozenset()  # ids the templates use, such as main-content

    @property
    def tags(self) -> frozenset[str]:
        return TAGS | {"iframe"} if self.embed_hosts else TAGS

    def allows_attribute(self, tag: str, name: str) -> bool:
        return name in GLOBAL_ATTRIBUTES or name in ATTRIBUTES.get(tag, ())

    def embed_host_allowed(self, url: str) -> bool:
        parts = urlsplit(url.strip())
        return parts.scheme == "https" and (parts.hostname or "") in self.embed_hosts


class _TooDeep(Exception):
    pass


class _Auditor(HTMLParser):
    def __init__(self, policy: Policy) -> None:
        super().__init__(convert_charrefs=True)
        self.policy = policy
        self.findings: list[Finding] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._nest(tag)
        if any(tag in CONTENT_REMOVED for tag in self.open[:-1]):
            return  # inside an element removed whole, which was reported already
        if tag not in self.policy.tags:
            what, why = ELEMENT_REASONS.get(tag, (
                f"the HTML element <{tag}>", "it is not on the list of what page text may use; "
                "its text is kept"))
            self.findings.append(Finding(f"This page contains {what}, which was removed: {why}.",
                                         (f"<{tag}",)))
            return
        for name, value in attrs:
            self._attribute(tag, name, value or "")
        if tag == "iframe":
            self._frame(dict(attrs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.open and self.open[-1] == tag:
            self.open.pop()

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            while self.open.pop() != tag:
                pass

    def _nest(self, tag: str) -> None:
        if tag in VOID:
            return
        self.open.append(tag)
        if len(self.open) > MAX_NESTING:
            self.findings.append(Finding(
                f"The HTML here is nested more than {MAX_NESTING} elements deep.",
                (f"<{tag}",), error=True,
                hint="Check that every element opened with <tag> is closed with </tag>."))
            raise _TooDeep()  # the build stops here; reading further would only take longer

    def _attribute(self, tag: str, name: str, value: str) -> None:
        shown = f"{name}={value[:40]}" if value else name
        if name.startswith("on"):
            self.findings.append(Finding(
                f"This page contains an event handler ({shown}) on <{tag}>, which was removed: "
                f"{_WHY_SCRIPT}.", (name,)))
        elif name == "style":
            self.findings.append(Finding(
                f"This page contains a style attribute (style=…) on <{tag}>, which was removed: "
                f"{_WHY_STYLE}.", ("style",), hint="To highlight text, use <strong> or <mark>. "
                "docs/security.md lists what page text may contain."))
        elif not self.policy.allows_attribute(tag, name):
            self.findings.append(Finding(
                f'This page contains the attribute "{name}" on <{tag}>, which was removed: it '
                "is not on the list of what page text may use.", (name,)))
        elif name in URL_ATTRIBUTES:
            problem = url_problem(value)
            if problem:
                self.findings.append(Finding(
                    f'The address "{as_browser_reads(value)[:80]}" {problem}. It was removed.',
                    (f'="{value}"', f"='{value}'", f"({value})", f"<{value}>", value, name)))
        elif name == "id" and value in self.policy.reserved_ids:
            self.findings.append(Finding(
                f'The id "{value}" is already used by the page layout; two elements of a page '
                "cannot share an id.", (value,), error=True,
                hint=f"Choose another id, for example {value}-2."))

    def _frame(self, attrs: dict[str, str | None]) -> None:
        src = attrs.get("src") or ""
        if not self.policy.embed_host_allowed(src):
            host = urlsplit(src.strip()).hostname or src[:60]
            self.findings.append(Finding(
                f'This page contains a frame showing "{host}", which was removed: {_WHY_FRAME}.',
                (src, "<iframe"), hint="Ask the site's developers to add the host to "
                "embed_hosts if the site may show it (see docs/security.md)."))
        elif not (attrs.get("title") or "").strip():
            self.findings.append(Finding(
                "This frame has no title: people who use a screen reader cannot tell what it "
                "shows.", (src, "<iframe"), error=True,
                hint='Add a title that says what it shows, for example: title="Video: how to '
                     'call 911"'))


# A tag as Python-Markdown writes it: lowercase, attributes in double quotes, nothing unusual.
_PLAIN_TAG = re.compile(r'<(/?)([a-z][a-z0-9]*)((?:\s+[a-z][a-z-]*="[^"<>]*")*)\s*(/?)>')
_PLAIN_ATTRIBUTE = re.compile(r'\s+([a-z][a-z-]*)="([^"<>]*)"')


def plainly_allowed(html: str, policy: Policy) -> bool:
    """Whether every tag of html is a plain one that the policy allows, with allowed
    attributes, safe addresses and no reserved id, nested no deeper than the limit: then the
    audit would find nothing, and need not read the HTML as a browser does. Anything unusual
    (a comment, a tag this reading does not recognise, a frame) answers False, and the full
    audit reads it. Most bodies are Markdown without raw HTML, and take this quick path."""
    if "<!" in html or "<?" in html:
        return False
    open_tags: list[str] = []
    count = 0
    for count, match in enumerate(_PLAIN_TAG.finditer(html), start=1):
        closing, tag, attributes, self_closing = match.groups()
        if tag not in policy.tags or tag == "iframe":
            return False
        if closing:
            if attributes or self_closing:
                return False
            if tag in open_tags:  # as the audit reads an end tag
                while open_tags.pop() != tag:
                    pass
            continue
        for name, value in _PLAIN_ATTRIBUTE.findall(attributes):
            if "&" in value or not policy.allows_attribute(tag, name) or \
                    (name in URL_ATTRIBUTES and url_problem(value)) or \
                    (name == "id" and value in policy.reserved_ids):
                return False
        if tag not in VOID:
            if self_closing:
                return False
            open_tags.append(tag)
            if len(open_tags) > MAX_NESTING:
                return False
    return count == html.count("<")  # no "<" the pattern did not read as a tag


def audit_html(html: str, policy: Policy) -> list[Finding]:
    """What clean_html will remove from html, and the mistakes that stop a build."""
    return [] if plainly_allowed(html, policy) else full_audit(html, policy)


def full_audit(html: str, policy: Policy) -> list[Finding]:
    """audit_html without its quick path: html read as a browser does."""
    auditor = _Auditor(policy)
    try:
        auditor.feed(html)
        auditor.close()
    except _TooDeep:
        pass
    return auditor.findings


def clean_html(html: str, policy: Policy,
               rewrite_url: Callable[[str, str, str], str | None] | None = None) -> str:
    """html with everything outside the policy removed. rewrite_url(tag, attribute, value) may
    change an address that the policy allows, or drop it by returning None."""

    def keep(tag: str, name: str, value: str) -> str | None:
        if name in URL_ATTRIBUTES:
            if url_problem(value):
                return None
            if tag == "iframe" and name == "src":
                return value if policy.embed_host_allowed(value) else None
            if rewrite_url is not None:
                return rewrite_url(tag, name, value)
        return value

    cleaned = nh3.clean(
        html, tags=set(policy.tags), clean_content_tags=set(CONTENT_REMOVED - policy.tags),
        attributes={"*": set(GLOBAL_ATTRIBUTES),
                    **{tag: set(names) for tag, names in ATTRIBUTES.items()}},
        attribute_filter=keep, strip_comments=True, link_rel=None,
        url_schemes=set(ALLOWED_SCHEMES),
        set_tag_attribute_values={"iframe": dict(EMBED_POLICY)} if policy.embed_hosts else None)
    # A frame whose address was not allowed would show an empty box: drop it altogether.
    return _EMPTY_FRAME.sub("", cleaned) if policy.embed_hosts else cleaned


def embedded_hosts(html: str) -> list[str]:
    """The hosts of the frames in cleaned html, for the page's content security policy."""
    return sorted(set(_FRAME_HOST.findall(html)))


def find_line(lines: Iterable[str], needles: Iterable[str]) -> int | None:
    """The index of the first line holding one of needles, compared as a browser reads text
    (entities decoded, any case)."""
    prepared = [html_text.unescape(line).casefold() for line in lines]
    for needle in needles:
        wanted = html_text.unescape(needle).casefold().strip()
        if not wanted:
            continue
        for index, line in enumerate(prepared):
            if wanted in line:
                return index
    return None

