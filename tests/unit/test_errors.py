"""sitegen.errors: how a problem reads, suggestions, the report and the build failure."""

from __future__ import annotations

import dataclasses

import pytest

from sitegen.errors import (BuildFailed, ContentError, Report, closest_match, did_you_mean,
                            quoted_list)


def test_message_with_path_and_line() -> None:
    problem = ContentError('Unknown field "titel". Did you mean "title"?',
                           "content/programs/peace.fr.md", 4)
    assert str(problem) == \
        'content/programs/peace.fr.md:4: Unknown field "titel". Did you mean "title"?'
    assert problem.location() == "content/programs/peace.fr.md:4"


def test_message_with_path_but_no_line() -> None:
    problem = ContentError('The folder "program" is not a collection.', "content/program")
    assert str(problem) == 'content/program: The folder "program" is not a collection.'
    assert problem.location() == "content/program"


def test_message_without_path_ignores_the_line() -> None:
    problem = ContentError("Something went wrong.", None, 7)
    assert problem.location() == ""
    assert str(problem) == "Something went wrong."


def test_hint_is_indented_on_every_line() -> None:
    problem = ContentError("The file must start with ---.", "content/pages/a.en.md", 1,
                           "For example:\n---\ntitle: A\n---")
    assert str(problem) == ("content/pages/a.en.md:1: The file must start with ---.\n"
                            "    For example:\n    ---\n    title: A\n    ---")


def test_hint_without_location() -> None:
    assert str(ContentError("No config.", hint="Pass --site FOLDER.")) == \
        "No config.\n    Pass --site FOLDER."


def test_content_error_is_a_frozen_exception() -> None:
    problem = ContentError("Bad.", "a.md", 2)
    with pytest.raises(ContentError) as caught:
        raise problem
    assert caught.value is problem
    with pytest.raises(dataclasses.FrozenInstanceError):
        problem.line = 3  # type: ignore[misc]


def test_did_you_mean_suggests_the_closest_option() -> None:
    assert did_you_mean("titel", ["summary", "title", "slug"]) == ' Did you mean "title"?'
    assert did_you_mean("rlt", ("ltr", "rtl")) == ' Did you mean "rtl"?'


def test_did_you_mean_is_empty_when_nothing_is_close() -> None:
    assert did_you_mean("zzzz", ["summary", "title"]) == ""
    assert did_you_mean("title", []) == ""


def test_closest_match() -> None:
    assert closest_match("programes", ["home", "programs", "pages/contact"]) == "programs"
    assert closest_match("xyz", ["home", "programs"]) is None
    assert closest_match("yuoth", {"youth": 1, "seniors": 2}) == "youth"  # any iterable


def test_quoted_list_is_sorted() -> None:
    assert quoted_list(["fr", "ar", "en"]) == '"ar", "en", "fr"'
    assert quoted_list([]) == ""


def test_report_collects_errors_and_warnings_separately() -> None:
    report = Report()
    report.error("Bad title.", "a.md", 2, "Fix it.")
    report.warn("No French text.", "b.md", 1)
    report.add(ContentError("Bad link.", "c.md", 9))
    assert report.errors == [ContentError("Bad title.", "a.md", 2, "Fix it."),
                             ContentError("Bad link.", "c.md", 9)]
    assert report.warnings == [ContentError("No French text.", "b.md", 1)]


def test_stop_if_failed_does_nothing_without_errors() -> None:
    report = Report()
    report.stop_if_failed()
    report.warn("No Arabic translation.", "a.md", 1)
    report.stop_if_failed()  # a warning alone does not stop a normal build


def test_stop_if_failed_raises_with_errors_and_keeps_warnings() -> None:
    report = Report()
    report.warn("No Arabic translation.", "a.md", 1)
    report.error("Bad title.", "b.md", 3)
    with pytest.raises(BuildFailed) as caught:
        report.stop_if_failed()
    assert caught.value.errors == [ContentError("Bad title.", "b.md", 3)]
    assert caught.value.warnings == [ContentError("No Arabic translation.", "a.md", 1)]
    assert str(caught.value) == "1 error(s)"


def test_strict_turns_warnings_into_errors() -> None:
    report = Report()
    report.warn("No Arabic translation.", "content/programs/walking.en.md", 1)
    with pytest.raises(BuildFailed) as caught:
        report.stop_if_failed(strict=True)
    assert caught.value.errors == [
        ContentError("No Arabic translation.", "content/programs/walking.en.md", 1)]
    assert caught.value.warnings == []


def test_build_failed_sorts_by_file_then_line_then_message() -> None:
    errors = [
        ContentError("Z later on line 4.", "content/b.md", 4),
        ContentError("Line 10.", "content/a.md", 10),
        ContentError("A earlier on line 4.", "content/b.md", 4),
        ContentError("Line 2.", "content/a.md", 2),
        ContentError("No line.", "content/a.md"),
        ContentError("No file at all."),
    ]
    failure = BuildFailed(errors, [ContentError("w2", "z.md", 2), ContentError("w1", "a.md", 5)])
    assert [str(e) for e in failure.errors] == [
        "No file at all.",
        "content/a.md: No line.",
        "content/a.md:2: Line 2.",
        "content/a.md:10: Line 10.",  # by number, not as text
        "content/b.md:4: A earlier on line 4.",
        "content/b.md:4: Z later on line 4.",
    ]
    assert [str(w) for w in failure.warnings] == ["a.md:5: w1", "z.md:2: w2"]
    assert str(failure) == "6 error(s)"
