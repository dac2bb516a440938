"""The `translations` command: print the status of every translation, or mark translations as
up to date with the current version of their original."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import asdict
from pathlib import Path

from .config import SiteConfig
from .errors import Report, did_you_mean
from .model import Source
from .translations import TranslationState, mark_translation, source_hash, translation_report

STATUS_TEXT = {"up-to-date": "up to date", "outdated": "outdated",
               "awaiting": "awaiting translation", "missing": "missing",
               "unmarked": "not marked"}
FAIL_ON = {"outdated": ("outdated", "unmarked"), "missing": ("missing", "awaiting"),
           "unmarked": ("unmarked",)}
ID_RE = re.compile(r"^(?:content/)?(?:(?P<collection>[^/]+)/)?(?P<name>[^/.]+)\.(?P<lang>[^/.]+)"
                   r"(?:\.md)?$")


def format_text(states: list[TranslationState], config: SiteConfig) -> str:
    others = [lang for lang in config.languages if not lang.default]
    originals = len({s.key for s in states})
    lines = [f"Translations of {originals} {config.default_language.english_name} originals into "
             + ", ".join(lang.label for lang in others) + ":"]
    width = max((len(s.key) for s in states), default=0)
    for state in states:
        detail = STATUS_TEXT[state.status]
        if state.changed_sections:
            detail += "; changed since: " + ", ".join(f'"{name}"' for name in
                                                      state.changed_sections)
        elif state.status == "outdated":
            detail += " (the changed sections could not be found in the file's history)"
        lines.append(f"  {state.key:<{width}}  {state.lang}  {detail}")
    counts = Counter(s.status for s in states)
    lines.append(f"{len(states)} translations: " + ", ".join(
        f"{counts[status]} {text}" for status, text in STATUS_TEXT.items()) + ".")
    return "\n".join(lines)


def format_json(states: list[TranslationState]) -> str:
    return json.dumps([{**asdict(state), "changed_sections": list(state.changed_sections)}
                       for state in states], ensure_ascii=False, indent=2)


def failing(states: list[TranslationState], fail_on: list[str]) -> list[TranslationState]:
    statuses = {status for policy in fail_on for status in FAIL_ON[policy]}
    return [state for state in states if state.status in statuses]


def report_states(site_dir: Path, sources: list[Source], config: SiteConfig,
                  ) -> list[TranslationState]:
    return translation_report(site_dir, sources, config.default_language.code, config.codes)


def mark(site_dir: Path, sources: list[Source], config: SiteConfig, ids: list[str],
         report: Report) -> list[str]:
    """Mark each translation named (peace.fr, programs/peace.fr or its path) as translating the
    current original. Returns one line per file marked; problems go to report."""
    default = config.default_language.code
    by_id = {(s.collection, s.name, s.lang): s for s in sources}
    done = []
    for text in ids:
        match = ID_RE.match(text)
        if not match or match["lang"] == default:
            report.error(f'"{text}" does not name a translation.', hint=(
                "Name it like peace.fr, programs/peace.fr or content/programs/peace.fr.md."))
            continue
        found = [s for (collection, name, lang), s in by_id.items()
                 if name == match["name"] and lang == match["lang"]
                 and match["collection"] in (None, collection)]
        if len(found) != 1:
            report.error(_not_found(text, match, found, sources))
            continue
        translation = found[0]
        original = by_id.get((translation.collection, translation.name, default))
        if original is None:
            report.error(f"{translation.src_path} has no original to be a translation of.")
            continue
        digest = source_hash(original)
        mark_translation(site_dir / translation.src_path, digest)
        done.append(f"Marked {translation.src_path} as up to date with {original.src_path} "
                    f"({digest}).")
    return done


def _not_found(text: str, match: re.Match[str], found: list[Source],
               sources: list[Source]) -> str:
    if found:
        return (f'"{text}" could be ' + " or ".join(s.src_path for s in found)
                + "; add the collection, e.g. programs/peace.fr.")
    names = [f"{s.name}.{s.lang}" for s in sources]
    return (f'There is no translation file for "{text}".'
            + did_you_mean(f"{match['name']}.{match['lang']}", names)
            + " Create the file first, then mark it.")

