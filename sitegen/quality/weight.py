"""The page-weight gate: each page's HTML plus the CSS and JavaScript it loads, images excluded.

A script that loads more files when it runs names them in data-also-loads (the search page's
engine), so they count on that page and on no other."""

from __future__ import annotations

from .findings import Finding, GateNote
from .html_scan import ScannedPage
from .site_files import BuiltSite

HEAVIEST_SHOWN = 5


def check_weight(site: BuiltSite, scanned: dict[str, ScannedPage], budget_kib: int,
                 engine_budget_kib: int | None = None) -> tuple[list[Finding], list[GateNote]]:
    """Pages over budget_kib, or over engine_budget_kib for pages that load an engine."""
    weights: dict[str, int] = {}
    for url, path in site.html_pages().items():
        total = path.stat().st_size
        for asset in scanned[url].stylesheets + scanned[url].scripts:
            target, _fragment, _problem = site.target_of(asset, url)
            if target is not None and target.is_file():
                total += target.stat().st_size
        weights[url] = total
    findings = []
    for url, size in weights.items():
        budget = engine_budget_kib if scanned[url].loads_engine and engine_budget_kib \
            else budget_kib
        if size > budget * 1024:
            findings.append(Finding("weight", "error", url, f"The page weighs {size / 1024:.1f} "
                                    f"KiB with its CSS and JavaScript; the budget is {budget} KiB."))
    heaviest = sorted(weights.items(), key=lambda item: (-item[1], item[0]))[:HEAVIEST_SHOWN]
    notes = [GateNote("weight", "Heaviest pages: " + ", ".join(
        f"{url} {size / 1024:.1f} KiB" for url, size in heaviest))] if heaviest else []
    return findings, notes
