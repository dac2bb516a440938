"""The browser editor's configuration (`build.py cms --print`) is made from the collections'
declarations and site_config.yaml: a field added to a collection appears in it, with its
type, help and translation rule; nothing is kept by hand. Its screens and labels are in the
language cms.language names (Decap's own screens in English when Decap has none in it)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from sitegen.render.cms_config import DECAP_LOCALES, decap_locale
from sitegen.render.editor_files import EDITOR_DIST, editor_page
from sitegen.source.config import Language, load_config
from sitegen.source.language_tags import default_locale
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


def in_language(site: Path, code: str) -> Path:
    """The site with the editor in this language (cms.language)."""
    with (site / "site_config.yaml").open("a", encoding="utf-8") as config:
        config.write(f"cms:\n  language: {code}\n")
    return site


def labels(config: dict[str, Any]) -> dict[str, str]:
    return {c["name"]: c["label"] for c in config["collections"]}


def options(field: dict[str, Any]) -> dict[str, str]:
    return {option["value"]: option["label"] for option in field["options"]}


@pytest.fixture(scope="module")
def services_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny site with a services collection, and a partner not translated yet."""
    site = copy_site(TINY, tmp_path_factory.mktemp("editor-language") / "site")
    add_services(site)
    partner = (site / "content/partners/town-club.en.md").read_text(encoding="utf-8")
    (site / "content/partners/river-club.en.md").write_text(
        partner.replace("title: Town Club", "title: River Club"), encoding="utf-8")
    return site


def test_the_editor_speaks_the_language_cms_names(services_site: Path,
                                                  tmp_path: Path) -> None:
    config = printed(in_language(copy_site(services_site, tmp_path / "site"), "fr"))
    assert config["locale"] == "fr"  # Decap's own screens
    assert config["i18n"]["default_locale"] == "en"  # the originals stay in English
    assert labels(config) == {"services": "Services", "programs": "Programmes",
                              "partners": "Partenaires", "resources": "Aide",
                              "pages": "Pages"}
    programs = fields_of(config, "programs")
    assert options(programs["audiences"]) == {"youth": "Jeunes", "seniors": "Aînés"}
    assert options(programs["partners"]) == {"town-club": "Club de la ville",
                                             "river-club": "River Club"}  # not translated
    services = fields_of(config, "services")
    assert services["eligibility"]["label"] == "Qui peut l’utiliser"
    assert services["eligibility"]["hint"] == "Who may use the service."  # as written
    assert services["service_types"]["label"] == "Type de service"
    assert options(services["service_types"]) == {"advice": "Conseils"}
    assert services["partners"]["label"] == "Offert avec"
    assert services["phone"]["label"] == "Téléphone"


def test_a_language_decap_has_no_screens_in_keeps_its_labels(services_site: Path,
                                                             tmp_path: Path) -> None:
    config = printed(in_language(copy_site(services_site, tmp_path / "site"), "ar"))
    assert config["locale"] == "en"  # Decap has no Arabic screens
    assert labels(config)["programs"] == "البرامج"
    programs = fields_of(config, "programs")
    assert options(programs["audiences"]) == {"youth": "الشباب", "seniors": "كبار السن"}
    assert options(programs["partners"]) == {"town-club": "نادي البلدة",
                                             "river-club": "River Club"}
    services = fields_of(config, "services")
    assert services["eligibility"]["label"] == "من يمكنه الاستفادة"
    assert services["service_types"]["label"] == "Kind of service"  # no Arabic: the default's
    assert options(services["service_types"]) == {"advice": "نصائح"}


def test_the_default_language_when_cms_names_none(services_site: Path) -> None:
    config = printed(services_site)
    assert config["locale"] == "en" and labels(config)["programs"] == "Programs"
    assert options(fields_of(config, "programs")["partners"]) == {"town-club": "Town Club",
                                                                  "river-club": "River Club"}


def test_the_editor_s_page_is_in_its_language(tmp_path: Path) -> None:
    page = editor_page(load_config(in_language(copy_site(TINY, tmp_path / "site"), "fr")),
                       "default-src 'self'")
    assert '<html lang="fr">' in page and "<title>Programmes de Petiteville: editor</title>" in page


def test_an_editor_language_the_site_does_not_have_is_refused(tmp_path: Path) -> None:
    site = in_language(copy_site(TINY, tmp_path / "site"), "FR")
    line = (site / "site_config.yaml").read_text(encoding="utf-8").splitlines().index(
        "  language: FR") + 1
    result = run_cli("cms", "--print", "--site", str(site))
    assert result.returncode == 1 and not result.stdout
    assert (f'site_config.yaml:{line}: "FR" is not a configured language. Did you mean "fr"?\n'
            '    Configured languages: "ar", "en", "fr".') in result.stderr


@pytest.mark.parametrize("code, locale, decap", [
    ("en", "en_CA", "en"), ("fr", "fr_CA", "fr"), ("fr-CA", "", "fr"), ("ar", "", "en"),
    ("zh-Hans", "", "zh_Hans"), ("zh-Hant", "", "zh_Hant"), ("zh", "", "zh_Hans"),
    ("zh-TW", "", "zh_Hant"), ("pt-BR", "", "pt"), ("el", "", "gr"), ("nb", "", "nb_no"),
    ("nn", "", "nn_no"), ("sr", "", "sr_Cyrl"), ("sr-Latn", "", "en"), ("uk", "", "uk"),
    ("es-419", "", "es"), ("pa", "pa_Guru_IN", "en"), ("so", "", "en")])
def test_decap_s_name_for_its_screens_in_a_language(code: str, locale: str, decap: str) -> None:
    language = Language(code=code, name=code, locale=locale or default_locale(code))
    assert decap_locale(language) == decap


def test_the_languages_of_decap_s_screens_are_those_of_the_bundle() -> None:
    bundle = EDITOR_DIST / "decap-cms.js"
    if not bundle.is_file():
        pytest.skip("Decap CMS is not installed: run `npm ci --ignore-scripts`.")
    text = bundle.read_text(encoding="utf-8")
    # the module of decap-cms-locales, whose every export the bundle registers as a locale
    exports = next(found for found in re.findall(r"\{((?:\w+:\(\)=>[\w$]+,?)+)\}", text)
                   if "zh_Hans:" in found and "en:" in found)
    assert set(re.findall(r"(\w+):\(\)=>", exports)) == DECAP_LOCALES
