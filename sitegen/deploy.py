"""Copy a built site into a web server's folder in an order that never shows a broken page:
new files that pages depend on first (assets have content-hash names, so old pages keep
working), then changed pages, then the files that are no longer part of the site."""

from __future__ import annotations

import filecmp
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

PAGE_SUFFIXES = (".html", ".xml", ".txt", ".ics")  # what people and robots ask for by address


@dataclass
class DeployResult:
    copied: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0


def deploy(built: Path, target: Path) -> DeployResult:
    """Mirror built into target (like rsync --delete); returns what changed."""
    result = DeployResult()
    target.mkdir(parents=True, exist_ok=True)
    files = sorted(p.relative_to(built) for p in built.rglob("*") if p.is_file())
    assets = [f for f in files if not f.name.endswith(PAGE_SUFFIXES)]
    pages = [f for f in files if f.name.endswith(PAGE_SUFFIXES)]
    for relative in assets + pages:
        source, destination = built / relative, target / relative
        if destination.is_file() and filecmp.cmp(source, destination, shallow=False):
            result.unchanged += 1
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        temporary = destination.with_name(f".{destination.name}.{os.getpid()}.tmp")
        shutil.copyfile(source, temporary)
        os.replace(temporary, destination)  # each file appears in one step
        result.copied.append(relative.as_posix())
    keep = {f.as_posix() for f in files}
    for path in sorted((p for p in target.rglob("*") if p.is_file()), reverse=True):
        relative = path.relative_to(target).as_posix()
        if relative not in keep:
            path.unlink()
            result.removed.append(relative)
    for folder in sorted((p for p in target.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
    return result
