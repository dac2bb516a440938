"""Speed must never change the result: after each edit of a scripted series (a body, a title, a
slug, a new translation, a deleted file, a renamed partner, a template, a catalog, the config,
a static file), a build that reuses the cache writes exactly the bytes of a build from nothing
of the same files; and a build spread over several processes writes exactly the bytes of one
that runs in a single process."""

from __future__ import annotations

import contextlib
import datetime as dt
import gzip
import hashlib
import json
import os
import shutil
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from sitegen import cache as cache_module
from sitegen import pipeline
from sitegen.pipeline import BuildOptions, build_site
from sitegen.errors import BuildFailed
from sitegen.publish import output
from sitegen.render import open_data, page_output, page_summary, search
from sitegen.render.open_data import language_files
from sitegen.source.model import Entry, Page
from tests.helpers import FIXTURES, ROOT, TINY, TINY_NOW, copy_site, run_cli


def tree(folder: Path) -> dict[str, str]:
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def build(site: Path, out: Path, *extra: str) -> None:
    result = run_cli("--site", str(site), "--output", str(out), "--now", TINY_NOW, *extra)
    assert result.returncode == 0, result.stderr


def replace(site: Path, relative: str, old: str, new: str) -> None:
    path = site / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, (relative, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def edit_body(site: Path) -> None:
    replace(site, "content/programs/soccer.en.md", "Come to the park.", "Come to the big park.")


def edit_title(site: Path) -> None:
    replace(site, "content/programs/soccer.en.md", "title: Soccer nights",
            "title: Soccer evenings")


def edit_slug(site: Path) -> None:
    replace(site, "content/programs/soccer.fr.md", "slug: soirees-soccer", "slug: soccer-le-soir")


def add_translation(site: Path) -> None:
    text = (site / "content/programs/walking.fr.md").read_text(encoding="utf-8")
    (site / "content/programs/walking.ar.md").write_text(
        "---\ntitle: نادي المشي\nsummary: نزهات صباحية لكبار السن.\n---\n\n"
        + text.split("---\n", 2)[2], encoding="utf-8")


def delete_file(site: Path) -> None:
    (site / "content/programs/walking.ar.md").unlink()


def rename_partner(site: Path) -> None:
    for path in (site / "content/partners").glob("town-club.*.md"):
        path.rename(path.with_name(path.name.replace("town-club", "town-sports-club")))
    for path in (site / "content").rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("town-club", "town-sports-club"), encoding="utf-8")


def edit_template(site: Path) -> None:
    (site / "templates").mkdir(exist_ok=True)
    base = (ROOT / "templates/base.html").read_text(encoding="utf-8")
    (site / "templates/base.html").write_text(base.replace("</body>", "<!-- edited -->\n</body>"),
                                              encoding="utf-8")


def edit_catalog(site: Path) -> None:
    (site / "translations").mkdir(exist_ok=True)
    catalog = (ROOT / "translations/fr.po").read_text(encoding="utf-8")
    (site / "translations/fr.po").write_text(
        catalog.replace('msgstr "Passer au contenu principal"',
                        'msgstr "Aller au contenu principal"'), encoding="utf-8")


def edit_config(site: Path) -> None:
    replace(site, "site_config.yaml", "label: {en: Programs,", "label: {en: Our programs,")


def edit_static(site: Path) -> None:
    (site / "static/images").mkdir(parents=True, exist_ok=True)
    (site / "static/images/map.png").write_bytes(b"\x89PNG\r\n\x1a\n-map")
    (site / "static/site-note.txt").write_text("A note.\n", encoding="utf-8")


EDITS: list[Callable[[Path], None]] = [
    edit_body, edit_title, edit_slug, add_translation, delete_file, rename_partner,
    edit_template, edit_catalog, edit_config, edit_static]


OPEN_DATA = """
open_data:
  section: {en: open-data, fr: donnees-ouvertes, ar: open-data}
  title: {en: Open data, fr: Données ouvertes, ar: البيانات المفتوحة}
"""


def with_open_data(site: Path) -> Path:
    config = site / "site_config.yaml"
    config.write_text(config.read_text(encoding="utf-8") + OPEN_DATA, encoding="utf-8")
    return site


def test_every_incremental_build_equals_a_build_from_nothing(tmp_path: Path) -> None:
    site = with_open_data(copy_site(TINY, tmp_path / "site"))
    incremental, cold = tmp_path / "incremental", tmp_path / "cold"
    build(site, incremental, "--no-search")
    for edit in EDITS:
        edit(site)
        build(site, incremental, "--no-search")
        shutil.rmtree(cold, ignore_errors=True)
        build(site, cold, "--no-search", "--no-cache")
        assert tree(incremental) == tree(cold), edit.__name__
    assert (site / ".cache/build.sqlite").is_file()  # the cache was there all along


