"""The search index: Pagefind, through its Python API, over the staged output, as the last step
before it replaces the published site. Pagefind makes one index per language from each page's
<html lang>; only pages whose <main> carries data-pagefind-body are indexed, so untranslated
(fallback) pages, reports and 404 pages stay out of the reader's language."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
from collections import Counter
from pathlib import Path

from .errors import ContentError

INDEX_DIR = "pagefind"
ENTRY_FILE = "pagefind-entry.json"
# Pagefind's own ready-made interfaces are not used: the site has its own, in its own words.
UNUSED = ("pagefind-ui", "pagefind-modular-ui", "pagefind-component-ui", "pagefind-highlight")


def index_site(site_dir: Path, codes: tuple[str, ...]) -> dict[str, int]:
    """Index the HTML pages written in site_dir (the staged output) into site_dir/pagefind/;
    returns the bytes a reader of each language downloads, by language code."""
    target = site_dir / INDEX_DIR
    try:
        asyncio.run(_index(site_dir, target))
    except Exception as exc:  # noqa: BLE001 - Pagefind reports through its own exceptions
        raise ContentError(f"The search index could not be built: {exc}",
                           hint="Build with --no-search to skip the search index.") from exc
    _sort_entry_file(target / ENTRY_FILE)
    sizes: Counter[str] = Counter()
    for path in sorted(p for p in target.rglob("*") if p.is_file()):
        relative = path.relative_to(target).as_posix()
        if relative.startswith(UNUSED):
            path.unlink()
            continue
        language = _language_of(relative)
        if language:
            sizes[language] += path.stat().st_size
    return {code: sizes[code.lower()] + engine_file(target, code).stat().st_size
            for code in codes if code.lower() in sizes}


def link_previous_index(out_dir: Path, staging: Path) -> bool:
    """Take over the previous output's search index, unchanged (its pages are the same), by
    linking its files; False when there is none to take over."""
    previous = out_dir / INDEX_DIR
    if not (previous / ENTRY_FILE).is_file():
        return False
    try:
        for path in sorted(previous.rglob("*")):
            target = staging / INDEX_DIR / path.relative_to(previous)
            if path.is_dir():
                target.mkdir(parents=True, exist_ok=True)
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                os.link(path, target)
    except OSError:
        shutil.rmtree(staging / INDEX_DIR, ignore_errors=True)
        return False
    return True


def engine_file(index_dir: Path, code: str) -> Path:
    """The search engine (WebAssembly) that a page in language code loads. Pagefind writes
    language tags in lowercase, and has a language-specific engine only for the languages it
    stems; the others share wasm.unknown.pagefind."""
    entry = json.loads((index_dir / ENTRY_FILE).read_text(encoding="utf-8"))
    language = entry.get("languages", {}).get(code.lower()) or {}
    return index_dir / f"wasm.{language.get('wasm') or 'unknown'}.pagefind"


async def _index(site_dir: Path, target: Path) -> None:
    from pagefind.index import IndexConfig, PagefindIndex  # starts a binary: only when needed

    # Pagefind writes the files itself (passing a large index back through the Python API's
    # pipe does not scale to thousands of pages), once, when the context closes: the output path
    # must be in the config, or that final write goes to ./pagefind/ of the working directory.
    async with PagefindIndex(config=IndexConfig(output_path=str(target))) as index:
        await index.add_directory(str(site_dir), glob="**/*.html")


def _sort_entry_file(path: Path) -> None:
    """Pagefind lists the languages of its entry file in an order that changes from run to run;
    sorted, the same site gives the same bytes."""
    data = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(data, sort_keys=True, separators=(",", ":")), encoding="utf-8")


def _language_of(path: str) -> str | None:
    """The language (lowercase) of a Pagefind index file: index/fr_1a2b.pf_index..."""
    name = path.rsplit("/", 1)[-1]
    if "_" in name and name.endswith((".pf_index", ".pf_fragment", ".pf_meta")):
        return name.split("_", 1)[0].removeprefix("pagefind.")
    return None
