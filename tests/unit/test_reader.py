"""sitegen.source.reader: front matter, file names, encodings, shared fields and taxonomies."""

from __future__ import annotations

import dataclasses
import os
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

from sitegen.cache import BuildCache
from sitegen.source.collection_kinds import builtin_kinds, taxonomies_used
from sitegen.source.config import SiteConfig, load_config
from sitegen.errors import ContentError, Report
from sitegen.source import reader
from sitegen.source.reader import read_sources, read_taxonomies, split_front_matter
from tests.helpers import TINY, copy_site
from tests.unit.support import messages, replace_in

SRC = "content/programs/peace.en.md"


@pytest.fixture(scope="module")
def config() -> SiteConfig:
    return load_config(TINY)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return copy_site(TINY, tmp_path / "site")


def read(site_dir: Path, config: SiteConfig) -> tuple[dict[str, object], frozenset[str], Report]:
    report = Report()
    sources, unreadable = read_sources(site_dir, config, report)
    return {s.src_path: s for s in sources}, unreadable, report


# split_front_matter ----------------------------------------------------------------------------

def test_split_front_matter_offsets() -> None:
    text = "---\ntitle: Peace\nsummary: Calm.\n---\n\n## Heading\n\nText.\n"
    front, front_line, body, body_line = split_front_matter(text, SRC)
    assert front == "title: Peace\nsummary: Calm."
    assert front_line == 2
    assert body == "\n## Heading\n\nText.\n"
    assert body_line == 5
    # body_line is the file line of the body's first line, so "## Heading" (the body's second
    # line) is on line 6 of the file
    assert body.split("\n")[1] == "## Heading" == text.split("\n")[body_line + 1 - 1]


def test_split_front_matter_skips_a_byte_order_mark() -> None:
    front, front_line, body, body_line = split_front_matter("\ufeff---\ntitle: A\n---\nB", SRC)
    assert (front, front_line, body, body_line) == ("title: A", 2, "B", 4)


def test_split_front_matter_tolerates_spaces_and_windows_line_ends() -> None:
    front, _, body, body_line = split_front_matter("--- \r\ntitle: A\r\n---\r\nB\r\n", SRC)
    assert front == "title: A\r"
    assert (body, body_line) == ("B\r\n", 4)


def test_split_front_matter_of_an_empty_front_matter() -> None:
    assert split_front_matter("---\n---\nBody", SRC) == ("", 2, "Body", 3)


def test_file_not_starting_with_dashes() -> None:
    with pytest.raises(ContentError) as caught:
        split_front_matter("title: Peace\n---\nBody\n", SRC)
    assert str(caught.value) == (
        f"{SRC}:1: The file must start with a line of three dashes (---).\n"
        "    Put the fields between two --- lines at the top, for example:\n"
        "    ---\n"
        "    title: Youth Soccer Nights\n"
        "    summary: Free soccer nights for teens.\n"
        "    ---")


def test_front_matter_never_closed() -> None:
    with pytest.raises(ContentError) as caught:
        split_front_matter("---\ntitle: Peace\nsummary: Calm.\n\nBody\n", SRC)
    assert str(caught.value) == (
        f"{SRC}:1: The fields at the top are never closed by a line of three dashes (---).\n"
        "    Add a line with only --- after the last field (such as summary:), before the text.")


# read_sources ----------------------------------------------------------------------------------

def test_reads_every_file_of_the_tiny_site(config: SiteConfig) -> None:
    sources, unreadable, report = read(TINY, config)
    assert (report.errors, unreadable) == ([], frozenset())
    assert len(sources) == 14
    soccer_fr = sources["content/programs/soccer.fr.md"]
    assert (soccer_fr.collection, soccer_fr.name, soccer_fr.lang, soccer_fr.key) == \
        ("programs", "soccer", "fr", "programs/soccer")
    assert soccer_fr.fields.slug == "soirees-soccer"
    assert soccer_fr.body_line == 7
    assert soccer_fr.body.split("\n")[1] == "## Comment ça marche"  # file line 8
    assert soccer_fr.field_lines == {"title": 2, "summary": 3, "slug": 4, "updated": 5}
    assert soccer_fr.line_of("slug") == 4
    assert soccer_fr.line_of("audiences") == 1  # not in the file
    soccer_en = sources["content/programs/soccer.en.md"]
    assert soccer_en.fields.audiences == ("youth",)
    assert soccer_en.fields.status == "active"  # the default
    assert soccer_en.fields.featured is True


