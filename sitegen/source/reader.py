"""Read content files: find them, split front matter from body, check the front matter."""

from __future__ import annotations

import dataclasses
import os
import re
import time
from pathlib import Path
from typing import Any

from ..cache import PUT_BATCH, BuildCache, decoded_with_text, digest, encoded_with_text
from ..errors import ContentError, Report, did_you_mean, quoted_list
from ..parallel import iter_in_order
from .config import SiteConfig
from .event_times import event_times
from .front_matter import FrontMatter
from .model import Source, Taxonomy
from .schema import INVALID, Checker, PerLanguage, Record
from .source_files import check_inside, list_files, read_bytes, read_text, relative_posix
from .translation_status import content_hash
from .yaml_source import Located, parse_yaml

CONTENT_DIR = "content"
TAXONOMY_FILE = "taxonomies.yaml"
FILENAME_RE = re.compile(r"^(?P<name>[^.]+)\.(?P<lang>[^.]+)\.md$")
PLACEHOLDER = "TODO:"  # what `build.py new` writes where text is still to come
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def read_sources(site_dir: Path, config: SiteConfig, report: Report,
                 cache: BuildCache | None = None, jobs: int = 1,
                 states: dict[str, os.stat_result] | None = None,
                 ) -> tuple[list[Source], frozenset[str]]:
    """Read every content/<collection>/<name>.<lang>.md file, reporting each problem.

    Returns the files that could be used, and the keys (programs/peace) of those that could not,
    so that later checks do not also report the items they name as missing. A file whose bytes
    were read before, under the same settings, comes from the cache without being parsed (or,
    when this process read it at its last build, as the preview does, as it was then); the
    others are parsed in up to `jobs` processes. states holds the files' states already taken
    (up_to_date.FileStates), and gets those taken here."""
    content_dir = site_dir / CONTENT_DIR
    if not content_dir.is_dir():
        report.error(f"There is no {CONTENT_DIR}/ folder.", CONTENT_DIR,
                     hint="Create it, with one folder per collection such as content/programs/.")
        return [], frozenset()
    files = []
    unknown_folders: set[str] = set()
    for found in list_files(content_dir, site_dir, report):
        parts = relative_posix(found.path, content_dir).split("/")
        if len(parts) == 1:
            continue  # files beside the collections, such as taxonomies.yaml
        collection = parts[0]
        if collection not in config.collections:
            if collection not in unknown_folders:
                unknown_folders.add(collection)
                report.error(f'The folder "{collection}" is not a collection in '
                             "site_config.yaml." + did_you_mean(collection, config.collections),
                             f"{CONTENT_DIR}/{collection}",
                             hint=f"Collections: {quoted_list(config.collections)}.")
            continue
        files.append((found, collection))
    keys = _cache_keys(files, site_dir, config, cache, states) if cache is not None else {}
    settings = digest(repr(config), cache.folder if cache is not None else None)
    read_with, read_then = _READ_BEFORE.last
    before = read_then if read_with == settings else {}
    if cache is not None:
        cache.keep(SOURCES, before.keys() & set(keys.values()))  # still needed, unread
    cached = {key: record for key, data in cache.get_blobs(
        SOURCES, set(keys.values()) - before.keys()).items()
        if (record := decoded_with_text(data)) is not None} if cache is not None else {}
    misses = [(found.path, collection, found.real) for found, collection in files
              if keys.get(found.path) not in cached and keys.get(found.path) not in before]

    def read(item: tuple[Path, str, Path]) -> _Read:
        path, collection, real = item
        return _read_plain(path, site_dir, collection, config, real)

    read_now = iter_in_order(read, misses, jobs)
    sources: list[Source] = []
    unreadable: set[str] = set()
    fresh: dict[str, bytes] = {}
    now: dict[str, tuple[Source, list[ContentError]]] = {}
    source: Source | None
    for found, collection in files:
        key = keys.get(found.path)
        if key in before:
            source, warnings = now[key] = before[key]
            report.warnings.extend(warnings)
        elif key in cached:
            value, body = cached[key]
            warnings = [ContentError(**warning) for warning in value["warnings"]]
            report.warnings.extend(warnings)
            source = typed_source(config, **{**value["source"], "body": body})
            now[key] = (source, warnings)
        else:
            plain, entry, errors, warnings = next(read_now)
            report.errors.extend(errors)
            report.warnings.extend(warnings)
            source = typed_source(config, **plain) if plain is not None else None
            if key and entry is not None:
                fresh[key] = entry
                assert source is not None
                now[key] = (source, warnings)
            if cache is not None and len(fresh) >= PUT_BATCH:  # not all held at once
                cache.put_blobs(SOURCES, fresh)
                fresh = {}
        if source is not None:
            sources.append(source)
        else:
            unreadable.add(f"{collection}/{found.path.name.split('.')[0]}")
    read_now.close()  # the workers have ended
    if cache is not None:
        cache.put_blobs(SOURCES, fresh)
        _READ_BEFORE.last = (settings, now)
    return sources, frozenset(unreadable)


