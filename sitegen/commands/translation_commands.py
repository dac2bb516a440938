"""The `translations` command: print the status of every translation, or mark translations as
up to date with the current version of their original (after checking that they match it)."""

from __future__ import annotations

import datetime as dt
import json
import re
import shlex
from collections import Counter
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ..cache import BuildCache
from ..errors import Report, did_you_mean
from ..source.config import SiteConfig
from ..source.gitdates import last_changed
from ..source.model import Source
from ..source.parity import compare
from ..source.translation_advice import (MEANING, STATUS_TEXT, action_order, dates_text, mark_ids,
                                         meanings, next_step, status_text)
from ..source.collection_kinds import CHECKED_FIELD
from ..source.translation_status import (TranslationState, mark_translation,
                                         remove_front_matter_keys, source_hash,
                                         translation_report)

FAIL_ON = {"outdated": ("outdated", "unmarked"), "missing": ("missing", "awaiting"),
           "unmarked": ("unmarked",), "differences": ()}
ID_RE = re.compile(r"^(?:content/)?(?:(?P<collection>[^/]+)/)?(?P<name>[^/.]+)\.(?P<lang>[^/.]+)"
                   r"(?:\.md)?$")
COMMAND = "python build.py"


def site_option_for(site: Path) -> str:
    """What the commands it suggests add to name the site folder, when it is not this one."""
    return "" if site == Path(".") else f" --site {shlex.quote(str(site))}"


def mark_command(state: TranslationState, ids: dict[tuple[str, str], str],
                 site_option: str = "") -> str:
    """The command that marks a translation as up to date; ids: mark_ids of the report."""
    return f"{COMMAND} translations mark {ids[(state.key, state.lang)]}{site_option}"


def format_text(states: list[TranslationState], config: SiteConfig, site_option: str = "") -> str:
    """What needs action first, each with its dates, its differences from the original and the
    command to run next; then what is up to date; what each status means; the counts last."""
    others = [lang for lang in config.languages if not lang.default]
    originals = len({s.key for s in states})
    lines = [f"Translations of {originals} {config.default_language.english_name} originals into "
             + ", ".join(lang.label for lang in others) + ":"]
    width = max((len(s.key) for s in states), default=0)
    ordered = action_order(states)
    acting = [s for s in ordered if s.needs_action]
    if acting:
        lines.append(f"\nNeeds action ({len(acting)}):")
    else:
        lines.append("Nothing needs action: every translation is up to date and matches its "
                     "original.")
    ids = mark_ids(states)
    for state in acting:
        lines.extend(_action_lines(state, width, mark_command(state, ids, site_option)))
    rest = [s for s in ordered if not s.needs_action]
    if rest:
        lines.append(f"\nUp to date ({len(rest)}):")
        lines.extend(_status_line(state, width) for state in rest)
    if acting:
        lines.append("\nWhat the statuses mean:")
        lines.extend(f"  {label}: {meaning}" for label, meaning in meanings(acting))
    counts = Counter(s.status for s in states)
    lines.append(f"{len(states)} translations: " + ", ".join(
        f"{counts[status]} {text}" for status, text in STATUS_TEXT.items()) + ".")
    return "\n".join(lines)


def _action_lines(state: TranslationState, width: int, command: str) -> list[str]:
    lines = [_status_line(state, width)]
    if dates_text(state):
        lines.append(f"      {dates_text(state)}")
    if state.differences:
        count = len(state.differences)
        lines.append(f"      Differs from the original in {count} "
                     f"place{'' if count == 1 else 's'}:")
        lines.extend(f"        {difference}" for difference in state.differences)
    step = next_step(state, command)
    if step:
        lines.append(f"      Next: {step}")
    return lines


def _status_line(state: TranslationState, width: int) -> str:
    return f"  {state.key:<{width}}  {state.lang}  {status_text(state)}"


def format_json(states: list[TranslationState], site_option: str = "") -> str:
    """Every state with the keys of the first version (key, lang, status, original,
    translation, changed_sections) and the newer ones."""
    ids = mark_ids(states)
    return json.dumps([_json_state(state, ids, site_option) for state in states],
                      ensure_ascii=False, indent=2)


