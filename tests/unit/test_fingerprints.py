"""sitegen.render.fingerprints: the digest of each entry's state, from which each build knows
which pages show something that changed."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from sitegen.pipeline import BuildOptions, build_site
from sitegen.render.fingerprints import EntryDigests
from sitegen.source.front_matter import FrontMatter, fields_digest
from sitegen.source.schema import Record
from tests.helpers import TINY, copy_site


@dataclasses.dataclass(frozen=True)
class Opening:
    day: str
    hours: tuple[str, ...]


def test_the_same_values_give_the_same_digest_and_others_another() -> None:
    def of(values: dict[str, object]) -> str:
        return fields_digest(FrontMatter(values, Record(fields={})))

    value = {"title": "Soccer", "days": ["fri", "sat"], "opening": Opening("fri", ("6", "8")),
             "start": dt.date(2026, 3, 14), "tags": {"youth", "sport"}}
    same = {"title": "Soccer", "days": ("fri", "sat"), "opening": Opening("fri", ("6", "8")),
            "start": dt.date(2026, 3, 14), "tags": {"sport", "youth"}}
    assert of(value) == of(same)
    for key, other in (("title", "Soccer!"), ("days", ["sat", "fri"]),
                       ("opening", Opening("fri", ("6", "9"))), ("start", "2026-03-14"),
                       ("start", dt.datetime(2026, 3, 14)), ("tags", {"youth"}),
                       ("title", 1), ("days", None)):
        assert of({**value, key: other}) != of(value), key


def test_an_entry_s_digest_is_the_same_in_every_build_and_follows_its_state(
        tmp_path: Path) -> None:
    """Two builds of the same site give every entry the same digest: an original's fields are
    its file's, as read, and a translation's are merged with its original's."""
    site = copy_site(TINY, tmp_path / "site")
    first = build_site(BuildOptions(site, tmp_path / "one", search=False, cache=False)).site
    second = build_site(BuildOptions(site, tmp_path / "two", search=False, cache=False)).site
    one, two = EntryDigests(first), EntryDigests(second)
    assert one.of_site() == two.of_site()
    entries = [entry for item in first.items.values() for entry in item.entries.values()]
    assert any(entry.fields is entry.source.fields for entry in entries)  # originals
    assert any(entry.fields is not entry.source.fields for entry in entries)  # translations
    for entry in entries:
        assert one.of(entry) == EntryDigests(first).of(entry)
        for changed in (dataclasses.replace(entry, url=entry.url + "moved/"),
                        dataclasses.replace(entry, fields=entry.fields.with_fields(
                            {"title": str(entry.fields.title) + "!"}))):
            assert one.of(changed) != one.of(entry)


def test_the_data_files_state_of_an_entry_leaves_out_whether_its_translation_is_outdated(
        tmp_path: Path) -> None:
    """Feeds, calendars and open data never say that a translation is outdated: an edit of an
    original, which makes its translations outdated, leaves their state as those files see it.
    Pages may say so: their state changes."""
    site = copy_site(TINY, tmp_path / "site")
    built = build_site(BuildOptions(site, tmp_path / "out", search=False, cache=False)).site
    digests = EntryDigests(built)
    translations = [entry for item in built.items.values() for entry in item.entries.values()
                    if entry.fields is not entry.source.fields]
    assert translations and not any(entry.outdated for entry in translations)
    made = []  # kept to the end: digests are remembered by object, as a build's entries live
    for entry in translations:
        outdated = dataclasses.replace(entry, outdated=True)
        made.append(outdated)
        assert digests.of(outdated) != digests.of(entry)
        assert digests.of_data(outdated) == digests.of_data(entry) == digests.of(entry)
        moved = dataclasses.replace(outdated, url=entry.url + "moved/")
        made.append(moved)
        assert digests.of_data(moved) != digests.of_data(entry)
    assert digests.of_site(data=True) == digests.of_site()  # nothing outdated here
    lang = translations[0].lang
    assert digests.of_site(lang, data=True) == digests.of_site(lang)
    assert digests.of_site(lang) != digests.of_site()
