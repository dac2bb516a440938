"""sitegen.source.translation_status (block fingerprints, status, dates) and sitegen.source.parity (what a translation
leaves out of its original or adds), with the exact messages and lines people see."""

from __future__ import annotations

import datetime as dt
import sys
import unicodedata
from pathlib import Path

import pytest
import yaml

from sitegen.cache import BuildCache
from sitegen.source.config import load_config
from sitegen.errors import Report
from sitegen.source.facts import ascii_digits, facts_of, number_values, phone_value
from sitegen.source.front_matter import FrontMatter
from sitegen.source.model import Source
from sitegen.source.outline import outline
from sitegen.source import parity
from sitegen.source.parity import compare
from sitegen.quality.findings import format_report
from sitegen.quality.parity import check_parity
from sitegen.source.reader import read_sources, split_front_matter
from sitegen.source.schema import Record
from sitegen.source.translation_advice import mark_ids
from sitegen.source.translation_status import (TranslationState, blocks, compare_blocks,
                                               content_hash, legacy_hash, translation_report)
from tests.helpers import ROOT, TINY, copy_site, make_soccer_translations_unfaithful
from tests.unit.support import load_site, replace_in

LANGS = ("en", "fr", "ar")
LOCALES = {"en": "en_CA", "fr": "fr_CA", "ar": "ar"}
FIELDS = {"title": "Soccer nights", "summary": "Free soccer for teens."}


def names(body: str) -> list[str]:
    return [block.name for block in blocks(FIELDS, body)]


def changes(before: str, after: str) -> tuple[str, ...]:
    return compare_blocks(blocks(FIELDS, before), blocks(FIELDS, after))


# Block fingerprints ----------------------------------------------------------------------------

def test_blocks_are_the_title_summary_introduction_and_each_heading() -> None:
    body = "Intro.\n\n## When\n\nFriday.\n\n### Where\n\nThe park.\n"
    assert [(b.name, b.text) for b in blocks(FIELDS, body)] == [
        ("title", "Soccer nights"), ("summary", "Free soccer for teens."),
        ("introduction", "Intro."), ("When", "Friday."), ("Where", "The park.")]


def test_a_repeated_heading_is_named_by_its_place() -> None:
    body = "## When\nFriday\n## Where\nPark\n## When\nSaturday\n## When\nSunday\n"
    assert names(body) == ["title", "summary", "When", "Where", "When (2nd)", "When (3rd)"]


def test_an_edit_under_the_first_of_two_same_headings_is_seen() -> None:
    before = "## When\nFriday\n## Where\nPark\n## When\nSaturday\n"
    after = before.replace("Friday", "Thursday")
    assert content_hash(FIELDS, before) != content_hash(FIELDS, after)
    assert changes(before, after) == ("When",)
    assert changes(before, before.replace("Saturday", "Sunday")) == ("When (2nd)",)
    # the first version's hash kept only the last "When": it could not see this edit
    assert legacy_hash(FIELDS, before) == legacy_hash(FIELDS, after)


def test_renaming_a_heading_with_no_text_under_it_is_seen() -> None:
    before = "## Our programs\n\n### For young people\n\nPEACE.\n"
    after = before.replace("Our programs", "Programs")
    assert names(before) == ["title", "summary", "Our programs", "For young people"]
    assert content_hash(FIELDS, before) != content_hash(FIELDS, after)
    assert changes(before, after) == ("Programs (renamed from Our programs)",)
    assert legacy_hash(FIELDS, before) == legacy_hash(FIELDS, after)


def test_a_moved_section_is_seen_and_named() -> None:
    before = "## When\nFriday\n## Where\nPark\n"
    after = "## Where\nPark\n## When\nFriday\n"
    assert content_hash(FIELDS, before) != content_hash(FIELDS, after)
    assert changes(before, after) == ("Where (moved)",)
    assert changes(before, "## Where\nThe park\n## When\nFriday\n") == (
        "Where (moved and changed)",)


