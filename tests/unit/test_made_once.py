"""Files made once per state (the open data): kept compressed file by file, taken back whole,
made again when one is damaged, and only the latest state kept."""

from __future__ import annotations

from pathlib import Path

from sitegen.cache import BuildCache, digest
from sitegen.pipeline import made_once

FILES = {"open-data/index.json": b'{"a":1}\n', "open-data/hsds/services.json": "«é»".encode()}


def texts(files: dict) -> dict[str, bytes]:
    return {path: packed.raw() for path, packed in files.items()}


def test_files_are_made_once_and_taken_back(tmp_path: Path) -> None:
    cache = BuildCache(tmp_path / ".cache")
    calls: list[str] = []

    def make():
        calls.append("made")
        yield from FILES.items()

    assert texts(made_once(cache, "od", "state-1", make)) == FILES
    again = made_once(BuildCache(tmp_path / ".cache"), "od", "state-1", make)
    assert texts(again) == FILES and calls == ["made"]
    # the digest of each text, kept beside it, is the one a text made now has
    assert {path: packed.sha for path, packed in again.items()} == {
        path: digest(data) for path, data in FILES.items()}
    assert all(len(packed.data) > 0 for packed in again.values())


def test_a_damaged_file_is_made_again(tmp_path: Path) -> None:
    cache = BuildCache(tmp_path / ".cache")
    made_once(cache, "od", "state-1", lambda: iter(FILES.items()))
    cache.put_blobs("od", {"state-1/open-data/index.json": b"not compressed"})
    assert texts(made_once(cache, "od", "state-1", lambda: iter(FILES.items()))) == FILES
    assert cache.get_blobs("od", ["state-1/open-data/index.json"])[
        "state-1/open-data/index.json"] != b"not compressed"


def test_only_the_latest_state_is_kept(tmp_path: Path) -> None:
    cache = BuildCache(tmp_path / ".cache")
    made_once(cache, "od", "state-1", lambda: iter(FILES.items()))
    made_once(cache, "od", "state-2", lambda: iter(FILES.items()))
    assert cache.get("od", "state-1") is None
    assert cache.get_blobs("od", ["state-1/open-data/index.json"]) == {}
    assert cache.get("od", "state-2") == sorted([path, digest(data)]
                                                for path, data in FILES.items())
