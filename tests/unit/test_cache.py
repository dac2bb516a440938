"""sitegen.cache and sitegen.parallel: values come back as they went in, a damaged or foreign
cache is never used, and work spread over processes comes back in order."""

from __future__ import annotations

import datetime as dt
import os
import time
import subprocess
from pathlib import Path

import pytest

from sitegen import cache as cache_module
from sitegen.cache import BuildCache, decoded_with_text, encoded_with_text, open_cache
from sitegen.parallel import CHUNK_ITEMS, iter_in_order, map_in_order


def test_values_round_trip_as_json(tmp_path: Path) -> None:
    cache = BuildCache(tmp_path / ".cache")
    value = {"day": dt.date(2026, 3, 14), "moment": dt.datetime(2026, 3, 14, 18, 30),
             "items": [1, "two", None], "nested": {"a": [dt.date(2026, 1, 1)]}}
    cache.put("space", "key", value)
    cache.close()
    again = BuildCache(tmp_path / ".cache")
    assert again.get("space", "key") == value
    assert again.get("space", "other") is None
    assert again.get("other space", "key") is None


def test_small_and_large_values_round_trip_and_damaged_ones_are_misses(tmp_path: Path) -> None:
    cache = BuildCache(tmp_path / ".cache")
    small, large = {"text": "x" * 10}, {"text": "long text " * 5000}
    cache.put_many("space", {"small": small, "large": large, "number": 7})
    stored = cache.get_blobs("space", ["small", "large"])
    assert len(stored["large"]) < 5000 < len(str(large))  # compressed
    assert stored["small"].startswith(b"{")  # as it is
    assert cache.get_many("space", ["small", "large", "number"]) == {
        "small": small, "large": large, "number": 7}
    cache.put_blobs("space", {"small": stored["small"][:-3], "large": stored["large"][:-9]})
    assert cache.get_many("space", ["small", "large", "number"]) == {"number": 7}


def test_a_value_with_a_text_beside_it_round_trips_and_damage_is_a_miss() -> None:
    value = {"day": dt.date(2026, 3, 14), "quote": 'a "b" \\ c', "nul": "x\x00y"}
    for text in ("", "line\n\"quoted\" \\ تجربة\n", "long text\n" * 5000):
        stored = encoded_with_text(value, text)
        assert decoded_with_text(stored) == (value, text)
    assert len(encoded_with_text(value, "long text\n" * 5000)) < 5000  # compressed
    stored = encoded_with_text(value, "text")
    for damaged in (stored[:5], stored.replace(b"\x00", b""), b"x" + stored, b""):
        assert decoded_with_text(damaged) is None


def test_a_closed_cache_can_still_be_read_and_is_never_written(tmp_path: Path) -> None:
    """What a build leaves for later (a body's HTML, which `check` reads after the build) is
    still there once the build has closed the cache; nothing is written any more."""
    folder = tmp_path / "a folder with spaces & a #"
    cache = BuildCache(folder)
    cache.put_blobs("html", {"page": b"<p>kept</p>"})
    cache.close()
    assert cache.get_blobs("html", ["page", "other"]) == {"page": b"<p>kept</p>"}
    cache.put_blobs("html", {"later": b"<p>not kept</p>"})
    assert BuildCache(folder).get_blobs("html", ["later", "page"]) == {"page": b"<p>kept</p>"}
    assert BuildCache(None).get_blobs("html", ["page"]) == {}


def test_a_damaged_database_is_replaced(tmp_path: Path) -> None:
    folder = tmp_path / ".cache"
    folder.mkdir()
    (folder / "build.sqlite").write_bytes(b"garbage" * 1000)
    cache = BuildCache(folder)
    assert cache.folder == folder
    cache.put("space", "key", "value")
    assert cache.get("space", "key") == "value"


def test_objects_are_never_unpickled(tmp_path: Path) -> None:
    cache = BuildCache(tmp_path / ".cache")
    try:
        cache.put("space", "key", object())
    except TypeError:
        pass
    assert cache.get("space", "key") is None


def _earlier_build(folder: Path) -> None:
    """A build that used three entries, and records of two output folders."""
    cache = BuildCache(folder)
    cache.put_many("pages", {"kept": 1, "unused": 2, "kept unread": 3})
    cache.put_many("outputs", {"/site/output": {}, "/tmp/preview": {}})
    cache.put_many(cache_module.CHECK_RESULTS + "browser", {"page": []})  # a check's
    assert not cache.tidy_up(whole=["outputs"])  # the first build only measures
    cache.close()


