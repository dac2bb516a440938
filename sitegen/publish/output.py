"""Publish a build: write every file into a staging folder beside output/, then swap it in.

The previous output/ stays exactly as it was until the new one is complete, and nothing from an
earlier build lingers: each build starts from an empty staging folder, or from a spare earlier
output whose files it knows (Spare), and removes what it no longer makes.

A build may be killed at any moment (SIGKILL, a closed terminal, an out-of-memory killer). On
Linux the swap is one system call, renameat2(RENAME_EXCHANGE), so output/ is always either the
previous site or the complete new one. Where that call is missing (other systems, some
filesystems) the swap takes two renames; a build killed between them leaves only
`.output.old-PID`, and the next build puts it back before anything else. Either way the next
build removes what killed builds left behind. (This is about killed processes: surviving a power
cut would also need every file flushed to disk, which would make every build much slower.)

A full disk is reported in plain words, with the same guarantee: output/ unchanged, no staging
folder left.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import sys
import threading
from collections.abc import Callable, Collection, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from stat import S_ISDIR, S_ISLNK, S_ISREG
from typing import Any

from ..cache import digest
from ..errors import ContentError
from ..site import urls

try:
    import fcntl
except ImportError:  # Windows: no folder locks, see clear_leftovers
    fcntl = None  # type: ignore[assignment]

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
# What renameat2 answers where the exchange cannot be done; the two-rename swap is used instead.
_UNSUPPORTED = {errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP}


# What a folder that a build may replace holds when it is not empty: a site built before.
BUILT_SITE_MARKS = ("index.html", "sitemap.xml")


def check_output_folder(out_dir: Path, site_dir: Path, source_dirs: list[Path]) -> None:
    """Refuse an output folder whose replacement would lose files: the site folder itself or a
    folder that holds it, one of the folders the build reads, or a folder of other files."""
    out = out_dir.resolve()
    site = site_dir.resolve()
    hint = "Choose a folder of its own, for example --output output"
    if site.is_relative_to(out) or any(out.is_relative_to(d.resolve()) for d in source_dirs):
        raise ContentError(f"The output folder {out_dir} is the site folder, holds it, or is "
                           "inside a folder the build reads; the build replaces its output "
                           "folder entirely.", hint=hint)
    if out.is_dir() and any(out.iterdir()) and not all(
            (out / mark).exists() for mark in BUILT_SITE_MARKS):
        raise ContentError(f"The output folder {out_dir} already holds files that are not a "
                           "built site; the build replaces its output folder entirely.",
                           hint=hint + ", or empty that folder first.")


Manifest = dict[str, tuple[str, int, int]]  # output path -> (digest, size, mtime_ns)


@dataclass
class Spare:
    """A complete earlier output kept for the next build: that build starts from it and
    changes only what differs, instead of making every file again. It lives in the build cache
    (never beside the output), with the manifest of what it holds."""

    path: Path
    manifest: Manifest = field(default_factory=dict)


def publish(files: dict[str, Any], out_dir: Path,
            swap_lock: AbstractContextManager[object] | None = None,
            before_swap: Callable[[Path, Staged], None] | None = None,
            previous: Manifest | None = None, spare: Spare | None = None,
            groups: Sequence[Collection[str]] = (), tended: Collection[str] = ()) -> Manifest:
    """Write files (output path -> content) into a staging folder, then replace out_dir;
    returns the manifest of what was written, for the next build's `previous`.

    A file the previous output already holds unchanged (previous says so) is linked, not
    written. With a spare, staging starts from it and only what differs is written; afterwards
    the replaced output becomes the spare, when previous describes it. What the spare holds
    beyond its manifest goes, but the top-level folders named in tended, which before_swap
    looks after. before_swap(staging,
    staged) (the search index of the staged pages) runs in a thread of its own while the files
    are written, the files of groups first, one group after the other: staged.wait(number)
    waits for a group. It has ended before the swap. swap_lock, when given, is held during the
    swap (the live preview holds it while serving a file, so that no request ever sees the
    folder half swapped). A full disk raises a ContentError."""
    shown = out_dir
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = _sibling(out_dir, "staging")
    staged = Staged()
    meanwhile: InBackground | None = None
    with folder_lock(out_dir.parent) as locked:
        clear_leftovers(out_dir, locked)
        try:
            start = _take_spare(spare, staging, tended)
            if before_swap is not None:  # e.g. index the staged pages for search
                meanwhile = InBackground(before_swap, staging, staged)
            manifest = _write_all(files, staging, out_dir, previous or {}, start, groups,
                                  staged.placed)
            staged.finished()
            if meanwhile is not None:
                meanwhile.wait()
            with swap_lock or nullcontext():
                _swap(staging, out_dir)
            # the replaced output is worth keeping when what it holds is known (previous)
            if spare is not None and not (previous and _keep_as_spare(staging, spare.path)):
                spare.path = Path()  # no spare for the next build
        except OSError as error:
            problem = disk_full_problem(error, shown, "build")
            if problem is None:
                raise
            raise problem from error
        finally:
            if meanwhile is not None:  # ended, or to end before its folder goes
                staged.stop()
                meanwhile.wait(quietly=True)
            remove_path(staging)  # after an exchange, it holds the previous output
    return manifest


class Staged:
    """How many groups of files (publish) are staged so far, for a thread that waits for one."""

    def __init__(self) -> None:
        self._count = 0
        self._stopped = False
        self._changed = threading.Condition()

    def placed(self, count: int) -> None:
        """The first count groups are staged."""
        with self._changed:
            self._count = count
            self._changed.notify_all()

    def finished(self) -> None:
        """Every file is staged: any group there is."""
        self.placed(sys.maxsize)

    def stop(self) -> None:
        """No more files will be staged: the build stopped."""
        with self._changed:
            self._stopped = True
            self._changed.notify_all()

    def wait(self, number: int) -> None:
        """Wait until group number (from 0) is staged; a StagingStopped when it never will."""
        with self._changed:
            self._changed.wait_for(lambda: self._count > number or self._stopped)
            if self._count <= number:
                raise StagingStopped()


class StagingStopped(Exception):
    """The build stopped before the files waited for were staged."""


class InBackground:
    """task(*args) run in a thread of its own from now on; wait() for its end, which raises
    what it raised."""

    def __init__(self, task: Callable[..., None], *args: Any) -> None:
        self._raised: BaseException | None = None

        def run() -> None:
            try:
                task(*args)
            except BaseException as problem:  # raised again by wait(), in the caller's thread
                self._raised = problem

        self._thread = threading.Thread(target=run, name="publish-meanwhile", daemon=True)
        self._thread.start()

    def wait(self, quietly: bool = False) -> None:
        """Wait for the task's end; raise what it raised, unless quietly."""
        self._thread.join()
        if self._raised is not None and not quietly:
            raised, self._raised = self._raised, None
            raise raised


