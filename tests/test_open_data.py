"""The open data files (Open Referral HSDS 3.0) checked against the specification's own schema,
the schema.org data of pages read as linked data (PyLD, offline), and the open data page in
every language."""

from __future__ import annotations

import copy
import datetime as dt
import json
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jsonschema
import pytest
import yaml
from pyld import jsonld

from tests.helpers import FIXTURES, ROOT, TINY, TINY_NOW, copy_site, run_cli
from tests.site_checks import load_pages

HSDS = json.loads((FIXTURES / "hsds-3.0/service_with_definitions.json").read_text("utf-8"))
CONFIG = yaml.safe_load((ROOT / "site_config.yaml").read_text(encoding="utf-8"))
CODES = [lang["code"] for lang in CONFIG["languages"]]
SCHEMA_ORG = "https://schema.org/"

FORMATS = jsonschema.FormatChecker()


@FORMATS.checks("uri", raises=ValueError)
def _is_uri(value: object) -> bool:
    parts = urlsplit(str(value))
    return bool(parts.scheme in ("https", "http") and parts.netloc)


@FORMATS.checks("date-time", raises=ValueError)
def _is_date_time(value: object) -> bool:
    return dt.datetime.fromisoformat(str(value)).tzinfo is not None


def hsds_validator(definition: str | None) -> jsonschema.Draft202012Validator:
    """A validator of one HSDS object: a service (the schema itself) or one of its definitions,
    with its formats (uuid, uri, email, date-time) checked."""
    schema = HSDS if definition is None else {
        "$ref": f"#/definitions/{definition}", "definitions": HSDS["definitions"]}
    return jsonschema.Draft202012Validator(schema, format_checker=FORMATS)


SERVICE, ORGANIZATION = hsds_validator(None), hsds_validator("organization")


def problems(validator: jsonschema.Draft202012Validator, document: Any) -> list[str]:
    return [f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
            for error in validator.iter_errors(document)]


def read_json(out: Path, path: str) -> Any:
    return json.loads((out / path.lstrip("/")).read_text(encoding="utf-8"))


def check_export(out: Path) -> dict[str, dict[str, Any]]:
    """Every file of the export, each object checked against the HSDS schema; the files of
    each language, by name."""
    catalog = read_json(out, "open-data/index.json")
    found: dict[str, dict[str, Any]] = {}
    for lang, files in catalog["files"].items():
        documents = {name: read_json(out, path) for name, path in files.items()}
        assert problems(ORGANIZATION, documents["organization"]) == [], lang
        for partner in documents["partners"]:
            assert problems(ORGANIZATION, partner) == [], (lang, partner["name"])
        for service in documents["services"]:
            assert problems(SERVICE, service) == [], (lang, service["name"])
        found[lang] = documents
    return found


def site_id(base_url: str, key: str) -> str:
    return str(uuid.uuid5(uuid.uuid5(uuid.NAMESPACE_URL, base_url), key))


def test_the_default_sites_export_follows_hsds(default_site: Path) -> None:
    export = check_export(default_site)
    assert sorted(export) == sorted(CODES)
    english = export["en"]
    keys = sorted(f"{folder.name}/{path.name.split('.')[0]}"
                  for folder in (ROOT / "content/programs", ROOT / "content/resources")
                  for path in folder.glob("*.en.md"))
    assert [s["id"] for s in english["services"]] == [site_id(CONFIG["base_url"], key)
                                                      for key in keys]
    peace = next(s for s in english["services"] if s["name"].startswith("PEACE"))
    assert peace["url"] == "https://community.example.org/en/programs/peace/"
    assert peace["status"] == "active"
    assert peace["service_areas"][0]["name"] == "Halton Region"
    audiences = {a["taxonomy_term"]["code"] for a in peace["attributes"]
                 if a["link_type"] == "audience"}
    assert audiences == {"youth", "cultural-communities"}
    # what the content does not give is left out, never made up
    assert not {"phones", "email", "languages", "service_at_locations"} & set(peace)
    # the same service keeps its id in every language; its text is the translation's
    french = {s["id"]: s for s in export["fr"]["services"]}
    assert french[peace["id"]]["url"] == "https://community.example.org/fr/programmes/peace/"
    assert export["ar"]["organization"]["name"] == CONFIG["organization"]["ar"]
    catalog = read_json(default_site, "open-data/index.json")
    assert catalog["license"]["url"] == CONFIG["license"]["url"]
    assert dt.date.fromisoformat(catalog["updated"])


