"""The built site as files: which URL each HTML file serves, what a link leads to, and which
content file a page comes from (so findings can name it)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..render.editor_files import EDITOR_FOLDER
from ..source.model import Entry, Site


@dataclass(frozen=True)
class BuiltSite:
    out_dir: Path
    base_path: str  # "/" or "/preview/pr-12/"
    base_url: str
    entries: dict[str, Entry]  # site-relative URL -> the entry its page shows
    embed_hosts: frozenset[str] = frozenset()  # hosts whose frames pages may show

    def html_pages(self) -> dict[str, Path]:
        """Site-relative URL ("/en/programs/") -> file, for every HTML page."""
        pages = {}
        for path in sorted(self.out_dir.rglob("*.html")):
            relative = path.relative_to(self.out_dir).as_posix()
            # the staff's editor, when published, is not a page of the public's (editor_files)
            if relative.startswith(("static/", f"{EDITOR_FOLDER}/")):
                continue
            url = "/" + (relative[: -len("index.html")] if relative.endswith("index.html")
                         else relative)
            pages[url] = path
        return pages

    def target_of(self, link: str, page_url: str) -> tuple[Path | None, str, str | None]:
        """(file, fragment, problem) for a link on page_url; file is None for external links."""
        parts = urlsplit(link)
        if parts.scheme or parts.netloc or link.startswith(("mailto:", "tel:")):
            if link.startswith(self.base_url):  # the site's own absolute address
                return self.target_of(self.base_path + link[len(self.base_url):], page_url)
            return None, "", None
        path = unquote(parts.path)
        page_path = self.base_path + page_url.lstrip("/")
        if not path:
            path = page_path
        elif not path.startswith("/"):
            path = page_path.rsplit("/", 1)[0] + "/" + path
        if not path.startswith(self.base_path):
            return None, parts.fragment, f"leads outside the site's base path {self.base_path}"
        target = self.out_dir / path[len(self.base_path):]
        if path.endswith("/"):
            target = target / "index.html"
        return target, unquote(parts.fragment), None

    def url_of(self, path: Path) -> str:
        relative = path.relative_to(self.out_dir).as_posix()
        return "/" + (relative[: -len("index.html")] if relative.endswith("index.html")
                      else relative)

    def source_of(self, url: str, *needles: str) -> tuple[str | None, int | None]:
        """The content file of a page, and the line of the first needle found in its text."""
        entry = self.entries.get(url)
        if entry is None:
            return None, None
        for needle in needles:
            line = entry.source.line_containing(needle) if needle else None
            if line:
                return entry.source.src_path, line
        return entry.source.src_path, None


def built_site(site: Site, out_dir: Path) -> BuiltSite:
    entries = {page.url: page.entry for page in site.pages if page.entry is not None}
    return BuiltSite(out_dir, site.config.base_path, site.config.base_url, entries,
                     site.config.embed_hosts)
