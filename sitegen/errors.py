"""Problems a person can fix: one error type, a collector, and "did you mean" suggestions."""

from __future__ import annotations

import difflib
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
    """The option that word most likely misspells, or None when nothing is close."""
    matches = difflib.get_close_matches(str(word), sorted(set(options)), n=1, cutoff=0.6)
    return matches[0] if matches else None


def did_you_mean(word: str, options: Iterable[str]) -> str:
    """Return ' Did you mean "x"?' for the closest option, or '' when nothing is close."""
    match = closest_match(word, options)
    return f' Did you mean "{match}"?' if match else ""


def quoted_list(options: Iterable[str]) -> str:
    """Format options as '"a", "b", "c"' for messages."""
    return ", ".join(f'"{option}"' for option in sorted(options))
