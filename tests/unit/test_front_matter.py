"""sitegen.source.front_matter: checked fields are frozen values read by attribute; dates are
dates, lists are tuples, groups of fields are typed too, event times are aware datetimes worked
out once when the file is read, and references resolve to the items they name."""

from __future__ import annotations

import datetime as dt
import pickle
from zoneinfo import ZoneInfo

import pytest

from sitegen.source.front_matter import FrontMatter, fields_digest
from sitegen.source.model import Site
from sitegen.source.schema import Bool, Date, Field, ListOf, Record, Text
from tests.helpers import ROOT
from tests.unit.support import load_site

DATED = ROOT / "tests/fixtures/dated"
PLACE = Record(fields={"name": Field(Text(), "a name", required=True),
                       "open": Field(Bool(), "open or not", default=False)})
RECORD = Record(fields={"title": Field(Text(), "the title", required=True),
                        "audiences": Field(ListOf(), "who it is for", default=[]),
                        "date": Field(Date(), "when"),
                        "draft": Field(Bool(), "not published", default=False),
                        "place": Field(PLACE, "where"),
                        "places": Field(ListOf(item=PLACE), "other places")},
                open_keys=("extra",))
VALUES = {"title": "Soccer", "audiences": ["youth", "families"], "date": dt.date(2026, 2, 1),
          "place": {"name": "Park", "open": True}, "places": [{"name": "Hall", "open": False}],
          "extra": {"colour": "green", "tags": ["a"]}}


@pytest.fixture(scope="module")
def dated() -> Site:
    site, report = load_site(DATED)
    assert report.errors == []
    return site


def test_declared_fields_are_attributes_with_their_types() -> None:
    fields = FrontMatter(VALUES, RECORD)
    assert fields.title == "Soccer"
    assert fields.date == dt.date(2026, 2, 1)
    assert fields.audiences == ("youth", "families")
    assert fields.place.name == "Park" and fields.place.open is True
    assert [place.name for place in fields.places] == ["Hall"]


def test_a_field_left_out_reads_as_its_default() -> None:
    fields = FrontMatter({"title": "Soccer"}, RECORD)
    assert fields.draft is False and fields.date is None and fields.place is None
    assert dict(fields.extra) == {}


def test_free_fields_stay_under_extra() -> None:
    fields = FrontMatter(VALUES, RECORD)
    assert fields.extra["colour"] == "green" and fields.extra["tags"] == ("a",)


def test_a_misspelt_field_fails_with_a_suggestion() -> None:
    fields = FrontMatter(VALUES, RECORD)
    with pytest.raises(AttributeError, match='There is no field "audience". Did you mean '
                                             '"audiences"?'):
        _ = fields.audience
    assert fields.value("audience") is None  # by name, for code that walks declarations
    assert fields.value("audiences") == ("youth", "families")


def test_fields_cannot_be_changed() -> None:
    fields = FrontMatter(VALUES, RECORD)
    with pytest.raises(AttributeError, match="read-only"):
        fields.title = "Other"  # type: ignore[misc]
    with pytest.raises(TypeError):
        fields.extra["colour"] = "red"  # type: ignore[index]
    with pytest.raises(AttributeError):
        fields.audiences.append("seniors")  # type: ignore[attr-defined]


def test_plain_data_pickling_and_copies_give_the_same_values() -> None:
    fields = FrontMatter(VALUES, RECORD)
    assert fields.as_dict() == VALUES
    assert pickle.loads(pickle.dumps(fields)) == fields
    changed = fields.with_fields({"title": "Football"})
    assert (changed.title, fields.title) == ("Football", "Soccer")
    assert changed.place.name == "Park"


def test_event_times_are_aware_and_worked_out_when_read(dated: Site) -> None:
    toronto = ZoneInfo("America/Toronto")
    original = dated.items["events/open-house"].original
    assert original.times is not None
    assert original.times.start == dt.datetime(2026, 2, 10, 18, 30, tzinfo=toronto)
    assert original.times.start.utcoffset() == dt.timedelta(hours=-5)
    french = dated.entry("events/open-house", "fr")
    assert french.schedule is original.times  # a translation takes its original's times
    assert dated.items["news/new-season"].original.times is None


def test_references_resolve_to_entries_in_the_reader_s_language(dated: Site) -> None:
    french_event = dated.entry("events/open-house", "fr")
    (program,) = dated.linked(french_event, "program")
    assert (program.key, program.lang, program.is_fallback) == ("programs/soccer", "fr", False)
    (related,) = dated.linked(dated.entry("news/new-season", "ar"), "programs")
    assert related.key == "programs/soccer" and related.is_fallback  # no Arabic text: fallback
    assert dated.linked(dated.entry("events/fair", "en"), "program") == []
    assert dated.linked(french_event, "partners") == []  # no such field in events


def test_dates_are_dates(dated: Site) -> None:
    assert dated.entry("news/new-season", "en").fields.date == dt.date(2026, 1, 8)


@pytest.mark.parametrize("name", ["items", "value", "extra"])
def test_a_field_may_not_take_a_name_that_templates_read_otherwise(name: str) -> None:
    from sitegen.errors import Report
    from sitegen.source.field_types import check_fields
    from sitegen.source.schema import Checker
    from sitegen.source.yaml_source import parse_yaml

    text = f"fields:\n  {name}: {{type: text}}\n  seats: {{type: integer}}\n"
    source = parse_yaml(text, "site_config.yaml")
    report = Report()
    check_fields(source.data["fields"], ("fields",), Checker(source, report))
    assert [(e.line, e.message.split(":")[0]) for e in report.errors] == [
        (2, f'"{name}" is kept for free fields' if name == "extra" else
         f'"{name}" is a word that templates use to read fields')]


def test_fields_are_read_as_fast_as_attributes() -> None:
    fields = FrontMatter(VALUES, RECORD)
    assert vars(fields)["title"] == "Soccer"  # an attribute of the instance, not a lookup


def test_the_guide_names_every_reserved_field_name() -> None:
    from sitegen.source.front_matter import RESERVED

    guide = (ROOT / "docs/collections.md").read_text(encoding="utf-8")
    assert [name for name in sorted(RESERVED) if f"`{name}`" not in guide] == []


def test_the_fields_digest_follows_every_value_and_its_kind() -> None:
    record = Record(fields={"day": Field(Date(), "a day"), "tags": Field(ListOf(Text()), "tags")})
    values = {"day": dt.date(2026, 3, 14), "tags": ["a", "b"], "extra": {"n": 1}}
    same = fields_digest(FrontMatter(values, record))
    assert fields_digest(FrontMatter(dict(values), record)) == same
    for changed in ({"day": "2026-03-14"}, {"day": dt.datetime(2026, 3, 14)},
                    {"tags": ["a"]}, {"tags": ["b", "a"]}, {"extra": {"n": "1"}},
                    {"extra": {"n": {2, 1}}}):
        assert fields_digest(FrontMatter({**values, **changed}, record)) != same, changed
    assert fields_digest(FrontMatter({**values, "extra": {"n": {1, 2}}}, record)) == \
        fields_digest(FrontMatter({**values, "extra": {"n": {2, 1}}}, record))
