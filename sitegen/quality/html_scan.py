"""A light reading of built HTML files (standard library parser): ids, links, assets, headings,
images and link texts, enough for the link, lint and weight gates."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

LINK_ATTRIBUTES = ("href", "src")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


@dataclass
class Anchor:
    href: str
    text: str
    label: str | None  # aria-label, which names the link instead of its text


@dataclass
class ScannedPage:
    ids: set[str] = field(default_factory=set)
    links: list[tuple[str, str]] = field(default_factory=list)  # (tag, url) of every href/src
    stylesheets: list[str] = field(default_factory=list)
    scripts: list[str] = field(default_factory=list)
    headings: list[tuple[int, str]] = field(default_factory=list)  # (level, text)
    images: list[dict[str, str | None]] = field(default_factory=list)
    anchors: list[Anchor] = field(default_factory=list)
    classes: set[str] = field(default_factory=set)
    loads_engine: bool = False  # a script names files it loads when it runs (search)
    lang: str = ""  # the lang attribute of <html>


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = ScannedPage()
        self._heading: list[Any] | None = None  # [level, text so far]
        self._anchor: Anchor | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            self.page.lang = values.get("lang") or ""
        if values.get("id"):
            self.page.ids.add(values["id"] or "")
        self.page.classes.update((values.get("class") or "").split())
        for name in LINK_ATTRIBUTES:
            if values.get(name):
                self.page.links.append((tag, values[name] or ""))
        if tag == "link" and "stylesheet" in (values.get("rel") or "").split():
            self.page.stylesheets.append(values.get("href") or "")
        elif tag == "script" and values.get("src"):
            self.page.scripts.append(values["src"] or "")
            # files a script loads when it runs (the search index's engine), named by the page
            loads = (values.get("data-also-loads") or "").split()
            self.page.scripts.extend(loads)
            self.page.loads_engine = self.page.loads_engine or bool(loads)
        elif tag == "img":
            self.page.images.append({"src": values.get("src"), "alt": values.get("alt")})
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._heading = [int(tag[1]), ""]
        elif tag == "a" and values.get("href"):
            self._anchor = Anchor(values["href"] or "", "", values.get("aria-label"))

    def handle_endtag(self, tag: str) -> None:
        if self._heading and tag == f"h{self._heading[0]}":
            self.page.headings.append((self._heading[0], self._heading[1].strip()))
            self._heading = None
        elif tag == "a" and self._anchor is not None:
            self._anchor.text = " ".join(self._anchor.text.split())
            self.page.anchors.append(self._anchor)
            self._anchor = None

    def handle_data(self, data: str) -> None:
        if self._heading is not None:
            self._heading[1] += data
        if self._anchor is not None:
            self._anchor.text += data


def scan_html(text: str) -> ScannedPage:
    scanner = _Scanner()
    scanner.feed(text)
    scanner.close()
    return scanner.page


def scan_file(path: Path) -> ScannedPage:
    return scan_html(path.read_text(encoding="utf-8"))
