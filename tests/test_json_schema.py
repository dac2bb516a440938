"""The JSON Schemas of `build.py schema` accept what the build accepts: every content file and
config of the sites here validates against them, and a mistake the build refuses is refused
by the schema too. The schemas committed in schemas/ are those of the default site, current."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from sitegen.source.config import SITE, load_config
from tests.helpers import FIXTURES, ROOT, TINY, run_cli

SITES = [ROOT, TINY, FIXTURES / "world"]


def schemas_of(site: Path, out: Path) -> dict[str, dict]:
    result = run_cli("schema", "--site", str(site), "--out", str(out))
    assert result.returncode == 0, result.stderr
    return {path.name.removesuffix(".schema.json"): json.loads(path.read_text(encoding="utf-8"))
            for path in out.glob("*.schema.json")}


def plain(data: object) -> object:
    """YAML data as an editor's YAML language server sees it: dates are text."""
    return json.loads(json.dumps(data, default=str))


def front_matter(path: Path) -> object:
    return plain(yaml.safe_load(path.read_text(encoding="utf-8").split("---\n", 2)[1]))


@pytest.mark.parametrize("site", SITES, ids=lambda site: site.name)
def test_every_file_of_a_site_validates(tmp_path: Path, site: Path) -> None:
    schemas = schemas_of(site, tmp_path)
    for schema in schemas.values():
        jsonschema.Draft202012Validator.check_schema(schema)
    config = yaml.safe_load((site / "site_config.yaml").read_text(encoding="utf-8"))
    jsonschema.validate(plain(config), schemas["site_config"])
    default = load_config(site).default_language.code
    checked = 0
    for name in load_config(site).collections:
        for path in sorted((site / "content" / name).rglob("*.md")):
            original = path.name.endswith(f".{default}.md")
            schema = schemas[name if original else f"{name}.translation"]
            jsonschema.validate(front_matter(path), schema)
            checked += 1
    assert checked > 5


def test_a_mistake_is_refused_by_the_schema_too(tmp_path: Path) -> None:
    schemas = schemas_of(ROOT, tmp_path)
    program = front_matter(next((ROOT / "content/programs").glob("*.en.md")))
    assert isinstance(program, dict)
    validator = jsonschema.Draft202012Validator(schemas["programs"])
    assert not list(validator.iter_errors(program))
    for mistake in ({"statut": "active"}, {"status": "over"}, {"audiences": "youth"},
                    {"featured": "yes"}):
        assert list(validator.iter_errors({**program, **mistake})), mistake
    translation = jsonschema.Draft202012Validator(schemas["programs.translation"])
    assert list(translation.iter_errors({**program, "audiences": ["youth"]}))  # shared field


def test_the_committed_schemas_are_current(tmp_path: Path) -> None:
    made = schemas_of(ROOT, tmp_path)
    committed = {path.name.removesuffix(".schema.json"): json.loads(path.read_text("utf-8"))
                 for path in (ROOT / "schemas").glob("*.schema.json")}
    assert committed == made, "run: python build.py schema --out schemas"


def test_the_settings_reference_is_current(tmp_path: Path) -> None:
    result = run_cli("schema", "--site", str(ROOT), "--out", str(tmp_path / "schemas"),
                     "--reference", str(tmp_path / "reference.md"))
    assert result.returncode == 0, result.stderr
    made = (tmp_path / "reference.md").read_text(encoding="utf-8")
    assert made == (ROOT / "docs/settings-reference.md").read_text(encoding="utf-8"), \
        "run: python build.py schema --reference docs/settings-reference.md"
    for name in SITE.fields:  # every setting the build accepts is in it
        assert f"| `{name}` |" in made
