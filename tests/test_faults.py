"""Faults: a build or a deploy killed at any moment, or stopped by a full disk, leaves the previous
site or the complete new one, never a missing, half-written or mixed one.

Builds and deploys run as real subprocesses on real files. Kill moments are random (fixed seeds)
and nothing asserts how long anything takes. Faults that cannot be produced for real everywhere
are injected into the child process by LAUNCHER, which runs build.py after reading FAULT_*
environment variables: a disk with little free space (where mounting a small tmpfs is not
allowed, as in CI containers), no one-step exchange (the swap of other systems), a kill between
the two renames of that swap.
"""

from __future__ import annotations

import ctypes
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from sitegen.publish.deploy import deploy, describe
from sitegen.publish.output import leftovers
from tests.helpers import ROOT, TINY, TINY_NOW, copy_site, run_cli

LAUNCHER = r'''
import builtins, errno, io, os, runpy, shutil, signal, sys

def limit_disk(folder, free):
    """Writing into files under folder fails with ENOSPC once `free` bytes are written."""
    folder, left, real_open = os.path.realpath(folder) + os.sep, [free], io.open

    class Limited:
        def __init__(self, file):
            self._file = file
        def write(self, data):
            left[0] -= len(data)
            if left[0] < 0:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            return self._file.write(data)
        def __getattr__(self, name):
            return getattr(self._file, name)
        def __enter__(self):
            return self
        def __exit__(self, *exc):
            self._file.close()

    def limited_open(file, mode="r", *args, **kwargs):
        opened = real_open(file, mode, *args, **kwargs)
        if (isinstance(file, (str, bytes, os.PathLike)) and set(mode) & set("wax+")
                and os.path.realpath(os.fsdecode(file)).startswith(folder)):
            return Limited(opened)
        return opened

    builtins.open = io.open = limited_open
    shutil._USE_CP_SENDFILE = False  # copies go through write(), not os.sendfile

def kill_between_renames(out):
    """SIGKILL this process just before the staging folder is renamed to out."""
    real_rename, out = os.rename, os.path.realpath(out)
    def rename(source, destination, *args, **kwargs):
        if os.fspath(destination) == out and ".staging-" in os.fspath(source):
            os.kill(os.getpid(), signal.SIGKILL)
        return real_rename(source, destination, *args, **kwargs)
    os.rename = rename

if os.environ.get("FAULT_FULL_DIR"):
    limit_disk(os.environ["FAULT_FULL_DIR"], int(os.environ["FAULT_FREE_BYTES"]))
if os.environ.get("FAULT_NO_EXCHANGE") or os.environ.get("FAULT_KILL_BETWEEN_RENAMES"):
    import sitegen.publish.output
    sitegen.publish.output._RENAMEAT2 = None
if os.environ.get("FAULT_KILL_BETWEEN_RENAMES"):
    kill_between_renames(os.environ["FAULT_KILL_BETWEEN_RENAMES"])
sys.argv = sys.argv[1:]
runpy.run_path(sys.argv[0], run_name="__main__")
'''
DEPLOY_ONLY = ("import sys; from pathlib import Path; from sitegen.publish.deploy import deploy; "
               "deploy(Path(sys.argv[1]), Path(sys.argv[2]))")
WALKING_AR = "---\ntitle: نادي المشي\nsummary: مشي صباحي.\n---\n\nنص.\n"
FREE = 64 * 1024  # free space left on a "full" disk: less than any new build needs
KILL_RUNS = 16


@dataclass
class Sites:
    """Two versions of a site that builds without warnings, each built once for reference."""

    old: Path
    new: Path
    old_out: Path
    new_out: Path
    old_tree: dict[str, bytes]
    new_tree: dict[str, bytes]
    # How long a build takes here, and its last part, from the first staged file to its end:
    # they scale the kill moments and are never asserted.
    seconds: float
    publish_seconds: float

    def which(self, folder: Path) -> str:
        """"old" or "new" when folder holds exactly that build, else what is wrong with it."""
        if not folder.exists():
            return "missing"
        found = tree(folder)
        if found in (self.old_tree, self.new_tree):
            return "old" if found == self.old_tree else "new"
        return f"neither: {sorted(set(found) ^ set(self.new_tree))[:5]} differ from the new"


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Sites:
    base = tmp_path_factory.mktemp("sites")
    old = copy_site(TINY, base / "old")
    (old / "content/programs/walking.ar.md").write_text(WALKING_AR, encoding="utf-8")
    new = copy_site(old, base / "new")
    config = new / "site_config.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "Tiny Town Programs", "Tiny Town Programs 2026"), encoding="utf-8")  # on every page
    for lang in ("en", "fr", "ar"):
        (new / f"content/pages/hours.{lang}.md").write_text(
            f"---\ntitle: Hours {lang}\nsummary: When we are open.\n---\n\nWeekdays.\n",
            encoding="utf-8")
    result = run_cli(*build_args(old, base / "old-out"), "--strict")
    assert result.returncode == 0, result.stderr
    started = time.monotonic()
    child = launch([*build_args(new, base / "new-out"), "--strict"], {})
    wait_for(base / f".new-out.staging-{child.pid}", child)
    staged = time.monotonic()
    assert child.wait() == 0
    ended = time.monotonic()
    return Sites(old, new, base / "old-out", base / "new-out", tree(base / "old-out"),
                 tree(base / "new-out"), ended - started, ended - staged)