class _ReadBefore:
    """The sources this process made at its last build, by cache key, with their warnings:
    the preview builds again at each save, and a file whose key (its bytes, path and reading
    settings) is the same gives the same source, taken as it is rather than decoded again from
    the cache. Only while the site's settings and cache folder are the same (settings: their
    digest): a source is typed by the settings (an event's times by the site's time zone, for
    example), and what the cache holds is kept for the next build."""

    def __init__(self) -> None:
        # (settings, sources), replaced at once: the preview's editor may read while it builds
        self.last: tuple[str, dict[str, tuple[Source, list[ContentError]]]] = ("", {})


_READ_BEFORE = _ReadBefore()


# A file read anew: its source as plain data (None when it cannot be used), its cache entry
# (None when it has errors), its errors and warnings. Plain data, because it may come back from
# a worker process.
_Read = tuple[dict[str, Any] | None, bytes | None, list[ContentError], list[ContentError]]


def _read_plain(path: Path, site_dir: Path, collection: str, config: SiteConfig,
                real: Path) -> _Read:
    own = Report()
    source = read_source(path, site_dir, collection, config, own, real)
    if source is None:
        return None, None, own.errors, own.warnings
    plain = _plain_source(source)
    entry = None if own.errors else encoded_with_text(
        {"source": {**plain, "body": None}, "warnings": [dataclasses.asdict(w)
                                                       for w in own.warnings]}, source.body)
    return plain, entry, own.errors, own.warnings


SOURCES = "sources"  # the cache's namespace for parsed content files


def _cache_keys(files: list[Any], site_dir: Path, config: SiteConfig, cache: BuildCache,
                states: dict[str, os.stat_result] | None = None) -> dict[Path, str]:
    """The cache key of each file: a hash of its bytes and of the settings that decide how it
    is read (languages, collections and their schemas). A file whose size, time and inode are
    those of the last build is not read again to know it: its key is remembered with them."""
    settings = digest(config.codes, config.default_language.code,
                      sorted((c.name, c.schema, c.declared) for c in config.collections.values()))
    known = cache.get(STATS, settings) or {}
    keys, seen = {}, {}
    # A file changed within the clock's last tick could change again with the same time and
    # size (the "racy" case): recent files are always read.
    recent = time.time_ns() - RACY_NS
    for found, collection in files:
        src_path = relative_posix(found.path, site_dir)
        path = os.fspath(found.path)
        stat = states.get(path) if states is not None else None
        if stat is None:
            try:
                stat = os.stat(found.real)
            except OSError:
                continue  # read_source reports it
            if states is not None:
                states[path] = stat
        state = [stat.st_size, stat.st_mtime_ns, stat.st_ino, collection]
        if known.get(src_path, [None])[:-1] == state and stat.st_mtime_ns < recent:
            keys[found.path] = known[src_path][-1]
        else:
            try:
                data = read_bytes(found.real, src_path)
            except ContentError:
                continue  # read_source reports it
            keys[found.path] = digest(settings, src_path, collection, data)
        seen[src_path] = [*state, keys[found.path]]
    if seen != known:
        cache.put(STATS, settings, seen)
    return keys


