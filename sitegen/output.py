"""Publish a build: write every file into a staging folder beside output/, then swap it in.

The previous output/ stays exactly as it was until the new one is complete, and nothing from an
earlier build lingers, because each build starts from an empty staging folder.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path


def publish(files: dict[str, str | bytes], out_dir: Path,
            swap_lock: AbstractContextManager[object] | None = None,
            before_swap: Callable[[Path], None] | None = None) -> None:
    """Write files (output path -> content) into a staging folder, then replace out_dir.

    swap_lock, when given, is held during the swap (live preview holds it while serving a file,
    so that no request ever sees the folder half swapped)."""
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = out_dir.parent / f".{out_dir.name}.staging-{os.getpid()}"
    _remove(staging)
    try:
        staging.mkdir()
        for dest_path, content in files.items():
            target = staging / dest_path
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(content, encoding="utf-8")
        if before_swap is not None:  # e.g. index the staged pages for search
            before_swap(staging)
        with swap_lock or nullcontext():
            _swap(staging, out_dir)
    finally:
        _remove(staging)


def write_files(files: dict[str, str], out_dir: Path) -> None:
    """Replace a few files of a published site, each in one step (for live preview)."""
    for dest_path, content in files.items():
        target = out_dir / dest_path
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        temporary.write_text(content, encoding="utf-8")
        os.replace(temporary, target)


def _swap(staging: Path, out_dir: Path) -> None:
    old = out_dir.parent / f".{out_dir.name}.old-{os.getpid()}"
    _remove(old)
    if out_dir.exists():
        os.replace(out_dir, old)
    os.replace(staging, out_dir)
    _remove(old)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()