def test_an_edit_makes_its_own_language_s_open_data_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the files of the languages an edit changed are made again, and of those, only
    the records (a service, a partner) that show what changed."""
    made: list[str] = []
    records: list[tuple[str, str]] = []

    def recorded(site: object, lang: str, *rest: object) -> object:
        made.append(lang)
        return language_files(site, lang, *rest)  # type: ignore[arg-type]

    def record_of(real: Callable[[Any, Entry], Any]) -> Callable[[Any, Entry], Any]:
        def made_record(site: Any, entry: Entry) -> Any:
            records.append((entry.key, entry.lang))
            return real(site, entry)
        return made_record

    monkeypatch.setattr(pipeline, "language_files", recorded)
    for name in ("service_of", "partner_of"):
        monkeypatch.setattr(open_data, name, record_of(getattr(open_data, name)))
    site = with_open_data(copy_site(TINY, tmp_path / "site"))
    out, now = tmp_path / "out", dt.datetime.fromisoformat(TINY_NOW)
    build_site(BuildOptions(site, out, now=now, search=False))
    assert made == ["en", "fr", "ar"]
    assert ("programs/walking", "en") in records
    renamed = [("partners/town-sports-club", lang) for lang in ("en", "fr", "ar")]
    for edit, again, records_again in (
            (edit_title, ["en"], [("programs/soccer", "en")]),
            (add_translation, ["ar"], [("programs/walking", "ar")]),
            (edit_body, [], []),
            # the partner, and the services that name it, in every language
            (rename_partner, ["en", "fr", "ar"], [("programs/soccer", "ar"),
                                                  ("programs/soccer", "en"),
                                                  ("programs/soccer", "fr"), *renamed])):
        made.clear()
        records.clear()
        edit(site)
        build_site(BuildOptions(site, out, now=now, search=False))
        assert made == again, edit.__name__
        assert sorted(records) == sorted(records_again), edit.__name__
    build(site, tmp_path / "cold", "--no-search", "--no-cache")
    assert tree(out / "open-data") == tree(tmp_path / "cold/open-data")


def test_damaged_open_data_records_are_made_again(tmp_path: Path) -> None:
    site = with_open_data(copy_site(TINY, tmp_path / "site"))
    out, cold = tmp_path / "out", tmp_path / "cold"
    build(site, out, "--no-search")
    with contextlib.closing(sqlite3.connect(site / ".cache/build.sqlite")) as database:
        with database:
            changed = database.execute("UPDATE entries SET value = ? WHERE namespace = ?",
                                       (b"damaged", pipeline.OPEN_DATA_RECORDS)).rowcount
    assert changed > 1
    edit_title(site)  # the English files are made again, of the records kept for them
    build(site, out, "--no-search")
    build(site, cold, "--no-search", "--no-cache")
    assert tree(out / "open-data") == tree(cold / "open-data")


def pages_records_read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The addresses of the pages whose records the builds read (render_site_pages), from now
    on."""
    read: list[str] = []
    get_many = cache_module.BuildCache.get_many

    def recorded(self: cache_module.BuildCache, namespace: str, keys: object) -> object:
        keys = list(keys)  # type: ignore[call-overload]
        if namespace == page_output.NAMESPACE:
            read.extend(keys)
        return get_many(self, namespace, keys)

    monkeypatch.setattr(cache_module.BuildCache, "get_many", recorded)
    return read


