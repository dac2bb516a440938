"""Translations through PO files, the format translators' tools read: `translations export`
writes one catalog per item and language, with a message per heading, paragraph, list item,
table cell and text field of the original (msgid) and the current translation (msgstr);
`translations import` writes the translation files back from translated catalogs, in the
original's structure, and records which version of the original they translate.

Babel (already used for the site's own catalogs) reads and writes the PO files."""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po, write_po

from ..errors import ContentError, Report
from ..source.config import SiteConfig
from ..source.front_matter import FrontMatter
from ..source.model import Source
from ..source.schema import Record, Text
from ..source.segments import cut, link_targets
from ..source.source_files import check_inside
from ..source.translation_status import source_hash, translation_states

# in each catalog's header comment: the original, relative to the site folder, and the version
# of it the catalog was made from
SOURCE_HEADER = "X-Source"
HASH_HEADER = "X-Original-Hash"
CHOICES = ("outdated", "missing", "awaiting", "unmarked", "up-to-date")


@dataclass(frozen=True)
class Unit:
    """One message: where its text goes (a field, or the body's segment number) and its text."""

    context: str  # "field title", "field image.alt", "body 3 heading"
    text: str
    line: int  # of the original file


def translatable_fields(config: SiteConfig, source: Source) -> list[tuple[str, str, int]]:
    """(name, text, line) of each text field a translation gives in its own words."""
    record = config.collections[source.collection].record
    found = []
    for name, spec in record.fields.items():
        value = source.fields.value(name)
        if spec.shared or name == "slug" or not value:
            continue
        if isinstance(spec.spec, Text) and spec.spec.pattern is None and isinstance(value, str):
            found.append((name, value, source.line_of(name)))
        elif isinstance(spec.spec, Record) and isinstance(value, FrontMatter) \
                and value.value("alt"):
            found.append((f"{name}.alt", str(value.alt), source.line_of(name)))
    return found


def units_of(config: SiteConfig, source: Source) -> list[Unit]:
    units = [Unit(f"field {name}", text, line)
             for name, text, line in translatable_fields(config, source)]
    for number, segment in enumerate(cut(source.body).segments, 1):
        if segment.text.strip():
            units.append(Unit(f"body {number} {segment.kind}", segment.text,
                              source.body_line + segment.line - 1))
    return units


def export_catalogs(site_dir: Path, sources: list[Source], config: SiteConfig, lang: str,
                    only: set[str], out_dir: Path) -> list[Path]:
    """Write out_dir/<lang>/<collection>/<name>.po for each item whose translation into lang
    has a status in only (every item when only is empty); returns the files written."""
    by_path = {source.src_path: source for source in sources}
    written = []
    for state in translation_states(sources, config.default_language.code, config.codes):
        if state.lang != lang or (only and state.status not in only):
            continue
        original = by_path[state.original]
        translation = by_path.get(state.translation)
        catalog = _catalog(config, original, translation, lang, state.status)
        path = out_dir / lang / original.collection / f"{original.name}.po"
        path.parent.mkdir(parents=True, exist_ok=True)
        buffer = io.BytesIO()
        write_po(buffer, catalog, width=0, omit_header=False, sort_output=False)
        path.write_bytes(buffer.getvalue())
        written.append(path)
    return written


def _catalog(config: SiteConfig, original: Source, translation: Source | None, lang: str,
             status: str) -> Catalog:
    catalog = Catalog(locale=lang.replace("-", "_"), project=config.title[lang],
                      charset="utf-8", fuzzy=False, header_comment="\n".join([
                          f"# {config.title[lang]}: {original.src_path} into {lang}.",
                          "# Translate each msgstr; keep links' addresses, between ( and ).",
                          f"# {SOURCE_HEADER}: {original.src_path}",
                          f"# {HASH_HEADER}: {source_hash(original)}"]))
    current = _current_texts(config, translation) if translation is not None else {}
    same_shape = translation is not None and \
        cut(translation.body).shape() == cut(original.body).shape()
    for unit in units_of(config, original):
        text = current.get(unit.context, "") if (same_shape or unit.context.startswith(
            "field ")) else ""
        flags = ["fuzzy"] if text and status in ("outdated", "unmarked") else []
        comments = [f"{unit.context.split(' ')[-1]} of {original.src_path}"]
        if status in ("outdated", "unmarked") and text:
            comments.append("the original changed since this translation: check it")
        catalog.add(unit.text, text, locations=[(original.src_path, unit.line)],
                    flags=flags, auto_comments=comments, context=unit.context)
    return catalog


def _current_texts(config: SiteConfig, translation: Source) -> dict[str, str]:
    """Context -> the translation's own text, for the same units as its original's."""
    return {unit.context: unit.text for unit in units_of(config, translation)}