def test_byte_order_mark_is_ignored(site: Path, config: SiteConfig) -> None:
    (site / SRC).write_bytes("\ufeff---\ntitle: Peace\nsummary: Calm.\n---\n\nText.\n"
                             .encode("utf-8"))
    sources, _, report = read(site, config)
    assert report.errors == []
    assert sources[SRC].fields.title == "Peace"
    assert sources[SRC].field_lines == {"title": 2, "summary": 3}


def test_file_naming_errors(site: Path, config: SiteConfig) -> None:
    for name in ("peace.md", "Peace-Nights.en.md", "peace.fre.md", "notes.txt"):
        (site / "content/programs" / name).write_text("---\ntitle: A\nsummary: B.\n---\n",
                                                      encoding="utf-8")
    (site / "content/programs/.draft.en.md").write_text("not read", encoding="utf-8")
    _, unreadable, report = read(site, config)
    assert messages(report.errors) == [
        'content/programs/Peace-Nights.en.md: The file name "Peace-Nights" may use only '
        "lowercase letters a-z, digits and hyphens.\n"
        "    For example: youth-soccer-nights.en.md",
        'content/programs/notes.txt: "notes.txt" is not named like name.language.md.\n'
        "    For example: peace.en.md",
        'content/programs/peace.fre.md: "fre" in the file name is not a language of this site. '
        'Did you mean "fr"?\n'
        '    Configured languages: "ar", "en", "fr".',
        'content/programs/peace.md: "peace.md" is not named like name.language.md.\n'
        "    For example: peace.en.md",
    ]
    assert unreadable == {"programs/Peace-Nights", "programs/notes", "programs/peace"}


def test_unknown_language_without_suggestion(site: Path, config: SiteConfig) -> None:
    (site / "content/pages/contact.zh.md").write_text("---\ntitle: A\nsummary: B.\n---\n",
                                                      encoding="utf-8")
    _, _, report = read(site, config)
    assert messages(report.errors) == [
        'content/pages/contact.zh.md: "zh" in the file name is not a language of this site.\n'
        '    Configured languages: "ar", "en", "fr".']


def test_folder_that_is_not_a_collection(site: Path, config: SiteConfig) -> None:
    (site / "content/program").mkdir()
    (site / "content/program/extra.en.md").write_text("---\ntitle: A\n---\n", encoding="utf-8")
    sources, _, report = read(site, config)
    assert messages(report.errors) == [
        'content/program: The folder "program" is not a collection in site_config.yaml. '
        'Did you mean "programs"?\n'
        '    Collections: "pages", "partners", "programs", "resources".']
    assert "content/program/extra.en.md" not in sources


def test_no_content_folder(tmp_path: Path, config: SiteConfig) -> None:
    sources, unreadable, report = read(tmp_path, config)
    assert (sources, unreadable) == ({}, frozenset())
    assert messages(report.errors) == [
        "content: There is no content/ folder.\n"
        "    Create it, with one folder per collection such as content/programs/."]


def test_file_not_saved_as_utf8_names_the_line(site: Path, config: SiteConfig) -> None:
    (site / "content/pages/contact.en.md").write_bytes(
        "---\ntitle: Contact\nsummary: How to reach us.\n---\n\nCafé on Main Street.\n"
        .encode("latin-1"))
    sources, unreadable, report = read(site, config)
    assert messages(report.errors) == [
        "content/pages/contact.en.md:6: This file is not saved as UTF-8, so some letters "
        "cannot be read.\n"
        "    In your editor, choose Save As and the UTF-8 encoding, then save again."]
    assert "content/pages/contact.en.md" not in sources
    assert unreadable == {"pages/contact"}


def test_front_matter_problems_are_reported_at_file_lines(site: Path, config: SiteConfig) -> None:
    (site / "content/programs/soccer.en.md").write_text(
        "---\ntitle: Soccer nights\nsummary: Free soccer for teens.\ntitel: Soccer\n"
        "audiences: youth\n---\n\nBody.\n", encoding="utf-8")
    sources, _, report = read(site, config)
    problems = sorted(report.errors, key=ContentError.sort_key)
    assert [(p.line, p.message) for p in problems] == [
        (4, 'Unknown field "titel". Did you mean "title"?'),
        (5, '"audiences" must be a list, for example [youth, newcomers].'),
    ]
    # The file is still usable for later checks, with the mistaken field at its default.
    assert sources["content/programs/soccer.en.md"].fields.audiences == ()


def test_yaml_error_in_front_matter(site: Path, config: SiteConfig) -> None:
    (site / "content/pages/contact.en.md").write_text(
        "---\ntitle: Contact\nsummary: Safety: what to do\n---\n", encoding="utf-8")
    sources, unreadable, report = read(site, config)
    assert messages(report.errors) == [
        "content/pages/contact.en.md:3: A value contains a colon (:) that YAML reads as a new "
        "field.\n"
        "    Put the whole value in double quotes, for example:\n"
        '    title: "Safety: what to do"']
    assert unreadable == {"pages/contact"}


