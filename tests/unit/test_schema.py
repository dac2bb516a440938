"""sitegen.source.schema: each spec's check and message, records with unknown keys, partial results."""

from __future__ import annotations

import datetime as dt
from typing import Any


from sitegen.errors import ContentError, Report
from sitegen.source.schema import (INVALID, Bool, Checker, Choice, Custom, Date, Field, Integer, ListOf,
                            PerLanguage, Record, Slug, Text, Url, check_document)
from sitegen.source.yaml_source import parse_yaml

SRC = "content/programs/peace.en.md"
LANGS = ("en", "fr", "ar")
NAMES = {"en": "English", "fr": "French", "ar": "Arabic"}


def run(spec: Any, yaml_text: str, key: str = "value") -> tuple[Any, list[str]]:
    """Check the value of key in yaml_text (front matter starting on line 2) with spec."""
    source = parse_yaml(yaml_text, SRC, first_line=2)
    report = Report()
    checker = Checker(source, report, LANGS, NAMES)
    result = spec.check(source.data[key], (key,), checker)
    return result, [str(problem) for problem in report.errors]


# Text ------------------------------------------------------------------------------------------

def test_text_is_stripped() -> None:
    assert run(Text(), "value: '  Peace  '\n") == ("Peace", [])


def test_text_accepts_a_number_written_without_quotes() -> None:
    assert run(Text(), "value: 911\n") == ("911", [])


def test_text_refuses_yes_no_list_and_group() -> None:
    spec = Text(example="Youth Soccer Nights")
    assert run(spec, "value: yes\n") == (INVALID, [
        f'{SRC}:2: "value" must be text, not yes/no.\n'
        "    For example: value: Youth Soccer Nights"])
    assert run(spec, "value: [a, b]\n")[1] == [
        f'{SRC}:2: "value" must be text, not a list.\n'
        "    For example: value: Youth Soccer Nights"]
    assert run(spec, "value: {a: b}\n")[1][0].startswith(
        f'{SRC}:2: "value" must be text, not a group of fields.')


def test_text_empty() -> None:
    assert run(Text(example="Peace"), "x: 1\nvalue: '   '\n") == (INVALID, [
        f'{SRC}:3: "value" is empty.\n    Write a value, for example: value: Peace'])


def test_text_one_line() -> None:
    assert run(Text(), 'value: "first\\nsecond"\n') == (
        INVALID, [f'{SRC}:2: "value" must fit on one line.'])
    assert run(Text(one_line=False), "value: |\n  first\n  second\n") == ("first\nsecond", [])


def test_text_max_length() -> None:
    assert run(Text(max_length=10), "value: " + "a" * 12 + "\n") == (
        INVALID, [f'{SRC}:2: "value" is 12 characters long; keep it under 10.'])
    assert run(Text(max_length=10), "value: " + "a" * 10 + "\n") == ("a" * 10, [])


def test_slug() -> None:
    assert run(Slug(), "slug: soirees-soccer\n", "slug") == ("soirees-soccer", [])
    assert run(Slug("soirees-soccer"), "slug: Soirées Soccer\n", "slug") == (INVALID, [
        f'{SRC}:2: "slug" may use only lowercase letters a-z, digits and hyphens; got '
        '"Soirées Soccer".\n    For example: slug: soirees-soccer'])
    assert run(Slug(), "slug: -soccer\n", "slug")[0] is INVALID
    assert run(Slug(), "slug: soccer--nights\n", "slug")[0] is INVALID


def test_url() -> None:
    assert run(Url(), "website: https://example.org/a?b=1\n", "website") == (
        "https://example.org/a?b=1", [])
    assert run(Url(), "website: mailto:info@example.org\n", "website")[1] == []
    assert run(Url(), "website: www.example.org\n", "website") == (INVALID, [
        f'{SRC}:2: "website" must be a full web address starting with https:// (or mailto:), '
        'without spaces or quotes; got "www.example.org".\n'
        '    For example: website: https://example.org/'])
    for hostile in ('"https://example.org/\\"><script>x</script>"', "javascript:alert(1)",
                    '"https://example.org/ onclick=x"', "//example.org/", "https://"):
        assert run(Url(), f"website: {hostile}\n", "website")[0] is INVALID, hostile