def _take_spare(spare: Spare | None, staging: Path, tended: Collection[str] = ()) -> Manifest:
    """Move the spare into place as the staging folder, without what its top level holds
    beyond its manifest (_remove_unknown); the manifest of what it holds (empty when there is no
    usable spare, and staging starts empty)."""
    if spare is not None and spare.manifest and spare.path.is_dir():
        try:
            os.rename(spare.path, staging)
            _remove_unknown(staging, spare.manifest, tended)
            return spare.manifest
        except OSError:  # another filesystem, or it vanished: start afresh
            remove_path(spare.path)
            remove_path(staging)
    staging.mkdir()
    return {}


def _remove_unknown(folder: Path, manifest: Manifest, tended: Collection[str]) -> None:
    """Remove the files, links and folders at the top of folder (a spare) that manifest does
    not name, but the folders of tended, which a step of their own tidies up. A spare was a
    published output: an earlier build's search index, when this build makes none, or a file
    put beside the pages by hand, would otherwise be published again. (Only the top level is
    looked at: looking into every folder would take longer than an edit's whole build.)"""
    known = {path.split("/", 1)[0] for path in manifest} | set(tended)
    with os.scandir(folder) as listing:
        unknown = [entry.path for entry in listing if entry.name not in known]
    for path in unknown:
        remove_path(Path(path))