def test_an_invalid_object_is_caught(default_site: Path) -> None:
    service = read_json(default_site, "open-data/hsds/services.json")[0]
    assert problems(SERVICE, service) == []
    for field, value in (("status", "ended"), ("id", "programs/peace"), ("url", "peace"),
                         ("languages", [{"code": "fr"}])):
        broken = copy.deepcopy(service)
        broken[field] = value
        assert problems(SERVICE, broken), field
    del broken["name"]
    assert any("'name' is a required property" in p for p in problems(SERVICE, broken))


OPEN_DATA_SETTINGS = """
open_data:
  section: {en: open-data, fr: donnees-ouvertes, ar: open-data}
  title: {en: Open data, fr: Données ouvertes, ar: البيانات المفتوحة}
"""


def test_contacts_languages_and_partners_of_any_site(tmp_path: Path) -> None:
    """The tiny site, without a licence or an area: its contact, languages and status go into
    the export; what it lacks stays out."""
    site = copy_site(TINY, tmp_path / "site")
    config = site / "site_config.yaml"
    config.write_text(config.read_text(encoding="utf-8") + OPEN_DATA_SETTINGS, encoding="utf-8")
    soccer = site / "content/programs/soccer.en.md"
    soccer.write_text(soccer.read_text(encoding="utf-8").replace(
        "featured: true\n", "featured: true\nstatus: ended\nlanguages: [en, fr]\n"
        "contact: {phone: 905 555 0101, email: soccer@tiny.example.org}\n"), encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli("--site", str(site), "--output", str(out), "--now", TINY_NOW, "--no-search")
    assert result.returncode == 0, result.stderr
    export = check_export(out)
    soccer_id = site_id("https://tiny.example.org/", "programs/soccer")
    found = next(s for s in export["en"]["services"] if s["id"] == soccer_id)
    assert found["status"] == "defunct"
    assert found["email"] == "soccer@tiny.example.org"
    assert [p["number"] for p in found["phones"]] == ["905 555 0101"]
    assert [(lang["code"], lang["name"]) for lang in found["languages"]] == [
        ("en", "English"), ("fr", "French")]
    [partner] = [a for a in found["attributes"] if a["link_type"] == "partner"]
    assert partner["value"] == site_id("https://tiny.example.org/", "partners/town-club")
    assert partner["value"] in {p["id"] for p in export["en"]["partners"]}
    assert "service_areas" not in found and "license" not in read_json(out, "open-data/index.json")
    walking = site_id("https://tiny.example.org/", "programs/walking")  # no Arabic translation
    assert walking not in {s["id"] for s in export["ar"]["services"]}
    assert (out / "ar/open-data/index.html").is_file()


# --- schema.org, read as linked data ---------------------------------------------------------

def local_loader(url: str, options: object = None) -> dict[str, Any]:
    """schema.org's context, as a local one (no network); any other document is refused."""
    if url.rstrip("/") in ("https://schema.org", "http://schema.org"):
        return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url,
                "document": {"@context": {"@vocab": SCHEMA_ORG}}}
    raise jsonld.JsonLdError(f"No document may be loaded from {url}", "loading document failed")


def expanded_blocks(page: Any) -> list[dict[str, Any]]:
    blocks = []
    for script in page.soup.find_all("script", type="application/ld+json"):
        data = json.loads(script.string)
        blocks += jsonld.expand(data, {"documentLoader": local_loader})
    return blocks


def of_type(blocks: list[dict[str, Any]], kind: str) -> dict[str, Any]:
    [found] = [b for b in blocks if SCHEMA_ORG + kind in b.get("@type", [])]
    return found


def value(node: dict[str, Any], name: str) -> Any:
    return node[SCHEMA_ORG + name][0]