def test_new_removed_and_changed_sections_are_named() -> None:
    before = "## When\nFriday\n## Where\nPark\n"
    after = "## When\nSaturday\n## Cost\nFree\n## Who\nTeens\n"
    assert changes(before, after) == ("When", "Cost (new)", "Who (new)", "Where (removed)")
    renamed = "## When\nFriday\n## Place\nPark\n"
    assert changes(before, renamed) == ("Place (renamed from Where)",)
    assert changes(before, before) == ()
    summary = compare_blocks(blocks(FIELDS, before),
                             blocks({**FIELDS, "summary": "Soccer for all."}, before))
    assert summary == ("summary",)


def test_layout_only_edits_keep_the_hash() -> None:
    body = "## When\n\nEvery Friday,\nat the park.\n"
    assert content_hash(FIELDS, body) == content_hash(FIELDS, "## When\nEvery Friday, at the "
                                                               "park.\n\n\n")


def test_headings_inside_fenced_code_are_text() -> None:
    body = "## Setup\n\n```\n# not a heading\n```\n"
    assert names(body) == ["title", "summary", "Setup"]


def test_the_hash_is_unchanged_for_texts_without_repeated_or_empty_headings() -> None:
    """translated_from values written before blocks were position-aware stay valid: this is the
    hash the first version gave this text."""
    body = "\nIntro text.\n\n## How it works\n\nCome to the park.\n\n## Who it is for\n\nTeens.\n"
    assert content_hash(FIELDS, body) == legacy_hash(FIELDS, body) == "7554d5794153"


# Status, dates and differences -----------------------------------------------------------------

def tiny_report(site_dir: Path, dates: dict[str, dt.date] | None = None) -> dict:
    config = load_config(site_dir)
    sources, _ = read_sources(site_dir, config, Report())
    return {(s.key, s.lang): s for s in translation_report(site_dir, sources, config, dates)}


def test_each_file_shows_its_own_updated_date(tmp_path: Path) -> None:
    site = copy_site(TINY, tmp_path / "site")
    states = tiny_report(site)
    soccer = states[("programs/soccer", "fr")]
    assert (soccer.original_updated, soccer.translation_updated) == (
        dt.date(2026, 1, 10), dt.date(2026, 1, 11))
    walking = states[("programs/walking", "ar")]
    assert (walking.status, walking.original_updated, walking.translation_updated) == (
        "missing", dt.date(2026, 1, 5), None)
    # without an updated: line, the date of the file's last change
    replace_in(site / "content/programs/soccer.fr.md", "updated: 2026-01-11\n", "")
    states = tiny_report(site, {"content/programs/soccer.fr.md": dt.date(2026, 2, 1)})
    assert states[("programs/soccer", "fr")].translation_updated == dt.date(2026, 2, 1)


def test_outdated_without_git_history_has_no_changed_sections(tmp_path: Path) -> None:
    site = copy_site(TINY, tmp_path / "site")
    replace_in(site / "content/partners/town-club.fr.md", "---\n\n",
               "translated_from: 0123456789ab\n---\n\n")
    state = tiny_report(site)[("partners/town-club", "fr")]
    assert (state.status, state.changed_sections, state.old_mark) == ("outdated", (), False)


def test_awaiting_and_missing_translations_are_not_compared(tmp_path: Path) -> None:
    site = copy_site(TINY, tmp_path / "site")
    make_soccer_translations_unfaithful(site)
    replace_in(site / "content/programs/soccer.ar.md", "---\n\n",
               "awaiting_translation: true\n---\n\n")
    states = tiny_report(site)
    assert states[("programs/soccer", "ar")].status == "awaiting"
    assert states[("programs/soccer", "ar")].differences == ()
    assert states[("programs/walking", "ar")].differences == ()
    assert [str(d) for d in states[("programs/soccer", "fr")].differences] == [
        "content/programs/soccer.fr.md:8: The original links to "
        "../resources/safety.md#at-night (content/programs/soccer.en.md:13); this translation "
        "does not."]


# Parity ----------------------------------------------------------------------------------------