def test_after_a_body_edit_only_the_pages_that_show_it_are_looked_at(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every other page is known unchanged from the last build's summary, without reading its
    record; the output is still that of a build from nothing."""
    site = copy_site(TINY, tmp_path / "site")
    out, now = tmp_path / "out", dt.datetime.fromisoformat(TINY_NOW)
    build_site(BuildOptions(site, out, now=now, search=False))
    read = pages_records_read(monkeypatch)
    build_site(BuildOptions(site, out, now=now, search=False))
    assert read == []  # nothing changed: no page's record is read
    edit_body(site)
    build_site(BuildOptions(site, out, now=now, search=False))
    assert read == ["/en/programs/soccer/"]
    read.clear()
    edit_title(site)  # lists show the title, and the pages of its language may
    build_site(BuildOptions(site, out, now=now, search=False))
    assert {"/en/programs/soccer/", "/en/programs/", "/en/partners/town-club/"} <= set(read)
    # another program's page, and the other languages' pages, which show nothing of it
    assert "/en/programs/walking/" not in read
    assert not [url for url in read if url.startswith(("/fr/", "/ar/"))], read
    build(site, tmp_path / "cold", "--no-search", "--no-cache")
    assert tree(out) == tree(tmp_path / "cold")


def test_a_later_build_the_same_day_writes_no_feed_or_calendar_again(tmp_path: Path) -> None:
    """They state when their content was made, not when the build ran: an edit that none of
    them shows leaves their files as they were (the same files, not written again)."""
    site = copy_site(FIXTURES / "dated", tmp_path / "site")
    out, now = tmp_path / "out", dt.datetime.fromisoformat(TINY_NOW)
    build_site(BuildOptions(site, out, now=now, search=False))
    kept = [path for path in out.rglob("*") if path.suffix == ".ics" or path.name == "feed.xml"]
    assert len([path for path in kept if path.name == "event.ics"]) == 9
    inodes = {path: path.stat().st_ino for path in [*kept, out / "en/programs/soccer/index.html"]}
    page = site / "content/programs/soccer.en.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    build_site(BuildOptions(site, out, now=now + dt.timedelta(hours=6), search=False))
    assert [path.relative_to(out).as_posix() for path, inode in inodes.items()
            if path.stat().st_ino != inode] == ["en/programs/soccer/index.html"]


def test_after_builds_with_search_a_build_without_keeps_no_search_index(tmp_path: Path) -> None:
    """The spare output that later builds start from held the index: it is not published
    again, and the output is that of a build from nothing."""
    site = copy_site(TINY, tmp_path / "site")
    out, cold = tmp_path / "out", tmp_path / "cold"
    build(site, out)
    edit_body(site)
    build(site, out)  # the first output, with its index, is now the spare
    assert (out / "pagefind").is_dir()
    (out / "by-hand.html").write_text("not made by the build", encoding="utf-8")
    for edit in (edit_title, edit_body_again):
        edit(site)
        build(site, out, "--no-search")
    build(site, cold, "--no-search", "--no-cache")
    assert not (out / "pagefind").exists()
    assert tree(out) == tree(cold)


def summary_records(site: Path, change: Callable[[dict[str, bytes]], dict[str, bytes]]) -> None:
    """Change the records of the pages' summary (page_summary: its base and what changed
    since), as the cache holds them."""
    with contextlib.closing(sqlite3.connect(site / ".cache/build.sqlite")) as database:
        with database:
            records = dict(database.execute("SELECT key, value FROM entries WHERE namespace = ?",
                                            (page_summary.SUMMARY,)).fetchall())
            assert set(records) == {page_summary.BASE, page_summary.SINCE}
            for key, value in change(records).items():
                database.execute("UPDATE entries SET value = ? WHERE namespace = ? AND key = ?",
                                 (value, page_summary.SUMMARY, key))


def test_a_damaged_summary_of_the_pages_is_not_trusted(tmp_path: Path) -> None:
    site = copy_site(TINY, tmp_path / "site")
    out, cold = tmp_path / "out", tmp_path / "cold"
    build(site, out, "--no-search")

    def base(change: Callable[[list[str]], list[str]]) -> Callable[[dict], dict]:
        return lambda records: {page_summary.BASE: "\n".join(change(
            records[page_summary.BASE].decode("utf-8").split("\n"))).encode("utf-8")}

    for number, damage in enumerate((
            lambda records: {page_summary.BASE: b"\xff damaged"},
            lambda records: {page_summary.SINCE: b"\xff damaged"},
            lambda records: {page_summary.SINCE: records[page_summary.SINCE] + b"\n[1]"},
            base(lambda lines: lines[:2] + ["{not json"] + lines[3:]),
            base(lambda lines: lines[:3] + ["too\tfew"] + lines[4:]),
            base(lambda lines: lines[:4] + [line.rpartition("\t")[0] for line in lines[4:]]),
            base(lambda lines: lines[:4] + [
                "\t".join(line.split("\t")[:-1] + ["x,y"]) for line in lines[4:]]))):
        summary_records(site, damage)
        soccer = site / "content/programs/soccer.en.md"
        soccer.write_text(soccer.read_text(encoding="utf-8") + f"\nOne more line, {number}.\n",
                          encoding="utf-8")
        build(site, out, "--no-search")
        shutil.rmtree(cold, ignore_errors=True)
        build(site, cold, "--no-search", "--no-cache")
        assert tree(out) == tree(cold)


def test_an_edit_writes_what_changed_since_the_summary_s_base(tmp_path: Path) -> None:
    """The summary's base stays as it is through edits, which write only what changed since;
    a change of the settings or templates writes a new base. Each build equals a cold one."""
    site = copy_site(TINY, tmp_path / "site")
    out, cold = tmp_path / "out", tmp_path / "cold"
    build(site, out, "--no-search")
    first: dict[str, bytes] = {}
    summary_records(site, lambda records: first.update(records) or {})
    edit_body(site)
    edit_slug(site)  # the French soccer page moves: its old address is said to be no more
    build(site, out, "--no-search")
    second: dict[str, bytes] = {}
    summary_records(site, lambda records: second.update(records) or {})
    assert second[page_summary.BASE] == first[page_summary.BASE]
    since = second[page_summary.SINCE].decode("utf-8").split("\n")
    assert since[0] == first[page_summary.BASE].decode("utf-8").split("\n")[1]  # the base's id
    changed = {json.loads(line.partition("\t")[0]): "\t" in line for line in since[2:]}
    assert changed["/en/programs/soccer/"] and changed["/fr/programmes/soccer-le-soir/"]
    assert changed["/fr/programmes/soirees-soccer/"] is False
    assert len(changed) < 20
    build(site, cold, "--no-search", "--no-cache")
    assert tree(out) == tree(cold)
    replace(site, "content/programs/soccer.fr.md", "slug: soccer-le-soir", "slug: soirees-soccer")
    build(site, out, "--no-search")  # and back at the address the base knows
    shutil.rmtree(cold)
    build(site, cold, "--no-search", "--no-cache")
    assert tree(out) == tree(cold)
    replace(site, "site_config.yaml", "base_url:", "# a comment\nbase_url:")
    build(site, out, "--no-search")
    third: dict[str, bytes] = {}
    summary_records(site, lambda records: third.update(records) or {})
    assert third[page_summary.BASE] != first[page_summary.BASE]


def test_a_page_that_showed_an_entry_now_gone_is_looked_at_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = copy_site(TINY, tmp_path / "site")
    out, now = tmp_path / "out", dt.datetime.fromisoformat(TINY_NOW)
    build_site(BuildOptions(site, out, now=now, search=False))

    def with_a_gone_entry(records: dict[str, bytes]) -> dict[str, bytes]:
        quick, base_id, table, states, *lines = records[page_summary.BASE].decode().split("\n")
        gone = len(json.loads(table))  # an entry added to the table, with a state
        table = json.dumps(json.loads(table) + [["programs/gone", "fr"]])
        states += "\t" + "0" * page_summary.KEPT
        lines = [line + ("," if line.split("\t")[-1] else "") + str(gone)
                 if line.startswith('"/fr/programmes/walking/"') else line for line in lines]
        return {page_summary.BASE: "\n".join([quick, base_id, table, states, *lines]).encode()}

    summary_records(site, with_a_gone_entry)
    read = pages_records_read(monkeypatch)
    build_site(BuildOptions(site, out, now=now, search=False))
    assert read == ["/fr/programmes/walking/"]
    build_site(BuildOptions(site, out, now=now, search=False))
    assert read == ["/fr/programmes/walking/"]  # the new summary holds what is there


def test_feeds_and_calendars_follow_edits_and_time(tmp_path: Path) -> None:
    site = copy_site(FIXTURES / "dated", tmp_path / "site")
    incremental, cold = tmp_path / "incremental", tmp_path / "cold"
    steps = [
        (TINY_NOW, lambda: None),
        (TINY_NOW, lambda: replace(site, "content/events/fair.en.md", "title: Summer fair",
                                   "title: Summer games fair")),
        (TINY_NOW, lambda: replace(site, "content/news/coaches.en.md", "title: New coaches",
                                   "title: Two new coaches")),
        ("2026-03-15T12:00:00+00:00", lambda: None),  # the winter walk is over by then
    ]
    for now, edit in steps:
        edit()
        for out, extra in ((incremental, ()), (cold, ("--no-cache",))):
            shutil.rmtree(cold, ignore_errors=True)
            result = run_cli("--site", str(site), "--output", str(out), "--now", now,
                             "--no-search", *extra)
            assert result.returncode == 0, result.stderr
        assert tree(incremental) == tree(cold), now
    calendar = (incremental / "en/events/fair/event.ics").read_text(encoding="utf-8")
    assert "SUMMARY;LANGUAGE=en:Summer games fair" in calendar
    assert "DTSTAMP:20260102T050000Z" in calendar  # the day its text was updated, in Toronto


def rename_partner_title(site: Path) -> None:
    replace(site, "content/partners/town-club.en.md", "title: Town Club",
            "title: Town Sports Club")


def name_partner(site: Path) -> None:
    replace(site, "content/programs/walking.en.md", "featured: true\n",
            "featured: true\npartners: [town-club]\n")


def builds_equal_cold_ones(site: Path, out: Path, cold: Path,
                           steps: list[tuple[dt.datetime, Callable[[Path], None]]]) -> None:
    """Make each edit at its moment, then build incrementally into out and from nothing into
    cold, in this process: the two must hold the same bytes."""
    for now, edit in steps:
        edit(site)
        build_site(BuildOptions(site, out, now=now, search=False))
        shutil.rmtree(cold, ignore_errors=True)
        build_site(BuildOptions(site, cold, now=now, search=False, cache=False))
        assert tree(out) == tree(cold), (now, edit.__name__)


def test_a_day_later_a_program_still_shows_its_partner_s_new_name(tmp_path: Path) -> None:
    """A program's page looks its partners up (site.linked) rather than showing them from its
    context. A new day renews every page's record without rendering it again: the record
    must still name the partner, so that renaming it renders the program's page again."""
    site = copy_site(TINY, tmp_path / "site")
    now = dt.datetime.fromisoformat(TINY_NOW)
    builds_equal_cold_ones(site, tmp_path / "out", tmp_path / "cold", [
        (now, lambda _: None), (now + dt.timedelta(days=1), lambda _: None),
        (now + dt.timedelta(days=1), rename_partner_title)])
    assert "Town Sports Club" in (tmp_path / "out/en/programs/soccer/index.html").read_text(
        encoding="utf-8")