# -- A build killed at any moment -------------------------------------------------------------

@pytest.mark.parametrize("swap", ["exchange", "two renames"])
def test_a_killed_build_leaves_the_old_or_the_new_site(sites: Sites, tmp_path: Path,
                                                       swap: str) -> None:
    out = tmp_path / "out"
    env = {"FAULT_NO_EXCHANGE": "1"} if swap == "two renames" else {}
    chance = random.Random(f"build {swap}")
    for run in range(KILL_RUNS if swap == "exchange" else KILL_RUNS // 2):
        put_back(sites.old_out, out)
        child = launch(build_args(sites.new, out), env)
        if run % 2:  # a moment while the new site is written and swapped in
            wait_for(out.parent / f".out.staging-{child.pid}", child)
            time.sleep(chance.uniform(0, sites.publish_seconds))
        else:  # any moment of the build
            time.sleep(chance.uniform(0, sites.seconds * 1.2))
        child.send_signal(signal.SIGKILL)
        child.wait()
        found = sites.which(out)
        if swap == "two renames" and found == "missing":
            # Killed between the two renames: the previous site waits, complete, beside out/
            # and the next build puts it back (see the next test).
            assert [sites.which(old) for old in leftovers(out, "old")] == ["old"]
        else:
            assert found in ("old", "new"), f"run {run}: {found}"
    finished = run_cli(*build_args(sites.new, out))
    assert finished.returncode == 0, finished.stderr
    assert sites.which(out) == "new"
    assert names_beside(out) == []


def test_a_build_killed_between_two_renames_gets_the_previous_site_back(sites: Sites,
                                                                       tmp_path: Path) -> None:
    out = tmp_path / "disk" / "out"
    put_back(sites.old_out, out)
    killed = launch(build_args(sites.new, out), {"FAULT_KILL_BETWEEN_RENAMES": str(out)})
    assert killed.wait() == -signal.SIGKILL
    assert not out.exists()
    assert [sites.which(old) for old in leftovers(out, "old")] == ["old"]
    # The next build puts the previous site back before anything else: even one that then
    # fails, here on a full disk, leaves it in place.
    failed = launch(build_args(sites.new, out), injected_full_disk(out.parent), capture=True)
    assert failed.wait() == 1
    assert sites.which(out) == "old"
    assert names_beside(out) == []


# -- A full disk ------------------------------------------------------------------------------

def test_a_full_disk_stops_the_build_with_a_plain_message(sites: Sites, disk: Disk) -> None:
    out = disk.path / "out"
    first = run_cli(*build_args(sites.old, out))
    assert first.returncode == 0, first.stderr
    child = launch(build_args(sites.new, out), disk.fill(), capture=True)
    _stdout, stderr = child.communicate()
    assert child.returncode == 1, stderr
    assert stderr.endswith(
        f"error: The disk is full: {out} was not changed. Free some space and build again.\n"
        f"\nBuild failed with 1 error; {out} was left unchanged.\n")
    assert sites.which(out) == "old"
    assert names_beside(out) == []


def test_a_full_disk_stops_the_deploy_with_a_plain_message(sites: Sites, disk: Disk,
                                                           tmp_path: Path) -> None:
    www = disk.path / "www"
    first = run_cli("deploy", *build_args(sites.old, tmp_path / "old-out"), "--to", str(www))
    assert first.returncode == 0, first.stderr
    live = www.resolve()
    child = launch(["deploy", *build_args(sites.new, tmp_path / "new-out"), "--to", str(www)],
                   disk.fill(), capture=True)
    _stdout, stderr = child.communicate()
    assert child.returncode == 1, stderr
    assert stderr == (f"error: The disk is full: {www} was not changed. Free some space and "
                      "deploy again.\n")
    assert www.resolve() == live and sites.which(www) == "old"
    assert hidden(www.with_name("www.versions")) == []


# -- Deploy: versions switched by one rename --------------------------------------------------

def test_deploy_switches_a_link_and_keeps_the_last_three_versions(sites: Sites,
                                                                  tmp_path: Path) -> None:
    www = tmp_path / "www"
    versions = tmp_path / "www.versions"
    made = []
    for built in (sites.old_out, sites.new_out, sites.old_out, sites.new_out):
        result = deploy(built, www)
        made.append(result.version)
        assert www.is_symlink() and os.readlink(www) == f"www.versions/{result.version}"
        assert sites.which(www) == ("old" if built == sites.old_out else "new")
    assert made == sorted(made) and len(set(made)) == 4
    assert result.pruned == made[:1] and result.kept == made[1:]
    assert sorted(p.name for p in versions.iterdir()) == made[1:]
    # Files that did not change are shared with the previous version, not copied.
    assert result.unchanged > 0 and len(result.copied) > 10
    assert "en/hours/index.html" in result.copied
    same = next(name for name, data in sites.old_tree.items() if sites.new_tree.get(name) == data)
    assert (versions / made[2] / same).stat().st_ino == (versions / made[3] / same).stat().st_ino
    assert describe(result)[-1] == (f"Deleted older versions (the last 3 are kept): {made[0]}.")


@pytest.mark.parametrize("swap", ["exchange", "two renames"])
def test_first_deploy_keeps_a_plain_folder_as_the_earliest_version(
        sites: Sites, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, swap: str) -> None:
    if swap == "two renames":
        monkeypatch.setattr("sitegen.publish.output._RENAMEAT2", None)
    www = tmp_path / "www"
    (www / "en").mkdir(parents=True)
    (www / "en/index.html").write_text("served by hand", encoding="utf-8")
    result = deploy(sites.new_out, www)
    assert result.migrated is not None and result.migrated.endswith("-original")
    assert result.migrated < result.version
    kept = tmp_path / "www.versions" / result.migrated
    assert tree(kept) == {"en/index.html": b"served by hand"}
    assert www.is_symlink() and sites.which(www) == "new"
    assert result.removed == [] and result.unchanged == 0
    assert describe(result)[0] == (
        f"{www} was a plain folder: it is kept as version {result.migrated} in "
        f"{tmp_path / 'www.versions'}, and {www} is now a link to the version in use.")
    assert names_beside(www) == []


def test_a_new_version_sorts_last_and_other_folders_are_left_alone(sites: Sites,
                                                                   tmp_path: Path) -> None:
    versions = tmp_path / "www.versions"
    for name in ("20990101T000000Z", "backup"):  # a clock that went back; someone's folder
        (versions / name).mkdir(parents=True)
    first = deploy(sites.old_out, tmp_path / "www", keep=1)
    assert first.version == "20990101T000000Z-02" and first.pruned == ["20990101T000000Z"]
    second = deploy(sites.new_out, tmp_path / "www", keep=1)
    assert second.version == "20990101T000000Z-03" and second.kept == [second.version]
    assert (versions / "backup").is_dir()


def test_next_deploy_finishes_what_a_killed_one_left(sites: Sites, tmp_path: Path) -> None:
    www, versions = tmp_path / "www", tmp_path / "www.versions"
    deploy(sites.old_out, www)
    (versions / ".incoming-4194305/en").mkdir(parents=True)  # a process number never used
    (versions / ".incoming-4194305/en/index.html").write_text("half", encoding="utf-8")
    (versions / ".pruned-20200101T000000Z-4194305").mkdir()
    os.symlink("www.versions/nowhere", tmp_path / ".www.switch-4194305")
    (tmp_path / ".www.switch-4194306").mkdir()  # a plain folder swapped out by a first deploy
    result = deploy(sites.new_out, www)
    assert result.cleared == [".incoming-4194305"]
    assert result.migrated is not None and (versions / result.migrated).is_dir()
    assert hidden(versions) == [] and names_beside(www) == []
    assert describe(result)[0] == "Removed 1 unfinished version left by an interrupted deploy."


def test_a_killed_deploy_leaves_the_link_on_a_complete_version(sites: Sites,
                                                               tmp_path: Path) -> None:
    www, versions = tmp_path / "www", tmp_path / "www.versions"
    deploy(sites.old_out, www)
    chance = random.Random("deploy")
    for run in range(KILL_RUNS):
        built = sites.new_out if sites.which(www) == "old" else sites.old_out
        child = subprocess.Popen([sys.executable, "-c", DEPLOY_ONLY, str(built), str(www)],
                                 cwd=ROOT)
        if run % 3:  # while the new version is being filled, or just after
            wait_for(versions / f".incoming-{child.pid}", child)
            time.sleep(chance.uniform(0, 0.03))
        else:  # any moment
            time.sleep(chance.uniform(0, 0.5))
        child.send_signal(signal.SIGKILL)
        child.wait()
        assert www.is_symlink(), f"run {run}"
        assert sites.which(www) in ("old", "new"), f"run {run}: {sites.which(www)}"
    result = deploy(sites.new_out, www)
    assert sites.which(www) == "new" and len(result.kept) <= 3
    assert hidden(versions) == [] and names_beside(www) == []


def test_a_reader_never_sees_a_mix_of_old_and_new_pages(sites: Sites, tmp_path: Path) -> None:
    www = tmp_path / "www"
    deploy(sites.old_out, www)
    changed = sorted(name for name, data in sites.old_tree.items()
                     if sites.new_tree.get(name, data) != data)
    added = sorted(set(sites.new_tree) - set(sites.old_tree))
    assert len(changed) > 10 and added
    seen: list[str] = []
    done = threading.Event()

    def read_once() -> str:
        """Resolve the link once, as a web server does for a request, then read every page."""
        root = Path(os.path.realpath(www))
        labels = set()
        for name in changed:
            data = (root / name).read_bytes()
            labels.add("old" if data == sites.old_tree[name] else
                       "new" if data == sites.new_tree[name] else "torn")
        present = {(root / name).exists() for name in added}
        labels.add("new" if present == {True} else "old" if present == {False} else "torn")
        return labels.pop() if len(labels) == 1 else f"mix of {sorted(labels)}"

    def read_in_a_loop() -> None:
        while not done.is_set():
            seen.append(read_once())

    seen.append(read_once())
    reader = threading.Thread(target=read_in_a_loop)
    reader.start()
    try:
        result = run_cli("deploy", *build_args(sites.new, tmp_path / "out"), "--to", str(www))
    finally:
        done.set()
        reader.join()
    assert result.returncode == 0, result.stderr
    seen.append(read_once())
    switches = [later for earlier, later in zip(seen, seen[1:]) if earlier != later]
    assert seen[0] == "old" and seen[-1] == "new" and switches == ["new"], sorted(set(seen))


# -- Helpers ----------------------------------------------------------------------------------

@dataclass
class Disk:
    """A folder on a nearly full disk: a small tmpfs where this machine lets root mount one,
    else a plain folder where the launched child's writes fail once FREE bytes are written."""

    path: Path
    mounted: bool

    def fill(self) -> dict[str, str]:
        """Fill the disk, leaving FREE bytes; returns the environment for the child."""
        if not self.mounted:
            return injected_full_disk(self.path)
        stats = os.statvfs(self.path)
        filler = stats.f_bavail * stats.f_frsize - FREE
        with open(self.path / "filler", "wb") as file:
            while filler > 0:
                filler -= file.write(bytes(min(filler, 1 << 20)))
        return {}


@pytest.fixture(params=["tmpfs", "injected"])
def disk(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Disk]:
    path = tmp_path / "disk"
    path.mkdir()
    mounted = request.param == "tmpfs" and _mount_tmpfs(path, 4 << 20)
    try:
        yield Disk(path, mounted)
    finally:
        if mounted:
            ctypes.CDLL(None, use_errno=True).umount2(os.fsencode(path), 2)  # MNT_DETACH


def _mount_tmpfs(path: Path, size: int) -> bool:
    """Mount a tmpfs of size bytes on path; False where this is not allowed (not root, or a
    container without the right to mount, as in CI): the test then injects the full disk."""
    if not sys.platform.startswith("linux") or os.geteuid() != 0:
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    return libc.mount(b"tmpfs", os.fsencode(path), b"tmpfs", 0, f"size={size}".encode()) == 0


def injected_full_disk(folder: Path) -> dict[str, str]:
    return {"FAULT_FULL_DIR": str(folder), "FAULT_FREE_BYTES": str(FREE)}


def build_args(site: Path, out: Path) -> list[str]:
    return ["--site", str(site), "--output", str(out), "--now", TINY_NOW, "--no-search",
            "--quiet"]


def launch(args: list[str], env: dict[str, str], capture: bool = False,
           ) -> subprocess.Popen[str]:
    """Start `python build.py ARGS` through LAUNCHER, with the FAULT_* variables in env."""
    output = subprocess.PIPE if capture else subprocess.DEVNULL
    return subprocess.Popen([sys.executable, "-c", LAUNCHER, str(ROOT / "build.py"), *args],
                            cwd=ROOT, env={**os.environ, **env}, stdout=output, stderr=output,
                            text=True)


def wait_for(path: Path, child: subprocess.Popen[str]) -> None:
    """Return once path exists or child has ended."""
    while child.poll() is None and not os.path.lexists(path):
        time.sleep(0.0005)


def put_back(built: Path, out: Path) -> None:
    """Make out a copy of built, as if built had just been built into it."""
    if os.path.lexists(out):
        shutil.rmtree(out)
    shutil.copytree(built, out)


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def names_beside(target: Path) -> list[str]:
    """Leftovers of builds or deploys beside target: `.NAME.…` entries."""
    return sorted(p.name for p in target.parent.iterdir() if p.name.startswith(f".{target.name}."))


def hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))
