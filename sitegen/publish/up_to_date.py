"""Nothing to do: a build whose files, settings and options are those of the last build into the
same output folder, at a moment when the output cannot differ yet, ends at once, repeating the
last build's summary and warnings. Checking takes one look at each file's size and time, so it
imports none of the pipeline."""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path
from typing import Any

from ..cache import CACHE_DIR, DATABASE, BuildCache, digest, generator_version, open_cache
from ..source.gitdates import head_commit

NAMESPACE = "up-to-date"
WATCHED = ("content", "templates", "translations", "static")
BUNDLED = Path(__file__).resolve().parents[2]  # the generator's own templates and catalogs


RACY_NS = 2_000_000_000  # a file changed this close to a build could change again unseen


def input_state(site_dir: Path, settings: tuple[Any, ...],
                states: FileStates | None = None) -> str:
    """A digest of every input's path, size and modification time, with the generator's
    version and the build's settings; empty when a file changed within the clock's last tick
    (it could change again with the same time and size: such a build is not remembered).
    states, when given, gets the state of each file looked at, for the build to use."""
    stats: list[str] = [generator_version(), repr(settings)]
    newest = 0
    roots = [site_dir] + ([BUNDLED] if BUNDLED.resolve() != site_dir.resolve() else [])
    for root in roots:
        config = os.path.join(root, "site_config.yaml")
        if root is site_dir and os.path.exists(config):
            stats.append(_stat_line(config, "site_config.yaml")[0])
        # plain strings: a large site has thousands of files, and this runs before every build
        inside = len(os.path.join(root, ""))
        for name in WATCHED:
            for current, dirs, files in os.walk(os.path.join(root, name), followlinks=True):
                dirs.sort()
                for file in sorted(files):
                    path = os.path.join(current, file)
                    line, mtime = _stat_line(path, path[inside:], states)
                    stats.append(line)
                    newest = max(newest, mtime)
    newest = max(newest, _stat_line(os.path.join(site_dir, "site_config.yaml"), "")[1])
    if newest > time.time_ns() - RACY_NS:
        return ""
    return digest(*stats)


def _stat_line(path: str, shown: str, states: FileStates | None = None) -> tuple[str, int]:
    """The line of a file's state (shown: its path under its root), and its time."""
    try:
        stat = os.stat(path)
    except OSError:
        return f"{path}:missing", 0
    if states is not None:
        states[path] = stat
    return f"{shown}:{stat.st_size}:{stat.st_mtime_ns}", stat.st_mtime_ns


# Each file's state (os.stat, links followed) by its path as os.path.join gives it under the
# site folder: taken once, for the look for the last build, the content's cache keys and the
# dates from modification times.
FileStates = dict[str, os.stat_result]
# The input state (input_state) that a look for the last build took, with the settings it was
# taken for and the files' states: the build that follows starts from it instead of looking
# at every file again.
Seen = tuple[tuple[Any, ...], str, FileStates]


def last_build(site_dir: Path, out_dir: Path, settings: tuple[Any, ...],
               now: dt.datetime) -> tuple[dict[str, Any] | None, Seen | None]:
    """The record of the last build, when it is still what a build now would write, and the
    input state it was compared with (None when there was no build yet)."""
    if not (site_dir / CACHE_DIR / DATABASE).is_file():
        return None, None  # no build yet (and this check makes no cache of its own)
    cache = open_cache(site_dir)
    try:
        record = cache.get(NAMESPACE, _key(out_dir))
        states: FileStates = {}
        seen = (settings, input_state(site_dir, settings, states), states)
        return (record if _still_valid(record, seen[1], out_dir, settings, now) else None), seen
    finally:
        cache.close()


def _still_valid(record: Any, inputs: str, out_dir: Path, settings: tuple[Any, ...],
                 now: dt.datetime) -> bool:
    """Whether the last build's record is still what a build with these inputs would write,
    now, and its output is still there untouched."""
    if not inputs or not isinstance(record, dict) or record.get("inputs") != inputs:
        return False
    if now >= dt.datetime.fromisoformat(record["valid_until"]):
        return False
    if not _output_intact(out_dir, record.get("files", {})):
        return False
    return not (settings[2] and record.get("search")
                and not (out_dir / "pagefind" / "pagefind-entry.json").is_file())


def remember_build(cache: BuildCache, out_dir: Path, inputs: str, valid_until: dt.datetime,
                   files: dict[str, Any], summary: dict[str, Any]) -> None:
    """Record a successful build, for last_build() to find. inputs is input_state() as it was
    when the build started: a file changed during the build makes the next build run."""
    cache.put(NAMESPACE, _key(out_dir), {
        "inputs": inputs, "valid_until": valid_until.isoformat(), "files": files, **summary})


def forget_build(cache: BuildCache, out_dir: Path) -> None:
    """Forget the last build into out_dir: a build that was not recorded replaced it."""
    cache.put(NAMESPACE, _key(out_dir), None)


def build_settings(base_url: str | None, review: bool, search: bool, strict: bool,
                   site_dir: Path) -> tuple[Any, ...]:
    """The options and the state of the site's history that a build's output depends on
    besides its files (a commit changes the dates pages show)."""
    return (base_url, review, search, strict, head_commit(site_dir) or "")


def _key(out_dir: Path) -> str:
    return str(out_dir.resolve())


def _output_intact(out_dir: Path, files: dict[str, Any]) -> bool:
    """Whether the output folder still holds every file of the last build, untouched."""
    if not files:
        return False
    folder = os.fspath(out_dir)
    for dest_path, (_sha, size, mtime_ns) in files.items():
        try:
            stat = os.stat(os.path.join(folder, dest_path))
        except OSError:
            return False
        if (stat.st_size, stat.st_mtime_ns) != (size, mtime_ns):
            return False
    return True