def _next_build(folder: Path, new_entries: int) -> BuildCache:
    """A build that reads one entry, keeps another unread and adds new_entries entries of
    4 KiB (incompressible), each in a page of its own."""
    cache = BuildCache(folder)
    assert cache.get("pages", "kept") == 1
    cache.keep("pages", ["kept unread"])
    cache.put_blobs("html", {f"page {n}": os.urandom(4096) for n in range(new_entries)})
    return cache


def test_a_grown_cache_forgets_what_the_last_build_did_not_use(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache_module, "GROWTH_ALLOWED", 0)
    _earlier_build(tmp_path / ".cache")
    cache = _next_build(tmp_path / ".cache", new_entries=40)
    assert cache.tidy_up(whole=["outputs"])
    cache.close()
    again = BuildCache(tmp_path / ".cache")
    assert again.get_many("pages", ["kept", "unused", "kept unread"]) == {
        "kept": 1, "kept unread": 3}
    assert len(again.get_blobs("html", [f"page {n}" for n in range(40)])) == 40
    assert set(again.get_many("outputs", ["/site/output", "/tmp/preview"])) == {
        "/site/output", "/tmp/preview"}  # namespaces kept whole
    assert again.get(cache_module.CHECK_RESULTS + "browser", "page") == []
    # the next tidy-up waits until the cache has doubled again: this build used nothing
    assert not again.tidy_up(whole=["outputs"])
    assert again.get_blobs("html", ["page 0"])


def test_a_cache_that_has_not_grown_much_keeps_everything(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache_module, "GROWTH_ALLOWED", 1024 * 1024)
    _earlier_build(tmp_path / ".cache")
    cache = _next_build(tmp_path / ".cache", new_entries=40)  # 160 KiB more
    assert not cache.tidy_up(whole=["outputs"])
    cache.close()
    assert BuildCache(tmp_path / ".cache").get("pages", "unused") == 2


def test_another_generator_version_measures_its_cache_afresh(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache_module, "GROWTH_ALLOWED", 0)
    _earlier_build(tmp_path / ".cache")
    monkeypatch.setattr(cache_module, "generator_version", lambda: "another version")
    cache = BuildCache(tmp_path / ".cache")
    assert cache.get("pages", "kept") is None  # emptied
    cache.put_blobs("html", {f"page {n}": os.urandom(4096) for n in range(40)})
    assert not cache.tidy_up()  # its first build only measures


def test_a_cache_that_git_tracks_is_not_used(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / ".cache").mkdir(parents=True)
    (site / ".cache" / "build.sqlite").write_bytes(b"")
    assert open_cache(site).folder == site / ".cache"
    subprocess.run(["git", "init", "-q", str(site)], check=True)
    subprocess.run(["git", "-C", str(site), "add", "-f", ".cache/build.sqlite"], check=True)
    assert open_cache(site).folder is None  # someone else's commit: never trusted


def _square(number: int) -> int:
    return number * number


def test_work_spread_over_processes_comes_back_in_order() -> None:
    numbers = list(range(500))
    assert map_in_order(_square, numbers, jobs=2) == [n * n for n in numbers]
    assert map_in_order(_square, numbers[:3], jobs=2) == [0, 1, 4]


def _process(number: int) -> int:
    time.sleep(0.002)  # long enough that each worker is up before the other has done it all
    return os.getpid()


def test_chunks_of_work_go_to_each_worker() -> None:
    processes = map_in_order(_process, list(range(500)), jobs=2)
    assert len(set(processes)) == 2 and os.getpid() not in processes
    # the items of one chunk run together, in one process
    assert all(processes[i] == processes[i - 1] for i in range(1, 500) if i % CHUNK_ITEMS)


class _Unsendable:
    """An item that cannot be pickled (a page, which holds the whole site, would be costly)."""

    def __init__(self, number: int) -> None:
        self.number = number

    def __reduce__(self) -> tuple[object, ...]:
        raise AssertionError("an item was sent to a worker")


def _number_of(item: _Unsendable) -> int:
    return item.number * 2


def test_workers_take_their_items_from_the_forked_memory_not_from_a_pipe() -> None:
    items = [_Unsendable(n) for n in range(300)]
    assert map_in_order(_number_of, items, jobs=2) == [n * 2 for n in range(300)]


def _waits_for_flag(task: tuple[Path, int]) -> bool:
    flag, number = task
    if number < 499:
        return True
    for _ in range(300):  # the last item waits (up to 3 s) until the first result is used
        if flag.exists():
            return True
        time.sleep(0.01)
    return False


def test_results_come_one_chunk_at_a_time(tmp_path: Path) -> None:
    flag = tmp_path / "first-result-used"
    results = []
    for result in iter_in_order(_waits_for_flag, [(flag, n) for n in range(500)], jobs=2):
        flag.touch()
        results.append(result)
    assert results == [True] * 500  # a list of every result first would have waited in vain