def source(lang: str, text: str, name: str = "soccer") -> Source:
    """A content file as the reader gives it, from its whole text."""
    path = f"content/programs/{name}.{lang}.md"
    front, front_line, body, body_line = split_front_matter(text, path)
    lines = {line.split(":", 1)[0]: front_line + i
             for i, line in enumerate(front.split("\n")) if ":" in line}
    fields = FrontMatter(yaml.safe_load(front), Record())
    return Source(path, "programs", name, lang, fields, body, body_line, lines)


ORIGINAL = """---
title: Soccer nights
summary: Free soccer for teens. Call 905-555-0100.
---

Come to the park at 6:30 p.m. on March 2, 2026.

## How it works

- Bring water.
- Bring shoes.
- Ask the [Town Club](../partners/town-club.md).

## Contact

Write to youth@example.org or read [staying safe](../resources/safety.md#at-night).
"""
FAITHFUL = """---
title: Soirées soccer
summary: "Du soccer gratuit pour les ados. Composez le 905 555 0100."
---

Venez au parc à 18 h 30 le 2 mars 2026.

## Comment ça marche

- Apportez de l'eau.
- Apportez des souliers.
- Demandez au [Club de la ville](/partners/town-club.md).

## Nous joindre

Écrivez à youth@example.org ou lisez [Rester en sécurité](../resources/safety.md#la-nuit).
"""


def differences(translation: str, original: str = ORIGINAL, lang: str = "fr") -> list[str]:
    return [str(d) for d in compare(source("en", original), source(lang, translation), LANGS,
                                    LOCALES)]


def test_a_translation_is_named_by_its_collection_only_when_another_has_the_same_name() -> None:
    states = [TranslationState(key, lang, "missing", f"content/{key}.en.md",
                               f"content/{key}.{lang}.md")
              for key in ("programs/peace", "partners/peace", "programs/walking", "news/a-b")
              for lang in ("fr", "ar")]
    assert mark_ids(states) == {
        (key, lang): f"{named}.{lang}" for key, named in [
            ("programs/peace", "programs/peace"), ("partners/peace", "partners/peace"),
            ("programs/walking", "walking"), ("news/a-b", "a-b")] for lang in ("fr", "ar")}


def test_translations_compared_in_workers_give_what_one_process_gives(tmp_path: Path) -> None:
    site = copy_site(TINY, tmp_path / "site")
    for number in range(60):  # enough files for two workers; every tenth translation differs
        day = number % 28 + 1
        texts = {"en": f"Call 905 555 01{number:02} at 6 p.m. on March {day}.",
                 "fr": f"Appelez le 905 555 01{number:02} à 18 h le {day + (number % 10 == 0)}"
                       " mars."}
        for lang, text in texts.items():
            (site / "content" / "programs" / f"p{number}.{lang}.md").write_text(
                f"---\ntitle: P {number}\nsummary: S.\n---\n\n## A\n\n- {text}\n"
                "- [The club](../partners/town-club.md)\n", encoding="utf-8")
    config = load_config(site)
    sources, _ = read_sources(site, config, Report())
    reports = []
    for jobs in (1, 2):
        parity._OUTLINES.clear()
        reports.append(translation_report(site, sources, config, jobs=jobs))
    assert reports[1] == reports[0]
    assert {state.key for state in reports[0] if state.key.startswith("programs/p")
            and state.differences} == {f"programs/p{number}" for number in range(0, 60, 10)}


