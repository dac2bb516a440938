"""sitegen.source.yaml_source: YAML with the line of every key and list item, and friendly errors."""

from __future__ import annotations

import datetime as dt

import pytest

from sitegen.errors import ContentError
from sitegen.source.yaml_source import Located, parse_yaml

FRONT = """\
title: Youth Soccer Nights
audiences:
  - youth
  - newcomers
contact:
  phone: "905-555-0100"
  email: youth@example.org
categories: [sport, youth-leadership]
"""


def problem_of(text: str, first_line: int = 1) -> ContentError:
    with pytest.raises(ContentError) as caught:
        parse_yaml(text, "content/programs/peace.en.md", first_line)
    return caught.value


def test_data_is_plain_python() -> None:
    located = parse_yaml(FRONT + "updated: 2026-03-14\n", "peace.en.md")
    assert located.data == {
        "title": "Youth Soccer Nights",
        "audiences": ["youth", "newcomers"],
        "contact": {"phone": "905-555-0100", "email": "youth@example.org"},
        "categories": ["sport", "youth-leadership"],
        "updated": dt.date(2026, 3, 14),
    }
    assert located.src_path == "peace.en.md"


def test_lines_of_keys_and_list_items_with_front_matter_offset() -> None:
    # The front matter starts on line 2 of the file, after the opening ---.
    located = parse_yaml(FRONT, "content/programs/peace.en.md", first_line=2)
    assert located.lines == {
        (): 2,
        ("title",): 2,
        ("audiences",): 3,
        ("audiences", 0): 4,
        ("audiences", 1): 5,
        ("contact",): 6,
        ("contact", "phone"): 7,
        ("contact", "email"): 8,
        ("categories",): 9,
        ("categories", 0): 9,
        ("categories", 1): 9,
    }


def test_lines_without_offset() -> None:
    located = parse_yaml(FRONT, "x.yaml")
    assert located.line_of(("audiences", 1)) == 4
    assert located.line_of(("contact", "email")) == 7


def test_lines_inside_a_list_of_mappings() -> None:
    text = ("languages:\n"
            "  - {code: en, default: true}\n"
            "  - code: fr\n"
            "    name: Français\n")
    located = parse_yaml(text, "site_config.yaml")
    assert located.line_of(("languages", 0, "code")) == 2
    assert located.line_of(("languages", 1)) == 3
    assert located.line_of(("languages", 1, "name")) == 4


def test_line_of_falls_back_to_the_nearest_parent() -> None:
    located = parse_yaml(FRONT, "x.md", first_line=2)
    assert located.line_of(("contact", "website")) == 6  # not given: the line of contact
    assert located.line_of(("title", "en")) == 2
    assert located.line_of(("nothing", "at", "all")) == 2  # the document itself


def test_empty_document_is_an_empty_mapping() -> None:
    located = parse_yaml("", "content/pages/a.en.md", first_line=2)
    assert located == Located({}, {(): 2}, "content/pages/a.en.md")


def test_document_of_only_comments_is_empty() -> None:
    located = parse_yaml("# nothing yet\n", "x.md", first_line=5)
    assert located.data == {}
    assert located.line_of(("title",)) == 5


def test_tab_indentation() -> None:
    problem = problem_of("title: Peace\naudiences:\n\t- youth\n", first_line=2)
    assert str(problem) == (
        "content/programs/peace.en.md:4: This line is indented with a tab; YAML needs spaces.\n"
        "    Replace each tab at the start of the line with two spaces, for example:\n"
        "    audiences:\n"
        "      - youth")


def test_tab_indentation_of_a_mapping() -> None:
    problem = problem_of("contact:\n\tphone: 911\n")
    assert problem.line == 2
    assert problem.message == "This line is indented with a tab; YAML needs spaces."


def test_colon_in_value() -> None:
    problem = problem_of("title: Peace\nsummary: Safety: what to do\n", first_line=2)
    assert problem.path == "content/programs/peace.en.md"
    assert problem.line == 3
    assert problem.message == "A value contains a colon (:) that YAML reads as a new field."
    assert problem.hint == ('Put the whole value in double quotes, for example:\n'
                            'title: "Safety: what to do"')


def test_quoted_colon_is_fine() -> None:
    assert parse_yaml('title: "Safety: what to do"\n', "x.md").data == \
        {"title": "Safety: what to do"}


def test_duplicate_key() -> None:
    problem = problem_of("title: Peace\nsummary: One.\ntitle: Paix\n", first_line=2)
    assert str(problem) == (
        'content/programs/peace.en.md:4: "title" appears twice (first on line 2).\n'
        "    Keep one of them and delete the other.")


def test_duplicate_key_in_a_nested_mapping() -> None:
    problem = problem_of("contact:\n  phone: 1\n  email: a@b.org\n  phone: 2\n")
    assert (problem.line, problem.message) == (4, '"phone" appears twice (first on line 2).')


def test_undefined_alias() -> None:
    problem = problem_of("title: Peace\nnote: *Free\n")
    assert str(problem) == (
        "content/programs/peace.en.md:2: A value starts with * or &, which YAML reads as a "
        "reference to another value; references are not allowed here.\n"
        '    If the value is text, put it in double quotes, for example: note: "*Free*"')


def test_value_starting_with_a_star_like_the_hint_example() -> None:
    problem = problem_of("title: Peace\nnote: *Free*\n")
    assert problem.message == ("A value starts with * or &, which YAML reads as a reference to "
                               "another value; references are not allowed here.")


def test_other_yaml_mistakes_get_a_generic_message_at_their_line() -> None:
    problem = problem_of("title: Peace\naudiences: [youth\n", first_line=2)
    assert str(problem) == (
        "content/programs/peace.en.md:4: This YAML could not be read (while parsing a flow "
        "sequence, did not find expected ',' or ']').\n"
        "    Check the indentation and quotes on this line and the one above it.")


def test_impossible_date_is_a_content_error() -> None:
    problem = problem_of("title: Peace\nupdated: 2026-02-30\n", first_line=2)
    assert (problem.path, problem.line) == ("content/programs/peace.en.md", 3)


def test_unknown_tag_is_a_content_error() -> None:
    problem = problem_of("title: !important Peace\n")
    assert (problem.path, problem.line) == ("content/programs/peace.en.md", 1)