def test_missing_title_makes_the_file_unusable(site: Path, config: SiteConfig) -> None:
    (site / "content/pages/contact.fr.md").write_text("---\nsummary: Comment nous joindre.\n---\n",
                                                      encoding="utf-8")
    sources, unreadable, report = read(site, config)
    assert messages(report.errors) == [
        'content/pages/contact.fr.md:2: Missing required field "title" (the page title).\n'
        "    Add a line like: title: Youth Soccer Nights"]
    assert "content/pages/contact.fr.md" not in sources
    assert unreadable == {"pages/contact"}


def test_shared_field_in_a_translation(site: Path, config: SiteConfig) -> None:
    replace_in(site / "content/programs/soccer.fr.md", "slug: soirees-soccer\n",
               "slug: soirees-soccer\naudiences: [youth]\nweight: 2\n")
    sources, _, report = read(site, config)
    assert messages(report.errors) == [
        'content/programs/soccer.fr.md:5: "audiences" is shared by every language and is set '
        "only in the original (soccer.en.md).\n"
        '    Delete the "audiences" line from this file; change it in soccer.en.md if it is '
        "wrong.",
        'content/programs/soccer.fr.md:6: "weight" is shared by every language and is set '
        "only in the original (soccer.en.md).\n"
        '    Delete the "weight" line from this file; change it in soccer.en.md if it is wrong.',
    ]
    # The rest of the translation is still read, without the shared fields.
    fields = sources["content/programs/soccer.fr.md"].fields
    assert fields.title == "Soirées soccer"
    assert "audiences" not in fields and "weight" not in fields


def test_subfolders_of_a_collection_are_read(site: Path, config: SiteConfig) -> None:
    (site / "content/pages/old").mkdir()
    shutil.move(site / "content/pages/contact.fr.md", site / "content/pages/old/contact.fr.md")
    sources, _, report = read(site, config)
    assert report.errors == []
    assert sources["content/pages/old/contact.fr.md"].key == "pages/contact"


# read_taxonomies -------------------------------------------------------------------------------

WANTED = taxonomies_used(SimpleNamespace(name=name, fields=builtin_kinds()[name].fields)
                         for name in ("pages", "partners", "programs", "resources"))


def test_taxonomies_of_the_tiny_site(config: SiteConfig) -> None:
    report = Report()
    taxonomies = read_taxonomies(TINY, config, WANTED, report)
    assert report.errors == []
    assert sorted(taxonomies) == ["audiences", "categories", "partner_kinds", "topics"]
    audiences = taxonomies["audiences"]
    assert audiences.order == ("youth", "seniors")
    assert audiences.labels["seniors"] == {"en": "Seniors", "fr": "Aînés", "ar": "كبار السن"}


def test_taxonomy_problems(site: Path, config: SiteConfig) -> None:
    replace_in(site / "content/taxonomies.yaml", "categories:\n  sport:",
               "categories:\n  Team_Sport:")
    replace_in(site / "content/taxonomies.yaml", "topics:", "colours:\n  red: {en: Red}\ntopcs:")
    report = Report()
    taxonomies = read_taxonomies(site, config, WANTED, report)
    assert messages(report.errors) == [
        'content/taxonomies.yaml:1: Taxonomy "topics" is missing or empty.\n'
        "    Add it with at least one id, for example:\n"
        "    topics:\n"
        "      some-id: {en: ..., fr: ..., ar: ...}",
        'content/taxonomies.yaml:5: The id "Team_Sport" may use only lowercase letters a-z, '
        "digits and hyphens.",
        'content/taxonomies.yaml:8: Unknown taxonomy "colours".\n'
        '    Taxonomies used by the collections: "audiences", "categories", "partner_kinds", '
        '"topics".',
        'content/taxonomies.yaml:10: Unknown taxonomy "topcs". Did you mean "topics"?\n'
        '    Taxonomies used by the collections: "audiences", "categories", "partner_kinds", '
        '"topics".',
    ]
    assert sorted(taxonomies) == ["audiences", "categories", "partner_kinds"]
    assert taxonomies["categories"].labels == {}


def test_missing_taxonomy_file(site: Path, config: SiteConfig) -> None:
    (site / "content/taxonomies.yaml").unlink()
    report = Report()
    assert read_taxonomies(site, config, WANTED, report) == {}
    assert messages(report.errors) == [
        "content/taxonomies.yaml: content/taxonomies.yaml is missing; it gives the labels of "
        '"audiences", "categories", "partner_kinds", "topics".\n'
        "    Create it, for example:\n"
        "    audiences:\n"
        "      youth: {en: Youth, fr: Jeunes}"]
    assert read_taxonomies(site, config, {}, Report()) == {}  # not needed: no error


