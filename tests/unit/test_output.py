"""sitegen.output: a build is written to a staging folder, then swapped in whole."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from sitegen.assets import collect_static, fingerprint
from sitegen.output import publish


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
    static = collect_static([bundled, own, tmp_path / "missing"])
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


def test_publish_creates_missing_parent_folders(tmp_path: Path) -> None:
    out = tmp_path / "a" / "b" / "out"
    publish({"index.html": "x"}, out)
    assert tree(out) == {"index.html": b"x"}


def test_failed_write_leaves_previous_output_untouched_and_no_staging(tmp_path: Path) -> None:
    out = tmp_path / "out"
    publish({"index.html": "good", "en/index.html": "good en"}, out)
    before = tree(out)
    # "en" is written as a file, so "en/index.html" cannot be: the write fails half-way.
    with pytest.raises(OSError):
        publish({"index.html": "new", "en": "a file", "en/index.html": "new en"}, out)
    assert tree(out) == before
    assert leftovers(tmp_path) == []


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
