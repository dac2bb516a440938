"""JSON Schemas (draft 2020-12) of site_config.yaml and of each collection's front matter,
original and translation, made from the same specs the build checks with, so that an editor
with the YAML language server (or a browser-based editor) completes and checks as staff type.

    python build.py schema --out schemas/
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..source.config import SITE, SiteConfig
from ..source.schema import (Bool, Choice, Custom, Date, DateTime, Field, Integer, ListOf,
                             PerLanguage, Record, Spec, Text, TimeZone)

DRAFT = "https://json-schema.org/draft/2020-12/schema"
DATE = r"^\d{4}-\d{2}-\d{2}$"
DATE_TIME = r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?)?$"


def spec_schema(spec: Spec, languages: tuple[str, ...]) -> dict[str, Any]:
    """The JSON Schema of the values one spec accepts (never stricter than the spec: what the
    schema cannot say, the build still checks)."""
    if isinstance(spec, Record):
        return record_schema(spec, languages)
    if isinstance(spec, Text):
        schema: dict[str, Any] = {"type": ["string", "number"] if not spec.pattern
                                  else "string"}
        if spec.pattern is not None:
            schema["pattern"] = spec.pattern.pattern
        if spec.max_length:
            schema["maxLength"] = spec.max_length
        return schema
    if isinstance(spec, Bool):
        return {"type": "boolean"}
    if isinstance(spec, Integer):
        return {"type": "integer", **({"minimum": spec.minimum}
                                      if spec.minimum is not None else {})}
    if isinstance(spec, Date):
        return {"type": "string", "pattern": DATE}
    if isinstance(spec, DateTime):
        return {"type": "string", "pattern": DATE_TIME}
    if isinstance(spec, TimeZone):
        return {"type": "string"}
    if isinstance(spec, Choice):
        return {"enum": list(spec.options)}
    if isinstance(spec, ListOf):
        return {"type": "array", "items": spec_schema(spec.item, languages)}
    if isinstance(spec, PerLanguage):
        item = spec_schema(spec.item, languages)
        return {"type": "object", "properties": {code: item for code in languages},
                "additionalProperties": False,
                **({"required": list(languages)} if spec.required_in_all and languages else {})}
    assert isinstance(spec, Custom), spec
    return {}  # checked by the build only


def field_schema(field: Field, languages: tuple[str, ...]) -> dict[str, Any]:
    schema = spec_schema(field.spec, languages)
    if field.doc:
        schema["description"] = field.doc[0].upper() + field.doc[1:] + "." + (
            " Written once, in the original: translations share it." if field.shared else "")
    if field.default not in (None, [], "") and not isinstance(field.spec, Custom):
        schema["default"] = field.default
    return schema


def record_schema(record: Record, languages: tuple[str, ...]) -> dict[str, Any]:
    properties = {name: field_schema(spec, languages) for name, spec in record.fields.items()}
    properties.update({key: {} for key in record.open_keys})
    schema: dict[str, Any] = {"type": "object", "properties": properties,
                              "additionalProperties": False}
    required = [name for name, spec in record.fields.items() if spec.required]
    if required:
        schema["required"] = required
    return schema


def document(record: Record, languages: tuple[str, ...], title: str) -> dict[str, Any]:
    return {"$schema": DRAFT, "title": title, **record_schema(record, languages)}


def write_schemas(config: SiteConfig, out_dir: Path) -> list[Path]:
    """Write the schemas of this site into out_dir; returns the files written."""
    languages = config.codes
    schemas = {"site_config": document(SITE, languages, "site_config.yaml")}
    for name, collection in config.collections.items():
        schemas[name] = document(collection.record, languages,
                                 f"The front matter of content/{name}/ (the original)")
        schemas[f"{name}.translation"] = document(
            collection.translation_record, languages,
            f"The front matter of content/{name}/ (a translation)")
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schemas.items():
        path = out_dir / f"{name}.schema.json"
        path.write_text(json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n",
                        encoding="utf-8")
        written.append(path)
    return written
