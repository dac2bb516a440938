"""Reading the site's own files safely: every file the build reads is found inside its folder, is
no larger than the documented limit, and is UTF-8 text without control characters.

A symbolic link that leads outside the site folder is reported, never followed: otherwise a link
in static/ could publish any file of the computer that builds the site."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import ContentError, Report
from ..limits import MAX_FILE_BYTES

# C0 and C1 controls other than tab, line feed and carriage return, and the two non-characters:
# none can be shown, and XML (feeds, sitemaps) cannot hold them.
CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


@dataclass(frozen=True)
class FoundFile:
    """A file found under a folder: where it was found (a link keeps its own name) and the real
    file it is."""

    path: Path
    real: Path


def describe(path: Path, root: Path) -> str:
    """How messages name a file: relative to its root when it is inside, else in full."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def relative_posix(path: Path, folder: Path) -> str:
    """The place of path under folder, with "/" between names, as paths found by list_files
    under folder are (a string's slice: thousands of files are found at each build)."""
    text, prefix = str(path), str(folder) + os.sep
    if text.startswith(prefix):
        return text[len(prefix):].replace(os.sep, "/")
    return path.relative_to(folder).as_posix()


def list_files(folder: Path, root: Path, report: Report) -> list[FoundFile]:
    """Every file under folder (hidden ones left out), sorted by path.

    Links are followed only when they lead inside root; any other link is reported as an
    error. A folder reached twice through links is read once."""
    root = root.resolve()
    if folder.resolve() != root and not folder.resolve().is_relative_to(root):
        report.error(f"This folder is a link to {folder.resolve()}, outside the site folder; "
                     "links that lead outside the site are not followed.", folder.name,
                     hint="Copy the files into the site folder instead of linking to them.")
        return []
    found: list[FoundFile] = []
    seen_dirs: set[Path] = set()
    pending = [folder]
    while pending:
        current = pending.pop()
        real_dir = current.resolve()
        if real_dir in seen_dirs:
            continue
        seen_dirs.add(real_dir)
        try:
            entries = sorted(os.scandir(current), key=lambda e: e.name)
        except OSError as exc:
            report.error(f"This folder could not be read ({exc.strerror}).",
                         describe(current, root))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            if entry.is_symlink():
                real = _inside(path, root, report)
                if real is None:
                    continue
                is_dir, is_file = real.is_dir(), real.is_file()
            else:  # what the folder's listing says of a file or folder: no look at each
                real = path
                is_dir, is_file = _kind(entry)
            if is_dir:
                pending.append(path)
            elif is_file:
                found.append(FoundFile(path, real))
    return sorted(found, key=lambda f: f.path.as_posix())


def _kind(entry: os.DirEntry[str]) -> tuple[bool, bool]:
    """(is a folder, is a file) of an entry that is not a link."""
    try:
        return entry.is_dir(follow_symlinks=False), entry.is_file(follow_symlinks=False)
    except OSError:
        return False, False


def _inside(link: Path, root: Path, report: Report) -> Path | None:
    """The real path a link leads to, or None (after reporting) when it leads outside root."""
    try:
        target = link.resolve(strict=True)
    except (OSError, RuntimeError):  # a broken link, or a loop of links
        report.error(f"This link leads to {os.readlink(link)}, which does not exist.",
                     describe(link, root), hint="Delete the link, or copy the real file here.")
        return None
    if not target.is_relative_to(root):
        report.error(f"This is a link to {target}, outside the site folder; links that lead "
                     "outside the site are not followed.", describe(link, root),
                     hint="Copy the file into the site folder instead of linking to it.")
        return None
    return target


def check_inside(path: Path, root: Path, src_path: str) -> Path:
    """path, resolved, when it is inside root; a ContentError when it (or a link on the way)
    leads outside."""
    real = path.resolve()
    if not real.is_relative_to(root.resolve()):
        raise ContentError(f"This is a link to {real}, outside the site folder; links that lead "
                           "outside the site are not followed.", src_path,
                           hint="Copy the file into the site folder instead of linking to it.")
    return real


def read_bytes(path: Path, src_path: str, limit: int = MAX_FILE_BYTES) -> bytes:
    """The file's bytes; a ContentError when it is larger than limit."""
    try:
        size = path.stat().st_size
        if size > limit:
            raise ContentError(
                f"This file is {_size(size)}; files of this kind may be at most {_size(limit)}.",
                src_path, hint="Split it into smaller files, or make the picture smaller.")
        with path.open("rb") as handle:
            return handle.read(limit + 1)[:limit]  # the file may grow while it is read
    except OSError as exc:
        raise ContentError(f"This file could not be read ({exc.strerror}).", src_path) from None


def read_text(path: Path, src_path: str, limit: int = MAX_FILE_BYTES) -> str:
    """The file as text: UTF-8, at most limit bytes, no control characters; else a
    ContentError at the line of the first problem."""
    data = read_bytes(path, src_path, limit)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ContentError("This file is not saved as UTF-8, so some letters cannot be read.",
                           src_path, data[:exc.start].count(b"\n") + 1,
                           "In your editor, choose Save As and the UTF-8 encoding, then save "
                           "again.") from None
    bad = CONTROL_RE.search(text)
    if bad:
        raise ContentError(
            f"This line contains an invisible control character (U+{ord(bad.group()):04X}), "
            "which cannot be published.", src_path, text.count("\n", 0, bad.start()) + 1,
            "It often comes with text pasted from another program: delete the line's "
            "invisible character, or type the line again.")
    return text


def _size(count: int) -> str:
    return f"{count / 1_000_000:.1f} MB" if count >= 100_000 else f"{count / 1000:.0f} KB"
