"""sitegen.publish.output: a build is written to a staging folder, then swapped in whole, even after
killed builds, on a full disk and with two builds at once."""

from __future__ import annotations

import errno
import hashlib
import os
import sys
import threading
from pathlib import Path

import pytest

from sitegen.cache import digest
from sitegen.publish import output
from sitegen.publish.assets import collect_static, fingerprint
from sitegen.errors import ContentError, Report
from sitegen.publish.output import Spare, exchange_paths, folder_lock, publish


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith("."))


def test_publish_writes_text_and_bytes(tmp_path: Path) -> None:
    out = tmp_path / "out"
    publish({"index.html": "<p>é</p>", "fr/aide/index.html": "<p>Aide</p>",
             "images/x.bin": b"\x00\x01"}, out)
    assert tree(out) == {
        "fr/aide/index.html": b"<p>Aide</p>",
        "images/x.bin": b"\x00\x01",
        "index.html": "<p>é</p>".encode("utf-8"),
    }
    assert leftovers(tmp_path) == []


def test_site_static_files_override_bundled_ones_and_get_hashed_names(tmp_path: Path) -> None:
    bundled, own = tmp_path / "bundled", tmp_path / "own"
    for folder, text in ((bundled, "bundled"), (own, "own")):
        (folder / "css").mkdir(parents=True)
        (folder / "css/site.css").write_text(text, encoding="utf-8")
    (bundled / "logo.png").write_text("only bundled", encoding="utf-8")
    report = Report()
    static = collect_static([bundled, own, tmp_path / "missing"], report)
    assert report.errors == []
    assert static == {"static/css/site.css": b"own", "static/logo.png": b"only bundled"}
    files, names = fingerprint(static)
    digest = hashlib.sha256(b"own").hexdigest()[:10]
    assert files == {f"static/css/site.{digest}.css": b"own", "static/logo.png": b"only bundled"}
    assert names == {"/static/css/site.css": f"/static/css/site.{digest}.css",
                     "/static/logo.png": "/static/logo.png"}


def test_publish_replaces_the_previous_output_without_stale_files(tmp_path: Path) -> None:
    out = tmp_path / "out"
    publish({"index.html": "one", "en/old/index.html": "old page"}, out)
    (out / "stray.txt").write_text("left by hand", encoding="utf-8")
    publish({"index.html": "two"}, out)
    assert tree(out) == {"index.html": b"two"}
    assert leftovers(tmp_path) == []


def test_the_manifest_describes_every_file_as_it_is_on_disk(tmp_path: Path) -> None:
    out = tmp_path / "out"
    big = "x" * 100_000  # more than a write buffer
    files = {"index.html": "one", "en/big.html": big, "en/feed.xml": b"<feed/>"}
    first = publish(files, out)
    second = publish({**files, "index.html": "two"}, out, previous=first)  # some linked
    for manifest in (first, second):
        assert set(manifest) == set(files)
    for dest_path, (sha, size, mtime_ns) in second.items():
        stat = (out / dest_path).stat()
        assert (size, mtime_ns) == (stat.st_size, stat.st_mtime_ns)
        assert sha == digest((out / dest_path).read_bytes())
    assert second["en/big.html"][1] == 100_000


def test_publish_creates_missing_parent_folders(tmp_path: Path) -> None:
    out = tmp_path / "a" / "b" / "out"
    publish({"index.html": "x"}, out)
    assert tree(out) == {"index.html": b"x"}