STATS = "file-stats"  # the cache's namespace for what each file's size and time stood for
RACY_NS = 2_000_000_000


def _plain_source(source: Source) -> dict[str, Any]:
    """What the cache keeps of a source: what it was made from, as plain data."""
    kept = {field.name: getattr(source, field.name) for field in dataclasses.fields(Source)
            if field.name != "times"}  # worked out again from the fields (typed_source)
    return {**kept, "fields": source.fields.as_dict()}


def typed_source(config: SiteConfig, src_path: str, collection: str, name: str, lang: str,
                 fields: dict[str, Any], body: str, body_line: int,
                 field_lines: dict[str, int], text_hash: str = "",
                 body_digest: str = "", fields_digest: str = "") -> Source:
    """A source from its checked fields: typed by its collection's declarations, and, for the
    original of a scheduled item, its times worked out once."""
    declared = config.collections[collection]
    original = lang == config.default_language.code
    record = declared.record if original else declared.translation_record
    times = None
    if original and declared.has("scheduled") and fields.get("start") is not None \
            and fields.get("end") is not None:
        times = event_times(fields, config.timezone)
    return Source(src_path, collection, name, lang, FrontMatter(fields, record), body,
                  body_line, field_lines, text_hash or content_hash(fields, body),
                  body_digest, times, fields_digest)


def read_source(path: Path, site_dir: Path, collection: str, config: SiteConfig,
                report: Report, real: Path | None = None) -> Source | None:
    """Read one content file (real: the file a link at path leads to); None (after reporting)
    when it cannot be used."""
    src_path = path.relative_to(site_dir).as_posix()
    match = FILENAME_RE.match(path.name)
    if not match:
        report.error(f'"{path.name}" is not named like name.language.md.', src_path,
                     hint=f"For example: peace.{config.default_language.code}.md")
        return None
    name, lang = match["name"], match["lang"]
    if lang not in config.codes:
        report.error(f'"{lang}" in the file name is not a language of this site.'
                     + did_you_mean(lang, config.codes), src_path,
                     hint=f"Configured languages: {quoted_list(config.codes)}.")
        return None
    if not SLUG_RE.match(name):
        report.error(f'The file name "{name}" may use only lowercase letters a-z, digits and '
                     "hyphens.", src_path, hint="For example: youth-soccer-nights."
                     f"{lang}.md")
        return None
    try:
        text = read_text(real or check_inside(path, site_dir, src_path), src_path)
        front_text, front_line, body, body_line = split_front_matter(text, src_path)
        source = parse_yaml(front_text, src_path, front_line)
    except ContentError as problem:
        report.add(problem)
        return None
    schema = config.collections[collection].record
    if lang != config.default_language.code:
        source = _without_shared_fields(source, schema, f"{name}.{config.default_language.code}.md",
                                        report)
        schema = config.collections[collection].translation_record
    checker = Checker(source, report, config.codes)
    # A field with a mistake falls back to its default, so that the rest of the file is still
    # checked against the other files (the build stops before rendering anyway).
    fields, _ok = schema.check_partial(source.data, (), checker)
    if fields.get("title") is None:
        return None
    if not fields.get("awaiting_translation"):
        _warn_placeholders(src_path, fields, source, body, body_line, report)
    lines = {path[0]: line for path, line in source.lines.items() if len(path) == 1}
    return typed_source(config, src_path, collection, name, lang, fields, body, body_line, lines)