def test_a_template_that_reads_the_whole_site_follows_every_entry(tmp_path: Path) -> None:
    """A site's template may read the site beyond the entries it looks up (every item's
    title, here): its pages are rendered again when any entry changes."""
    site = copy_site(TINY, tmp_path / "site")
    (site / "templates").mkdir()
    (site / "templates/pages.html").write_text(
        '{% extends "item.html" %}{% block details %}<p>{% for key in site.items %}'
        "{{ site.items[key].entries[lang].title }};{% endfor %}</p>{% endblock %}",
        encoding="utf-8")
    now = dt.datetime.fromisoformat(TINY_NOW)
    builds_equal_cold_ones(site, tmp_path / "out", tmp_path / "cold", [
        (now, lambda _: None), (now, edit_title), (now + dt.timedelta(days=1), lambda _: None),
        (now + dt.timedelta(days=1), rename_partner_title)])
    assert "Town Sports Club;" in (tmp_path / "out/en/contact/index.html").read_text(
        encoding="utf-8")


def test_a_partner_s_page_lists_a_program_that_names_it_anew(tmp_path: Path) -> None:
    """A partner's page lists the programs that name it: a program that starts naming it
    appears there, though nothing the page showed before has changed."""
    site = copy_site(TINY, tmp_path / "site")
    now = dt.datetime.fromisoformat(TINY_NOW)
    builds_equal_cold_ones(site, tmp_path / "out", tmp_path / "cold",
                           [(now, lambda _: None), (now, name_partner)])
    assert "/en/programs/walking/" in (tmp_path / "out/en/partners/town-club/index.html"
                                       ).read_text(encoding="utf-8")


def test_a_program_s_structured_data_follows_its_partner_s_name(tmp_path: Path) -> None:
    """A program's structured data names its partners, even when its template does not show
    them: renaming a partner renders the program's page again."""
    site = copy_site(TINY, tmp_path / "site")
    (site / "templates").mkdir()
    (site / "templates/programs.html").write_text('{% extends "item.html" %}',
                                                  encoding="utf-8")
    now = dt.datetime.fromisoformat(TINY_NOW)
    builds_equal_cold_ones(site, tmp_path / "out", tmp_path / "cold",
                           [(now, lambda _: None), (now, rename_partner_title)])
    assert '"name": "Town Sports Club"' in (tmp_path / "out/en/programs/soccer/index.html"
                                            ).read_text(encoding="utf-8")