# Bool, Integer, Date, Choice -------------------------------------------------------------------

def test_bool() -> None:
    assert run(Bool(), "featured: true\n", "featured") == (True, [])
    assert run(Bool(), "featured: maybe\n", "featured") == (
        INVALID, [f'{SRC}:2: "featured" must be true or false, not "maybe".'])


def test_integer() -> None:
    assert run(Integer(), "weight: -3\n", "weight") == (-3, [])
    assert run(Integer(), "weight: first\n", "weight") == (
        INVALID, [f'{SRC}:2: "weight" must be a whole number, not "first".'])
    assert run(Integer(), "weight: true\n", "weight")[0] is INVALID
    assert run(Integer(minimum=1), "weight: 0\n", "weight") == (
        INVALID, [f'{SRC}:2: "weight" must be at least 1.'])


def test_date() -> None:
    assert run(Date(), "updated: 2026-03-14\n", "updated") == (dt.date(2026, 3, 14), [])
    assert run(Date(), "updated: 2026-03-14 09:30:00\n", "updated") == (dt.date(2026, 3, 14), [])
    assert run(Date(), "title: A\nupdated: 14/03/2026\n", "updated") == (INVALID, [
        f'{SRC}:3: "updated" must be a date written year-month-day; got "14/03/2026".\n'
        "    For example: updated: 2026-03-14"])


def test_choice() -> None:
    spec = Choice(options=("active", "ended"))
    assert run(spec, "status: ended\n", "status") == ("ended", [])
    assert run(spec, "status: ende\n", "status") == (INVALID, [
        f'{SRC}:2: "status" must be one of "active", "ended"; got "ende". Did you mean "ended"?'])
    assert run(spec, "status: finished\n", "status") == (INVALID, [
        f'{SRC}:2: "status" must be one of "active", "ended"; got "finished".'])


# ListOf ----------------------------------------------------------------------------------------

def test_list_of_slugs() -> None:
    spec = ListOf(item=Slug())
    assert run(spec, "audiences:\n  - youth\n  - newcomers\n", "audiences") == (
        ["youth", "newcomers"], [])


def test_list_empty_value_is_an_empty_list() -> None:
    assert run(ListOf(), "audiences:\n", "audiences") == ([], [])


def test_list_written_as_text() -> None:
    spec = ListOf(item=Slug(), example="[youth, newcomers]")
    assert run(spec, "title: A\naudiences: youth\n", "audiences") == (INVALID, [
        f'{SRC}:3: "audiences" must be a list, for example [youth, newcomers].\n'
        "    Write it as audiences: [youth, newcomers] or with one '- ' line per item."])


def test_list_needing_an_item() -> None:
    assert run(ListOf(allow_empty=False), "languages: []\n", "languages") == (
        INVALID, [f'{SRC}:2: "languages" needs at least one item.'])


def test_list_item_problem_is_at_the_item_line_and_named_from_one() -> None:
    spec = ListOf(item=Slug("youth"))
    text = "audiences:\n  - youth\n  - New Comers\n  - seniors\n"
    source = parse_yaml(text, SRC, first_line=2)
    report = Report()
    assert spec.check(source.data["audiences"], ("audiences",), Checker(source, report)) \
        is INVALID
    [problem] = report.errors
    assert (problem.path, problem.line, problem.message) == (
        SRC, 4, '"audiences[2]" may use only lowercase letters a-z, digits and hyphens; '
                'got "New Comers".')


def test_hint_for_a_list_item_does_not_use_its_index_as_a_key() -> None:
    spec = ListOf(item=Slug("youth"))
    source = parse_yaml("audiences: [youth, New Comers]\n", SRC, first_line=2)
    report = Report()
    spec.check(source.data["audiences"], ("audiences",), Checker(source, report))
    [problem] = report.errors
    assert "For example: 1:" not in (problem.hint or "")