def test_before_swap_runs_while_the_files_are_written_each_group_first(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """before_swap (the search index) runs in a thread of its own from the start: it can wait
    for each group of files in turn, which are written first, and has ended before the swap."""
    out = tmp_path / "out"
    files = {"a/index.html": "a", "b/index.html": "b", "c/index.html": "c",
             "feed.xml": "feed", "d/index.html": "d"}
    seen: list[tuple[int, list[str]]] = []
    index_ran = threading.Event()
    real_write = output._write_file

    def write(path: str, data: bytes) -> os.stat_result:
        if path.endswith("feed.xml"):  # not in a group: the index does not wait for it
            assert index_ran.wait(30), "the index did not start before the other files"
        return real_write(path, data)

    def index(staging: Path, staged: output.Staged) -> None:
        for number in (0, 1):
            staged.wait(number)
            seen.append((number, sorted(p.parent.name for p in staging.rglob("index.html"))))
        index_ran.set()
        (staging / "index-made").write_text("yes", encoding="utf-8")

    monkeypatch.setattr(output, "_write_file", write)
    publish(files, out, before_swap=index,
            groups=[["c/index.html", "a/index.html"], ["b/index.html"]])
    assert [number for number, _ in seen] == [0, 1]
    assert {"a", "c"} <= set(seen[0][1]) and "d" not in seen[1][1], seen
    assert "b" in seen[1][1]
    assert tree(out) == {**{path: text.encode() for path, text in files.items()},
                         "index-made": b"yes"}


def test_a_build_that_stops_stops_what_waits_for_its_files(tmp_path: Path) -> None:
    """When writing fails, the thread waiting for a group is told (StagingStopped), and the
    previous output stays."""
    out = tmp_path / "out"
    publish({"index.html": "good"}, out)
    told: list[str] = []

    def index(staging: Path, staged: output.Staged) -> None:
        staged.wait(0)
        try:
            staged.wait(1)
        except output.StagingStopped:
            told.append("stopped")
            raise

    # "en" is written as a file, so "en/index.html" cannot be: the write fails half-way.
    with pytest.raises(OSError):
        publish({"en": "a file", "en/index.html": "new en", "index.html": "new"}, out,
                before_swap=index, groups=[["en", "index.html"], ["en/index.html"]])
    assert told == ["stopped"]
    assert tree(out) == {"index.html": b"good"}
    assert leftovers(tmp_path) == []


def test_failed_write_leaves_previous_output_untouched_and_no_staging(tmp_path: Path) -> None:
    out = tmp_path / "out"
    publish({"index.html": "good", "en/index.html": "good en"}, out)
    before = tree(out)
    # "en" is written as a file, so "en/index.html" cannot be: the write fails half-way.
    with pytest.raises(OSError):
        publish({"index.html": "new", "en": "a file", "en/index.html": "new en"}, out)
    assert tree(out) == before
    assert leftovers(tmp_path) == []


def test_a_path_outside_the_output_is_refused(tmp_path: Path) -> None:
    for bad in ("../escape.html", "en/../../escape.html", "/tmp/escape.html"):
        with pytest.raises(ValueError, match="outside the output folder"):
            publish({"index.html": "x", bad: "y"}, tmp_path / "out")
    assert not (tmp_path / "escape.html").exists() and not (tmp_path / "out").exists()


def test_links_in_a_spare_are_never_written_through_or_kept(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    (outside / "en").mkdir(parents=True)
    (outside / "page.html").write_text("same", encoding="utf-8")
    stat = (outside / "page.html").stat()
    known = (digest(b"same"), stat.st_size, stat.st_mtime_ns)
    spare = tmp_path / "spare"
    spare.mkdir()
    (spare / "page.html").symlink_to(outside / "page.html")  # looks like the file it should be
    manifest = {"page.html": known}
    publish({"page.html": "same"}, tmp_path / "out", spare=Spare(spare, manifest))
    assert not (tmp_path / "out/page.html").is_symlink()
    assert (tmp_path / "out/page.html").read_text(encoding="utf-8") == "same"
    spare.mkdir()  # a link at the top that the manifest does not name is removed
    (spare / "en").symlink_to(outside / "en", target_is_directory=True)
    publish({"en/index.html": "new"}, tmp_path / "out", spare=Spare(spare, manifest))
    assert (tmp_path / "out/en").is_dir() and not (tmp_path / "out/en").is_symlink()
    assert list((outside / "en").iterdir()) == []
    spare.mkdir()  # deeper, among real folders: each folder's listing says which are links
    for name in ("a", "b", "c"):
        (spare / "en" / name).mkdir(parents=True)
    (spare / "en/programs").symlink_to(outside / "en", target_is_directory=True)
    with pytest.raises(ValueError, match="outside the output folder"):
        publish({"en/a/index.html": "a", "en/programs/x/index.html": "new"}, tmp_path / "out",
                spare=Spare(spare, {"en/a/index.html": known}))
    assert list((outside / "en").iterdir()) == []


def test_the_top_of_a_spare_holds_only_what_its_manifest_names(tmp_path: Path) -> None:
    """A file put beside the pages by hand, or a folder that this build does not make (an
    earlier build's search index), is not published again with the spare; a folder that a step
    of its own tidies up (tended) stays."""
    out, spare_folder = tmp_path / "out", tmp_path / "cache/spare"
    first = publish({"index.html": "one", "en/a/index.html": "a"}, out)
    for extra in ("by-hand.html", "pagefind/index.js", "search/x.js"):
        (out / extra).parent.mkdir(parents=True, exist_ok=True)
        (out / extra).write_text("not made by the build", encoding="utf-8")
    (out / "link").symlink_to(tmp_path / "elsewhere")
    spare = Spare(spare_folder)
    second = publish({"index.html": "two", "en/a/index.html": "a"}, out, previous=first,
                     spare=spare)
    assert spare.path == spare_folder and (spare_folder / "by-hand.html").is_file()
    spare.manifest = first
    publish({"index.html": "three", "en/a/index.html": "a"}, out, previous=second, spare=spare,
            tended=("pagefind",))
    assert tree(out) == {"index.html": b"three", "en/a/index.html": b"a",
                         "pagefind/index.js": b"not made by the build"}
    assert not (out / "link").is_symlink()


def test_the_replaced_output_is_kept_as_the_spare_only_when_its_files_are_known(
        tmp_path: Path) -> None:
    out, spare_folder = tmp_path / "out", tmp_path / "cache/spare"
    publish({"index.html": "one"}, out)
    spare = Spare(spare_folder)
    second = publish({"index.html": "two"}, out, spare=spare)  # what out held is not known
    assert spare.path == Path() and not spare_folder.exists() and leftovers(tmp_path) == []
    spare = Spare(spare_folder)
    publish({"index.html": "three"}, out, previous=second, spare=spare)
    assert spare.path == spare_folder and tree(spare_folder) == {"index.html": b"two"}
    assert tree(out) == {"index.html": b"three"}


def test_failed_first_build_leaves_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with pytest.raises(TypeError):
        publish({"index.html": 42}, out)  # type: ignore[dict-item]
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_leftover_staging_folder_from_a_crash_is_cleared(tmp_path: Path) -> None:
    stale = tmp_path / f".out.staging-{os.getpid()}"
    (stale / "en").mkdir(parents=True)
    (stale / "en/stale.html").write_text("stale", encoding="utf-8")
    out = tmp_path / "out"
    publish({"index.html": "fresh"}, out)
    assert tree(out) == {"index.html": b"fresh"}
    assert leftovers(tmp_path) == []


def test_exchange_swaps_two_folders_in_one_step_on_linux(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    for folder in (first, second):
        folder.mkdir()
        (folder / "name.txt").write_text(folder.name, encoding="utf-8")
    swapped = exchange_paths(first, second)
    assert swapped == sys.platform.startswith("linux")  # glibc and Linux filesystems have it
    if swapped:
        assert (first / "name.txt").read_text(encoding="utf-8") == "second"
        assert (second / "name.txt").read_text(encoding="utf-8") == "first"


def test_publish_uses_the_exchange_when_the_output_exists(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    publish({"index.html": "one"}, out)
    renames: list[str] = []
    real_rename = os.rename
    monkeypatch.setattr(os, "rename", lambda a, b: renames.append(str(b)) or real_rename(a, b))
    publish({"index.html": "two"}, out)
    assert tree(out) == {"index.html": b"two"}
    if sys.platform.startswith("linux"):
        assert renames == []  # one renameat2 call, no rename: output/ never missing
    assert leftovers(tmp_path) == []


def test_without_the_exchange_two_renames_replace_the_output(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(output, "_RENAMEAT2", None)
    out = tmp_path / "out"
    publish({"index.html": "one", "en/index.html": "en"}, out)
    publish({"index.html": "two"}, out)
    assert tree(out) == {"index.html": b"two"}
    assert leftovers(tmp_path) == []


def test_output_moved_away_by_a_killed_swap_is_put_back_first(tmp_path: Path) -> None:
    out = tmp_path / "out"
    moved = tmp_path / ".out.old-4194305"  # a process number Linux never gives
    (moved / "en").mkdir(parents=True)
    (moved / "en/index.html").write_text("previous", encoding="utf-8")
    (tmp_path / ".out.staging-4194305").mkdir()
    with pytest.raises(OSError):  # this build then fails: the previous site must be back
        publish({"en": "a file", "en/index.html": "new"}, out)
    assert tree(out) == {"en/index.html": b"previous"}
    assert leftovers(tmp_path) == []


def test_leftovers_of_killed_builds_are_removed_but_not_other_folders(tmp_path: Path) -> None:
    for name in (".out.staging-123", ".out.old-456", ".other.staging-789", "out"):
        (tmp_path / name).mkdir()
    publish({"index.html": "fresh"}, tmp_path / "out")
    assert leftovers(tmp_path) == [".other.staging-789"]


def test_without_locks_only_folders_of_finished_builds_are_removed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(output, "_open_for_lock", lambda folder: None)
    running = f".out.staging-{os.getppid()}"  # pytest's parent process is running
    for name in (running, ".out.staging-4194305", ".out.old-4194305"):
        (tmp_path / name).mkdir()
    publish({"index.html": "fresh"}, tmp_path / "out")
    assert leftovers(tmp_path) == [running]


def test_search_work_stays_while_its_build_runs(tmp_path: Path) -> None:
    """A build indexes its search parts beside the output before it takes the lock: another
    build removes that folder only once the process that made it has ended."""
    running = f".out.search-{os.getppid()}"  # pytest's parent process is running
    own = output.work_folder(tmp_path / "out", output.SEARCH_WORK)
    for folder in (tmp_path / running, tmp_path / ".out.search-4194305", own):
        folder.mkdir()
    publish({"index.html": "fresh"}, tmp_path / "out")
    assert leftovers(tmp_path) == sorted([running, own.name])


@pytest.mark.parametrize(("code", "message"), [
    (errno.ENOSPC, "The disk is full"), (errno.EDQUOT, "Your disk quota is used up")])
def test_a_full_disk_is_reported_in_plain_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                code: int, message: str) -> None:
    out = tmp_path / "out"
    publish({"index.html": "good", "en/index.html": "good en"}, out)
    before = tree(out)
    real_write = output._write_file

    def write_file(path: str, data: bytes) -> os.stat_result:
        if Path(path).parent.name == "en":
            raise OSError(code, os.strerror(code))
        return real_write(path, data)

    monkeypatch.setattr(output, "_write_file", write_file)
    with pytest.raises(ContentError) as caught:
        publish({"index.html": "new", "en/index.html": "new en"}, out)
    assert str(caught.value) == (f"{message}: {out} was not changed. Free some space and build "
                                 "again.")
    assert tree(out) == before
    assert leftovers(tmp_path) == []


def test_a_second_build_of_the_same_folder_waits_for_the_first(tmp_path: Path) -> None:
    out = tmp_path / "out"
    publish({"index.html": "one"}, out)
    second = threading.Thread(target=publish, args=({"index.html": "two"}, out))
    with folder_lock(tmp_path) as locked:  # as a first build does while it writes and swaps
        second.start()
        second.join(timeout=0.2)
        if locked:
            assert second.is_alive() and tree(out) == {"index.html": b"one"}
    second.join()
    assert tree(out) == {"index.html": b"two"}
    assert leftovers(tmp_path) == []
