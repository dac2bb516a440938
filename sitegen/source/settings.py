"""Settings declared once: each setting is a field of a frozen dataclass that carries its check,
its default and its documentation. From that one declaration come the validator (with its "did
you mean"), the JSON Schema and the settings reference (both walk the Record made here), and the
typed value the rest of the generator reads.

    @dataclass(frozen=True)
    class Phone:
        label: dict[str, str] = setting(PerLanguage(), "what the number is for", required=True)
        number: str = setting(Text(example='"905-555-0100"'), "the number as people dial it",
                              required=True)

    PHONE = record_for(Phone)                 # checks a YAML group, reports mistakes
    phone = from_checked(Phone, checked, at)  # the typed value of a checked group

A field made with located() is not a setting: it holds the line the group (or one of its keys)
is written on, for messages. A setting whose typed value is not simply its checked value (a
list of languages, the collections) names a convert function.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, TypeVar

from .schema import Field, ListOf, PerLanguage, Record, Spec
from .yaml_source import KeyPath

SETTING = "setting"  # metadata key: the Field a dataclass field declares
CONVERT = "convert"  # metadata key: checked value, line finder, path -> typed value
LINE_OF = "line_of"  # metadata key: the key path (under the group) whose line the field holds

T = TypeVar("T")
LineFinder = Callable[[KeyPath], int]
Converter = Callable[[Any, LineFinder, KeyPath], Any]


def setting(spec: Spec, doc: str, *, required: bool = False, default: Any = None,
            convert: Converter | None = None, worked_out: Any = None) -> Any:
    """A dataclass field that is a setting: its check (spec), what it is for, whether it must be
    given, and the value it takes when it is not. worked_out is the value of an object made by
    hand when the setting's own default is worked out by convert (a language's digits come
    from its locale)."""
    metadata: dict[str, Any] = {SETTING: Field(spec, doc, required=required, default=default)}
    if convert is not None:
        metadata[CONVERT] = convert
    if worked_out is not None:
        return dataclasses.field(default=worked_out, metadata=metadata)
    if isinstance(default, (list, dict, set)):  # a fresh copy for each object made by hand
        return dataclasses.field(default_factory=lambda: _typed(spec, default, _no_lines, ()),
                                 metadata=metadata)
    return dataclasses.field(default=_typed(spec, default, _no_lines, ()), metadata=metadata)


def located(*keys: str) -> Any:
    """A field holding the line where the group (or its key path keys) is written."""
    return dataclasses.field(default=1, metadata={LINE_OF: keys}, compare=False)


def record_for(cls: type, noun: str = "setting", **record: Any) -> Record:
    """The Record that checks a YAML group of cls's settings, in their declared order."""
    fields = {item.name: item.metadata[SETTING] for item in dataclasses.fields(cls)
              if SETTING in item.metadata}
    return Record(fields=fields, noun=noun, into=cls, **record)


def from_checked(cls: type[T], checked: dict[str, Any] | None, at: LineFinder,
                 path: KeyPath = ()) -> T:
    """The typed value of a group that record_for(cls) checked (None: every default); at gives
    the line of a key path, for the located fields."""
    values: dict[str, Any] = {}
    for item in dataclasses.fields(cls):  # type: ignore[arg-type]
        if LINE_OF in item.metadata:
            values[item.name] = at(path + tuple(item.metadata[LINE_OF]))
        elif SETTING in item.metadata:
            spec_field: Field = item.metadata[SETTING]
            value = (checked or {}).get(item.name, spec_field.default)
            convert = item.metadata.get(CONVERT)
            values[item.name] = convert(value, at, path + (item.name,)) if convert \
                else _typed(spec_field.spec, value, at, path + (item.name,))
    return cls(**values)


def _typed(spec: Spec, value: Any, at: LineFinder, path: KeyPath) -> Any:
    """A checked value as the typed model holds it: groups as their dataclass, lists as
    tuples."""
    if value is None:
        return None
    if isinstance(spec, Record) and spec.into is not None:
        return from_checked(spec.into, value, at, path)
    if isinstance(spec, ListOf):
        return tuple(_typed(spec.item, item, at, path + (index,))
                     for index, item in enumerate(value))
    if isinstance(spec, PerLanguage) and isinstance(value, dict):
        return {code: _typed(spec.item, item, at, path + (code,)) for code, item in value.items()}
    return value


def _no_lines(path: KeyPath) -> int:
    return 1