def _keep_as_spare(old: Path, spare: Path) -> bool:
    try:
        spare.parent.mkdir(parents=True, exist_ok=True)
        remove_path(spare)
        os.rename(old, spare)
    except OSError:
        return False
    return True


def disk_full_problem(error: OSError, folder: Path, again: str) -> ContentError | None:
    """The plain message for a full disk (or a used-up quota), or None for any other error."""
    if error.errno == errno.ENOSPC:
        what = "The disk is full"
    elif error.errno == getattr(errno, "EDQUOT", None):
        what = "Your disk quota is used up"
    else:
        return None
    return ContentError(f"{what}: {folder} was not changed. Free some space and {again} again.")


def exchange_paths(first: Path, second: Path) -> bool:
    """Swap two existing paths in one step. Returns False, having moved nothing, where the system
    or the filesystem cannot do it."""
    if _RENAMEAT2 is None:
        return False
    if _RENAMEAT2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second),
                  _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in _UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code), str(first), None, str(second))


class folder_lock:  # noqa: N801 - used like a function: `with folder_lock(folder) as locked:`
    """Hold an exclusive lock on folder while the block runs; another process asking for it
    waits. The system releases it when the process ends, even when killed. `as` gives False
    where locks are not available (Windows, some network filesystems).

    A class, not @contextmanager: that one sets __traceback__ on the exceptions that cross it,
    which a ContentError (a frozen dataclass) refuses."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.descriptor: int | None = None

    def __enter__(self) -> bool:
        self.descriptor = _open_for_lock(self.folder)
        if self.descriptor is None:
            return False
        try:
            fcntl.flock(self.descriptor, fcntl.LOCK_EX)
        except OSError:
            return False
        return True

    def __exit__(self, *exc: object) -> None:
        if self.descriptor is not None:
            os.close(self.descriptor)  # releases the lock
            self.descriptor = None


def clear_leftovers(out_dir: Path, locked: bool) -> None:
    """Repair and tidy what killed builds left beside out_dir: put back a previous output that a
    two-rename swap had moved away, then remove every staging and old folder, and the search
    work of builds no longer running.

    Two builds of one folder may run at once (the preview and a build in another terminal, two
    CI jobs sharing a disk). Each build holds the lock of the parent folder from its first
    staged file to the end of its swap, so while this build holds it no other build is between
    those steps: every leftover is stale and goes. Without locks, only the folders whose build
    is no longer running on this computer are touched, since the others may be in use."""
    def stale(path: Path) -> bool:
        return locked or process_gone(path)

    olds = [path for path in leftovers(out_dir, "old") if stale(path)]
    if olds and not os.path.lexists(out_dir):
        newest = max(olds, key=lambda path: path.lstat().st_mtime_ns)
        os.rename(newest, out_dir)
        olds.remove(newest)
    # a build's search work starts before it holds the lock (search.EarlyParts): it is left
    # alone while its build runs
    searches = [path for path in leftovers(out_dir, SEARCH_WORK)
                if path != work_folder(out_dir, SEARCH_WORK) and process_gone(path)]
    for path in olds + [path for path in leftovers(out_dir, "staging") if stale(path)] \
            + searches:
        remove_path(path)


def leftovers(out_dir: Path, kind: str) -> list[Path]:
    """The `.NAME.KIND-PID` folders beside out_dir (kind: staging, old or search)."""
    prefix = f".{out_dir.name}.{kind}-"
    return sorted(path for path in out_dir.parent.iterdir() if path.name.startswith(prefix))


def remove_path(path: Path) -> None:
    """Remove a folder with everything in it, a file or a link; nothing if it does not exist."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif os.path.lexists(path):
        path.unlink()


def write_files(files: dict[str, Any], folder: Path, out_dir: Path, previous: Manifest,
                present: Manifest | None = None) -> Manifest:
    """Make folder hold exactly files (present says what it holds already, when it is not
    empty): linked from the output out_dir when it holds them unchanged (previous says what it
    holds), else written. Returns what folder holds."""
    return _write_all(files, folder, out_dir.resolve(), previous, present or {})


