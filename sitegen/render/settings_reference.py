"""The reference of every setting of site_config.yaml, as a Markdown page
(docs/settings-reference.md), made from the same declarations the build checks the file with:
a setting documented here is a setting the build accepts, with the same default.

    python build.py schema --reference docs/settings-reference.md
"""

from __future__ import annotations

import json

from ..source.config import COLLECTION, LANGUAGE, SITE
from ..source.field_types import DECLARATION, TYPE_HELP
from ..source.schema import (Bool, Choice, Custom, Date, DateTime, Field, Integer, ListOf,
                             PerLanguage, Record, Spec, Text, TimeZone)


def kind_of(spec: Spec) -> str:
    """What a value looks like, in a few words."""
    if isinstance(spec, Record):
        return "a group of settings (below)"
    if isinstance(spec, PerLanguage):
        return "per language: {en: ..., fr: ...}"
    if isinstance(spec, ListOf):
        inner = kind_of(spec.item)
        return "a list of groups (below)" if isinstance(spec.item, Record) else \
            f"a list: {spec.example or inner}"
    if isinstance(spec, Choice):
        return "one of " + ", ".join(f"`{option}`" for option in spec.options)
    if isinstance(spec, Bool):
        return "true or false"
    if isinstance(spec, Integer):
        return "a whole number" + (f" of at least {spec.minimum}"
                                   if spec.minimum is not None else "")
    if isinstance(spec, DateTime):
        return "a date, or a date and time"
    if isinstance(spec, Date):
        return "a date, year-month-day"
    if isinstance(spec, TimeZone):
        return "a time zone name"
    if isinstance(spec, Text):
        return f"text, e.g. `{spec.example}`" if spec.example else "text"
    assert isinstance(spec, Custom)
    return f"e.g. `{spec.example}`" if spec.example else "see below"


def _default(field: Field) -> str:
    if field.required:
        return "required"
    if field.default in (None, [], {}, ""):
        return ""
    return f"`{json.dumps(field.default, ensure_ascii=False)}`"


def _rows(record: Record, prefix: str) -> tuple[list[str], list[tuple[str, Record]]]:
    rows, nested = [], []
    for name, field in record.fields.items():
        key = f"{prefix}{name}"
        doc = field.doc[0].upper() + field.doc[1:] + "." if field.doc else ""
        rows.append(f"| `{key}` | {kind_of(field.spec)} | {_default(field)} | {doc} |")
        inner = field.spec.item if isinstance(field.spec, ListOf) else field.spec
        if isinstance(inner, Record):
            nested.append((key, inner))
    return rows, nested


def _section(title: str, record: Record, prefix: str = "") -> list[str]:
    lines = [f"## {title}", "", "| Setting | Value | Default | What it is |",
             "| --- | --- | --- | --- |"]
    rows, nested = _rows(record, prefix)
    lines += rows
    for key, inner in nested:
        inner_rows, deeper = _rows(inner, f"{key}.")
        lines += inner_rows
        nested.extend(deeper)
    return lines + [""]


def settings_reference() -> str:
    lines = ["# Every setting of site_config.yaml", "",
             "This page is made by `python build.py schema --reference "
             "docs/settings-reference.md` from the declarations the build checks "
             "site_config.yaml with; a test keeps it current. For what the settings are for, "
             "see [Change menus, contact numbers and the alert banner](site-settings.md) and "
             "[Collections](collections.md).", ""]
    lines += _section("The whole file", SITE)
    lines += _section("Each language (`languages:`)", LANGUAGE)
    lines += _section("Each collection (`collections:`)", COLLECTION)
    lines += _section("Each field a collection declares (`fields:`)", DECLARATION)
    lines += ["## Types of field", "", "| Type | What it holds |", "| --- | --- |"]
    lines += [f"| `{name}` | {text[0].upper() + text[1:]}. |" for name, text in TYPE_HELP.items()]
    return "\n".join(lines) + "\n"
