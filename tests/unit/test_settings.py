"""sitegen.source.settings: a setting declared once, as a dataclass field, gives the check (with
its "did you mean"), the documentation and the typed value."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import pytest

from sitegen.errors import Report
from sitegen.source.config import SITE, SiteConfig
from sitegen.source.schema import Checker, ListOf, PerLanguage, Record, Text
from sitegen.source.settings import from_checked, located, record_for, setting
from sitegen.source.yaml_source import parse_yaml


@dataclass(frozen=True)
class Door:
    name: str = setting(Text(example="Front"), "what the door is called", required=True)
    line: int = located()


@dataclass(frozen=True)
class Building:
    """A test group: a required text, a list of groups, a per-language text and a default."""

    address: str = setting(Text(example="1 Main St"), "where it is", required=True)
    doors: tuple[Door, ...] = setting(ListOf(item=record_for(Door)), "its doors", default=[])
    sign: dict[str, str] = setting(PerLanguage(), "its sign, per language", default={})
    floors: str = setting(Text(example="2"), "how many floors", default="1")


BUILDING = record_for(Building)


def check(text: str) -> tuple[Building | None, list[str]]:
    source = parse_yaml(text, "building.yaml")
    report = Report()
    checked = BUILDING.check(source.data, (), Checker(source, report, ["en", "fr"]))
    if report.errors:
        return None, [str(problem) for problem in report.errors]
    return from_checked(Building, checked, source.line_of), []


def test_the_record_comes_from_the_declaration() -> None:
    assert list(BUILDING.fields) == ["address", "doors", "sign", "floors"]  # "line" is no setting
    assert BUILDING.fields["address"].required and BUILDING.fields["address"].doc == "where it is"
    assert BUILDING.fields["floors"].default == "1"
    assert BUILDING.into is Building


def test_a_checked_group_becomes_its_typed_value_with_lines() -> None:
    building, problems = check("address: 1 Main St\ndoors:\n  - name: Front\n  - name: Back\n"
                               "sign: {en: Hall, fr: Salle}\n")
    assert problems == []
    assert building == Building("1 Main St", (Door("Front"), Door("Back")),
                                {"en": "Hall", "fr": "Salle"}, "1")
    assert building is not None and [door.line for door in building.doors] == [3, 4]
    with pytest.raises(dataclasses.FrozenInstanceError):
        building.address = "2 Main St"  # type: ignore[misc]


def test_the_declaration_checks_with_did_you_mean() -> None:
    _, problems = check("adress: 1 Main St\n")
    assert problems[0].startswith('building.yaml:1: Unknown setting "adress". Did you mean '
                                  '"address"?')


def test_a_group_left_out_takes_every_default() -> None:
    assert from_checked(Building, None, lambda path: 1) == Building(None, (), {}, "1")  # type: ignore[arg-type]


def test_every_group_of_site_config_is_declared_by_its_dataclass() -> None:
    """No setting is declared a second time beside its dataclass: each group of site_config.yaml
    (except a collection's, completed from its kind) is the Record of the class that holds it."""
    assert SITE.into is SiteConfig
    groups = {name: spec.spec for name, spec in SITE.fields.items()
              if isinstance(spec.spec, Record)}
    assert set(groups) >= {"contact", "alert", "home", "checks", "search", "open_data",
                           "license", "feedback", "signature", "cms"}
    for name, record in groups.items():
        hints = {f.name: f.type for f in dataclasses.fields(SiteConfig)}
        assert record.into is not None and record.into.__name__ in str(hints[name]), name
