"""Translation status: which version of its original each translation translates.

A translation records the content hash of the original it was made from (`translated_from`,
written by `python build.py translations mark`). When the original's text changes, its hash
changes, and the translation is outdated until a translator updates it and marks it again."""

from __future__ import annotations

import hashlib
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from .model import Source

HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
TRANSLATABLE_TEXT = ("title", "summary")
STATUSES = ("up-to-date", "outdated", "awaiting", "missing", "unmarked")


def sections(source_fields: dict, body: str) -> dict[str, str]:
    """The parts of a text a translator works on: title, summary, then each heading's section
    (text before the first heading is the "introduction")."""
    parts = {name: str(source_fields.get(name) or "") for name in TRANSLATABLE_TEXT}
    image = source_fields.get("image")
    if image:
        parts["image description"] = image.get("alt", "")
    current, lines = "introduction", []
    for line in body.split("\n"):
        match = HEADING_RE.match(line)
        if match:
            parts[current] = "\n".join(lines)
            current, lines = match.group(2), []
        else:
            lines.append(line)
    parts[current] = "\n".join(lines)
    return {name: " ".join(text.split()) for name, text in parts.items()
            if text.strip() or name in TRANSLATABLE_TEXT}


def content_hash(source_fields: dict, body: str) -> str:
    """A short hash of everything a translator translates; layout-only edits do not change it."""
    digest = hashlib.sha256()
    for name, text in sections(source_fields, body).items():
        digest.update(f"{name}\x00{text}\x01".encode("utf-8"))
    return digest.hexdigest()[:12]


def source_hash(source: Source) -> str:
    return content_hash(source.fields, source.body)


@dataclass(frozen=True)
class TranslationState:
    key: str  # programs/peace
    lang: str
    status: str  # one of STATUSES
    original: str  # src_path of the original
    translation: str  # src_path of the translation (may not exist yet)
    changed_sections: tuple[str, ...] = field(default_factory=tuple)


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


def translation_report(site_dir: Path, sources: list[Source], default_lang: str,
                       langs: tuple[str, ...]) -> list[TranslationState]:
    """translation_states, with the changed sections of each outdated translation."""
    originals = {s.key: s for s in sources if s.lang == default_lang}
    marks = {(s.key, s.lang): s.fields.get("translated_from") for s in sources}
    report = []
    for state in translation_states(sources, default_lang, langs):
        if state.status == "outdated":
            found = changed_sections(site_dir, originals[state.key], marks[(state.key, state.lang)])
            state = TranslationState(state.key, state.lang, state.status, state.original,
                                     state.translation, found or ())
        report.append(state)
    return report


def _status(translation: Source | None, current: str) -> str:
    if translation is None:
        return "missing"
    if translation.fields.get("awaiting_translation"):
        return "awaiting"
    marked = translation.fields.get("translated_from")
    if not marked:
        return "unmarked"
    return "up-to-date" if marked == current else "outdated"


def changed_sections(site_dir: Path, original: Source, marked_hash: str) -> tuple[str, ...] | None:
    """Which sections of the original changed since the version with marked_hash, found in the
    file's git history; None when that version cannot be found."""
    from .reader import split_front_matter  # late: reader imports model only
    from .yaml_source import parse_yaml

    try:
        log = subprocess.run(["git", "-C", str(site_dir), "log", "--format=%H", "--",
                              original.src_path], capture_output=True, text=True, timeout=60,
                             check=True).stdout.split()
    except (OSError, subprocess.SubprocessError):
        return None
    now = sections(original.fields, original.body)
    for commit in log:
        try:
            text = subprocess.run(["git", "-C", str(site_dir), "show",
                                   f"{commit}:./{original.src_path}"], capture_output=True,
                                  text=True, timeout=60, check=True).stdout
            front, line, body, _ = split_front_matter(text, original.src_path)
            fields = parse_yaml(front, original.src_path, line).data or {}
        except Exception:  # noqa: BLE001 - an old version that no longer parses is skipped
            continue
        if isinstance(fields, dict) and content_hash(fields, body) == marked_hash:
            then = sections(fields, body)
            return tuple(name for name in now if then.get(name) != now[name]) + tuple(
                f"{name} (removed)" for name in then if name not in now)
    return None


def mark_translation(path: Path, original_hash: str) -> None:
    """Write translated_from: HASH into a translation's front matter and drop
    awaiting_translation, keeping every other line as it is."""
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    front = [line for line in lines[1:end]
             if not line.startswith(("translated_from:", "awaiting_translation:"))]
    front.append(f"translated_from: {original_hash}")
    path.write_text("\n".join([lines[0], *front, *lines[end:]]), encoding="utf-8")
