"""Typed field specs shared by the site config and content front matter, with messages for people.

A spec checks one value and returns it cleaned, or INVALID after reporting why. Every problem is
reported (never only the first), each at the line of the key it concerns.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ..errors import Report, closest_match, did_you_mean, quoted_list
from .yaml_source import KeyPath, Located

INVALID: Any = object()  # returned by a spec after it reported a problem
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# A full web address, or an e-mail address as a mailto: link. Quotes, angle brackets, spaces and
# control characters are never part of a real address: refusing them keeps a value from
# pretending to be something else wherever it is written.
URL_RE = re.compile(r"^(https?://[A-Za-z0-9.\-]+(?::\d{1,5})?(?:[/?#][^\s\"'<>\\`\x00-\x1f\x7f]*)?"
                    r"|mailto:[^\s\"'<>\\`@\x00-\x1f\x7f]+@[A-Za-z0-9.\-]+)$")


@dataclass
class Checker:
    """What a spec needs to report a problem: the parsed source and the report to add to."""

    source: Located
    report: Report
    languages: tuple[str, ...] = ()
    language_names: dict[str, str] = field(default_factory=dict)

    def fail(self, path: KeyPath, message: str, hint: str | None = None) -> Any:
        self.report.error(message, self.source.src_path, self.source.line_of(path), hint)
        return INVALID


def _name(path: KeyPath) -> str:
    """How a key path is named in messages: 'contact.phone' or 'languages[2].code'."""
    text = ""
    for part in path:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "this file"


def _example(path: KeyPath, example: str) -> str:
    """An example line for a hint: "title: Peace", or "- youth" for an item of a list."""
    return f"- {example}" if path and isinstance(path[-1], int) else f"{path[-1]}: {example}"


def _kind_of(value: Any) -> str:
    if isinstance(value, bool):
        return "yes/no"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, dt.date):
        return "a date"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of fields"
    return "text" if isinstance(value, str) else "empty"


class Spec:
    """Base of all specs; example is shown in hints so people see the expected shape."""

    example: str = ""

    def check(self, value: Any, path: KeyPath, checker: Checker) -> Any:
        raise NotImplementedError


@dataclass
class Text(Spec):
    """A string; one_line forbids line breaks, pattern adds a rule explained by rule_text."""

    example: str = "Some text"
    one_line: bool = True
    max_length: int | None = None
    pattern: re.Pattern[str] | None = None
    rule_text: str = ""

    def check(self, value: Any, path: KeyPath, checker: Checker) -> Any:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)  # "911" written without quotes is still a fine phone number
        if not isinstance(value, str):
            return checker.fail(path, f'"{_name(path)}" must be text, not {_kind_of(value)}.',
                                f"For example: {_example(path, self.example)}")
        value = value.strip()
        if not value:
            return checker.fail(path, f'"{_name(path)}" is empty.',
                                f"Write a value, for example: {_example(path, self.example)}")
        if self.one_line and "\n" in value:
            return checker.fail(path, f'"{_name(path)}" must fit on one line.')
        if self.pattern and not self.pattern.match(value):
            return checker.fail(path, f'"{_name(path)}" {self.rule_text}; got "{value}".',
                                f"For example: {_example(path, self.example)}")
        if self.max_length and len(value) > self.max_length:
            return checker.fail(
                path, f'"{_name(path)}" is {len(value)} characters long; keep it under '
                      f'{self.max_length}.')
        return value


def Slug(example: str = "youth-soccer-nights") -> Text:
    return Text(example=example, pattern=SLUG_RE,
                rule_text="may use only lowercase letters a-z, digits and hyphens")


def Url(example: str = "https://example.org/") -> Text:
    return Text(example=example, pattern=URL_RE, rule_text="must be a full web address "
                "starting with https:// (or mailto:), without spaces or quotes")


EMAIL_RE = re.compile(r"^[^\s@\"'<>\\]+@[^\s@\"'<>\\]+\.[^\s@\"'<>\\]+$")


def Email(example: str = "info@example.org") -> Text:
    return Text(example=example, pattern=EMAIL_RE,
                rule_text="must be an e-mail address such as name@example.org")


@dataclass
class Bool(Spec):
    example: str = "true"

    def check(self, value: Any, path: KeyPath, checker: Checker) -> Any:
        if not isinstance(value, bool):
            return checker.fail(path, f'"{_name(path)}" must be true or false, not "{value}".')
        return value


@dataclass
class Integer(Spec):
    example: str = "10"
    minimum: int | None = None

    def check(self, value: Any, path: KeyPath, checker: Checker) -> Any:
        if isinstance(value, bool) or not isinstance(value, int):
            return checker.fail(path, f'"{_name(path)}" must be a whole number, not "{value}".')
        if self.minimum is not None and value < self.minimum:
            return checker.fail(path, f'"{_name(path)}" must be at least {self.minimum}.')
        return value


@dataclass
class Date(Spec):
    example: str = "2026-03-14"

    def check(self, value: Any, path: KeyPath, checker: Checker) -> Any:
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        return checker.fail(
            path, f'"{_name(path)}" must be a date written year-month-day; got "{value}".',
            f"For example: {_example(path, self.example)}")


@dataclass
class DateTime(Spec):
    """A date with or without a time of day: 2026-03-14 or 2026-03-14T18:30:00."""

    example: str = "2026-03-14T18:30:00"

    def check(self, value: Any, path: KeyPath, checker: Checker) -> Any:
        if isinstance(value, (dt.datetime, dt.date)):
            if isinstance(value, dt.datetime) and value.tzinfo is not None:
                return checker.fail(path, f'"{_name(path)}" must not give a time zone offset; '
                                          "set time_zone instead.",
                                    f"For example: {_example(path, self.example)}")
            return value
        return checker.fail(
            path, f'"{_name(path)}" must be a date (year-month-day) or a date and time '
                  f'(year-month-dayThour:minute:second); got "{value}".',
            f"For example: {_example(path, self.example)}")


@dataclass
class TimeZone(Spec):
    """An IANA time zone name such as America/Toronto."""

    example: str = "America/Toronto"

    def check(self, value: Any, path: KeyPath, checker: Checker) -> Any:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(str(value))
        except (ZoneInfoNotFoundError, ValueError):
            return checker.fail(path, f'"{value}" is not a time zone name.',
                                f"Use a name such as {self.example} or Europe/Paris.")
        return str(value)


@dataclass
class Choice(Spec):
    """One of a fixed set of words."""

    options: tuple[str, ...] = ()

    def check(self, value: Any, path: KeyPath, checker: Checker) -> Any:
        if value not in self.options:
            return checker.fail(
                path, f'"{_name(path)}" must be one of {quoted_list(self.options)}; got "{value}".'
                + did_you_mean(str(value), self.options))
        return value


@dataclass
class ListOf(Spec):
    """A YAML list; a single word written as text is refused with an example of a list."""

    item: Spec = field(default_factory=Text)
    example: str = "[youth, newcomers]"
    allow_empty: bool = True

    def check(self, value: Any, path: KeyPath, checker: Checker) -> Any:
        if value is None and self.allow_empty:
            return []
        if not isinstance(value, list):
            return checker.fail(
                path, f'"{_name(path)}" must be a list, for example {self.example}.',
                f"Write it as {_example(path, self.example)} or with one '- ' line per item.")
        if not value and not self.allow_empty:
            return checker.fail(path, f'"{_name(path)}" needs at least one item.')
        items = [self.item.check(item, path + (i,), checker) for i, item in enumerate(value)]
        return INVALID if any(item is INVALID for item in items) else items


@dataclass
class Field:
    """One key of a record: its spec, whether it is required, and what it is for."""

    spec: Spec
    doc: str
    required: bool = False
    default: Any = None
    shared: bool = False  # content only: set once in the original, used by every translation
    taxonomy: str | None = None  # content only: values are ids of this taxonomy
    refers_to: str | None = None  # content only: values are slugs of items of this kind
    # content only, from a declaration (sitegen.field_types): the name shown on pages, per
    # language, as (code, text) pairs; the declared type, and for lists the type of each value
    label: tuple[tuple[str, str], ...] = ()
    type: str = ""
    item_type: str = ""
    role: str = ""  # content only: what the field is in open data (field_types.FIELD_ROLES)


@dataclass
class Record(Spec):
    """A mapping with known keys; unknown keys are errors with a suggestion."""

    fields: dict[str, Field] = field(default_factory=dict)
    open_keys: tuple[str, ...] = ()  # keys whose value is free-form (e.g. "extra")
    noun: str = "field"
    elsewhere: dict[str, str] = field(default_factory=dict)  # key -> the file it belongs in
    # the frozen dataclass that declares these fields and holds their typed values
    # (sitegen.source.settings), if any
    into: type | None = field(default=None, repr=False, compare=False)

    def _renamed(self, match: str, value: Any, checker: Checker) -> str:
        """The value as the matching key wants it: the author's own value when it has the right
        shape, else an example of the right shape (a list stays a list)."""
        spec = self.fields[match].spec if match in self.fields else None
        scalar = isinstance(value, (str, int, float)) and not isinstance(value, bool)
        if spec is not None and not (scalar and isinstance(spec, SCALAR_SPECS)):
            return example_of(spec, checker)
        shown = str(value) if scalar else "..."
        return shown if len(shown) <= 60 else shown[:59] + "…"

    def check(self, value: Any, path: KeyPath, checker: Checker) -> Any:
        result, ok = self.check_partial(value, path, checker)
        return result if ok else INVALID

    def check_partial(self, value: Any, path: KeyPath,
                      checker: Checker) -> tuple[dict[str, Any], bool]:
        """Check every key; return the fields (a field with a mistake gets its default) and
        whether all were right, so later checks can still look at the rest."""
        if value is None:
            value = {}
        if not isinstance(value, dict):
            checker.fail(path, f'"{_name(path)}" must be a group of fields, '
                               f'not {_kind_of(value)}.')
            return {key: spec.default for key, spec in self.fields.items()}, False
        result: dict[str, Any] = {}
        ok = True
        known = list(self.fields) + list(self.open_keys)
        misspelt: set[str] = set()  # keys a typo stands for: not also reported as missing
        for key, item in value.items():
            if key in self.open_keys:
                result[key] = item
            elif key in self.elsewhere:
                checker.fail(path + (key,), f'"{key}" is not set in this file but in '
                             f"{self.elsewhere[key]}.", "Move it there, and delete it here.")
                ok = False
            elif key not in self.fields:
                match = closest_match(str(key), known)
                if match:
                    misspelt.add(match)
                checker.fail(path + (key,), f'Unknown {self.noun} "{key}".'
                             + (f' Did you mean "{match}"?' if match else ""),
                             (f"Rename it, for example: {match}: "
                              f"{self._renamed(match, item, checker)}\n" if match else "")
                             + f"Known {self.noun}s here: {quoted_list(known)}.")
                ok = False
        for key, spec_field in self.fields.items():
            if key in value and value[key] is not None:
                checked = spec_field.spec.check(value[key], path + (key,), checker)
                ok = ok and checked is not INVALID
                result[key] = spec_field.default if checked is INVALID else checked
            elif spec_field.required and key not in misspelt:
                checker.fail(path or (key,), f'Missing required {self.noun} "{key}" '
                             f'({spec_field.doc}).',
                             f"Add a line like: {key}: {example_of(spec_field.spec, checker)}")
                ok = False
            else:
                result[key] = spec_field.default
        return result, ok


@dataclass
class PerLanguage(Spec):
    """A value given once for each configured language: {en: ..., fr: ...}."""

    item: Spec = field(default_factory=Text)
    required_in_all: bool = True

    def check(self, value: Any, path: KeyPath, checker: Checker) -> Any:
        if not isinstance(value, dict):
            sample = ", ".join(f"{code}: ..." for code in checker.languages)
            return checker.fail(path, f'"{_name(path)}" must give one value per language.',
                                f"For example: {_example(path, '{' + sample + '}')}")
        ok = True
        result = {}
        for code, item in value.items():
            if code not in checker.languages:
                checker.fail(path + (code,), f'"{code}" is not a configured language.'
                             + did_you_mean(str(code), checker.languages),
                             f"Configured languages: {quoted_list(checker.languages)}.")
                ok = False
                continue
            result[code] = self.item.check(item, path + (code,), checker)
            ok = ok and result[code] is not INVALID
        missing = [code for code in checker.languages if code not in value]
        if missing and self.required_in_all:
            names = ", ".join(f"{checker.language_names.get(c, c)} ({c})" for c in missing)
            checker.fail(path, f'"{_name(path)}" has no text for {names}.',
                         f"Add a line for each, for example: {missing[0]}: ...")
            ok = False
        return result if ok else INVALID


@dataclass
class Custom(Spec):
    """A spec from a function, for the few checks that need code (e.g. 'exactly one default')."""

    func: Callable[[Any, KeyPath, Checker], Any] = lambda value, path, checker: value
    example: str = ""

    def check(self, value: Any, path: KeyPath, checker: Checker) -> Any:
        return self.func(value, path, checker)


SCALAR_SPECS = (Text, Integer, Bool, Date, DateTime, TimeZone, Choice)


def example_of(spec: Spec, checker: Checker) -> str:
    """An example value of the shape spec expects, for hints."""
    if isinstance(spec, PerLanguage):
        item = spec.item.example if spec.item.example and not isinstance(
            spec.item, (Record, ListOf, PerLanguage)) else "..."
        return "{" + ", ".join(f"{code}: {item}" for code in checker.languages or ("en",)) + "}"
    if isinstance(spec, Record):
        keys = [key for key, f in spec.fields.items() if f.required] or list(spec.fields)[:2]
        return "{" + ", ".join(f"{key}: ..." for key in keys) + "}"
    return spec.example or "..."


def check_document(source: Located, record: Record, report: Report,
                   languages: Iterable[str] = (), language_names: dict[str, str] | None = None,
                   ) -> dict[str, Any] | None:
    """Check a whole parsed document against record; None when it had problems."""
    checker = Checker(source, report, tuple(languages), language_names or {})
    result = record.check(source.data, (), checker)
    return None if result is INVALID else result