def test_edits_across_days_equal_builds_from_nothing(tmp_path: Path) -> None:
    """A new day renews the records of pages that did not change; edits after it, of every
    kind of link between items, must still reach every page that shows them."""
    site = copy_site(TINY, tmp_path / "site")
    day = dt.datetime.fromisoformat(TINY_NOW)

    def translate_title(site: Path) -> None:
        replace(site, "content/programs/soccer.fr.md", "title: Soirées soccer",
                "title: Soirées de soccer")

    def drop_partner(site: Path) -> None:
        replace(site, "content/programs/soccer.en.md", "partners: [town-club]\n", "")

    def delete_translation(site: Path) -> None:
        (site / "content/resources/safety.ar.md").unlink()

    def date_partner(site: Path) -> None:
        replace(site, "content/partners/town-club.en.md", "updated: 2026-01-02",
                "updated: 2026-01-12")

    steps: list[tuple[dt.datetime, Callable[[Path], None]]] = [(day, lambda _: None)]
    for number, edit in enumerate((translate_title, name_partner, rename_partner_title,
                                   drop_partner, delete_translation, date_partner), start=1):
        steps += [(day + dt.timedelta(days=number), lambda _: None),
                  (day + dt.timedelta(days=number), edit)]
    builds_equal_cold_ones(site, tmp_path / "out", tmp_path / "cold", steps)


def test_the_search_index_follows_the_pages(tmp_path: Path) -> None:
    site = copy_site(TINY, tmp_path / "site")
    out, cold = tmp_path / "out", tmp_path / "cold"
    build(site, out)
    build(site, out, "--drafts")  # another kind of build in between
    inodes = {path.name: path.stat().st_ino for path in (out / "pagefind").rglob("*")}
    edit_body(site)  # an English page: only the English index is made again
    build(site, out)
    build(site, cold, "--no-cache")
    assert tree(out) == tree(cold)
    kept = {path.name.split("_")[0] for path in (out / "pagefind").rglob("*_*")
            if inodes.get(path.name) == path.stat().st_ino}
    assert "en" not in kept and {"fr", "ar"} <= kept, kept


@pytest.mark.parametrize("edit", [edit_body, edit_title])
def test_an_edit_makes_only_its_part_of_the_index_again(tmp_path: Path,
                                                        edit: Callable[[Path], None]) -> None:
    """A new title too: the pages that list the item (its partner's page) show it, but lists
    of other items are not a page's search text."""
    site = copy_site(TINY, tmp_path / "site")
    replace(site, "site_config.yaml", "\nsearch:\n", "\nsearch:\n  part_pages: 1\n")
    out, cold = tmp_path / "out", tmp_path / "cold"
    build(site, out)
    index = out / "pagefind"
    inodes = {path: path.stat().st_ino for path in index.rglob("*_*") if path.is_file()}
    assert len(list(index.glob("parts/en/*"))) >= 2
    [soccer] = [path for path in index.rglob("en_*.pf_fragment")
                if b'"/en/programs/soccer/"' in gzip.decompress(path.read_bytes())]

    def part_of(path: Path) -> tuple[str, ...]:  # () for the first part, in the folder itself
        inside = path.relative_to(index).parts
        return inside[:3] if inside[0] == "parts" else ()

    edit(site)  # the English soccer page
    build(site, out)
    build(site, cold, "--no-cache")
    assert tree(out) == tree(cold)
    again = {path for path, inode in inodes.items()
             if not path.exists() or path.stat().st_ino != inode}
    assert again and {part_of(path) for path in again} == {part_of(soccer)}, sorted(again)
    assert all(path.name.startswith(("en_", "pagefind.en_")) for path in again), sorted(again)


def test_the_index_stays_right_through_a_series_of_edits(tmp_path: Path) -> None:
    """From the third build on, a build starts from the output before the last (the spare),
    whose index parts that are still right stay in place: through edits that change one part,
    add a language's page and take it away, the index is the one a cold build makes."""
    site = copy_site(TINY, tmp_path / "site")
    replace(site, "site_config.yaml", "\nsearch:\n", "\nsearch:\n  part_pages: 2\n")
    out, cold = tmp_path / "out", tmp_path / "cold"
    build(site, out)
    for edit in (edit_body, edit_title, add_translation, edit_body_again, delete_file):
        edit(site)
        build(site, out)
        shutil.rmtree(cold, ignore_errors=True)
        build(site, cold, "--no-cache")
        assert tree(out / "pagefind") == tree(cold / "pagefind"), edit.__name__
    assert tree(out) == tree(cold)


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_edit_s_part_is_indexed_while_the_output_is_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int) -> None:
    """The part an edit changed is indexed from the build's own pages, started before the
    output is staged (search.EarlyParts), not from the staged pages: the index is still the
    one a cold build makes, and its work folder goes once the build ends."""
    site = copy_site(TINY, tmp_path / "site")
    out, cold = tmp_path / "out", tmp_path / "cold"
    now = dt.datetime.fromisoformat(TINY_NOW)
    build_site(BuildOptions(site, out, now=now, jobs=jobs))
    early: list[str] = []
    real_take = search.EarlyParts.take

    def take(parts: search.EarlyParts, key: str) -> Path:
        early.append(key)
        return real_take(parts, key)

    def from_staging(*_: object) -> Path:
        raise AssertionError("a part indexed from the staged output")

    monkeypatch.setattr(search.EarlyParts, "take", take)
    monkeypatch.setattr(search, "_index_part", from_staging)
    edit_body(site)
    build_site(BuildOptions(site, out, now=now, jobs=jobs))
    assert early == ["en/0"]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["out", "site"]
    build(site, cold, "--no-cache")
    assert tree(out) == tree(cold)


