"""Regenerate the golden output of the fixture sites: `make golden` (python -m tests.golden).

`tiny` keeps its pages; `dated` (events, news) also its calendars, feeds and sitemap. Run it
only after a deliberate change to templates, catalogs or the pipeline, then read the diff.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from tests.helpers import FIXTURES, ROOT, TINY, TINY_NOW, run_cli

GOLDEN_DIR = ROOT / "tests" / "golden"
# fixture name -> (site folder, the kinds of file whose bytes are kept)
SITES: dict[str, tuple[Path, tuple[str, ...]]] = {
    "tiny": (TINY, ("*.html",)),
    "dated": (FIXTURES / "dated", ("*.html", "*.xml", "*.ics")),
}


def build(name: str, out_dir: Path) -> None:
    site, _ = SITES[name]
    result = run_cli("--site", str(site), "--output", str(out_dir), "--now", TINY_NOW,
                     "--quiet", "--no-search")
    if result.returncode != 0:
        sys.exit(result.stderr)


def kept_files(name: str, folder: Path) -> dict[str, Path]:
    """Relative path -> file, for the files of folder that the golden copy of name keeps."""
    _, patterns = SITES[name]
    return {path.relative_to(folder).as_posix(): path for pattern in patterns
            for path in folder.rglob(pattern)}


def main() -> None:
    for name in SITES:
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "out"
            build(name, out)
            golden = GOLDEN_DIR / name
            shutil.rmtree(golden, ignore_errors=True)
            files = kept_files(name, out)
            for relative, path in files.items():
                target = golden / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)
        print(f"Wrote {len(files)} files to {golden.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
