"""sitegen.render.fingerprints: the stable text of an entry's fields, from which each build knows
which pages show something that changed."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from sitegen.pipeline import BuildOptions, build_site
from sitegen.render.fingerprints import EntryDigests, canonical
from tests.helpers import TINY, copy_site


@dataclasses.dataclass(frozen=True)
class Opening:
    day: str
    hours: tuple[str, ...]


def test_the_same_values_give_the_same_text_and_others_another() -> None:
    entries = EntryDigests()
    value = {"title": "Soccer", "days": ["fri", "sat"], "opening": Opening("fri", ("6", "8")),
             "start": dt.date(2026, 3, 14), "tags": {"youth", "sport"}}
    same = {"title": "Soccer", "days": ("fri", "sat"), "opening": Opening("fri", ("6", "8")),
            "start": dt.date(2026, 3, 14), "tags": {"sport", "youth"}}
    assert canonical(value, entries) == canonical(same, entries)
    for key, other in (("title", "Soccer!"), ("days", ["sat", "fri"]),
                       ("opening", Opening("fri", ("6", "9"))), ("start", "2026-03-14"),
                       ("start", dt.datetime(2026, 3, 14)), ("tags", {"youth"}),
                       ("title", 1), ("days", None)):
        assert canonical({**value, key: other}, entries) != canonical(value, entries), key


def test_an_entry_shown_in_a_field_stands_for_its_state(tmp_path: Path) -> None:
    """Two builds of the same site give every entry the same digest; an entry that a field
    names is written as its digest, so the field's text follows that entry's state."""
    site = copy_site(TINY, tmp_path / "site")
    first = build_site(BuildOptions(site, tmp_path / "one", search=False, cache=False)).site
    second = build_site(BuildOptions(site, tmp_path / "two", search=False, cache=False)).site
    one, two = EntryDigests(first), EntryDigests(second)
    assert one.of_site() == two.of_site()
    entry = next(entry for item in first.items.values() for entry in item.entries.values())
    moved = dataclasses.replace(entry, url=entry.url + "moved/")
    assert canonical([entry], one) == canonical([entry], EntryDigests(first))
    assert canonical([entry], one) != canonical([moved], one)
