"""When each content file last changed: its last commit (one `git log` call for all files), or
its modification time when it is not committed yet, never later than the build's own date (so
that SOURCE_DATE_EPOCH, or --now, makes the dates of a copy without history reproducible)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path


def commit_dates(site_dir: Path, folder: str = "content") -> dict[str, dt.date]:
    """src_path -> date of its newest commit; empty when git or the repository is missing.
    The history is read once for each commit that is checked out: the preview builds again
    after every save, and a site's history may be long."""
    head = head_commit(site_dir)
    if head is None:
        return {}
    key = (str(site_dir.resolve()), folder, head)
    if key not in _READ:
        dates = _read_history(site_dir, folder)
        if dates is None:
            return {}
        if len(_READ) >= 8:
            _READ.clear()
        _READ[key] = dates
    return dict(_READ[key])


# (site folder, folder, commit) -> what commit_dates found there
_READ: dict[tuple[str, str, str], dict[str, dt.date]] = {}


def head_commit(site_dir: Path) -> str | None:
    """The commit checked out in the site's repository; None without git or a repository."""
    if shutil.which("git") is None:
        return None
    head = git_output(site_dir, "rev-parse", "HEAD")
    return head.strip() if head else None


def git_output(site_dir: Path, *args: str) -> str | None:
    """What a git command prints, or None when it fails (or prints what is not UTF-8)."""
    try:
        result = subprocess.run(["git", "-C", str(site_dir), *args], capture_output=True,
                                text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired, ValueError):
        return None
    return result.stdout if result.returncode == 0 else None


def _read_history(site_dir: Path, folder: str) -> dict[str, dt.date] | None:
    log = git_output(site_dir, "log", "--format=%x00%cs", "--name-only", "--relative",
                     "--no-renames", "--", folder)
    if log is None:
        return None
    dates: dict[str, dt.date] = {}
    current: dt.date | None = None
    for line in log.splitlines():
        if line.startswith("\x00"):
            current = dt.date.fromisoformat(line[1:].strip())
        elif line and current is not None:
            dates.setdefault(line, current)  # newest first: the first date seen is the last change
    return dates


def last_changed(site_dir: Path, src_paths: list[str], use_git: bool = True,
                 latest: dt.date | None = None,
                 states: Mapping[str, os.stat_result] | None = None) -> dict[str, dt.date]:
    """src_path -> the date it last changed, for every file given; no date after latest. A file
    git has no date for has its modification time (states: the files' states already taken,
    by their path under site_dir, up_to_date.FileStates)."""
    dates = commit_dates(site_dir) if use_git else {}
    folder = os.fspath(site_dir)
    states = states or {}
    for src_path in src_paths:
        if src_path not in dates:
            path = os.path.join(folder, src_path)
            stat = states.get(path) or os.stat(path)
            modified = stat.st_mtime_ns
            changed = dt.datetime.fromtimestamp(modified // 1_000_000_000,
                                                dt.timezone.utc).date()
            dates[src_path] = min(changed, latest) if latest else changed
    return dates
