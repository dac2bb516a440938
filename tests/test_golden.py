"""The fixture sites build to exactly their golden output (regenerate with `make golden`):
tiny's pages, and dated's pages, calendars, feeds and sitemap."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from tests.golden import GOLDEN_DIR, SITES, build, kept_files


@pytest.mark.parametrize("name", sorted(SITES))
def test_site_matches_golden_output(tmp_path: Path, name: str) -> None:
    out = tmp_path / "out"
    build(name, out)
    built, golden = kept_files(name, out), kept_files(name, GOLDEN_DIR / name)
    assert sorted(built) == sorted(golden), "files differ; if deliberate, run `make golden`"
    for relative, path in built.items():
        actual = path.read_text(encoding="utf-8")
        expected = golden[relative].read_text(encoding="utf-8")
        if actual != expected:
            diff = "\n".join(difflib.unified_diff(expected.splitlines(), actual.splitlines(),
                                                  f"golden/{relative}", f"built/{relative}",
                                                  lineterm=""))
            raise AssertionError(f"{relative} differs from its golden copy (if deliberate, run "
                                 f"`make golden`):\n{diff}")