def test_outlines_are_kept_in_the_cache_and_a_damaged_one_is_made_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = copy_site(TINY, tmp_path / "site")
    make_soccer_translations_unfaithful(site)
    config = load_config(site)
    sources, _ = read_sources(site, config, Report())
    parity._OUTLINES.clear()
    first = translation_report(site, sources, config, cache=BuildCache(site / ".cache"))
    assert any(state.differences for state in first)
    made: list[str] = []
    real_outline = parity.outline
    monkeypatch.setattr(parity, "outline", lambda body, line, path, *args: made.append(path)
                        or real_outline(body, line, path, *args))
    parity._OUTLINES.clear()  # another process: only the cache has them
    assert translation_report(site, sources, config, cache=BuildCache(site / ".cache")) == first
    assert made == []
    cache = BuildCache(site / ".cache")
    names = cache.keys(parity.OUTLINES)
    cache.put_many(parity.OUTLINES, {names[0]: {"headings": [["two", None]]},
                                     names[1]: {"lists": 3}})
    parity._OUTLINES.clear()
    assert translation_report(site, sources, config, cache=BuildCache(site / ".cache")) == first
    assert len(made) == 2


def test_every_digit_of_every_script_is_read_as_its_ascii_digit() -> None:
    every_character = "".join(chr(code) for code in range(sys.maxunicode + 1)
                              if not 0xD800 <= code <= 0xDFFF)  # not surrogates
    assert ascii_digits(every_character) == "".join(
        str(unicodedata.decimal(c)) if c.isdecimal() else c for c in every_character)


def test_a_line_without_digit_link_or_address_has_no_facts_and_one_with_any_has() -> None:
    def kinds(line: str) -> list[str]:
        return [fact.kind for fact in facts_of(line, 1, "content/programs/a.en.md",
                                               LANGS, "en_CA")]

    assert kinds("Come to the park, bring a friend: everyone is welcome (teens too).") == []
    assert kinds("Écrivez-nous : c'est « gratuit » — toujours.") == []
    assert kinds("On March ٣") == ["number", "number"]  # the month next to a number, the day
    assert kinds("Write to help@example.org") == ["email"]
    assert kinds("See [the club](../partners/club.md)") == ["link"]
    assert kinds("See <HTTPS://example.org/a>") == ["link"]
    assert kinds("See HTTPS://example.org/a today") == ["link"]


def test_a_faithful_translation_has_no_differences() -> None:
    assert differences(FAITHFUL) == []


def test_numbers_phones_and_dates_may_be_written_the_reader_s_way() -> None:
    arabic = (FAITHFUL.replace("905 555 0100", "٩٠٥ ٥٥٥ ٠١٠٠")
              .replace("18 h 30 le 2 mars 2026", "6:30 مساءً في ٢ مارس ٢٠٢٦"))
    assert differences(arabic, lang="ar") == []
    persian_digits = FAITHFUL.replace("2026", "۲۰۲۶")
    assert differences(persian_digits) == []
    assert number_values("1,000") == number_values("1 000") == number_values("1٬000") == ["1000"]
    assert number_values("2.5") == number_values("2,5") == number_values("٢٫٥".translate(
        str.maketrans("٢٥", "25"))) == ["2.5"]
    assert number_values("03") == ["3"]
    assert number_values("1 000,50") == number_values("1,000.5") == ["1000.5"]
    assert number_values("2016 2 000") == ["2016", "2000"]
    assert phone_value("(905) 555-0100") == phone_value("+1 905 555 0100") == "9055550100"
    assert phone_value("905-555-0100 poste 12") == "9055550100 ext. 12"


def test_lists_are_told_apart_by_place_nesting_and_kind() -> None:
    body = ("- a\n- b\n  - b1\n  - b2\n- c\n\nText.\n\n1. one\n2. two\n- other\n\n---\n"
            "* after a rule\n\n```\n- code, not a list\n```\n")
    found = outline(body, 10, "content/programs/a.en.md", LANGS, "en_CA")
    assert [(block.line, len(block.items), block.ordered) for block in found.lists] == [
        (10, 3, False), (12, 2, False), (18, 2, True), (20, 1, False), (23, 1, False)]


def test_a_missing_list_item_is_reported_at_the_list() -> None:
    assert differences(FAITHFUL.replace("- Apportez des souliers.\n", "")) == [
        "content/programs/soccer.fr.md:10: This list has 2 items; the original's list at this "
        "place has 3 (content/programs/soccer.en.md:10)."]


