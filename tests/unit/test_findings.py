"""The quality report: every gate's findings have a section, even a gate it does not know."""

from __future__ import annotations

from sitegen.quality.findings import GATES, Finding, GateNote, format_report


def test_the_report_shows_a_gate_it_does_not_know() -> None:
    assert "spelling" not in GATES
    finding = Finding("spelling", "warning", "/en/", "Misspelt word: recieve.")
    report = format_report([finding], [GateNote("spelling", "Checked with a dictionary.")], 1)
    assert "== spelling: 0 errors, 1 warning" in report.splitlines()
    assert "  warning: /en/: Misspelt word: recieve." in report.splitlines()
    assert report.splitlines()[-1] == "Checked 1 pages: 0 errors, 1 warning."


def test_every_known_gate_has_its_section_even_when_it_found_nothing() -> None:
    report = format_report([], [], 3).splitlines()
    assert [line for line in report if line.startswith("== ")] == \
        [f"== {title}: ok" for title in GATES.values()]
