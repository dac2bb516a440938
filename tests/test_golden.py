"""The tiny fixture site builds to exactly the golden output (regenerate with `make golden`)."""

from __future__ import annotations

import difflib
from pathlib import Path

from tests.golden import build_tiny
from tests.helpers import GOLDEN, html_files


def test_tiny_site_matches_golden_output(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build_tiny(out)
    built = {p.relative_to(out).as_posix(): p for p in html_files(out)}
    golden = {p.relative_to(GOLDEN).as_posix(): p for p in html_files(GOLDEN)}
    assert sorted(built) == sorted(golden), "pages differ; if deliberate, run `make golden`"
    for name, path in built.items():
        actual = path.read_text(encoding="utf-8")
        expected = golden[name].read_text(encoding="utf-8")
        if actual != expected:
            diff = "\n".join(difflib.unified_diff(expected.splitlines(), actual.splitlines(),
                                                  f"golden/{name}", f"built/{name}", lineterm=""))
            raise AssertionError(f"{name} differs from its golden copy (if deliberate, run "
                                 f"`make golden`):\n{diff}")
