"""When each content file last changed: its last commit (one `git log` call for all files), or
its modification time when it is not committed yet, never later than the build's own date (so
that SOURCE_DATE_EPOCH, or --now, makes the dates of a copy without history reproducible)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path


def commit_dates(site_dir: Path, folder: str = "content") -> dict[str, dt.date]:
    """src_path -> date of its newest commit; empty when git or the repository is missing."""
    if shutil.which("git") is None:
        return {}
    try:
        result = subprocess.run(
            ["git", "-C", str(site_dir), "log", "--format=%x00%cs", "--name-only", "--relative",
             "--no-renames", "--", folder],
            capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return {}
    if result.returncode != 0:
        return {}
    dates: dict[str, dt.date] = {}
    current: dt.date | None = None
    for line in result.stdout.splitlines():
        if line.startswith("\x00"):
            current = dt.date.fromisoformat(line[1:].strip())
        elif line and current is not None:
            dates.setdefault(line, current)  # newest first: the first date seen is the last change
    return dates


def last_changed(site_dir: Path, src_paths: list[str], use_git: bool = True,
                 latest: dt.date | None = None) -> dict[str, dt.date]:
    """src_path -> the date it last changed, for every file given; no date after latest."""
    dates = commit_dates(site_dir) if use_git else {}
    for src_path in src_paths:
        if src_path not in dates:
            seconds = (site_dir / src_path).stat().st_mtime
            changed = dt.datetime.fromtimestamp(seconds, dt.timezone.utc).date()
            dates[src_path] = min(changed, latest) if latest else changed
    return dates