# Record ----------------------------------------------------------------------------------------

CONTACT = Record(fields={
    "phone": Field(Text(example='"905-555-0100"'), "a phone number", required=True),
    "email": Field(Text(), "an e-mail address"),
})
PROGRAM = Record(fields={
    "title": Field(Text(example="Youth Soccer Nights"), "the page title", required=True),
    "summary": Field(Text(example="Free soccer."), "one or two sentences", required=True),
    "status": Field(Choice(options=("active", "ended")), "active or ended", default="active"),
    "audiences": Field(ListOf(item=Slug()), "who it is for", default=[]),
    "contact": Field(CONTACT, "how to reach it"),
}, open_keys=("extra",))


def check(record: Record, text: str) -> tuple[dict[str, Any], bool, list[str]]:
    source = parse_yaml(text, SRC, first_line=2)
    report = Report()
    result, ok = record.check_partial(source.data, (), Checker(source, report, LANGS, NAMES))
    return result, ok, [str(problem) for problem in report.errors]


def test_record_fills_defaults_and_keeps_open_keys() -> None:
    result, ok, problems = check(PROGRAM, "title: Peace\nsummary: Calm.\nextra: {any: [thing]}\n")
    assert (ok, problems) == (True, [])
    assert result == {"title": "Peace", "summary": "Calm.", "status": "active", "audiences": [],
                      "contact": None, "extra": {"any": ["thing"]}}


def test_unknown_key_with_suggestion_is_not_also_reported_missing() -> None:
    _, ok, problems = check(PROGRAM, "summary: Calm.\n\ntitel: Peace\n")
    assert not ok
    assert problems == [
        f'{SRC}:4: Unknown field "titel". Did you mean "title"?\n'
        "    Rename it, for example: title: Peace\n"
        '    Known fields here: "audiences", "contact", "extra", "status", "summary", "title".']


def test_unknown_key_without_suggestion_and_missing_required_key() -> None:
    _, ok, problems = check(PROGRAM, "summary: Calm.\ncolour: blue\n")
    assert not ok
    assert problems == [
        f'{SRC}:3: Unknown field "colour".\n'
        '    Known fields here: "audiences", "contact", "extra", "status", "summary", "title".',
        f'{SRC}:2: Missing required field "title" (the page title).\n'
        "    Add a line like: title: Youth Soccer Nights",
    ]


def test_missing_key_of_a_nested_record_is_at_the_group_line() -> None:
    _, ok, problems = check(PROGRAM, "title: A\nsummary: B.\ncontact:\n  email: a@b.org\n")
    assert not ok
    assert problems == [f'{SRC}:4: Missing required field "phone" (a phone number).\n'
                        '    Add a line like: phone: "905-555-0100"']


def test_every_problem_is_reported_and_the_rest_still_checked() -> None:
    text = ("title: Peace\n"
            "summary: ''\n"
            "status: over\n"
            "audiences: [youth, Seniors]\n"
            "contact: {phone: 911, fax: 1}\n")
    result, ok, problems = check(PROGRAM, text)
    assert not ok
    assert len(problems) == 4
    assert problems[0] == \
        f'{SRC}:3: "summary" is empty.\n    Write a value, for example: summary: Free soccer.'
    assert problems[1] == f'{SRC}:4: "status" must be one of "active", "ended"; got "over".'
    assert problems[2].startswith(  # its hint names the list item, not its index
        f'{SRC}:5: "audiences[2]" may use only lowercase letters a-z, digits and hyphens; got '
        '"Seniors".\n')
    assert problems[3] == \
        f'{SRC}:6: Unknown field "fax".\n    Known fields here: "email", "phone".'
    # Partial result: good fields kept, fields with a mistake fall back to their default.
    assert result == {"title": "Peace", "summary": None, "status": "active", "audiences": [],
                      "contact": None}