def _warn_placeholders(src_path: str, fields: dict[str, Any], source: Located, body: str,
                       body_line: int, report: Report) -> None:
    """Text left as created by `build.py new` must not reach readers unnoticed."""
    for key in ("title", "summary"):
        if PLACEHOLDER in str(fields.get(key) or ""):
            report.warn(f'"{key}" still has placeholder text ({PLACEHOLDER}).', src_path,
                        source.line_of((key,)), "Replace it with the real text.")
    for offset, line in enumerate(body.split("\n")):
        if PLACEHOLDER in line:
            report.warn(f"The text still has placeholder text ({PLACEHOLDER}).", src_path,
                        body_line + offset, "Replace it with the real text.")
            break


def _without_shared_fields(source: Located, schema: Record, original: str,
                           report: Report) -> Located:
    """Report shared fields set in a translation, and drop them so the rest can be checked."""
    if not isinstance(source.data, dict):
        return source
    shared = [key for key in source.data if key in schema.fields and schema.fields[key].shared]
    for key in shared:
        report.error(f'"{key}" is shared by every language and is set only in the original '
                     f"({original}).", source.src_path, source.line_of((key,)),
                     f'Delete the "{key}" line from this file; change it in {original} if it '
                     "is wrong.")
    data = {key: value for key, value in source.data.items() if key not in shared}
    return Located(data, source.lines, source.src_path)


def split_front_matter(text: str, src_path: str) -> tuple[str, int, str, int]:
    """Return (front matter, its first line, body, the body's first line)."""
    text = text.removeprefix("\ufeff")
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise ContentError(
            "The file must start with a line of three dashes (---).", src_path, 1,
            "Put the fields between two --- lines at the top, for example:\n"
            "---\ntitle: Youth Soccer Nights\nsummary: Free soccer nights for teens.\n---")
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            front = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1:])
            return front, 2, body, index + 2
    raise ContentError(
        "The fields at the top are never closed by a line of three dashes (---).", src_path, 1,
        "Add a line with only --- after the last field (such as summary:), before the text.")


def read_taxonomies(site_dir: Path, config: SiteConfig, wanted: dict[str, tuple[str, str]],
                    report: Report) -> dict[str, Taxonomy]:
    """Read content/taxonomies.yaml: for each taxonomy, ids with a label per language."""
    src_path = f"{CONTENT_DIR}/{TAXONOMY_FILE}"
    path = site_dir / src_path
    if not path.is_file():
        if wanted:
            report.error(f"{src_path} is missing; it gives the labels of "
                         f"{quoted_list(wanted)}.", src_path,
                         hint="Create it, for example:\naudiences:\n  youth: {en: Youth, "
                              "fr: Jeunes}")
        return {}
    try:
        source = parse_yaml(read_text(check_inside(path, site_dir, src_path), src_path), src_path)
    except ContentError as problem:
        report.add(problem)
        return {}
    names = {lang.code: lang.english_name for lang in config.languages}
    label = PerLanguage()
    checker = Checker(source, report, config.codes, names)
    data = source.data if isinstance(source.data, dict) else {}
    result: dict[str, Taxonomy] = {}
    for name in data:
        if name not in wanted:
            checker.fail((name,), f'Unknown taxonomy "{name}".' + did_you_mean(name, wanted),
                         f"Taxonomies used by the collections: {quoted_list(wanted)}.")
    for name in wanted:
        terms = data.get(name)
        if not isinstance(terms, dict) or not terms:
            checker.fail((name,) if name in data else (), f'Taxonomy "{name}" is missing or '
                         "empty.", f"Add it with at least one id, for example:\n{name}:\n"
                         f"  some-id: {{{', '.join(f'{c}: ...' for c in config.codes)}}}")
            continue
        labels = {}
        for term, value in terms.items():
            if not isinstance(term, str) or not SLUG_RE.match(term):
                checker.fail((name, term), f'The id "{term}" may use only lowercase letters a-z,'
                             " digits and hyphens.")
                continue
            labels[term] = label.check(value, (name, term), checker)
        if all(v is not INVALID for v in labels.values()):
            result[name] = Taxonomy(name, labels, tuple(labels))
    return result