def test_an_edit_s_part_starts_before_the_lists_are_made_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The pages of the search index are made before any other: a new title's part starts
    indexing before the lists that show the title are rendered again, and the output is still
    the one a cold build makes."""
    site = copy_site(TINY, tmp_path / "site")
    out, cold = tmp_path / "out", tmp_path / "cold"
    now = dt.datetime.fromisoformat(TINY_NOW)
    build_site(BuildOptions(site, out, now=now))
    steps: list[str] = []
    real_start, real_render = search._start_index, page_output._render

    def start(pages: Path, target: Path) -> Any:
        steps.append("index")
        return real_start(pages, target)

    def render(item: tuple[Page, bool]) -> Any:
        steps.append(item[0].kind)
        return real_render(item)

    monkeypatch.setattr(search, "_start_index", start)
    monkeypatch.setattr(page_output, "_render", render)
    edit_title(site)
    build_site(BuildOptions(site, out, now=now, jobs=1))
    assert steps.count("index") == 1, steps
    started = steps.index("index")
    assert steps[:started] and set(steps[:started]) == {"item"}, steps
    assert "list" in steps[started:], steps
    build(site, cold, "--no-cache")
    assert tree(out) == tree(cold)


def test_a_cold_build_indexes_its_pages_while_it_writes_the_other_files(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The search index's pages are staged first, and each part is indexed as soon as its
    pages are, while the other files are written: here the sitemap waits until a part has
    started. The output is the one a build gives without the wait."""
    site = copy_site(TINY, tmp_path / "site")
    started = threading.Event()
    real_write, real_index_part = output._write_file, search._index_part

    def write(path: str, data: bytes) -> os.stat_result:
        if path.endswith("/sitemap.xml"):
            assert started.wait(60), "no part was indexed before the sitemap was written"
        return real_write(path, data)

    def index_part(site_dir: Path, pages: list[str], work: Path) -> Path:
        started.set()
        return real_index_part(site_dir, pages, work)

    monkeypatch.setattr(output, "_write_file", write)
    monkeypatch.setattr(search, "_index_part", index_part)
    build_site(BuildOptions(site, tmp_path / "out", now=dt.datetime.fromisoformat(TINY_NOW),
                            cache=False))
    assert started.is_set()
    build(site, tmp_path / "cold", "--no-cache")
    assert tree(tmp_path / "out") == tree(tmp_path / "cold")


def test_the_next_edit_of_a_part_puts_only_what_changed_into_its_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The pages of the part an edit indexed early are kept for the next build (beside the
    spare, in the cache): an edit of the same part again puts only the edited page into the
    part's folder. A record of them that is damaged, or names a path outside, is not
    trusted: every page of the part is put in again."""
    site = copy_site(TINY, tmp_path / "site")
    out, cold = tmp_path / "out", tmp_path / "cold"
    now = dt.datetime.fromisoformat(TINY_NOW)
    placed: list[str] = []
    real_write, real_link = output._write_file, output._linked

    def write(path: str, data: bytes) -> os.stat_result:
        if ".search-" in path:
            placed.append(path.rsplit("/pages/", 1)[-1])
        return real_write(path, data)

    def link(old_root: str, root: str, dest_path: str) -> bool:
        if ".search-" in root:
            placed.append(dest_path)
        return real_link(old_root, root, dest_path)

    monkeypatch.setattr(output, "_write_file", write)
    monkeypatch.setattr(output, "_linked", link)
    build_site(BuildOptions(site, out, now=now))
    edit_body(site)
    build_site(BuildOptions(site, out, now=now))
    part = sorted(placed)
    assert len(part) > 2 and "en/programs/soccer/index.html" in part
    [kept] = (site / ".cache/spare").glob("*.search")
    placed.clear()
    edit_body_again(site)
    build_site(BuildOptions(site, out, now=now))
    assert placed == ["en/programs/soccer/index.html"]

    outside = tmp_path / "outside.html"
    outside.write_text("not the build's", encoding="utf-8")
    holds = json.loads((kept / search.HOLDS_FILE).read_text(encoding="utf-8"))
    [held] = holds.values()
    held["../../../../outside.html"] = ["0" * 64, 15, 0]
    (kept / search.HOLDS_FILE).write_text(json.dumps(holds), encoding="utf-8")
    placed.clear()
    edit_title(site)
    build_site(BuildOptions(site, out, now=now))
    assert sorted(placed) == part and outside.is_file()
    build(site, cold, "--no-cache")
    assert tree(out) == tree(cold)


def test_pagefind_failing_on_an_edit_s_part_leaves_the_output_as_it_was(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = copy_site(TINY, tmp_path / "site")
    out = tmp_path / "out"
    now = dt.datetime.fromisoformat(TINY_NOW)
    build_site(BuildOptions(site, out, now=now))
    before = tree(out)

    monkeypatch.setattr(search, "pagefind_binary", lambda: Path("/bin/false"))
    edit_body(site)
    with pytest.raises(BuildFailed) as failed:
        build_site(BuildOptions(site, out, now=now))
    assert [error.message for error in failed.value.errors] == [
        "The search index could not be built: Pagefind stopped with code 1."]
    assert tree(out) == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["out", "site"]


def test_another_pagefind_indexes_every_part_again(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Parts made by two versions of Pagefind never mix in one index."""
    site = copy_site(TINY, tmp_path / "site")
    out = tmp_path / "out"
    now = dt.datetime.fromisoformat(TINY_NOW)
    build_site(BuildOptions(site, out, now=now))
    inodes = {path: path.stat().st_ino for path in (out / "pagefind").rglob("*_*")}
    monkeypatch.setattr(pipeline, "indexer_version", lambda: "pagefind_bin_extended 99.0.0")
    build_site(BuildOptions(site, out, now=now))
    assert inodes and not any(path.exists() and path.stat().st_ino == inode
                              for path, inode in inodes.items())


