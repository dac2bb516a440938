"""One folder per mistake under tests/fixtures/invalid/: each holds the files that differ from the
tiny site and expected.txt, the exact messages the build must print (exit 1, nothing written);
args.txt, when present, adds options to the build (such as --strict)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers import FIXTURES, TINY, TINY_NOW, copy_site, run_cli

CASES = sorted(p for p in (FIXTURES / "invalid").iterdir() if p.is_dir())


def build_case(case: Path, tmp_path: Path) -> tuple[int, str, Path]:
    site = copy_site(TINY, tmp_path / "site")
    for path in case.rglob("*"):
        if path.is_file() and path.name not in ("expected.txt", "args.txt"):
            target = site / path.relative_to(case)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    out = tmp_path / "out"
    args = (case / "args.txt").read_text().split() if (case / "args.txt").is_file() else []
    result = run_cli("--site", str(site), "--output", str(out), "--now", TINY_NOW, "--no-search",
                     *args)
    return result.returncode, result.stderr.replace(str(out), "OUTPUT"), out


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_invalid_site_reports_exact_messages(case: Path, tmp_path: Path) -> None:
    code, stderr, out = build_case(case, tmp_path)
    expected = (case / "expected.txt").read_text(encoding="utf-8")
    assert stderr == expected
    assert code == 1
    assert not out.exists()
    assert "Traceback" not in stderr


if __name__ == "__main__":  # print what each case reports, to write a new expected.txt
    import sys
    import tempfile
    for case in CASES if len(sys.argv) < 2 else [FIXTURES / "invalid" / sys.argv[1]]:
        with tempfile.TemporaryDirectory() as tmp:
            print(f"===== {case.name}")
            print(build_case(case, Path(tmp))[1], end="")
