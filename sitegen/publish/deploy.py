"""Deploy a built site into a web server's folder so that readers never see a half-updated site.

For `deploy --to /var/www/community`:

    /var/www/community             a link to the version in use: community.versions/<version>
    /var/www/community.versions/   one complete folder per deployed version, the last KEEP kept

A deploy fills a new folder, `.incoming-PID`, inside the versions folder (files that did not
change are hard links to the previous version's: no copy, no extra space), renames it to its
version name (the time, UTC), then switches the link in one rename. A web server follows the
link at each request, so it serves the old version or the new one, each whole, never a mix.
A deploy killed at any moment leaves the link on a complete version; the next deploy removes
what it left half done. (Killed, not a power cut: that would also need every file flushed to
disk.) Versions are never changed once made: do not edit files inside them.
"""

from __future__ import annotations

import datetime as dt
import errno
import filecmp
import os
import re
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from .output import (disk_full_problem, exchange_paths, folder_lock, process_gone, remove_path)

KEEP = 3  # versions kept, the one in use included: the two before it are there for a rollback
# Where a hard link cannot be made (another filesystem, links not allowed), the file is copied.
_NO_LINK = {errno.EXDEV, errno.EPERM, errno.EMLINK, errno.EOPNOTSUPP, errno.ENOTSUP}
_VERSION = re.compile(r"(\d{8}T\d{6}Z)(?:-(\d+)|-original)?")


@dataclass
class DeployResult:
    target: Path  # the link the web server serves
    versions: Path  # the folder holding every kept version
    version: str = ""  # the name of the new version's folder
    copied: list[str] = field(default_factory=list)  # new or changed files
    removed: list[str] = field(default_factory=list)  # files of the previous version now gone
    unchanged: int = 0  # files identical to the previous version's
    pruned: list[str] = field(default_factory=list)  # older versions deleted
    kept: list[str] = field(default_factory=list)  # the versions left, oldest first
    migrated: str | None = None  # version name given to a plain folder found at target
    cleared: list[str] = field(default_factory=list)  # leftovers of interrupted deploys


def deploy(built: Path, target: Path, keep: int = KEEP) -> DeployResult:
    """Publish built as a new version of target and switch target to it; returns what changed.

    A full disk raises a ContentError, with target unchanged and no half-made version left."""
    target = Path(os.path.abspath(target))
    versions = target.with_name(f"{target.name}.versions")
    versions.mkdir(parents=True, exist_ok=True)
    result = DeployResult(target, versions)
    moment = time.time()  # names the new version; a folder found at target gets an earlier name
    # Two deploys to one folder wait for each other, so the second starts from the first's link.
    with folder_lock(versions) as locked:
        _clear_leftovers(result, locked, moment)
        incoming = versions / f".incoming-{os.getpid()}"
        try:
            _prepare(built, _live_folder(target), incoming, result)
            result.version = _new_version_name(versions, moment)
            os.rename(incoming, versions / result.version)
            result.migrated = _switch(result, moment) or result.migrated
        except OSError as error:
            problem = disk_full_problem(error, target, "deploy")
            if problem is None:
                raise
            raise problem from error
        finally:
            remove_path(incoming)
        result.pruned = _prune(target, versions, keep)
        result.kept = _version_names(versions)
    return result


def describe(result: DeployResult) -> list[str]:
    """What a deploy did, in lines for people."""
    lines = []
    if result.cleared:
        lines.append(f"Removed {_count(len(result.cleared), 'unfinished version')} left by an "
                     "interrupted deploy.")
    if result.migrated:
        lines.append(f"{result.target} was a plain folder: it is kept as version "
                     f"{result.migrated} in {result.versions}, and {result.target} is now a "
                     "link to the version in use.")
    lines.append(f"Deployed version {result.version} to {result.target}: "
                 f"{_count(len(result.copied), 'file')} copied, {len(result.removed)} removed, "
                 f"{result.unchanged} unchanged.")
    lines.append(f"{result.target} now points to {result.versions / result.version}.")
    if result.pruned:
        lines.append(f"Deleted older versions (the last {len(result.kept)} are kept): "
                     f"{', '.join(result.pruned)}.")
    return lines


def _prepare(built: Path, previous: Path | None, incoming: Path, result: DeployResult) -> None:
    """Fill incoming with built's files, linking those identical to previous's."""
    incoming.mkdir()
    files = sorted(p.relative_to(built) for p in built.rglob("*") if p.is_file())
    for relative in files:
        source, destination = built / relative, incoming / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        old = previous / relative if previous is not None else None
        if old is not None and old.is_file() and filecmp.cmp(source, old, shallow=False):
            result.unchanged += 1
            if _link(old, destination):
                continue  # else copied below, like a changed file
        else:
            result.copied.append(relative.as_posix())
        shutil.copyfile(source, destination)
    if previous is not None:
        gone = {p.relative_to(previous) for p in previous.rglob("*") if p.is_file()} - set(files)
        result.removed = sorted(relative.as_posix() for relative in gone)