def edit_body_again(site: Path) -> None:
    replace(site, "content/programs/soccer.en.md", "Come to the big park.",
            "Come to the biggest park.")


def test_a_change_outside_what_search_reads_keeps_the_index(tmp_path: Path) -> None:
    site = copy_site(TINY, tmp_path / "site")
    out, cold = tmp_path / "out", tmp_path / "cold"
    build(site, out)
    inodes = {path: path.stat().st_ino for path in (out / "pagefind").rglob("*") if path.is_file()}
    edit_template(site)  # a comment at the end of every page, outside <main>
    build(site, out)
    assert "<!-- edited -->" in (out / "en/programs/soccer/index.html").read_text(encoding="utf-8")
    assert all(path.stat().st_ino == inode for path, inode in inodes.items())  # not indexed again
    build(site, cold, "--no-cache")
    assert tree(out) == tree(cold)


@pytest.mark.parametrize("site", [ROOT, TINY], ids=["default", "tiny"])
def test_a_parallel_build_equals_a_serial_one(tmp_path: Path, site: Path) -> None:
    """Pages and the search index (its languages indexed one by one, or two at once)."""
    build(site, tmp_path / "serial", "--no-cache", "--jobs", "1")
    build(site, tmp_path / "parallel", "--no-cache", "--jobs", "2")
    assert (tmp_path / "parallel/pagefind/pagefind-entry.json").is_file()
    assert tree(tmp_path / "serial") == tree(tmp_path / "parallel")


