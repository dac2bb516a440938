"""Translation status: which version of its original each translation translates.

A translation records the content hash of the original it was made from (`translated_from`,
written by `python build.py translations mark`). When the original's text changes, its hash
changes, and the translation is outdated until a translator updates it and marks it again.

The hash is made of blocks: the title, the summary, the text before the first heading, then each
heading with the text under it. A block is named by its heading, and a heading that comes again
is named by its place ("When (2nd)"), so that an edit under either "When" is seen; a heading with
no text under it is a block too, so that renaming it is seen. For every text without a repeated
or an empty heading, these blocks are exactly the sections the first version of this module
hashed, so `translated_from` values written before keep their meaning; the others change hash
once, and their translations show as outdated, because the old mark could not vouch for them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from ..cache import BuildCache
from .config import SiteConfig
from .gitdates import git_output, head_commit
from .model import Source
from .outline import heading_of, text_lines
from .parity import Difference, compare, read_outlines

TRANSLATABLE_TEXT = ("title", "summary")
STATUSES = ("up-to-date", "outdated", "awaiting", "missing", "unmarked")
NEEDS_ACTION = ("outdated", "missing", "awaiting", "unmarked")
UNLINTED = ("missing", "awaiting")  # nothing to compare with the original yet


@dataclass(frozen=True)
class Block:
    """One part of a text a translator works on: name is unique in its text ("When (2nd)"),
    label is the heading as written ("When"); text has its spaces normalized."""

    name: str
    label: str
    text: str
    heading: bool = False


def blocks(source_fields: Mapping[str, object], body: str) -> list[Block]:
    """The title, summary, image description, the text before the first heading (the
    "introduction"), then each heading with the text under it, in order."""
    parts: list[tuple[str, str, bool]] = [
        (name, str(source_fields.get(name) or ""), False) for name in TRANSLATABLE_TEXT]
    image = source_fields.get("image")
    if isinstance(image, Mapping):
        parts.append(("image description", str(image.get("alt", "")), False))
    headings = {index: heading_of(line) for index, line in text_lines(body)}
    label, is_heading = "introduction", False
    lines: list[str] = []
    for index, line in enumerate(body.split("\n")):
        found = headings.get(index)
        if found:
            parts.append((label, "\n".join(lines), is_heading))
            label, is_heading, lines = found[1], True, []
        else:
            lines.append(line)
    parts.append((label, "\n".join(lines), is_heading))
    seen: dict[str, int] = {}
    result = []
    for label, text, is_heading in parts:
        seen[label] = seen.get(label, 0) + 1
        name = label if seen[label] == 1 else f"{label} ({_ordinal(seen[label])})"
        text = " ".join(text.split())
        if text or is_heading or label in TRANSLATABLE_TEXT:
            result.append(Block(name, label, text, is_heading))
    return result


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10,
                                                                                  "th")
    return f"{number}{suffix}"


def sections(source_fields: Mapping[str, object], body: str) -> dict[str, str]:
    """Block name -> its text, in order."""
    return {block.name: block.text for block in blocks(source_fields, body)}


def content_hash(source_fields: Mapping[str, object], body: str) -> str:
    """A short hash of everything a translator translates; layout-only edits do not change it."""
    return _digest(sections(source_fields, body).items())


def legacy_hash(source_fields: Mapping[str, object], body: str) -> str:
    """The hash of the first version of this module, which kept one section per heading text
    (the last "When" replaced the first) and left out headings with no text under them."""
    parts: dict[str, str] = {}
    for block in blocks(source_fields, body):
        parts[block.label] = block.text
    return _digest((name, text) for name, text in parts.items()
                   if text or name in TRANSLATABLE_TEXT)


def _digest(parts: Iterable[tuple[str, str]]) -> str:
    digest = hashlib.sha256()
    for name, text in parts:
        digest.update(f"{name}\x00{text}\x01".encode("utf-8"))
    return digest.hexdigest()[:12]


def source_hash(source: Source) -> str:
    """The content hash of a file as read (computed when it was read, and cached with it)."""
    return source.text_hash or content_hash(source.fields.as_dict(), source.body)


@dataclass(frozen=True)
class TranslationState:
    key: str  # programs/peace
    lang: str
    status: str  # one of STATUSES
    original: str  # src_path of the original
    translation: str  # src_path of the translation (may not exist yet)
    changed_sections: tuple[str, ...] = field(default_factory=tuple)
    original_updated: dt.date | None = None  # its `updated:` line, else its last change
    translation_updated: dt.date | None = None
    differences: tuple[Difference, ...] = field(default_factory=tuple)  # parity with original
    old_mark: bool = False  # marked with the first version's hash, which could not see it all

    @property
    def needs_action(self) -> bool:
        return self.status in NEEDS_ACTION or bool(self.differences)


def translation_states(sources: list[Source], default_lang: str, langs: tuple[str, ...],
                       ) -> list[TranslationState]:
    """The state of every translation of every original, sorted by item then language."""
    by_key: dict[str, dict[str, Source]] = {}
    for source in sources:
        by_key.setdefault(source.key, {})[source.lang] = source
    states = []
    for key, versions in sorted(by_key.items()):
        original = versions.get(default_lang)
        if original is None:
            continue
        current = source_hash(original)
        for lang in langs:
            if lang == default_lang:
                continue
            translation = versions.get(lang)
            path = original.src_path.replace(f".{default_lang}.md", f".{lang}.md")
            states.append(TranslationState(key, lang, _status(translation, current),
                                           original.src_path, path))
    return states


def translation_report(site_dir: Path, sources: list[Source], config: SiteConfig,
                       dates: Mapping[str, dt.date] | None = None,
                       jobs: int = 1, cache: BuildCache | None = None) -> list[TranslationState]:
    """translation_states, with the changed sections of each outdated translation, the date
    each file was updated (its `updated:` line, else dates[src_path]), and what each existing
    translation leaves out of its original or adds (sitegen.parity), read in up to jobs
    processes (and kept in cache)."""
    default = config.default_language.code
    by_path = {s.src_path: s for s in sources}
    locales = {lang.code: lang.locale for lang in config.languages}
    report = []
    head: list[str | None] = []  # the commit checked out, looked up once, when needed
    states = translation_states(sources, default, config.codes)
    compared = [(by_path[state.original], by_path[state.translation]) for state in states
                if state.translation in by_path and state.status not in UNLINTED]
    read_outlines([source for pair in compared for source in pair], config.codes, locales, jobs,
                  cache)
    for state in states:
        original, translation = by_path[state.original], by_path.get(state.translation)
        changes: dict[str, object] = {
            "original_updated": updated(original, dates),
            "translation_updated": updated(translation, dates) if translation else None}
        if state.status == "outdated" and translation is not None:
            marked = str(translation.fields.translated_from)
            head = head or [head_commit(site_dir)]
            changes["changed_sections"] = changed_sections(site_dir, head[0], original,
                                                           marked) or ()
            changes["old_mark"] = legacy_hash(original.fields.as_dict(), original.body) == marked
        if translation is not None and state.status not in UNLINTED:
            changes["differences"] = tuple(compare(original, translation, config.codes,
                                                   locales))
        report.append(dataclasses.replace(state, **changes))  # type: ignore[arg-type]
    return report


def updated(source: Source | None, dates: Mapping[str, dt.date] | None) -> dt.date | None:
    """When a file's text last changed: its own `updated:` line, else its last commit (or
    modification) date from dates."""
    if source is None:
        return None
    own = source.fields.updated
    if isinstance(own, dt.date):
        return own
    return (dates or {}).get(source.src_path)


def _status(translation: Source | None, current: str) -> str:
    if translation is None:
        return "missing"
    if translation.fields.awaiting_translation:
        return "awaiting"
    marked = translation.fields.translated_from
    if not marked:
        return "unmarked"
    return "up-to-date" if marked == current else "outdated"


def changed_sections(site_dir: Path, head: str | None, original: Source,
                     marked_hash: str) -> tuple[str, ...] | None:
    """Which blocks of the original changed since the version with marked_hash (or with that
    hash as the first version of this module made it), found in the file's git history up to
    the commit head (gitdates.head_commit); None when that version cannot be found, for
    instance in a folder without git history. The history is searched once for each commit
    (the preview builds after each save)."""
    if head is None:
        return None
    key = (str(site_dir.resolve()), head, original.src_path, marked_hash,
           content_hash(original.fields.as_dict(), original.body))
    if key not in _CHANGED:
        if len(_CHANGED) >= 256:
            _CHANGED.clear()
        _CHANGED[key] = _changed_sections(site_dir, original, marked_hash)
    return _CHANGED[key]


# what changed_sections found, by site folder, commit, original and its state
_CHANGED: dict[tuple[str, str, str, str, str], tuple[str, ...] | None] = {}


def _changed_sections(site_dir: Path, original: Source,
                      marked_hash: str) -> tuple[str, ...] | None:
    from .reader import split_front_matter  # late: reader imports model only
    from .yaml_source import parse_yaml

    log = git_output(site_dir, "log", "--format=%H", "--", original.src_path)
    if log is None:
        return None
    for commit in log.split():
        text = git_output(site_dir, "show", f"{commit}:./{original.src_path}")
        if text is None:
            continue
        try:
            front, line, body, _ = split_front_matter(text, original.src_path)
            fields = parse_yaml(front, original.src_path, line).data or {}
        except Exception:  # noqa: BLE001 - an old version that no longer parses is skipped
            continue
        if isinstance(fields, dict) and marked_hash in (content_hash(fields, body),
                                                        legacy_hash(fields, body)):
            return compare_blocks(blocks(fields, body),
                                  blocks(original.fields.as_dict(), original.body))
    return None


def compare_blocks(then: list[Block], now: list[Block]) -> tuple[str, ...]:
    """The names of the blocks that differ between two versions of a text, in the order of the
    newer one: changed, "(new)", "(moved)", "(renamed from ...)", then "(removed)"."""
    old = {b.name: b for b in then}
    new = {b.name: b for b in now}
    in_place: set[str] = set()
    renamed: dict[str, str] = {}  # new name -> old name
    matcher = SequenceMatcher(a=[b.name for b in then], b=[b.name for b in now], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            in_place.update(b.name for b in now[j1:j2])
        elif tag == "replace":  # a heading renamed, its text kept, at the same place
            gone = [b for b in then[i1:i2] if b.name not in new and b.heading]
            came = [b for b in now[j1:j2] if b.name not in old and b.heading]
            renamed.update((b.name, a.name) for b, a in zip(came, gone) if a.text == b.text)
    result = []
    for block in now:
        if block.name in renamed:
            result.append(f"{block.name} (renamed from {renamed[block.name]})")
        elif block.name not in old:
            result.append(f"{block.name} (new)")
        elif block.name not in in_place:
            changed = old[block.name].text != block.text
            result.append(f"{block.name} (moved{' and changed' if changed else ''})")
        elif old[block.name].text != block.text:
            result.append(block.name)
    gone_names = set(renamed.values())
    result.extend(f"{b.name} (removed)" for b in then if b.name not in new
                  and b.name not in gone_names)
    return tuple(result)


def mark_translation(path: Path, original_hash: str) -> None:
    """Write translated_from: HASH into a translation's front matter and drop
    awaiting_translation and the editor's tick, keeping every other line as it is."""
    remove_front_matter_keys(path, ("translated_from", "awaiting_translation",
                                    "translation_checked"),
                             add=f"translated_from: {original_hash}")


def remove_front_matter_keys(path: Path, keys: Iterable[str], add: str = "") -> None:
    """Drop the top-level lines of these keys from a file's front matter (then add one line),
    keeping every other line as it is."""
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    front = [line for line in lines[1:end] if not line.startswith(tuple(f"{k}:" for k in keys))]
    front.extend([add] if add else [])
    path.write_text("\n".join([lines[0], *front, *lines[end:]]), encoding="utf-8")
