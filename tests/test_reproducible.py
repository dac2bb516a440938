"""Same inputs, same bytes: two builds of the default site with the same SOURCE_DATE_EPOCH are
identical file for file, search index included; so are two builds from copies without git
history whose files were created in a different order and at different times."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.helpers import ROOT

EPOCH = "1767225600"  # 2026-01-01T00:00:00Z
SOURCES = ("site_config.yaml", "content", "templates", "translations", "static")


def build(site: Path, out: Path) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "--site", str(site),
                             "--output", str(out), "--quiet"], env=env, cwd=out.parent,
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr


def digest(out: Path) -> dict[str, str]:
    return {path.relative_to(out).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(out.rglob("*")) if path.is_file()}


def copy_in_order(target: Path, reverse: bool, mtime: int) -> Path:
    """The site's sources without .git, files created in sorted or reverse order."""
    files = [p for name in SOURCES for p in ([ROOT / name] if (ROOT / name).is_file()
                                            else (ROOT / name).rglob("*")) if p.is_file()]
    for path in sorted(files, reverse=reverse):
        copy = target / path.relative_to(ROOT)
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, copy)
        os.utime(copy, (mtime, mtime))
    return target


def differences(first: dict[str, str], second: dict[str, str]) -> list[str]:
    return sorted(name for name in first.keys() | second.keys()
                  if first.get(name) != second.get(name))


def test_two_builds_of_the_repository_are_identical(tmp_path: Path) -> None:
    build(ROOT, tmp_path / "one")
    build(ROOT, tmp_path / "two")
    first, second = digest(tmp_path / "one"), digest(tmp_path / "two")
    assert any(name.startswith("pagefind/") for name in first)  # the search index is compared
    assert differences(first, second) == []


def test_copies_without_history_build_identically(tmp_path: Path) -> None:
    one = copy_in_order(tmp_path / "a" / "site", reverse=False, mtime=1_800_000_000)
    two = copy_in_order(tmp_path / "b" / "site", reverse=True, mtime=1_900_000_000)
    build(one, tmp_path / "a" / "out")
    build(two, tmp_path / "b" / "out")
    assert differences(digest(tmp_path / "a" / "out"), digest(tmp_path / "b" / "out")) == []