def test_a_cache_grown_by_edits_is_tidied_and_still_gives_the_same_pages(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each template edit adds every page's HTML to the cache; a cache grown to twice its
    size forgets what the last build did not use, and builds that follow are still right."""
    monkeypatch.setattr(cache_module, "GROWTH_ALLOWED", 0)
    site = copy_site(TINY, tmp_path / "site")
    out = tmp_path / "out"
    now = dt.datetime.fromisoformat(TINY_NOW)

    def html_entries() -> int:
        with contextlib.closing(sqlite3.connect(site / ".cache/build.sqlite")) as database:
            return int(database.execute(
                "SELECT count(*) FROM entries WHERE namespace = 'html'").fetchone()[0])

    pages = len(build_site(BuildOptions(site, out, now=now, search=False)).site.pages)
    assert html_entries() == pages
    base = (ROOT / "templates/base.html").read_text(encoding="utf-8")
    (site / "templates").mkdir()
    for edit in range(6):
        (site / "templates/base.html").write_text(
            base.replace("</body>", f"<!-- edit {edit} -->\n</body>"), encoding="utf-8")
        build_site(BuildOptions(site, out, now=now, search=False))
        assert html_entries() < 4 * pages  # kept without tidying: (edit + 2) * pages
    shutil.rmtree(out)  # the pages of the next build come from the cache
    build_site(BuildOptions(site, out, now=now, search=False))
    build(site, tmp_path / "cold", "--no-search", "--no-cache")
    assert tree(out) == tree(tmp_path / "cold")


def test_reused_pages_whose_files_are_gone_are_written_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A page reused from the last build is taken from the staging copy or the previous output
    when either holds its file unchanged; otherwise from the cache, or rendered anew when the
    cache has lost it too (page_output.Findable)."""
    site = copy_site(TINY, tmp_path / "site")
    out, cold = tmp_path / "out", tmp_path / "cold"
    now = dt.datetime.fromisoformat(TINY_NOW)
    for _ in range(2):  # the second leaves a spare: the staging copy of the next
        build_site(BuildOptions(site, out, now=now, search=False))
    build(site, cold, "--no-search", "--no-cache")
    spare, = (site / ".cache" / pipeline.SPARE).iterdir()
    for folder in (out, spare):
        (folder / "en/programs/walking/index.html").unlink()
        (folder / "fr/index.html").write_text("changed by hand", encoding="utf-8")
        (folder / "ar/programs/soccer/index.html").unlink()
    gone = cache_module.digest((cold / "ar/programs/soccer/index.html").read_bytes())
    with contextlib.closing(sqlite3.connect(site / ".cache/build.sqlite")) as database:
        with database:
            assert database.execute("DELETE FROM entries WHERE namespace = ? AND key = ?",
                                    (page_output.HTML, gone)).rowcount == 1
    rendered: list[str] = []
    render_page = pipeline.render_page
    monkeypatch.setattr(pipeline, "render_page", lambda env, site, page, *rest: rendered.append(
        page.url) or render_page(env, site, page, *rest))
    build_site(BuildOptions(site, out, now=now, search=False))
    assert rendered == ["/ar/programs/soccer/"]
    assert tree(out) == tree(cold)


def test_the_spares_of_output_folders_that_are_gone_are_removed(tmp_path: Path) -> None:
    """Each output folder built twice leaves a spare (a copy of the site) in .cache/spare/;
    once the folder is gone, the next build forgets it and removes its spare, and any spare
    that no record names."""
    site = copy_site(TINY, tmp_path / "site")
    kept, gone = tmp_path / "kept", tmp_path / "gone"
    now = dt.datetime.fromisoformat(TINY_NOW)
    for out in (kept, kept, gone, gone):
        build_site(BuildOptions(site, out, now=now, search=False))
    spares = site / ".cache" / pipeline.SPARE
    assert len(list(spares.iterdir())) == 2
    (spares / "0123456789abcdef").mkdir()  # another version's
    cache = cache_module.open_cache(site)
    assert sorted(cache.keys(pipeline.OUTPUTS)) == [str(gone.resolve()), str(kept.resolve())]
    cache.close()
    shutil.rmtree(gone)
    edit_title(site)
    build_site(BuildOptions(site, kept, now=now, search=False))
    cache = cache_module.open_cache(site)
    assert cache.keys(pipeline.OUTPUTS) == [str(kept.resolve())]
    cache.close()
    assert [folder.name for folder in spares.iterdir()] == \
        [pipeline.digest(str(kept.resolve()))[:16]]
    add_translation(site)  # and the spare left still serves the next build
    build_site(BuildOptions(site, kept, now=now, search=False))
    build(site, tmp_path / "cold", "--no-search", "--no-cache")
    assert tree(kept) == tree(tmp_path / "cold")


def test_a_damaged_cache_is_ignored(tmp_path: Path) -> None:
    site = copy_site(TINY, tmp_path / "site")
    build(site, tmp_path / "first", "--no-search")
    database = site / ".cache/build.sqlite"
    database.write_bytes(b"not a database" * 100)
    build(site, tmp_path / "second", "--no-search")
    build(site, tmp_path / "cold", "--no-search", "--no-cache")
    assert tree(tmp_path / "second") == tree(tmp_path / "cold")


def test_a_translation_marked_outdated_keeps_its_language_s_index(tmp_path: Path) -> None:
    site = copy_site(TINY, tmp_path / "site")
    out, cold = tmp_path / "out", tmp_path / "cold"
    assert run_cli("translations", "mark", "soccer.fr", "--site", str(site)).returncode == 0
    build(site, out)
    french = {path: path.stat().st_ino for path in (out / "pagefind").rglob("fr_*")}
    edit_body(site)  # the French translation is now outdated: its page says so
    build(site, out)
    page = (out / "fr/programmes/soirees-soccer/index.html").read_text(encoding="utf-8")
    assert "data-pagefind-ignore>" in page and "anglais" in page.split("data-pagefind-ignore>")[1]
    assert french and all(path.stat().st_ino == inode for path, inode in french.items())
    build(site, cold, "--no-cache")
    assert tree(out) == tree(cold)


def mark_translation(site: Path) -> None:
    """Mark the French translation up to date: an edit of its original makes it outdated."""
    assert run_cli("translations", "mark", "soccer.fr", "--site", str(site)).returncode == 0


# ways a site's list template may say which of the translations it lists are outdated
OUTDATED_MARKS = {
    "attribute": "{% for item in entries if item.outdated %}[outdated {{ item.key }}]"
                 "{% endfor %}",
    "filter": "[{{ entries|selectattr('outdated')|list|length }} outdated]",
    "inside": "[{{ entries|map(attribute='__dict__')|map(attribute='outdated')|list }}]",
}


@pytest.mark.parametrize("mark", OUTDATED_MARKS)
def test_a_list_that_says_which_translations_are_outdated_follows_them(
        tmp_path: Path, mark: str) -> None:
    """The default lists never say it (the next test); a site's list that does, whichever way
    its template reads it, is made again when a translation it lists becomes outdated."""
    site = copy_site(TINY, tmp_path / "site")
    (site / "templates/partials").mkdir(parents=True)
    partial = (ROOT / "templates/partials/entry_list.html").read_text(encoding="utf-8")
    (site / "templates/partials/entry_list.html").write_text(
        OUTDATED_MARKS[mark] + "\n" + partial, encoding="utf-8")
    out, now = tmp_path / "out", dt.datetime.fromisoformat(TINY_NOW)
    french_list = out / "fr/programmes/index.html"
    builds_equal_cold_ones(site, out, tmp_path / "cold", [(now, mark_translation)])
    before = french_list.read_text(encoding="utf-8")
    builds_equal_cold_ones(site, out, tmp_path / "cold", [(now, edit_body)])
    assert french_list.read_text(encoding="utf-8") != before


def test_a_translation_that_becomes_outdated_renders_only_its_own_pages_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Its page says so; the lists and other pages that show it do not, and are reused."""
    rendered: list[str] = []
    render_page = page_output.render_page

    def recorded(env: object, site: object, page: Page, *rest: object) -> str:
        rendered.append(page.url)
        return render_page(env, site, page, *rest)  # type: ignore[arg-type]

    site = with_open_data(copy_site(TINY, tmp_path / "site"))
    out, now = tmp_path / "out", dt.datetime.fromisoformat(TINY_NOW)
    mark_translation(site)
    build_site(BuildOptions(site, out, now=now, search=False))
    monkeypatch.setattr(page_output, "render_page", recorded)
    edit_body(site)
    build_site(BuildOptions(site, out, now=now, search=False))
    assert sorted(rendered) == ["/en/programs/soccer/", "/fr/programmes/soirees-soccer/"]
    page = (out / "fr/programmes/soirees-soccer/index.html").read_text(encoding="utf-8")
    assert "anglais" in page.split("data-pagefind-ignore>")[1]
    build(site, tmp_path / "cold", "--no-search", "--no-cache")
    assert tree(out) == tree(tmp_path / "cold")