def _write_all(files: dict[str, Any], folder: Path, out_dir: Path, previous: Manifest,
               present: Manifest, groups: Sequence[Collection[str]] = (),
               placed: Callable[[int], None] | None = None) -> Manifest:
    """Make folder hold exactly files. present describes what folder holds already (a spare):
    a file it holds unchanged stays; one the previous output holds unchanged is linked from
    there; any other is written. Files of present that are not in files go. The files of groups
    are placed first, group after group, and placed(count) is told when count groups are.

    Paths are plain strings here: a large site has tens of thousands of files, and an edit's
    build goes through all of them."""
    root, old_root = os.fspath(folder), os.fspath(out_dir)
    real_dirs = _Folders(root)
    manifest: Manifest = {}
    for count, batch in enumerate(_in_groups(files, groups), start=1):
        for dest_path in batch:
            manifest[dest_path] = _place(root, old_root, dest_path, files[dest_path], present,
                                         previous, real_dirs)
        if count <= len(groups) and placed is not None:
            placed(count)
    for dest_path in present.keys() - files.keys():
        if not urls.is_output_path(dest_path):
            continue  # a record that names a place outside folder: never removed
        try:
            os.unlink(os.path.join(root, dest_path))
        except OSError:
            pass
    return manifest


def _place(root: str, old_root: str, dest_path: str, content: Any, present: Manifest,
           previous: Manifest, real_dirs: _Folders) -> tuple[str, int, int]:
    """Put one file into the folder root (_write_all): kept when present says root holds it
    unchanged, linked from old_root when previous says that holds it, else written. Its
    manifest entry."""
    # Every output path comes from checked slugs and file names; this keeps it so.
    if not _make_folders_inside(root, dest_path, real_dirs):
        raise ValueError(f"output path outside the output folder: {dest_path!r}")
    sha, data = _payload(content, dest_path)
    target = os.path.join(root, dest_path)
    known = present.get(dest_path)
    if _same(target, sha, known):
        return known  # type: ignore[return-value]  # _same: not None
    if os.path.lexists(target):
        os.unlink(target)  # a new file in its place: never written into, it may be linked
    before = previous.get(dest_path)
    if _same(os.path.join(old_root, dest_path), sha, before) and \
            _linked(old_root, root, dest_path):
        return before  # type: ignore[return-value]  # _same: not None
    if data is None:
        raise ValueError(f"no content for {dest_path}")  # a reused page's: see Findable
    stat = _write_file(target, data())
    return sha, stat.st_size, stat.st_mtime_ns


def _in_groups(files: dict[str, Any], groups: Sequence[Collection[str]]) -> list[list[str]]:
    """The paths of files in batches: those of each group (in files' order), then the others."""
    group_of: dict[str, int] = {}
    for number, group in enumerate(groups):
        for dest_path in group:
            group_of.setdefault(dest_path, number)
    batches: list[list[str]] = [[] for _ in range(len(groups) + 1)]
    for dest_path in files:
        batches[group_of.get(dest_path, len(groups))].append(dest_path)
    return batches


class _Folders:
    """The folders under root known to be real folders, never links: each found by one look
    at the folder that holds it (a large site has a folder for each page: a look at each, at
    every build, took longer than what an edit writes)."""

    def __init__(self, root: str) -> None:
        self.root = root
        self.real: set[str] = set()
        self._looked_into: set[str] = set()

    def known(self, folder: str) -> bool:
        """Whether folder (a relative path) is a real folder, as its parent's listing says."""
        if folder in self.real:
            return True
        parent = folder.rpartition("/")[0]
        if parent not in self._looked_into:
            self._looked_into.add(parent)
            try:
                with os.scandir(os.path.join(self.root, parent)) as listing:
                    for entry in listing:
                        if entry.is_dir(follow_symlinks=False):  # a link never is
                            self.real.add(f"{parent}/{entry.name}" if parent else entry.name)
            except OSError:
                pass  # looked at one by one (_make_folders_inside)
        return folder in self.real