def is_item_of(page: Any, url: str, collections: tuple[str, ...]) -> bool:
    """Whether a page is an item's page (not a list) in one of these collections."""
    kind = page.soup.find("meta", property="og:type")
    return kind is not None and kind["content"] == "article" and any(
        url.startswith(f"/{lang}/{CONFIG['collections'][name]['section'][lang]}/")
        for name in collections for lang in CODES)


def test_service_pages_describe_a_government_service(default_site: Path) -> None:
    pages = load_pages(default_site)
    checked = 0
    for url, page in pages.items():
        if not is_item_of(page, url, ("programs", "resources")):
            continue
        service = of_type(expanded_blocks(page), "GovernmentService")
        assert value(service, "name")["@value"], url
        assert value(service, "url")["@value"].endswith(url), url
        provider = value(service, "provider")
        assert provider["@type"] == [SCHEMA_ORG + "Organization"], url
        assert value(provider, "name")["@value"] == CONFIG["organization"][url.split("/")[1]]
        channel = value(service, "availableChannel")
        assert channel["@type"] == [SCHEMA_ORG + "ServiceChannel"], url
        assert value(channel, "serviceUrl")["@value"].startswith("https://"), url
        assert value(service, "areaServed")["@type"] == [SCHEMA_ORG + "AdministrativeArea"]
        checked += 1
    assert checked == 3 * 15  # nine programs and six resources, in three languages
    peace = of_type(expanded_blocks(pages["/en/programs/peace/"]), "GovernmentService")
    assert [value(a, "audienceType")["@value"] for a in peace[SCHEMA_ORG + "audience"]] == [
        "Youth", "Cultural communities"]
    partners = of_type(expanded_blocks(pages["/en/programs/youth-in-action/"]),
                       "GovernmentService")[SCHEMA_ORG + "serviceOperator"]
    assert [value(p, "name")["@value"] for p in partners] == [
        "Canadian Caribbean Association of Halton"]
    home = of_type(expanded_blocks(pages["/ar/"]), "Organization")
    assert value(home, "name")["@value"] == CONFIG["organization"]["ar"]


def test_event_pages_describe_an_event(drafts_site: Path) -> None:
    pages = load_pages(drafts_site)
    events = [url for url, page in pages.items() if is_item_of(page, url, ("events",))]
    assert len(events) == 3 * len(list((ROOT / "content/events").glob("*.en.md")))
    for url in events:
        event = of_type(expanded_blocks(pages[url]), "Event")
        for name in ("name", "startDate", "endDate", "location", "eventStatus", "organizer"):
            assert SCHEMA_ORG + name in event, (url, name)
        assert value(event, "organizer")["@type"] == [SCHEMA_ORG + "Organization"]
        place = value(event, "location")
        assert place["@type"] in ([SCHEMA_ORG + "Place"], [SCHEMA_ORG + "VirtualLocation"])
        assert SCHEMA_ORG + "address" not in place  # the examples give no street address


def test_the_loader_refuses_other_contexts() -> None:
    with pytest.raises(jsonld.JsonLdError):
        jsonld.expand({"@context": "https://example.org/context.jsonld", "name": "x"},
                      {"documentLoader": local_loader})


# --- the open data page ---------------------------------------------------------------------

def test_the_open_data_page_in_every_language(default_site: Path) -> None:
    pages = load_pages(default_site)
    catalog = read_json(default_site, "open-data/index.json")
    for lang in CODES:
        url = f"/{lang}/{CONFIG['open_data']['section'][lang]}/"
        page = pages[url].soup
        assert page.html["lang"] == lang
        assert page.h1.get_text() == CONFIG["open_data"]["title"][lang]
        links = {a["href"] for a in page.select("main a")}
        for files in catalog["files"].values():
            assert set(files.values()) <= links, url
        assert CONFIG["license"]["url"] in links
        assert page.select_one("main time")["datetime"] == catalog["updated"]
        footer = pages[f"/{lang}/"].soup.select(".site-footer a")
        assert url in [a["href"] for a in footer], lang
