"""Checks over a whole built site, from its parsed HTML: used on the default site and fixtures."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

from tests.helpers import html_files


@dataclass
class BuiltPage:
    url: str
    soup: BeautifulSoup


def load_pages(out_dir: Path) -> dict[str, BuiltPage]:
    pages = {}
    for path in html_files(out_dir):
        relative = path.relative_to(out_dir).as_posix()
        url = "/" + relative.removesuffix("index.html")
        pages[url] = BuiltPage(url, BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser"))
    return pages


def resolve(out_dir: Path, base_path: str, page_url: str, link: str) -> tuple[Path | None, str]:
    """The built file an internal link leads to (None for external links), and its fragment."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc:
        return None, ""
    path = unquote(parts.path)
    page_path = base_path + page_url.lstrip("/")
    if not path:
        path = page_path
    elif not path.startswith("/"):
        path = page_path.rsplit("/", 1)[0] + "/" + path
    assert path.startswith(base_path), f"{link} on {page_url} is outside the base path"
    target = out_dir / path[len(base_path):]
    if path.endswith("/"):
        target = target / "index.html"
    return target, parts.fragment


def broken_links(out_dir: Path, base_path: str = "/") -> list[str]:
    """Every internal href/src that does not lead to a built file or to an existing #fragment."""
    pages = load_pages(out_dir)
    problems = []
    for url, page in pages.items():
        for element in page.soup.find_all(href=True) + page.soup.find_all(src=True):
            link = element.get("href") or element.get("src")
            if link.startswith(("mailto:", "tel:")):
                continue
            target, fragment = resolve(out_dir, base_path, url, link)
            if target is None:
                continue
            if not target.is_file():
                problems.append(f"{url}: {link} -> no such file")
                continue
            if fragment:
                target_url = "/" + target.relative_to(out_dir).as_posix().removesuffix("index.html")
                soup = pages[target_url].soup if target_url in pages else None
                if soup is None or soup.find(id=fragment) is None:
                    problems.append(f"{url}: {link} -> no element with id {fragment}")
    return problems
