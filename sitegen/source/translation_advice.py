"""What a translation's status means and what to do next, in plain words for communications
staff: the same sentences in `build.py translations` and on the team's report page."""

from __future__ import annotations

from .translation_status import TranslationState

STATUS_TEXT = {"up-to-date": "up to date", "outdated": "outdated",
               "awaiting": "awaiting translation", "missing": "missing",
               "unmarked": "not marked"}
MEANING = {
    "outdated": "the original changed after the translation was marked as up to date; readers "
                "see the translation under a notice that the original was updated.",
    "missing": "there is no file for that language yet; readers see the original's text.",
    "awaiting": "the file was created by `build.py new` and still holds placeholders; readers "
                "see the original's text.",
    "unmarked": "the file is published, but nobody recorded which version of the original it "
                "translates, so later changes to the original cannot be seen.",
    "up-to-date": "it translates the current original.",
    "differs": "it leaves out something the original has (a heading, a list item, a link, a "
               "phone number, an e-mail address, a number or a date), or adds something the "
               "original does not have.",
}
ACTION_ORDER = ("outdated", "missing", "awaiting", "unmarked", "up-to-date")


def mark_ids(states: list[TranslationState]) -> dict[tuple[str, str], str]:
    """How to name each translation, by its (key, lang), to `translations mark`: peace.fr, or
    programs/peace.fr when another collection has an item of the same name. (Worked out for
    all at once: a large site has thousands.)"""
    keys_of_name: dict[str, set[str]] = {}
    for state in states:
        keys_of_name.setdefault(state.key.partition("/")[2], set()).add(state.key)
    ids = {}
    for state in states:
        name = state.key.partition("/")[2]
        ids[(state.key, state.lang)] = \
            f"{state.key if len(keys_of_name[name]) > 1 else name}.{state.lang}"
    return ids


def next_step(state: TranslationState, mark_command: str) -> str | None:
    """The next thing to do for a translation, with the command to run; None when nothing is
    to be done. mark_command is the full command, e.g. python build.py translations mark
    peace.fr."""
    if state.status == "outdated":
        if state.old_mark:
            return (f"Check that {state.translation} still matches {state.original} (it was "
                    f"marked before headings with no text under them, or repeated headings, "
                    f"were counted), then run: {mark_command}")
        return f"Update {state.translation} to match the original, then run: {mark_command}"
    if state.status == "missing":
        return (f"Copy {state.original} to {state.translation}, translate it, then run: "
                f"{mark_command}")
    if state.status == "awaiting":
        return f"Translate {state.translation}, then run: {mark_command}"
    if state.status == "unmarked":
        if state.differences:
            return (f"Make {state.translation} match the original at the lines listed, then "
                    f"run: {mark_command}")
        if _older_than_original(state):
            return (f"The original was updated after this translation: update "
                    f"{state.translation} to match it, then run: {mark_command}")
        return f"If {state.translation} translates the current original, run: {mark_command}"
    if state.differences:
        return (f"Make {state.translation} match the original at the lines listed (it stays "
                "up to date: no need to mark it again).")
    return None


def dates_text(state: TranslationState) -> str:
    """"original updated 2026-03-02, translation updated 2026-01-10", with what is known."""
    parts = []
    if state.original_updated:
        parts.append(f"original updated {state.original_updated.isoformat()}")
    if state.translation_updated:
        parts.append(f"translation updated {state.translation_updated.isoformat()}")
    return ", ".join(parts)


def status_text(state: TranslationState) -> str:
    """The status in words, with what changed in the original."""
    text = STATUS_TEXT[state.status]
    if state.changed_sections:
        text += "; changed since: " + ", ".join(f'"{name}"' for name in state.changed_sections)
    elif state.status == "outdated" and state.old_mark:
        text += " (marked with an earlier fingerprint that did not count every heading)"
    elif state.status == "outdated":
        text += " (the changed sections could not be found in the file's history)"
    if state.status == "up-to-date" and state.differences:
        text += ", but differs from the original"
    return text


def _older_than_original(state: TranslationState) -> bool:
    return bool(state.original_updated and state.translation_updated
                and state.translation_updated < state.original_updated)


def action_order(states: list[TranslationState]) -> list[TranslationState]:
    """What needs action first (outdated, missing, awaiting, not marked, then what differs
    from its original), then the rest, each group in the order of the items."""
    return sorted(states, key=lambda s: (not s.needs_action, ACTION_ORDER.index(s.status)))


def meanings(states: list[TranslationState]) -> list[tuple[str, str]]:
    """(status, what it means) for each status of the translations that need action, and for
    a difference from the original if any has one."""
    shown = {s.status for s in states if s.needs_action}
    found = [(STATUS_TEXT[status], MEANING[status]) for status in ACTION_ORDER
             if status in shown and status != "up-to-date"]
    if any(s.differences for s in states):
        found.append(("differs from the original", MEANING["differs"]))
    return found
