"""The browser editor's configuration (`build.py cms --print`) is made from the collections'
declarations and site_config.yaml: a field added to a collection appears in it, with its
type, help and translation rule; nothing is kept by hand."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from tests.helpers import ROOT, TINY, copy_site, run_cli
from tests.test_collections import add_services


def printed(site: Path) -> dict[str, Any]:
    result = run_cli("cms", "--print", "--site", str(site))
    assert result.returncode == 0, result.stderr
    data = yaml.safe_load(result.stdout)
    assert isinstance(data, dict)
    return data


def fields_of(config: dict[str, Any], collection: str) -> dict[str, dict[str, Any]]:
    found = next(c for c in config["collections"] if c["name"] == collection)
    return {field["name"]: field for field in found["fields"]}


def test_one_collection_per_content_collection_one_file_per_language() -> None:
    config = printed(ROOT)
    site = yaml.safe_load((ROOT / "site_config.yaml").read_text(encoding="utf-8"))
    assert [c["name"] for c in config["collections"]] == list(site["collections"])
    assert config["i18n"] == {"structure": "multiple_files", "locales": ["en", "fr", "ar"],
                              "default_locale": "en"}
    assert all(c["folder"] == f"content/{c['name']}" and c["i18n"] is True
               for c in config["collections"])
    assert config["local_backend"] is True


def test_fields_follow_their_declarations() -> None:
    programs = fields_of(printed(ROOT), "programs")
    assert programs["title"]["i18n"] is True and programs["title"]["required"] is True
    assert programs["audiences"]["i18n"] is False  # shared: in the original's file only
    assert programs["audiences"]["widget"] == "select" and programs["audiences"]["multiple"]
    assert {"label": "Youth", "value": "youth"} in programs["audiences"]["options"]
    assert programs["partners"]["widget"] == "select" and programs["partners"]["multiple"]
    assert {"label": "Canadian Caribbean Association of Halton", "value": "caribbean-association"} \
        in programs["partners"]["options"]  # the partners there are, by title
    assert programs["status"]["options"] == ["active", "ended"]
    assert programs["status"]["default"] == "active"
    assert programs["image"]["widget"] == "object"
    assert [f["name"] for f in programs["image"]["fields"]] == ["src", "alt"]
    assert programs["image"]["fields"][0]["widget"] == "image"
    assert "translated_from" not in programs and programs["body"]["widget"] == "markdown"
    events = fields_of(printed(ROOT), "events")
    assert events["start"]["widget"] == "datetime" and events["start"]["required"]


def test_a_field_added_to_a_collection_appears_in_the_editor(tmp_path: Path) -> None:
    site = copy_site(TINY, tmp_path / "site")
    add_services(site)
    services = fields_of(printed(site), "services")
    assert services["eligibility"] == {
        "name": "eligibility", "label": "Who can use it", "required": False, "i18n": True,
        "hint": "Who may use the service.", "widget": "string"}
    assert services["service_types"]["options"] == [{"label": "Advice", "value": "advice"}]
    assert services["phone"]["i18n"] is False and "pattern" in services["phone"]
    assert services["opened"]["widget"] == "datetime"
