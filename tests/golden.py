"""Regenerate the golden output of the tiny fixture site: `make golden` (python -m tests.golden).

Run it only after a deliberate change to templates, catalogs or the pipeline, then read the diff.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from tests.helpers import GOLDEN, TINY, TINY_NOW, html_files, run_cli


def build_tiny(out_dir: Path) -> None:
    result = run_cli("--site", str(TINY), "--output", str(out_dir), "--now", TINY_NOW, "--quiet")
    if result.returncode != 0:
        sys.exit(result.stderr)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        build_tiny(out)
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for page in html_files(out):
            target = GOLDEN / page.relative_to(out)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(page, target)
    print(f"Wrote {len(html_files(GOLDEN))} pages to {GOLDEN.relative_to(Path.cwd())}")


if __name__ == "__main__":
    main()
