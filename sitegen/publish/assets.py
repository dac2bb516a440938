"""Static files (CSS, JavaScript, icons) published under names that carry a hash of their
content (site.3f2a9c1b7d.css), so that browsers may keep them for a year: a changed file gets a
new name, and the pages that use it point to the new name."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..errors import ContentError, Report
from ..limits import MAX_STATIC_BYTES
from ..site import urls
from ..source.config import SiteConfig
from ..source.source_files import list_files, read_bytes

FINGERPRINTED = (".css", ".js", ".svg")


def collect_static(static_dirs: list[Path], report: Report) -> dict[str, bytes]:
    """Output path -> content of every static file; later folders override earlier ones. Each
    folder's files must stay inside the site folder that holds it."""
    found: dict[str, bytes] = {}
    for folder in static_dirs:
        if folder.is_dir():
            for file in list_files(folder, folder.parent, report):
                relative = file.path.relative_to(folder).as_posix()
                try:
                    found["static/" + relative] = read_bytes(file.real, f"static/{relative}",
                                                             MAX_STATIC_BYTES)
                except ContentError as problem:
                    report.add(problem)
    return found


def fingerprint(static: dict[str, bytes]) -> tuple[dict[str, bytes], dict[str, str]]:
    """(files under their published names, site URL -> published URL) for the static files."""
    files: dict[str, bytes] = {}
    names: dict[str, str] = {}
    for dest_path, content in static.items():
        published = dest_path
        if dest_path.endswith(FINGERPRINTED):
            stem, dot, suffix = dest_path.rpartition(".")
            published = f"{stem}.{hashlib.sha256(content).hexdigest()[:10]}{dot}{suffix}"
        files[published] = content
        names["/" + dest_path] = "/" + published
    return files, names


def fingerprinted(names: dict[str, str]) -> list[str]:
    """The published URLs that carry a hash of their file's content, which browsers may keep."""
    return sorted(published for url, published in names.items() if published != url)


def asset_href(config: SiteConfig, names: dict[str, str], url: str) -> str:
    """The link to a static file under its published name."""
    return urls.href(config, names.get(url, url))