def test_record_of_the_wrong_kind() -> None:
    result, ok, problems = check(PROGRAM, "- title\n- summary\n")
    assert not ok
    assert problems == [f'{SRC}:2: "this file" must be a group of fields, not a list.']
    assert result == {"title": None, "summary": None, "status": "active", "audiences": [],
                      "contact": None}


def test_record_check_returns_invalid_on_any_problem() -> None:
    source = parse_yaml("title: A\n", SRC)
    checker = Checker(source, Report())
    assert PROGRAM.check(source.data, (), checker) is INVALID
    assert PROGRAM.check({"title": "A", "summary": "B"}, (), checker)["title"] == "A"


def test_record_noun_is_used_in_messages() -> None:
    record = Record(noun="setting", fields={"code": Field(Text(), "a code", required=True)})
    _, _, problems = check(record, "cod: fr\nname: x\n")
    assert problems == [
        f'{SRC}:2: Unknown setting "cod". Did you mean "code"?\n'
        "    Rename it, for example: code: fr\n"
        '    Known settings here: "code".',
        f'{SRC}:3: Unknown setting "name".\n    Known settings here: "code".',
    ]


# PerLanguage -----------------------------------------------------------------------------------

def test_per_language() -> None:
    assert run(PerLanguage(), "title: {en: Peace, fr: Paix, ar: سلام}\n", "title") == (
        {"en": "Peace", "fr": "Paix", "ar": "سلام"}, [])


def test_per_language_missing_languages_are_named() -> None:
    assert run(PerLanguage(), "title: {en: Peace}\n", "title") == (INVALID, [
        f'{SRC}:2: "title" has no text for French (fr), Arabic (ar).\n'
        "    Add a line for each, for example: fr: ..."])


def test_per_language_unknown_code_with_suggestion() -> None:
    text = "title:\n  en: Peace\n  fr: Paix\n  ar: سلام\n  frr: Paix\n"
    assert run(PerLanguage(), text, "title") == (INVALID, [
        f'{SRC}:6: "frr" is not a configured language. Did you mean "fr"?\n'
        '    Configured languages: "ar", "en", "fr".'])


def test_per_language_given_as_plain_text() -> None:
    assert run(PerLanguage(), "tagline: Small programs.\n", "tagline") == (INVALID, [
        f'{SRC}:2: "tagline" must give one value per language.\n'
        "    For example: tagline: {en: ..., fr: ..., ar: ...}"])


def test_per_language_item_problems_are_at_their_line() -> None:
    text = "section:\n  en: programs\n  fr: Programmes\n  ar: programs\n"
    assert run(PerLanguage(item=Slug("programmes")), text, "section") == (INVALID, [
        f'{SRC}:4: "section.fr" may use only lowercase letters a-z, digits and hyphens; got '
        '"Programmes".\n    For example: fr: programmes'])


def test_per_language_not_required_in_all() -> None:
    assert run(PerLanguage(required_in_all=False), "title: {en: Peace}\n", "title") == (
        {"en": "Peace"}, [])


# Custom and check_document ---------------------------------------------------------------------

def test_custom_spec_runs_its_function() -> None:
    def even(value: Any, path: Any, checker: Checker) -> Any:
        return value if value % 2 == 0 else checker.fail(path, f"{value} is odd.")
    assert run(Custom(func=even), "value: 4\n") == (4, [])
    assert run(Custom(func=even), "value: 3\n") == (INVALID, [f"{SRC}:2: 3 is odd."])


def test_check_document() -> None:
    good = parse_yaml("title: A\nsummary: B.\n", SRC, 2)
    report = Report()
    assert check_document(good, PROGRAM, report)["title"] == "A"
    bad = parse_yaml("title: A\n", SRC, 2)
    assert check_document(bad, PROGRAM, report) is None
    assert report.errors == [ContentError(
        'Missing required field "summary" (one or two sentences).', SRC, 2,
        "Add a line like: summary: Free soccer.")]
