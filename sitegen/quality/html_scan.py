"""A light reading of built HTML files (standard library parser): ids, links, assets, headings,
images and link texts, enough for the link, lint and weight gates. Each page is read once per
check, on every core; what a page's bytes gave is kept in the build's cache for the next check."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from ..cache import CHECK_RESULTS, BuildCache
from ..parallel import map_in_order
from .kept_results import FileDigests

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


SCANS = CHECK_RESULTS + "scans"  # the cache's namespace of what each page's bytes gave


def scan_pages(pages: dict[str, Path], cache: BuildCache | None = None, jobs: int = 1,
               files: FileDigests | None = None) -> dict[str, ScannedPage]:
    """Each page (address -> file) scanned, in up to jobs processes; with a cache, a page with
    the very bytes an earlier check scanned (files tells the digests) is taken from it."""
    files = files or FileDigests()
    keys = {url: files.of(path) for url, path in pages.items()} if cache is not None else {}
    kept = cache.get_many(SCANS, keys.values()) if cache is not None else {}
    scanned = {url: found for url in pages
               if (found := _from_plain(kept.get(keys.get(url, "")))) is not None}
    missing = [url for url in pages if url not in scanned]
    made = map_in_order(scan_file, [pages[url] for url in missing], jobs)
    scanned.update(zip(missing, made))
    if cache is not None:
        cache.put_many(SCANS, {keys[url]: _plain(page) for url, page in zip(missing, made)})
        cache.keep_only(SCANS, keys.values())
    return {url: scanned[url] for url in pages}


def _plain(page: ScannedPage) -> dict[str, Any]:
    """A scanned page as the cache keeps it."""
    return {"ids": sorted(page.ids), "links": page.links, "stylesheets": page.stylesheets,
            "scripts": page.scripts, "headings": page.headings,
            "images": [[image["src"], image["alt"]] for image in page.images],
            "anchors": [[anchor.href, anchor.text, anchor.label] for anchor in page.anchors],
            "classes": sorted(page.classes), "loads_engine": page.loads_engine,
            "lang": page.lang}


def _from_plain(value: Any) -> ScannedPage | None:
    """The page _plain kept; None when there is none, or it is not one."""
    try:
        return ScannedPage(
            ids=set(_texts(value["ids"])),
            links=[(_text(tag), _text(url)) for tag, url in value["links"]],
            stylesheets=_texts(value["stylesheets"]), scripts=_texts(value["scripts"]),
            headings=[(_level(level), _text(text)) for level, text in value["headings"]],
            images=[{"src": _maybe(src), "alt": _maybe(alt)} for src, alt in value["images"]],
            anchors=[Anchor(_text(href), _text(text), _maybe(label))
                     for href, text, label in value["anchors"]],
            classes=set(_texts(value["classes"])), loads_engine=value["loads_engine"] is True,
            lang=_text(value["lang"]))
    except (KeyError, TypeError, ValueError):
        return None


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"not a text: {value!r}")
    return value


def _texts(values: Any) -> list[str]:
    if not isinstance(values, list):
        raise TypeError(f"not a list: {values!r}")
    return [_text(value) for value in values]


def _maybe(value: Any) -> str | None:
    return None if value is None else _text(value)


def _level(value: Any) -> int:
    if type(value) is not int:
        raise TypeError(f"not a heading level: {value!r}")
    return value