def _json_state(state: TranslationState, ids: dict[tuple[str, str], str],
                site_option: str) -> dict[str, Any]:
    data = asdict(state)
    data["changed_sections"] = list(state.changed_sections)
    for name in ("original_updated", "translation_updated"):
        value = data[name]
        data[name] = value.isoformat() if isinstance(value, dt.date) else None
    data["differences"] = [asdict(d) for d in state.differences]
    data["needs_action"] = state.needs_action
    data["meaning"] = MEANING[state.status]
    data["next_step"] = next_step(state, mark_command(state, ids, site_option))
    return data


def failing(states: list[TranslationState], fail_on: list[str]) -> list[TranslationState]:
    statuses = {status for policy in fail_on for status in FAIL_ON[policy]}
    return [state for state in states if state.status in statuses
            or "differences" in fail_on and state.differences]


def report_states(site_dir: Path, sources: list[Source], config: SiteConfig,
                  jobs: int = 1, cache: BuildCache | None = None) -> list[TranslationState]:
    """The report, with each file's date: its `updated:` line, else its last commit, else (not
    committed yet, or no git history) the day it was last saved; read in up to jobs processes,
    with what a build kept in cache."""
    dates = last_changed(site_dir, [s.src_path for s in sources])
    return translation_report(site_dir, sources, config, dates, jobs, cache)


def mark(site_dir: Path, sources: list[Source], config: SiteConfig, ids: list[str],
         report: Report, force: bool = False, site_option: str = "") -> list[str]:
    """Mark each translation named (peace.fr, programs/peace.fr or its path) as translating the
    current original, unless it differs from the original (then only with force). Returns one
    line per file marked; problems go to report."""
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
        again = (f"{COMMAND} translations mark {text} --force{site_option}",
                 "mark it anyway with")
        line = _mark_one(site_dir, found[0], by_id, config, report, force, again)
        done.extend([line] if line else [])
    return done


def mark_checked(site_dir: Path, sources: list[Source], config: SiteConfig,
                 report: Report) -> list[str]:
    """Record every translation ticked as checked in the browser editor (translation_checked:
    true) as up to date with its current original, as `mark` does, and take the tick away.
    A ticked translation that differs from its original keeps its tick and is reported; a tick
    in an original means nothing and is taken away."""
    default = config.default_language.code
    by_id = {(s.collection, s.name, s.lang): s for s in sources}
    done = []
    for source in sources:
        if source.fields.value(CHECKED_FIELD) is not True:
            continue
        path = site_dir / source.src_path
        if source.lang == default:
            remove_front_matter_keys(path, (CHECKED_FIELD,))
            done.append(f"{source.src_path} is an original: its translation tick was removed.")
            continue
        line = _mark_one(site_dir, source, by_id, config, report, False, (
            f"{COMMAND} translations mark {source.collection}/{source.name}.{source.lang} --force", "or mark it with"))
        done.extend([line] if line else [])
    return done


def _mark_one(site_dir: Path, translation: Source, by_id: dict[tuple[str, str, str], Source],
              config: SiteConfig, report: Report, force: bool,
              again: tuple[str, str]) -> str | None:
    """Mark one translation as up to date with its original (see mark); again is the command
    that would force it, and the words that introduce it."""
    locales = {lang.code: lang.locale for lang in config.languages}
    original = by_id.get((translation.collection, translation.name,
                          config.default_language.code))
    if original is None:
        report.error(f"{translation.src_path} has no original to be a translation of.")
        return None
    differences = compare(original, translation, config.codes, locales)
    listed = "\n".join(str(d) for d in differences)
    places = f"{len(differences)} place{'' if len(differences) == 1 else 's'}"
    if differences and not force:
        report.error(
            f"Not marked: this translation differs from {original.src_path} in {places}.",
            translation.src_path, hint=f"{listed}\nMake it match the original, then mark it "
            f"again. If a difference is right, {again[1]}: {again[0]}")
        return None
    digest = source_hash(original)
    mark_translation(site_dir / translation.src_path, digest)
    if differences:
        report.warn(f"Marked with --force, but this translation still differs from "
                    f"{original.src_path} in {places}.", translation.src_path, hint=listed)
    return f"Marked {translation.src_path} as up to date with {original.src_path} ({digest})."


def _not_found(text: str, match: re.Match[str], found: list[Source],
               sources: list[Source]) -> str:
    if found:
        return (f'"{text}" could be ' + " or ".join(s.src_path for s in found)
                + "; add the collection, e.g. programs/peace.fr.")
    names = [f"{s.name}.{s.lang}" for s in sources]
    return (f'There is no translation file for "{text}".'
            + did_you_mean(f"{match['name']}.{match['lang']}", names)
            + " Create the file first, then mark it.")
