"""The search index: Pagefind (the command its Python package ships) over the staged output, as
the last step before it replaces the published site. Each language's pages are indexed in parts
of a few hundred (index_parts), one Pagefind process per part, so that an edit indexes again only
the parts whose pages changed and no process holds a whole large site; the search page merges
its language's parts. The one or two parts an edit changes are indexed while the build writes
its output (EarlyParts); the parts of a build from nothing, each as soon as its pages are
staged. Pagefind names each index from the pages' <html lang>; only pages whose <main> carries
data-pagefind-body are indexed, so untranslated (fallback) pages, reports and 404 pages stay out
of the reader's language."""

from __future__ import annotations

import importlib
import json
import os
import re
import shutil
import subprocess
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..cache import digest
from ..errors import ContentError
from ..site import urls
from ..source.model import Page

INDEX_DIR = "pagefind"
ENTRY_FILE = "pagefind-entry.json"
# Which folders hold the further parts of each language's index (index_parts), for the search
# page: {"en": ["parts/en/1/", ...]}
PARTS_FILE = "parts.json"
PARTS_DIR = "parts"
# <main data-pagefind-body>, up to the first </main> after it
MAIN_START_RE = re.compile(r"<main\b[^>]*\bdata-pagefind-body\b")
MAIN_END = "</main>"
HTML_TAG_RE = re.compile(r"<html\b[^>]*>")
TITLE_RE = re.compile(r"<title\b.*?</title>", re.S)
FIRST_H1_RE = re.compile(r"<h1\b.*?</h1>", re.S)
# an element Pagefind leaves out (a notice that a translation is outdated, for example)
IGNORED_RE = re.compile(r"<(\w+)\b[^>]*\sdata-pagefind-ignore\b[^>]*>(.*?)</\1>\s*", re.S)
# Pagefind's own ready-made interfaces are not used: the site has its own, in its own words.
UNUSED = ("pagefind-ui", "pagefind-modular-ui", "pagefind-component-ui", "pagefind-highlight")


def is_searchable(page: Page) -> bool:
    """Whether a page goes into its language's search index: an item's page in its own
    language (not a fallback, not a draft)."""
    return page.kind == "item" and page.indexable


def indexed_digest(html: str) -> str:
    """The digest of what the search index reads of a page (indexed_part)."""
    return digest(indexed_part(html))


def indexed_part(html: str) -> str:
    """What Pagefind reads of a page: its language (the <html> tag), what it may take the
    page's title from (the first <h1> of the page, wherever it is, or else the <title>, for a
    template that names no title of its own) and its <main data-pagefind-body>, without the
    elements it ignores (data-pagefind-ignore). The whole page when there is no such main, or
    when anything outside it speaks to Pagefind (a template's own data-pagefind- attribute). A
    change elsewhere (a menu, the footer, a notice, a template's comment) leaves the index as
    it is."""
    opening, tag = MAIN_START_RE.search(html), HTML_TAG_RE.search(html)
    end = html.find(MAIN_END, opening.end()) if opening is not None else -1
    if opening is None or tag is None or end == -1:
        return html
    start, end = opening.start(), end + len(MAIN_END)
    if html.find("data-pagefind", 0, start) != -1 or html.find("data-pagefind", end) != -1:
        return html
    titles = "".join(found.group(0) for found in (TITLE_RE.search(html, 0, start),
                                                  FIRST_H1_RE.search(html)) if found)
    main = html[start:end]
    if "data-pagefind-ignore" in main:
        main = IGNORED_RE.sub(_left_out, main)
    return tag.group(0) + titles + main


def _left_out(element: re.Match[str]) -> str:
    """Nothing for an ignored element, unless it holds another element of its kind, which the
    expression cannot pair: then it stays (the index is made again, never kept stale)."""
    return element.group(0) if f"<{element.group(1)}" in element.group(2) else ""


