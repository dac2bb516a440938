"""Run every quality gate over a built site and collect what they find."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from babel import Locale

from ..pipeline import BuildResult
from . import tools
from .browser import check_in_browser
from .findings import Finding, GateNote, count
from .html_scan import scan_file
from .links import check_links
from .lint import lint_site
from .parity import check_parity
from .readiness import check_readiness
from .site_files import built_site
from .validator import finish_html_check, start_html_check
from .weight import check_weight


@dataclass(frozen=True)
class GateResults:
    findings: list[Finding]
    notes: list[GateNote]
    pages: int

    def errors(self, strict: bool = False) -> int:
        found = count(self.findings, self.notes, "error")
        return found + count(self.findings, self.notes, "warning") if strict else found


def run_gates(build: BuildResult, out_dir: Path, require_tools: bool = False) -> GateResults:
    """Check the site build wrote to out_dir. A missing browser or Java is a warning, or an
    error when require_tools is set (as in CI, where a skipped gate would hide problems)."""
    site = built_site(build.site, out_dir.resolve())
    scanned = {url: scan_file(path) for url, path in site.html_pages().items()}
    config = build.config
    findings = check_links(site, scanned) + lint_site(build.site, build.bodies, scanned)
    findings += check_parity(build.site) + check_readiness(config)
    weight_findings, notes = check_weight(site, scanned, config.checks.page_weight_kib,
                                          config.checks.search_page_weight_kib)
    findings += weight_findings
    html_check = start_html_check(site, tools.java(), tools.vnu_jar())
    # The direction a language's script needs, from Babel: a site_config.yaml that says
    # otherwise is caught here too.
    directions = {lang.code: Locale.parse(lang.locale).text_direction[:3]
                  for lang in config.languages}
    browser_findings, browser_notes = check_in_browser(
        site, directions, len(config.languages), tools.chromium(), tools.axe_core())
    html_findings, html_notes = finish_html_check(site, html_check)
    findings += html_findings + browser_findings
    notes += html_notes + browser_notes
    if require_tools:
        notes = [GateNote(n.gate, n.text, "error") if n.severity == "warning" else n
                 for n in notes]
    return GateResults(findings, notes, len(scanned))
