"""A content file's fields once checked: a frozen value whose declared fields are attributes.

    entry.fields.title          # text
    entry.fields.date           # a datetime.date
    entry.fields.audiences      # a tuple of taxonomy ids
    entry.fields.location.name  # a group of fields (image, contact, location) is one too
    entry.fields.extra          # the free-form fields the declarations leave open

A field the file leaves out reads as its default (None, or the declared default); a name that
is not a declared field is an error that says which fields there are, so that a misspelt field
in a template or in code fails loudly instead of showing nothing. Lists are tuples and nothing
can be changed after reading: every page built from a file sees the same values.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Any, NoReturn

from ..errors import did_you_mean
from .schema import ListOf, Record, Spec

EXTRA = "extra"  # the free-form field: its keys are the site's own, never checked
_MISSING = object()


class FrontMatter:
    """The checked fields of one content file (or of one entry: an original's shared fields
    with a translation's own), read by attribute."""

    _record: Record

    def __init__(self, values: Mapping[str, Any], record: Record) -> None:
        typed = {key: _typed(value, record.fields[key].spec if key in record.fields else None)
                 for key, value in values.items()}
        # each field an attribute of the instance, read at the speed of any attribute; a field
        # may not take the name of a method (RESERVED, refused where fields are declared)
        self.__dict__.update(typed)
        self.__dict__["_record"] = record  # field names start with a letter: no clash

    def __getattr__(self, name: str) -> Any:  # only for names the file does not give
        if name.startswith("__"):  # copy, pickle and Jinja probe for special methods
            raise AttributeError(name)
        if name in self._record.fields:
            return self._record.fields[name].default
        if name == EXTRA:
            return MappingProxyType({})
        raise AttributeError(self.missing(name))

    def missing(self, name: str) -> str:
        """What to say of a name that is no field here."""
        return f'There is no field "{name}".' + did_you_mean(name, self._record.fields)

    def __setattr__(self, name: str, value: Any) -> NoReturn:
        raise AttributeError(f'Fields are read-only: "{name}" cannot be set.')

    def __delattr__(self, name: str) -> NoReturn:
        raise AttributeError(f'Fields are read-only: "{name}" cannot be deleted.')

    def __reduce__(self) -> tuple[Any, ...]:
        return (FrontMatter, (self.as_dict(), self._record))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FrontMatter) and self.as_dict() == other.as_dict()

    __hash__ = None  # type: ignore[assignment]  # equal by value, like the dict it stands for

    def __repr__(self) -> str:
        return f"FrontMatter({self.as_dict()!r})"

    def __iter__(self) -> Iterator[str]:
        return (key for key, _value in self.items())

    def value(self, name: str) -> Any:
        """A field by its name, for code that walks a collection's declarations (such as
        the generic item template); None for a name that is not declared."""
        found = self.__dict__.get(name, _MISSING) if not name.startswith("_") else _MISSING
        if found is not _MISSING:
            return found
        declared = self._record.fields.get(name)
        return declared.default if declared is not None else None

    def listed(self, name: str) -> tuple[Any, ...]:
        """A field's values as a tuple: a list's items, the one value of any other field, none
        when it is empty or left out."""
        value = self.value(name)
        if isinstance(value, tuple):
            return value
        return () if value is None or value == "" else (value,)

    def items(self) -> Iterator[tuple[str, Any]]:
        """Each field the file gives (defaults included), in order."""
        return iter(self._values().items())

    def _values(self) -> dict[str, Any]:
        """The fields by name, in order (a copy made at C speed: every build digests every
        entry's fields)."""
        values = self.__dict__.copy()
        del values["_record"]
        return values

    def as_dict(self) -> dict[str, Any]:
        """The fields as plain data (lists, dicts), as read: for hashes, caches and files."""
        return {key: _plain(value) for key, value in self.items()}

    def with_fields(self, values: Mapping[str, Any]) -> FrontMatter:
        """A copy with values set (already checked, plain or typed), such as a translation's
        own fields."""
        fields = self._record.fields
        copy = object.__new__(FrontMatter)
        copy.__dict__.update(self.__dict__)
        copy.__dict__.update({key: _typed(value, fields[key].spec if key in fields else None)
                              for key, value in values.items()})
        return copy


def fields_digest(fields: FrontMatter) -> str:
    """A content hash of the fields' values: the same values, the same digest."""
    text = json.dumps(fields, default=_stand_in, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _stand_in(value: Any) -> Any:
    """How fields_digest writes a value JSON has no form of (fields, a date, a time): never as
    the text a field could hold. (The json module's C encoder writes the rest, tuples as
    lists: every build digests every entry's fields.)"""
    if type(value) is FrontMatter:
        return value._values()
    if type(value) is MappingProxyType:
        return dict(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return ["\0D", type(value).__name__, value.isoformat()]
    if isinstance(value, (set, frozenset)):
        return ["\0S", sorted(map(repr, value))]
    return ["\0R", type(value).__name__, repr(value)]


def _typed(value: Any, spec: Spec | None) -> Any:
    """value as a field holds it; a value that already is stays as it is."""
    if type(value) in _AS_THEY_ARE:  # most values: asked first (every build types every file's)
        return value
    if isinstance(spec, Record) and isinstance(value, Mapping):
        return FrontMatter(value, spec)
    if isinstance(value, list):
        item = spec.item if isinstance(spec, ListOf) else None
        return tuple(_typed(each, item) for each in value)
    if isinstance(value, dict):
        return MappingProxyType({key: _typed(each, None) for key, each in value.items()})
    return value


_AS_THEY_ARE = frozenset({str, int, float, bool, type(None), dt.date, dt.datetime, tuple})


def _plain(value: Any) -> Any:
    if isinstance(value, FrontMatter):
        return value.as_dict()
    if isinstance(value, tuple):
        return [_plain(each) for each in value]
    if isinstance(value, MappingProxyType):
        return {key: _plain(each) for key, each in value.items()}
    return value


# names a field cannot take: those of FrontMatter's own methods, and the free-form field
RESERVED = frozenset(name for name in vars(FrontMatter) if not name.startswith("_")) | {EXTRA}