def test_taxonomy_label_missing_a_language(site: Path, config: SiteConfig) -> None:
    replace_in(site / "content/taxonomies.yaml", "youth: {en: Youth, fr: Jeunes, ar: الشباب}",
               "youth: {en: Youth, fr: Jeunes}")
    report = Report()
    read_taxonomies(site, config, WANTED, report)
    assert messages(report.errors) == [
        'content/taxonomies.yaml:2: "audiences.youth" has no text for Arabic (ar).\n'
        "    Add a line for each, for example: ar: ..."]


# reading in worker processes ---------------------------------------------------------------------

def test_files_read_in_workers_give_what_one_process_gives(site: Path, config: SiteConfig) -> None:
    programs = site / "content" / "programs"
    for number in range(50):  # enough files for two workers
        (programs / f"broken-{number}.en.md").write_text(
            "---\ntitle: Broken\nsummary: [never closed\n---\nText.\n", encoding="utf-8")
        (programs / f"draft-{number}.en.md").write_text(
            '---\ntitle: "TODO: a title"\nsummary: Soon.\n---\nTODO: the text\n',
            encoding="utf-8")
    results = []
    for jobs in (1, 2):
        report = Report()
        sources, unreadable = read_sources(site, config, report, jobs=jobs)
        results.append((sources, unreadable, report.errors, report.warnings))
    sources, unreadable, errors, warnings = results[0]
    assert len(errors) == 50 and len(warnings) == 100 and len(unreadable) == 50
    assert results[1] == results[0]


def test_the_files_states_are_taken_once(site: Path, config: SiteConfig,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """The states a build took already (up_to_date.FileStates) are used; those taken here are
    given back, for the dates from modification times."""
    states: dict = {}
    sources, _ = read_sources(site, config, Report(), BuildCache(site / ".cache"), states=states)
    def seen(stat: os.stat_result) -> tuple[int, int, int]:
        return stat.st_size, stat.st_mtime_ns, stat.st_ino

    assert {path: seen(stat) for path, stat in states.items()} == {
        os.path.join(site, source.src_path): seen(os.stat(site / source.src_path))
        for source in sources}
    looked_at: list[str] = []
    stat = os.stat
    monkeypatch.setattr(os, "stat", lambda path, *a, **k: looked_at.append(path) or stat(
        path, *a, **k))
    read_sources(site, config, Report(), BuildCache(site / ".cache"), states=states)
    assert not [path for path in looked_at if os.fspath(path).endswith(".md")]


def test_a_process_takes_the_sources_it_read_at_its_last_build(
        site: Path, config: SiteConfig, monkeypatch: pytest.MonkeyPatch) -> None:
    """As the preview does at each save: a file whose bytes are the same is the source made at
    the last build, with its warnings, neither parsed nor decoded from the cache again; not
    when the settings changed."""
    (site / "content" / "programs" / "draft.en.md").write_text(
        '---\ntitle: "TODO: a title"\nsummary: Soon.\n---\nTODO: the text\n', encoding="utf-8")
    first = Report()
    sources, _ = read_sources(site, config, first, BuildCache(site / ".cache"))
    decoded: list[bytes] = []
    real_decode = reader.decoded_with_text
    monkeypatch.setattr(reader, "decoded_with_text",
                        lambda data: decoded.append(data) or real_decode(data))
    parsed: list[Path] = []
    real_read = reader.read_source
    monkeypatch.setattr(reader, "read_source",
                        lambda path, *args, **kwargs: parsed.append(path) or real_read(
                            path, *args, **kwargs))
    again = Report()
    same, _ = read_sources(site, config, again, BuildCache(site / ".cache"))
    assert [id(source) for source in same] == [id(source) for source in sources]
    assert again.warnings == first.warnings and len(first.warnings) == 2
    assert not decoded and not parsed

    edited_path = "content/programs/soccer.en.md"
    replace_in(site / edited_path, "Soccer nights", "Football nights")
    edited, _ = read_sources(site, config, Report(), BuildCache(site / ".cache"))
    assert [path.name for path in parsed] == ["soccer.en.md"] and not decoded
    assert [s is t for s, t in zip(edited, sources)] == [
        s.src_path != edited_path for s in sources]

    other = dataclasses.replace(config, timezone="Europe/Paris")
    read_sources(site, other, Report(), BuildCache(site / ".cache"))
    assert len(decoded) == len(sources)  # from the cache, typed by the new settings