def test_an_extra_list_and_a_missing_list_are_reported() -> None:
    extra = FAITHFUL.replace("## Nous joindre\n", "## Nous joindre\n\n- Soyez à l'heure.\n")
    assert differences(extra) == [
        "content/programs/soccer.fr.md:16: This list is not in the original: the original has "
        "1 list, this translation 2 lists."]
    missing = ORIGINAL.replace("## Contact\n", "## Contact\n\n- Be on time.\n")
    assert differences(FAITHFUL, missing) == [
        "content/programs/soccer.fr.md:14: The original has a list of 1 item here "
        "(content/programs/soccer.en.md:16) that this translation does not have: the original "
        "has 2 lists, this translation 1 list."]


def test_headings_are_compared_level_by_level_up_to_the_first_difference() -> None:
    deeper = FAITHFUL.replace("## Nous joindre", "### Nous joindre")
    assert differences(deeper) == [
        'content/programs/soccer.fr.md:14: The headings differ from the original\'s (the '
        "original has 2 at level 2 (##), this translation 1 at level 2 (##) and 1 at level 3 "
        '(###)). The first difference: "Nous joindre" is at level 3 (###), where the original '
        'has "Contact" at level 2 (##) (content/programs/soccer.en.md:14).']
    extra = FAITHFUL + "\n## Pour en savoir plus\n\nLisez le site.\n"
    assert differences(extra) == [
        "content/programs/soccer.fr.md:18: The headings differ from the original's (the "
        "original has 2 at level 2 (##), this translation 3 at level 2 (##)). The first "
        'difference: "Pour en savoir plus" is one heading more than the original has (its last '
        'is "Contact", content/programs/soccer.en.md:14).']
    fewer = FAITHFUL.replace("## Nous joindre\n", "")
    assert differences(fewer) == [
        "content/programs/soccer.fr.md:8: The headings differ from the original's (the original "
        "has 2 at level 2 (##), this translation 1 at level 2 (##)). The first difference: the "
        'original then has "Contact" at level 2 (##) (content/programs/soccer.en.md:14), and '
        "this translation has no heading there."]


def test_headings_in_another_order() -> None:
    original = "---\ntitle: T\nsummary: S\n---\n\n## A\n\n### B\n\n## C\n"
    translation = "---\ntitle: T\nsummary: S\n---\n\n## A\n\n## C\n\n### B\n"
    assert differences(translation, original) == [
        "content/programs/soccer.fr.md:8: The headings differ from the original's (both have "
        "2 at level 2 (##) and 1 at level 3 (###), in another order). The first difference: "
        '"C" is at level 2 (##), where the original has "B" at level 3 (###) '
        "(content/programs/soccer.en.md:8)."]


def test_links_compare_items_not_paths() -> None:
    assert differences(FAITHFUL.replace("(/partners/town-club.md)",
                                        "(../partners/town-club.fr.md)")) == [
        "content/programs/soccer.fr.md:8: The original links to ../partners/town-club.md "
        "(content/programs/soccer.en.md:12); this translation does not.",
        "content/programs/soccer.fr.md:12: This translation links to "
        "../partners/town-club.fr.md, which the original does not."]
    assert differences(FAITHFUL.replace("[Rester en sécurité](../resources/safety.md#la-nuit)",
                                        "Rester en sécurité")) == [
        "content/programs/soccer.fr.md:14: The original links to "
        "../resources/safety.md#at-night (content/programs/soccer.en.md:16); this translation "
        "does not."]
    assert differences(FAITHFUL.replace("ou lisez", "ou lisez <https://example.org/fr/> et")
                       ) == [
        "content/programs/soccer.fr.md:16: This translation links to https://example.org/fr/, "
        "which the original does not."]