def _switch(result: DeployResult, moment: float) -> str | None:
    """Point target at the new version in one rename; returns the version name given to a
    plain folder that was at target (the first deploy since deploys keep versions)."""
    target, versions = result.target, result.versions
    link = target.with_name(f".{target.name}.switch-{os.getpid()}")
    remove_path(link)
    os.symlink(f"{versions.name}/{result.version}", link)  # relative: the pair can move together
    if not target.is_dir() or target.is_symlink():
        os.replace(link, target)
        return None
    name = _original_name(target, versions, moment)
    if exchange_paths(link, target):  # one step; `link` is now the old folder's name
        os.rename(link, versions / name)
    else:
        # Where folders cannot be exchanged, target is missing between these two renames (and
        # until the next deploy, if this one is killed there). This happens once per server.
        os.rename(target, versions / name)
        os.replace(link, target)
    return name


def _clear_leftovers(result: DeployResult, locked: bool, moment: float) -> None:
    """Remove what killed deploys left: unfinished versions, version folders being deleted,
    and switch links; a plain folder left beside target by a killed first switch is kept as a
    version. While the lock is held no other deploy is running, so all of them are stale."""
    target, versions = result.target, result.versions
    switches = [p for p in target.parent.iterdir() if p.name.startswith(f".{target.name}.switch-")]
    unfinished = [p for p in versions.iterdir() if p.name.startswith((".incoming-", ".pruned-"))]
    for path in sorted(switches + unfinished):
        if not locked and not process_gone(path):
            continue
        if path.name.startswith(".incoming-"):
            result.cleared.append(path.name)
        if path.is_dir() and not path.is_symlink() and path.parent != versions:
            result.migrated = _original_name(path, versions, moment)
            os.rename(path, versions / result.migrated)
        else:
            remove_path(path)


def _prune(target: Path, versions: Path, keep: int) -> list[str]:
    """Delete all but the newest keep versions, never the one in use. Each is first renamed to a
    dot name, so that a deploy killed while deleting never leaves a partial version listed."""
    live = _live_folder(target)
    names = _version_names(versions)
    pruned = [name for name in names[:-keep] if (versions / name).resolve() != live]
    for name in pruned:
        doomed = versions / f".pruned-{name}-{os.getpid()}"
        os.rename(versions / name, doomed)
        remove_path(doomed)
    return pruned


def _live_folder(target: Path) -> Path | None:
    """The folder target shows (itself, or where its link points), if any."""
    folder = target.resolve()
    return folder if folder.is_dir() else None


def _version_names(versions: Path) -> list[str]:
    """Version folders, oldest first. Other folders someone put there are left alone."""
    return sorted((p.name for p in versions.iterdir()
                   if _VERSION.fullmatch(p.name) and p.is_dir() and not p.is_symlink()),
                  key=_order)


def _order(name: str) -> tuple[str, int]:
    """Versions sort by time, then by number within one second; an -original comes first."""
    match = _VERSION.fullmatch(name)
    assert match is not None
    return match[1], int(match[2]) if match[2] else 0 if match[0].endswith("original") else 1


def _new_version_name(versions: Path, moment: float) -> str:
    """The time (UTC), with -02, -03... for more deploys within one second: always after every
    existing version, even if the clock went back."""
    stamp, number = max([(_stamp(moment), 0)] + [_order(n) for n in _version_names(versions)])
    number += 1
    while os.path.lexists(versions / _name(stamp, number)):  # only a stray file could be there
        number += 1
    return _name(stamp, number)


def _name(stamp: str, number: int) -> str:
    return stamp if number == 1 else f"{stamp}-{number:02d}"


def _original_name(folder: Path, versions: Path, moment: float) -> str:
    """The version name of a folder deployed before versions were kept: the time of its last
    change, at least a second before this deploy's version, so that it sorts before it."""
    moment = min(folder.stat().st_mtime, moment - 1)
    while os.path.lexists(versions / f"{_stamp(moment)}-original"):
        moment -= 1
    return f"{_stamp(moment)}-original"


def _stamp(timestamp: float) -> str:
    return dt.datetime.fromtimestamp(timestamp, dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def _link(existing: Path, new: Path) -> bool:
    try:
        os.link(existing, new)
    except OSError as error:
        if error.errno in _NO_LINK:
            return False
        raise
    return True


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
