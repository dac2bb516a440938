"""The quality gates as one list, and the report: every gate's findings have a section, even a
gate the report does not know."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sitegen.pipeline import BuildOptions, build_site
from sitegen.quality.findings import GATES, Finding, GateNote, format_report
from sitegen.quality.gates import CheckedSite, SimpleGate, run_gates
from tests.helpers import TINY, copy_site


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


def test_a_known_gate_that_found_something_has_one_section() -> None:
    findings = [Finding("readiness", "notice", "", "No opening hours are given.")]
    report = format_report(findings, [GateNote("links", "Checked 3 links.")], 3).splitlines()
    sections = [line for line in report if line.startswith("== ")]
    assert len(sections) == len(GATES)
    assert f"== {GATES['readiness']}: ok (1 notice)" in sections


def test_a_gate_added_to_the_list_is_run_and_reported(tmp_path: Path) -> None:
    build = build_site(BuildOptions(copy_site(TINY, tmp_path / "site"), tmp_path / "out",
                                    now=dt.datetime(2026, 1, 15, tzinfo=dt.timezone.utc),
                                    use_git_dates=False, search=False))

    def spelling(checked: CheckedSite) -> tuple[list[Finding], list[GateNote]]:
        pages = sorted(url for url, page in checked.scanned.items()
                       if any("Soccer" in text for _, text in page.headings))
        return [Finding("spelling", "warning", url, "Check the spelling.") for url in pages], []

    results = run_gates(build, tmp_path / "out", gates=[SimpleGate("spelling", spelling)])
    assert results.pages == 35 and results.findings
    assert {f.url for f in results.findings} >= {"/en/programs/soccer/"}
    assert "== spelling: 0 errors, " in format_report(results.findings, results.notes,
                                                      results.pages)
