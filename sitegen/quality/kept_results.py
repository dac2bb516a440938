"""What a gate found on each page, kept in the build's cache for the next check: a page whose
bytes, content file, and every file of the site it asked for (its stylesheets, scripts, images)
are as they were, under the same settings and tools, has the same findings. The gates that take
longest, the browser's and the HTML checker's, check again only the pages that changed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..cache import BuildCache, digest
from .findings import Finding, GateNote
from .site_files import BuiltSite


def file_identity(path: Path | None) -> tuple[str, int, int]:
    """What tells one version of a tool's file from another: its path, size and time."""
    assert path is not None
    stat = path.stat()
    return str(path), stat.st_size, stat.st_mtime_ns


class FileDigests:
    """The digest of each file of the output, read once in a check for every step that keys
    what it keeps by a file's bytes (the pages' scans, the browser's and the HTML checker's
    results): "" for a file that is not there or cannot be read."""

    def __init__(self) -> None:
        self._known: dict[Path, str] = {}

    def of(self, path: Path) -> str:
        if path not in self._known:
            try:
                self._known[path] = digest(path.read_bytes()) if path.is_file() else ""
            except (OSError, ValueError):  # unreadable, or a name no file can have
                self._known[path] = ""
        return self._known[path]


def unchanged_note(gate: str, kept: int, total: int) -> GateNote:
    """What the report says of the pages whose results were the last check's."""
    return GateNote(gate, f"{kept} of {total} pages had not changed since the last check, nor "
                    "had the files they use: their results are that check's.")


def plain(finding: Finding) -> list[Any]:
    """A finding as the cache keeps it."""
    return [finding.gate, finding.severity, finding.url, finding.message, finding.src_path,
            finding.line]


def inside(relative: str) -> bool:
    """Whether relative names a file inside the output folder (a kept name is checked, not
    trusted)."""
    return isinstance(relative, str) and not relative.startswith("/") and \
        ".." not in relative.split("/")


def finding_of(kept: list[Any]) -> Finding:
    """A finding as plain() wrote it; a ValueError when it is not one."""
    gate, severity, url, message, src_path, line = kept
    if not (all(isinstance(text, str) for text in (gate, severity, url, message))
            and severity in ("error", "warning", "notice")
            and (src_path is None or isinstance(src_path, str))
            and (line is None or type(line) is int)):
        raise ValueError(f"not a finding: {kept!r}")
    return Finding(gate, severity, url, message, src_path, line)


class KeptResults:
    """A gate's results for the pages of a site, in the cache's namespace. Each page's key: its
    address and bytes, the content file its findings name (path, text and first line of the
    text) and settings (what else the gate's results depend on: its tools, by their files). A
    page's entry also holds the digest of every file of the site it asked for when it was
    checked: it is taken only while each is the same."""

    def __init__(self, namespace: str, site: BuiltSite, pages: dict[str, Path],
                 settings: str, files: FileDigests | None = None) -> None:
        self.namespace, self.site = namespace, site
        self._files = files or FileDigests()
        self.keys = {url: digest(settings, url, self._digest_of(path), self._source(url))
                     for url, path in pages.items()}

    def _source(self, url: str) -> tuple[str, str, int] | None:
        entry = self.site.entries.get(url)
        if entry is None:
            return None
        return entry.source.src_path, entry.source.body_digest, entry.source.body_line

    def _digest_of(self, path: Path) -> str:
        return self._files.of(path)

    def kept(self, cache: BuildCache) -> dict[str, tuple[list[Finding], str]]:
        """The findings of each page an earlier check kept, with what it said of how it was
        checked (the browser's version), when they hold."""
        stored = cache.get_many(self.namespace, self.keys.values())
        kept = {}
        for url, key in self.keys.items():
            try:
                record = stored[key]
                if all(inside(relative) and self._digest_of(self.site.out_dir / relative) == sha
                       for relative, sha in record["files"].items()):
                    kept[url] = ([finding_of(each) for each in record["findings"]],
                                 str(record["version"]))
            except (KeyError, TypeError, ValueError, AttributeError):
                continue  # none kept, or not one this check could have written: checked again
        return kept

    def keep(self, cache: BuildCache,
             checked: dict[str, tuple[list[Finding], set[str], str]]) -> None:
        """Keep the results of the pages checked now (their findings, the files of the site
        they asked for, how they were checked), for the next check; the cache keeps the results
        of this site's pages as they are now, no others."""
        cache.put_many(self.namespace, {self.keys[url]: {
            "findings": [plain(finding) for finding in findings],
            "files": {relative: self._digest_of(self.site.out_dir / relative)
                      for relative in sorted(files)},
            "version": version} for url, (findings, files, version) in checked.items()})
        cache.keep_only(self.namespace, self.keys.values())