def import_catalogs(site_dir: Path, sources: list[Source], config: SiteConfig,
                    paths: list[Path], report: Report) -> list[Path]:
    """Write the translation file of each translated catalog; every problem is reported, and
    a catalog with a problem writes nothing."""
    by_path = {source.src_path: source for source in sources}
    written = []
    for path in paths:
        try:
            target = _import_one(site_dir, by_path, config, path, report)
        except ContentError as problem:
            report.add(problem)
            continue
        if target is not None:
            written.append(target)
    return written


def _import_one(site_dir: Path, by_path: dict[str, Source], config: SiteConfig, path: Path,
                report: Report) -> Path | None:
    shown = path.as_posix()
    try:
        with path.open("rb") as handle:
            catalog = read_po(handle, abort_invalid=True)
    except (OSError, PoFileError, ValueError) as exc:
        raise ContentError(f"This file could not be read as a PO catalog: {exc}", shown,
                           None) from None
    headers = dict(re.findall(r"^# (X-[\w-]+): (.*)$", catalog.header_comment or "", re.M))
    original = by_path.get(headers.get(SOURCE_HEADER, ""))
    lang = str(catalog.locale).replace("_", "-") if catalog.locale else ""
    lang = next((code for code in config.codes if code.lower() == lang.lower()), lang)
    if original is None or lang not in config.codes or lang == config.default_language.code:
        raise ContentError(
            f'This catalog names no original of this site ({SOURCE_HEADER}: '
            f'"{headers.get(SOURCE_HEADER, "")}") or no language to translate into '
            f'(Language: "{lang}").', shown, None,
            "Import catalogs made by `python build.py translations export`.")
    messages = {message.context: message for message in catalog if message.id}
    texts, problems = {}, 0
    for unit in units_of(config, original):
        message = messages.get(unit.context)
        where = _line_of(path, unit.context)
        if message is None or not message.string:
            report.error(f'No translation of "{_short(unit.text)}".', shown, where)
            problems += 1
            continue
        if message.fuzzy:
            report.error(f'The translation of "{_short(unit.text)}" is marked fuzzy (to check).',
                         shown, where, "Check it, then remove the fuzzy flag (#, fuzzy).")
            problems += 1
            continue
        string = str(message.string)
        if Counter(link_targets(string)) != Counter(link_targets(unit.text)):
            report.error(f'The translation of "{_short(unit.text)}" does not keep its links: '
                         f"{', '.join(link_targets(unit.text)) or 'none'}.", shown, where,
                         "Translate the text of each link, and keep what is between ( and ).")
            problems += 1
            continue
        texts[unit.context] = string
    if problems:
        return None
    if headers.get(HASH_HEADER) != source_hash(original):
        report.warn(f"{original.src_path} changed after this catalog was exported: the "
                       "translation is written, marked as translating the older version.",
                       shown, None)
    target = site_dir / "content" / original.collection / f"{original.name}.{lang}.md"
    check_inside(target, site_dir, target.relative_to(site_dir).as_posix())
    existing = by_path.get(target.relative_to(site_dir).as_posix())
    target.write_text(_translation_file(config, original, existing, texts,
                                        headers.get(HASH_HEADER) or source_hash(original)),
                      encoding="utf-8")
    return target


def _translation_file(config: SiteConfig, original: Source, existing: Source | None,
                      texts: dict[str, str], original_hash: str) -> str:
    front: dict[str, Any] = {}
    for name, _text, _line in translatable_fields(config, original):
        if "." in name:
            field, key = name.split(".", 1)
            front[field] = {**original.fields.value(field).as_dict(), key: texts[f"field {name}"]}
        else:
            front[name] = texts[f"field {name}"]
    if existing is not None:
        written = existing.fields.as_dict()
        for kept in ("slug", "extra"):
            if written.get(kept):
                front[kept] = written[kept]
    front["translated_from"] = original_hash
    skeleton = cut(original.body)
    numbered = {number: segment for number, segment in enumerate(skeleton.segments, 1)}
    body = skeleton.join([texts.get(f"body {number} {segment.kind}", segment.text)
                          for number, segment in numbered.items()])
    header = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{header}---\n{body}"


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= 60 else flat[:57] + "..."


def _line_of(path: Path, context: str) -> int | None:
    """The line of a message's msgctxt in the PO file."""
    needle = f'msgctxt "{context}"'
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        if line.strip() == needle:
            return number
    return None


def parse_only(text: str) -> set[str]:
    """--only outdated,missing -> {"outdated", "missing", "unmarked", "awaiting"}."""
    wanted = {word.strip() for word in re.split(r"[,\s]+", text) if word.strip()}
    unknown = wanted - set(CHOICES)
    if unknown:
        raise ValueError(f"unknown status {', '.join(sorted(unknown))}; use "
                         + ", ".join(CHOICES))
    if "outdated" in wanted:
        wanted.add("unmarked")
    if "missing" in wanted:
        wanted.add("awaiting")
    return wanted
