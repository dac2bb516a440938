"""Problems a person can fix: one error type, a collector, and "did you mean" suggestions."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ContentError(Exception):
    """A mistake in content, config, catalogs or templates, located at a file and line."""

    message: str
    path: str | None = None
    line: int | None = None
    hint: str | None = None

    def location(self) -> str:
        if self.path is None:
            return ""
        return f"{self.path}:{self.line}" if self.line else self.path

    def __str__(self) -> str:
        where = self.location()
        text = f"{where}: {self.message}" if where else self.message
        if self.hint:
            text += "\n    " + self.hint.replace("\n", "\n    ")
        return text

    def sort_key(self) -> tuple[str, int, str]:
        return (self.path or "", self.line or 0, self.message)

    def __reduce__(self) -> tuple[type[ContentError],
                                  tuple[str, str | None, int | None, str | None]]:
        # an exception pickles as (class, args) then sets its attributes, which a frozen
        # dataclass refuses: problems found in a worker process come back this way instead
        return (ContentError, (self.message, self.path, self.line, self.hint))


class BuildFailed(Exception):
    """Raised between pipeline steps when any error was found; carries every problem."""

    def __init__(self, errors: list[ContentError], warnings: list[ContentError] | None = None):
        super().__init__(f"{len(errors)} error(s)")
        self.errors = sorted(errors, key=ContentError.sort_key)
        self.warnings = sorted(warnings or [], key=ContentError.sort_key)


@dataclass
class Report:
    """Collects every error and warning of a build so that all are shown together."""

    errors: list[ContentError] = field(default_factory=list)
    warnings: list[ContentError] = field(default_factory=list)

    def error(self, message: str, path: str | None = None, line: int | None = None,
              hint: str | None = None) -> None:
        self.errors.append(ContentError(message, path, line, hint))

    def warn(self, message: str, path: str | None = None, line: int | None = None,
             hint: str | None = None) -> None:
        self.warnings.append(ContentError(message, path, line, hint))

    def add(self, problem: ContentError) -> None:
        self.errors.append(problem)

    def stop_if_failed(self, strict: bool = False) -> None:
        """End the build here if anything went wrong; with strict, warnings count as errors."""
        errors = self.errors + (self.warnings if strict else [])
        if errors:
            raise BuildFailed(errors, [] if strict else self.warnings)


def closest_match(word: str, options: Iterable[str]) -> str | None:
    """The option that word most likely misspells, or None when nothing is close.

    Close means a few typing slips away (one slip, a letter wrong, missing, added or two
    swapped, per four letters, at least one), or a name missing some of its parts ("club" for
    "town-club"). "titel" -> "title", but never "site" -> "title"."""
    word = str(word)
    candidates = difflib.get_close_matches(word, sorted(set(options)), n=5, cutoff=0.6)
    allowed = max(1, round(len(word) / 4))
    close = [option for option in candidates
             if _slips(word, option) <= allowed or _parts_within(word, option)]
    return close[0] if close else None


def _parts_within(word: str, option: str) -> bool:
    """Whether every part of word (split at - _ / .) appears in option's parts, in order."""
    wanted = [part for part in re.split(r"[-_/.]", word) if part]
    found = iter(part for part in re.split(r"[-_/.]", option) if part)
    return bool(wanted) and all(part in found for part in wanted)


def _slips(first: str, second: str) -> int:
    """Damerau-Levenshtein distance (optimal string alignment): how many letters must be
    changed, added, removed or swapped with their neighbour to turn first into second."""
    previous2: list[int] = []
    previous = list(range(len(second) + 1))
    for i, a in enumerate(first, 1):
        current = [i] + [0] * len(second)
        for j, b in enumerate(second, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b))
            if i > 1 and j > 1 and a == second[j - 2] and first[i - 2] == b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def did_you_mean(word: str, options: Iterable[str]) -> str:
    """Return ' Did you mean "x"?' for the closest option, or '' when nothing is close."""
    match = closest_match(word, options)
    return f' Did you mean "{match}"?' if match else ""


def quoted_list(options: Iterable[str]) -> str:
    """Format options as '"a", "b", "c"' for messages."""
    return ", ".join(f'"{option}"' for option in sorted(options))