def index_parts(pages: dict[str, list[str]], pages_per_part: int) -> dict[str, list[str]]:
    """Each language's searchable pages (language code -> output paths) split into parts of
    about pages_per_part pages, by part key "<code>/<number>" (_part_key). A page's part depends
    only on its path and on how many parts its language has, so that an edit changes one part
    and adding pages rarely moves others."""
    parts: dict[str, list[str]] = {}
    for code, paths in pages.items():
        count = max(1, -(-len(paths) // pages_per_part))
        split: list[list[str]] = [[] for _ in range(count)]
        for dest in paths:
            split[int(digest(dest)[:8], 16) % count].append(dest)
        # part 0 is the one the engine starts from: it is never empty
        for number, part in enumerate(part for part in split if part):
            parts[_part_key(code, number)] = part
    return parts


def parts_in_order(parts: dict[str, list[str]]) -> list[str]:
    """The keys of parts in the order index_site indexes them (and waits for their pages)."""
    return sorted(parts)


def _part_key(code: str, number: int) -> str:
    return f"{code}/{number}"


def _split_key(key: str) -> tuple[str, int]:
    """(language code, part number) of a part key."""
    code, number = key.rsplit("/", 1)
    return code, int(number)


def _language_key(key: str) -> str:
    """The language of a part, as Pagefind's files name it (in lowercase)."""
    return _split_key(key)[0].lower()


def _part_folder(key: str) -> str:
    """Where a part lives in the index folder: part 0 of every language in the folder itself
    (the engine's own index), the others in parts/<code>/<number>/, which the search page adds
    (Pagefind's mergeIndex)."""
    code, number = _split_key(key)
    return f"{PARTS_DIR}/{code.lower()}/{number}" if number else ""


class EarlyParts:
    """Parts of the search index indexed while the build goes on to write its output, so that
    an edit's part does not wait for every other file: each part's pages are put into a folder
    of their own by write_pages (from the build's files, not from the staged output), and a
    Pagefind process starts on that folder at once. index_site takes the results (take). A
    part that cannot be started is left out, and index_site indexes it as any other, with the
    same errors. work is a folder of this build's own, on the output's filesystem; close()
    removes it.

    The pages of the parts an edit indexed are kept for the next build (in the folder kept,
    taken over by renaming it, so that no two builds share it): an edit of the same page
    again then puts one page into the part's folder, not the two hundred of the part.
    write_pages is given what a part's folder holds already (as write_files takes it) and
    gives what it holds once done."""

    def __init__(self, work: Path, parts: dict[str, list[str]],
                 write_pages: Callable[[list[str], Path, dict[str, Any]], dict[str, Any]],
                 kept: Path | None = None) -> None:
        self.work, self.kept = work, kept
        self._running: dict[str, subprocess.Popen[bytes]] = {}
        self._holds: dict[str, dict[str, Any]] = {}  # part key -> what its pages folder holds
        held = _take_over(kept, work, parts.keys()) if kept is not None else {}
        for key, pages in parts.items():
            folder = work / key
            try:
                if key in held:
                    shutil.rmtree(folder / "index", ignore_errors=True)
                else:
                    (folder / "pages").mkdir(parents=True)
                self._holds[key] = write_pages(pages, folder / "pages", held.get(key, {}))
                self._running[key] = _start_index(folder / "pages", folder / "index")
            except (ContentError, OSError, ValueError):
                self._holds.pop(key, None)
                shutil.rmtree(folder, ignore_errors=True)

    def __contains__(self, key: str) -> bool:
        return key in self._running

    def take(self, key: str) -> Path:
        """The folder of part key's index, once made (raising Pagefind's error, if any)."""
        target = self.work / key / "index"
        _finish_index(self._running[key], target)
        return target

    def close(self, keep: bool = False) -> None:
        """Stop the Pagefind processes that are still running (the build failed), then remove
        the work folder; with keep (the build succeeded), keep its pages for the next build."""
        for process in self._running.values():
            if process.poll() is None:
                process.kill()
                process.wait()
        if keep and self.kept is not None and self._holds:
            try:
                for key in self._holds:
                    shutil.rmtree(self.work / key / "index", ignore_errors=True)
                (self.work / HOLDS_FILE).write_text(json.dumps(self._holds), encoding="utf-8")
                self.kept.parent.mkdir(parents=True, exist_ok=True)
                os.rename(self.work, self.kept)  # fails when another build kept its own
                return
            except OSError:
                pass
        shutil.rmtree(self.work, ignore_errors=True)


HOLDS_FILE = "holds.json"  # in a kept folder of parts' pages: what each part's folder holds


def _take_over(kept: Path, work: Path, parts: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Take the folder of parts' pages that an earlier build kept, as the folder work.
    Returns, for each of parts whose pages it holds, what the part's pages folder holds; the
    other parts it held go. Nothing when there is no such folder, another build took it
    first, or its record cannot be trusted (the folder then goes)."""
    try:
        os.rename(kept, work)
    except OSError:
        return {}
    try:
        holds = json.loads((work / HOLDS_FILE).read_text(encoding="utf-8"))
        if not isinstance(holds, dict) or not all(
                urls.is_output_path(key) and isinstance(held, dict) and all(
                    urls.is_output_path(dest) and isinstance(state, list) and len(state) == 3
                    for dest, state in held.items())
                for key, held in holds.items()):
            raise ValueError("not a record of folders")
        (work / HOLDS_FILE).unlink()
        for key in holds.keys() - set(parts):  # parts (en/0...) not wanted now
            shutil.rmtree(work / key)
        return {key: held for key, held in holds.items()
                if key in parts and (work / key / "pages").is_dir()}
    except (OSError, ValueError, UnicodeDecodeError):
        shutil.rmtree(work, ignore_errors=True)
        return {}


def index_site(site_dir: Path, parts: dict[str, list[str]], previous: Path | None = None,
               reuse: frozenset[str] = frozenset(), jobs: int = 1,
               in_place: frozenset[str] = frozenset(),
               early: EarlyParts | None = None,
               staged: Callable[[int], None] | None = None) -> dict[str, int]:
    """Index the HTML pages written in site_dir (the staged output) into site_dir/pagefind/, one
    part at a time: parts maps each part key (index_parts) to the output paths of its pages. The
    parts in in_place are there already, as they should be (the staged output started from an
    earlier one, whose index holds them): they stay, and the rest of that folder goes. The parts
    in reuse take their files of the previous index (the pagefind/ folder previous) over,
    unchanged, when they are there. Up to jobs parts are indexed at once, each by its own
    Pagefind process; those that early holds are taken from it. staged(number) waits until the
    pages of the part at number in parts_in_order are in site_dir, when they are being written
    meanwhile. Returns the bytes a reader of each language downloads, by language code."""
    target = site_dir / INDEX_DIR
    work = site_dir / ".search-work"  # removed before the output is published
    old_entry = _read_entry(previous)
    kept, languages = _keep_parts(target, in_place & parts.keys())
    entry: dict[str, Any] = {}
    try:
        to_index = []
        in_order = parts_in_order(parts)
        for key in in_order:
            if key in kept:
                continue
            if key in reuse and previous is not None and \
                    _link_part(previous, target, key, old_entry):
                if not _part_folder(key):
                    languages[_language_key(key)] = old_entry["languages"][_language_key(key)]
            else:
                to_index.append(key)
        def index(key: str) -> Path:
            if early is not None and key in early:
                return early.take(key)
            if staged is not None:
                staged(in_order.index(key))
            return _index_part(site_dir, parts[key], work / key)

        with ThreadPoolExecutor(max(1, min(jobs, len(to_index) or 1))) as pool:
            made = list(pool.map(index, to_index))
        for key, fresh in zip(to_index, made):  # in order, so the same pages give the same bytes
            folder = target / _part_folder(key)
            made_dirs: set[str] = set()
            for inside in sorted(_files_under(fresh)):
                if folder != target and inside != ENTRY_FILE and \
                        _language_of(inside) is None:
                    continue  # a merged part needs only its language's files
                moved = os.path.join(folder, inside)
                _make_parent(moved, made_dirs)
                os.replace(os.path.join(fresh, inside), moved)
            if folder == target:
                entry = json.loads((target / ENTRY_FILE).read_text(encoding="utf-8"))
                languages.update(entry.get("languages", {}))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if not entry:  # no first part indexed again: the engine's files come from an earlier index
        entry = _read_entry(target) if kept else {}
        if not entry:
            if previous is None or not old_entry:
                return {}
            _link_shared(previous, target)
            entry = old_entry
    entry["languages"] = languages
    _write_new(target / ENTRY_FILE, json.dumps(entry, sort_keys=True, separators=(",", ":")))
    merged: dict[str, list[str]] = {language: [] for language in languages}
    for key in sorted(parts, key=lambda key: _split_key(key)[1]):
        if _part_folder(key):
            merged[_language_key(key)].append(_part_folder(key) + "/")
    _write_new(target / PARTS_FILE, json.dumps(merged, sort_keys=True, separators=(",", ":")))
    sizes: Counter[str] = Counter()
    engines_used = {_engine_name(record) for record in languages.values()}
    for relative in _files_under(target):
        if relative.startswith(UNUSED) or _is_engine(relative) and \
                relative not in engines_used | {_engine_name({})}:
            os.unlink(os.path.join(target, relative))  # or a language no longer indexed
            continue
        language = _language_of(relative)
        if language:
            sizes[language] += os.stat(os.path.join(target, relative)).st_size
    codes = sorted({_split_key(key)[0] for key in parts})  # as the site's settings write them
    engines = {language: (target / _engine_name(record)).stat().st_size
               for language, record in languages.items()}
    return {code: sizes[code.lower()] + engines[code.lower()]
            for code in codes if code.lower() in sizes}


def _keep_parts(target: Path, keep: frozenset[str]) -> tuple[frozenset[str],
                                                             dict[str, dict[str, Any]]]:
    """Remove from the index folder target every file but those of the parts in keep that are
    there, and the files that belong to no language (the engine's). Returns the parts that
    stay, and the entry file's records of the languages whose first part stays; target is
    removed when none stays."""
    records = _read_entry(target).get("languages") if keep else None
    records = records if isinstance(records, dict) else {}
    staying = frozenset(
        key for key in keep
        if (os.path.isfile(os.path.join(target, _part_folder(key), ENTRY_FILE))
            if _part_folder(key) else isinstance(records.get(_language_key(key)), dict)))
    if not staying:
        if os.path.isdir(target) and not os.path.islink(target):
            shutil.rmtree(target)
        elif os.path.lexists(target):
            os.unlink(target)
        return frozenset(), {}
    languages = {_language_key(key) for key in staying if not _part_folder(key)}
    folders = {_part_folder(key) for key in staying if _part_folder(key)}
    for language_folder in _folders_in(target / PARTS_DIR):
        for number in _folders_in(language_folder):
            if f"{PARTS_DIR}/{language_folder.name}/{number.name}" not in folders:
                shutil.rmtree(number)
    for relative in _files_under(target, skip=PARTS_DIR):
        language = _language_of(relative)
        if language is not None and language not in languages:
            os.unlink(os.path.join(target, relative))
    return staying, {language: records[language] for language in languages}


def _folders_in(folder: Path) -> list[Path]:
    try:
        return [Path(entry.path) for entry in os.scandir(folder)
                if entry.is_dir(follow_symlinks=False)]
    except OSError:
        return []


def _is_engine(relative: str) -> bool:
    """Whether a file of the index is a search engine (WebAssembly): wasm.en.pagefind..."""
    return "/" not in relative and relative.startswith("wasm.") and relative.endswith(".pagefind")


def _write_new(path: Path, text: str) -> None:
    """Write a file of the staged index as a new file: never through a link to the published
    one."""
    path.unlink(missing_ok=True)
    path.write_text(text, encoding="utf-8")


def _index_part(site_dir: Path, pages: list[str], work: Path) -> Path:
    """Pagefind's index of the given pages (one part of a language's), made in work/index/.
    Pagefind reads a folder: the pages are linked into work/pages/ under their own paths, so
    that their addresses stay the same. (Given the whole site with a pattern naming the pages,
    it looks through every page of their folder: each part would take longer as the site
    grows.)"""
    work.mkdir(parents=True, exist_ok=True)
    made_dirs: set[str] = set()
    for dest in pages:
        linked = os.path.join(work, "pages", dest)
        _make_parent(linked, made_dirs)
        try:
            os.link(os.path.join(site_dir, dest), linked)
        except OSError:
            shutil.copyfile(os.path.join(site_dir, dest), linked)
    _index(work / "pages", work / "index")
    return work / "index"


def _read_entry(index_dir: Path | None) -> dict[str, Any]:
    try:
        data = json.loads((index_dir / ENTRY_FILE).read_text(encoding="utf-8")) \
            if index_dir is not None else {}
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def _link_part(previous: Path, target: Path, key: str, old_entry: dict[str, Any]) -> bool:
    """Link one part's files of the previous index into target; False when one is missing (the
    part is then indexed again). The first part of a language also needs its record in the
    previous entry file, and brings its engine (WebAssembly)."""
    folder = _part_folder(key)
    if folder:
        names = [f"{folder}/{name}" for name in _files_under(previous / folder)]
        if f"{folder}/{ENTRY_FILE}" not in names:
            return False
    else:
        language = _language_key(key)
        record = old_entry.get("languages", {}).get(language)
        if not isinstance(record, dict):
            return False
        # the language's files in the index's folders (fragment/, index/...), not in parts/
        names = [name for name in _files_under(previous, skip=PARTS_DIR)
                 if "/" in name and name.rsplit("/", 1)[1].startswith(f"{language}_")]
        names += [f"pagefind.{record.get('hash')}.pf_meta", _engine_name(record)]
    return _link_files(previous, target, names)


def _link_shared(previous: Path, target: Path) -> None:
    """Link the files of the previous index that belong to no language (the engine's)."""
    for path in previous.iterdir():
        if path.is_file() and _language_of(path.name) is None \
                and path.name not in (ENTRY_FILE, PARTS_FILE) and not (target / path.name).exists():
            target.mkdir(parents=True, exist_ok=True)
            os.link(path, target / path.name)


def link_previous_index(out_dir: Path, staging: Path) -> bool:
    """Take over the previous output's search index, unchanged (its pages are the same), by
    linking its files; False when there is none to take over."""
    previous = out_dir / INDEX_DIR
    if not (previous / ENTRY_FILE).is_file():
        return False
    (staging / INDEX_DIR).mkdir(parents=True, exist_ok=True)
    if _link_files(previous, staging / INDEX_DIR, _files_under(previous)):
        return True
    shutil.rmtree(staging / INDEX_DIR, ignore_errors=True)
    return False


def _files_under(folder: Path | str, skip: str = "") -> list[str]:
    """The files under folder, as paths relative to it ("index/en_1a2b.pf_index"); none when it
    is missing. A top folder named skip is left out. (os.walk: an index has tens of thousands
    of files on a large site, and an edit's build walks them.)"""
    root = os.fspath(folder)
    found = []
    for where, folders, names in os.walk(root):
        inside = os.path.relpath(where, root).replace(os.sep, "/")
        if inside == ".":
            folders[:] = [name for name in folders if name != skip]
            found.extend(names)
        else:
            found.extend(f"{inside}/{name}" for name in names)
    return found


def _link_files(source: Path, target: Path, names: list[str]) -> bool:
    """Link each file of source named (relative paths) to the same place under target, where
    it is not there already; False when one cannot be linked."""
    made_dirs: set[str] = set()
    try:
        for name in names:
            linked = os.path.join(target, name)
            _make_parent(linked, made_dirs)
            try:
                os.link(os.path.join(source, name), linked)
            except FileExistsError:
                pass
    except OSError:
        return False
    return True


def _make_parent(path: str, made_dirs: set[str]) -> None:
    parent = os.path.dirname(path)
    if parent not in made_dirs:
        os.makedirs(parent, exist_ok=True)
        made_dirs.add(parent)


def engine_file(index_dir: Path, code: str) -> Path:
    """The search engine (WebAssembly) that a page in language code loads. Pagefind writes
    language tags in lowercase, and has a language-specific engine only for the languages it
    stems; the others share wasm.unknown.pagefind."""
    entry = json.loads((index_dir / ENTRY_FILE).read_text(encoding="utf-8"))
    return index_dir / _engine_name(entry.get("languages", {}).get(code.lower()) or {})


def _engine_name(record: dict[str, Any]) -> str:
    """The engine's file name for a language's record in the entry file."""
    return f"wasm.{record.get('wasm') or 'unknown'}.pagefind"


@lru_cache(maxsize=1)
def pagefind_binary() -> Path | None:
    """The Pagefind program, found as pagefind.service finds it (the binary its wheel ships,
    else one on the PATH), without loading that service, which starts asyncio and ssl."""
    named = os.environ.get("PAGEFIND_BINARY_PATH")
    if named:
        return Path(named)
    for package in ("pagefind_bin_extended", "pagefind_bin"):
        try:
            return Path(importlib.import_module(package).get_executable())
        except (ImportError, FileNotFoundError):
            continue
    found = shutil.which("pagefind_extended") or shutil.which("pagefind")
    return Path(found) if found else None


@lru_cache(maxsize=1)
def indexer_version() -> str:
    """What tells one Pagefind from another: its binary's path, size and time (empty when
    there is none)."""
    binary = pagefind_binary()
    if binary is None:
        return ""
    try:
        stat = binary.stat()
    except OSError:
        return str(binary)
    return f"{binary} {stat.st_size} {stat.st_mtime_ns}"


def _index(pages: Path, target: Path) -> None:
    """Run Pagefind's command over the folder pages, writing its index into target. The command
    returns once every file is written (Pagefind's Python service answers before it has written
    them, and is then stopped, which can leave files empty). It runs in target's parent folder,
    with no PAGEFIND_ settings from the environment, so that no configuration file or variable
    of the machine changes the index."""
    _finish_index(_start_index(pages, target), target)


PAGEFIND_LOG = "pagefind.log"  # what Pagefind said, beside its index (read when it failed)


def _start_index(pages: Path, target: Path) -> subprocess.Popen[bytes]:
    """Start the command of _index, without waiting for it: _finish_index waits."""
    binary = pagefind_binary()
    if binary is None:
        raise ContentError("The search index could not be built: Pagefind is not installed.",
                           hint="Run make site again, or build with --no-search.")
    environment = {key: value for key, value in os.environ.items()
                   if not key.startswith("PAGEFIND_")}
    with open(target.parent / PAGEFIND_LOG, "wb") as log:
        return subprocess.Popen([str(binary), "--site", str(pages), "--output-path", str(target),
                                 "--silent"], cwd=target.parent, env=environment,
                                stdout=log, stderr=subprocess.STDOUT)


def _finish_index(process: subprocess.Popen[bytes], target: Path) -> None:
    """Wait for the command _start_index started; a ContentError when it failed."""
    code = process.wait()
    if code == 0 and (target / ENTRY_FILE).is_file():
        return
    try:
        said = (target.parent / PAGEFIND_LOG).read_text(encoding="utf-8", errors="replace")
    except OSError:
        said = ""
    raise ContentError("The search index could not be built: "
                       + (said.strip() or f"Pagefind stopped with code {code}."),
                       hint="Build with --no-search to skip the search index.")


def _language_of(path: str) -> str | None:
    """The language (lowercase) of a Pagefind index file: index/fr_1a2b.pf_index..."""
    name = path.rsplit("/", 1)[-1]
    if "_" in name and name.endswith((".pf_index", ".pf_fragment", ".pf_meta")):
        return name.split("_", 1)[0].removeprefix("pagefind.")
    return None
