"""Every quality gate, in one list, and the run that collects what they find.

A gate is anything with a name and a run(checked) that returns findings and notes; a gate that
runs a slow outside tool may also start it early (start), so that it works while the gates
after it run. The report (findings.format_report) has a section per kind of finding."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from babel import Locale

from ..cache import BuildCache
from ..parallel import default_jobs
from ..pipeline import BuildResult
from . import tools
from .browser import check_in_browser
from .findings import Finding, GateNote, count
from .html_scan import ScannedPage, scan_pages
from .kept_results import FileDigests
from .links import check_links
from .lint import lint_site
from .parity import check_parity
from .readiness import check_readiness
from .site_files import BuiltSite, built_site
from .validator import HtmlCheck, finish_html_check, start_html_check
from .weight import check_weight

Results = tuple[list[Finding], list[GateNote]]


# told how a long gate is getting on: (what it does, how many done, of how many)
OnProgress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class CheckedSite:
    """What the gates look at: the build, the files it wrote, and each page scanned once; whom
    to tell how a long gate is getting on; and the site's build cache, when it has one, for what
    the next check may take again (what each page and text gave each gate)."""

    build: BuildResult
    files: BuiltSite
    scanned: dict[str, ScannedPage]
    on_progress: OnProgress | None = None
    cache: BuildCache | None = None
    digests: FileDigests = field(default_factory=FileDigests)  # of the output's files, read once


class Gate(Protocol):
    name: str

    def start(self, checked: CheckedSite) -> None: ...

    def run(self, checked: CheckedSite) -> Results: ...


@dataclass
class SimpleGate:
    """A gate that only looks at what was built."""

    name: str
    check: Callable[[CheckedSite], Results]

    def start(self, checked: CheckedSite) -> None:
        pass

    def run(self, checked: CheckedSite) -> Results:
        return self.check(checked)


@dataclass
class HtmlGate:
    """The Nu Html Checker, started before the browser gates and read after them."""

    name: str = "html"
    _started: HtmlCheck | GateNote | None = field(default=None, repr=False)

    def start(self, checked: CheckedSite) -> None:
        self._started = start_html_check(checked.files, tools.java(), tools.vnu_jar(),
                                         checked.cache, checked.digests)

    def run(self, checked: CheckedSite) -> Results:
        assert self._started is not None, "start() first"
        return finish_html_check(checked.files, self._started)


def _browser(checked: CheckedSite) -> Results:
    config = checked.build.config
    # The direction a language's script needs, from Babel: a site_config.yaml that says
    # otherwise is caught here too.
    directions = {lang.code: Locale.parse(lang.locale).text_direction[:3]
                  for lang in config.languages}
    progress = checked.on_progress
    return check_in_browser(checked.files, directions, len(config.languages), tools.chromium(),
                            tools.axe_core(), on_page=None if progress is None else (
                                lambda done, total: progress(BROWSER_WORK, done, total)),
                            jobs=default_jobs(), cache=checked.cache, digests=checked.digests)


BROWSER_WORK = "Checking pages in Chromium"


def _weight(checked: CheckedSite) -> Results:
    checks = checked.build.config.checks
    return check_weight(checked.files, checked.scanned, checks.page_weight_kib,
                        checks.search_page_weight_kib)


def all_gates() -> list[Gate]:
    """Every gate, in the order they run (the HTML checker works while the browser runs)."""
    return [
        SimpleGate("links", lambda c: (check_links(c.files, c.scanned), [])),
        SimpleGate("content", lambda c: (lint_site(c.build.site, c.build.bodies, c.scanned,
                                                   c.cache), [])),
        SimpleGate("parity", lambda c: (check_parity(c.build.site, c.cache), [])),
        SimpleGate("readiness", lambda c: (check_readiness(c.build.config), [])),
        SimpleGate("weight", _weight),
        SimpleGate("browser", _browser),
        HtmlGate(),
    ]


@dataclass(frozen=True)
class GateResults:
    findings: list[Finding]
    notes: list[GateNote]
    pages: int

    def errors(self, strict: bool = False) -> int:
        found = count(self.findings, self.notes, "error")
        return found + count(self.findings, self.notes, "warning") if strict else found


def run_gates(build: BuildResult, out_dir: Path, require_tools: bool = False,
              gates: list[Gate] | None = None,
              on_gate: Callable[[str, float], None] | None = None,
              on_progress: OnProgress | None = None,
              cache: BuildCache | None = None) -> GateResults:
    """Check the site build wrote to out_dir. A missing browser or Java is a warning, or an
    error when require_tools is set (as in CI, where a skipped gate would hide problems).
    on_gate(name, seconds) is told of each gate once it has run; on_progress, of how the
    long ones are getting on. cache is the site's build cache, if it has one (CheckedSite)."""
    files = built_site(build.site, out_dir.resolve())
    digests = FileDigests()
    checked = CheckedSite(build, files,
                          scan_pages(files.html_pages(), cache, default_jobs(), digests),
                          on_progress, cache, digests)
    chosen = all_gates() if gates is None else gates
    for gate in chosen:
        gate.start(checked)
    findings: list[Finding] = []
    notes: list[GateNote] = []
    for gate in chosen:
        start = time.perf_counter()
        found, said = gate.run(checked)
        findings += found
        notes += said
        if on_gate is not None:
            on_gate(gate.name, time.perf_counter() - start)
    if require_tools:
        notes = [GateNote(n.gate, n.text, "error") if n.severity == "warning" else n
                 for n in notes]
    return GateResults(findings, notes, len(checked.scanned))