def test_a_phone_number_or_e_mail_address_the_translation_does_not_show() -> None:
    assert differences(FAITHFUL.replace(" Composez le 905 555 0100.", "")) == [
        "content/programs/soccer.fr.md:3: The original gives the phone number 905-555-0100 "
        "(content/programs/soccer.en.md:3); this translation does not show it."]
    assert differences(FAITHFUL.replace("Écrivez à youth@example.org ou lisez", "Lisez")) == [
        "content/programs/soccer.fr.md:14: The original gives the e-mail address "
        "youth@example.org (content/programs/soccer.en.md:16); this translation does not show "
        "it."]
    assert differences(FAITHFUL.replace("youth@example.org", "jeunes@example.org")) == [
        "content/programs/soccer.fr.md:14: The original gives the e-mail address "
        "youth@example.org (content/programs/soccer.en.md:16); this translation does not show "
        "it.",
        "content/programs/soccer.fr.md:16: This translation gives the e-mail address "
        "jeunes@example.org, which is not in the original."]
    assert differences(FAITHFUL.replace("Écrivez", "Appelez le 905-555-0199 ou écrivez")) == [
        "content/programs/soccer.fr.md:16: This translation gives the phone number "
        "905-555-0199, which is not in the original."]


def test_numbers_and_dates_compare_as_sets() -> None:
    assert differences(FAITHFUL.replace("18 h 30", "19 h 30")) == [
        'content/programs/soccer.fr.md:6: The original has "6:30 p.m." '
        "(content/programs/soccer.en.md:6); this translation does not have that number or "
        "date.",
        'content/programs/soccer.fr.md:6: This translation has "19", a number or date that is '
        "not in the original."]
    assert differences(FAITHFUL.replace("2 mars", "2 avril")) == [
        'content/programs/soccer.fr.md:6: The original has "March" '
        "(content/programs/soccer.en.md:6); this translation does not have that number or "
        "date.",
        'content/programs/soccer.fr.md:6: This translation has "avril", a number or date that '
        "is not in the original."]


# The quality gate ------------------------------------------------------------------------------

def test_check_warns_at_the_line_of_each_translation(tmp_path: Path) -> None:
    site_dir = copy_site(TINY, tmp_path / "site")
    make_soccer_translations_unfaithful(site_dir)
    site, _ = load_site(site_dir)
    findings = check_parity(site)
    assert [(f.gate, f.severity, f.location(), f.message) for f in findings] == [
        ("parity", "warning", "/fr/programmes/soirees-soccer/ (content/programs/soccer.fr.md:8)",
         "The original links to ../resources/safety.md#at-night "
         "(content/programs/soccer.en.md:13); this translation does not."),
        ("parity", "warning", "/ar/programs/soccer/ (content/programs/soccer.ar.md:7)",
         "The original links to ../resources/safety.md#at-night "
         "(content/programs/soccer.en.md:13); this translation does not."),
        ("parity", "warning", "/ar/programs/soccer/ (content/programs/soccer.ar.md:9)",
         "This translation gives the phone number 905 555 0100, which is not in the "
         "original."),
    ]
    report = format_report(findings, [], 1)
    assert "== Translations match their originals: 0 errors, 3 warnings" in report.splitlines()


def test_check_takes_the_outlines_an_earlier_check_kept_in_the_cache(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site_dir = copy_site(TINY, tmp_path / "site")
    make_soccer_translations_unfaithful(site_dir)
    site, _ = load_site(site_dir)
    parity._OUTLINES.clear()
    first = check_parity(site, BuildCache(site_dir / ".cache"))
    assert len(first) == 3
    made: list[str] = []
    real_outline = parity.outline
    monkeypatch.setattr(parity, "outline", lambda body, line, path, *args: made.append(path)
                        or real_outline(body, line, path, *args))
    parity._OUTLINES.clear()  # the next check, in a process of its own
    assert check_parity(site, BuildCache(site_dir / ".cache")) == first
    assert made == []
    parity._OUTLINES.clear()
    assert check_parity(site) == first  # without a cache, every text is read
    assert {"content/programs/soccer.en.md", "content/programs/soccer.ar.md"} <= set(made)


def test_the_default_site_s_translations_match_their_originals() -> None:
    site, _ = load_site(ROOT)
    assert [f"{f.src_path}:{f.line}: {f.message}" for f in check_parity(site)] == []