def _make_folders_inside(root: str, dest_path: str, real_dirs: _Folders) -> bool:
    """Make the folders of dest_path under the folder root that are missing, and say whether
    writing dest_path writes inside root: a relative path without "..", whose folders are real
    folders, never links (the file itself may be a link: a file replaces it, never writes
    through it). real_dirs remembers the folders checked."""
    if not urls.is_output_path(dest_path):
        return False
    parts = dest_path.split("/")
    for end in range(1, len(parts)):
        prefix = "/".join(parts[:end])
        if not real_dirs.known(prefix):
            path = os.path.join(root, prefix)
            try:
                mode = os.lstat(path).st_mode  # one look: a link is never followed
            except FileNotFoundError:
                os.mkdir(path)
            else:
                if S_ISLNK(mode):
                    return False
                if not S_ISDIR(mode):
                    os.mkdir(path)  # a file in the way: mkdir says so (FileExistsError)
            real_dirs.real.add(prefix)
    return True


def _same(path: str, sha: str, known: tuple[str, int, int] | None) -> bool:
    """Whether path is the very file known describes, with the digest sha (a link never
    is)."""
    if known is None or known[0] != sha:
        return False
    try:
        stat = os.lstat(path)
    except OSError:
        return False
    return S_ISREG(stat.st_mode) and (stat.st_size, stat.st_mtime_ns) == (known[1], known[2])


def _write_file(path: str, data: bytes) -> os.stat_result:
    """Write a new file; its state once written."""
    with open(path, "xb") as file:
        file.write(data)
        file.flush()  # the state of the whole file, not of what left the buffer so far
        return os.fstat(file.fileno())


def _linked(old_root: str, root: str, dest_path: str) -> bool:
    try:
        os.link(os.path.join(old_root, dest_path), os.path.join(root, dest_path))
    except OSError:
        return False
    return True


def _payload(content: Any, dest_path: str) -> tuple[str, Callable[[], bytes] | None]:
    """The digest of a file's content, and how to get its bytes. content is text, bytes, or an
    object with the digest (sha) and either its bytes (raw(), for text kept compressed) or
    none (a file to take over from the previous output)."""
    if isinstance(content, (str, bytes)):
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        return digest(data), lambda: data
    if not hasattr(content, "sha"):
        raise TypeError(f"cannot write {type(content).__name__} to {dest_path}")
    return content.sha, getattr(content, "raw", None)


def _swap(staging: Path, out_dir: Path) -> None:
    """Put staging in out_dir's place; staging then holds the previous output, if any."""
    if not os.path.lexists(out_dir):
        os.rename(staging, out_dir)
    elif not exchange_paths(staging, out_dir):
        old = _sibling(out_dir, "old")
        os.rename(out_dir, old)  # killed here: out_dir is missing, clear_leftovers restores old
        os.rename(staging, out_dir)
        remove_path(old)


def _sibling(out_dir: Path, kind: str) -> Path:
    return out_dir.parent / f".{out_dir.name}.{kind}-{os.getpid()}"


SEARCH_WORK = "search"  # the kind of this build's search work folder (work_folder)


def work_folder(out_dir: Path, kind: str) -> Path:
    """A folder of this build's own beside out_dir, on its filesystem: `.NAME.KIND-PID`."""
    return _sibling(out_dir.resolve(), kind)


def process_gone(path: Path) -> bool:
    """Whether the process named at the end of path (`….staging-PID`) is no longer running."""
    pid_text = path.name.rsplit("-", 1)[-1]
    if os.name != "posix" or not pid_text.isdigit():
        return False  # unknown: leave it
    if int(pid_text) == os.getpid():
        return True  # an earlier process that had this build's number
    try:
        os.kill(int(pid_text), 0)  # signal 0 only asks whether the process exists
    except ProcessLookupError:
        return True
    except OSError:
        return False  # it exists but belongs to someone else
    return False


def _open_for_lock(folder: Path) -> int | None:
    if fcntl is None:
        return None
    try:
        return os.open(folder, os.O_RDONLY)
    except OSError:
        return None


def _load_renameat2() -> Any:
    """libc's renameat2 (glibc 2.28 and later), or None."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        function = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    except OSError:
        return None
    if function is not None:
        function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                             ctypes.c_uint]
        function.restype = ctypes.c_int
    return function


_RENAMEAT2 = _load_renameat2()
