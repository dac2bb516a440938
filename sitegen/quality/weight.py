"""The page-weight gate: each page's HTML plus the CSS and JavaScript it loads, images excluded."""

from __future__ import annotations

from .findings import Finding, GateNote
from .html_scan import ScannedPage
from .site_files import BuiltSite

HEAVIEST_SHOWN = 5


def check_weight(site: BuiltSite, scanned: dict[str, ScannedPage],
                 budget_kib: int) -> tuple[list[Finding], list[GateNote]]:
    weights: dict[str, int] = {}
    for url, path in site.html_pages().items():
        total = path.stat().st_size
        for asset in scanned[url].stylesheets + scanned[url].scripts:
            target, _fragment, _problem = site.target_of(asset, url)
            if target is not None and target.is_file():
                total += target.stat().st_size
        weights[url] = total
    findings = [Finding("weight", "error", url, f"The page weighs {size / 1024:.1f} KiB with its "
                        f"CSS and JavaScript; the budget is {budget_kib} KiB.")
                for url, size in weights.items() if size > budget_kib * 1024]
    heaviest = sorted(weights.items(), key=lambda item: (-item[1], item[0]))[:HEAVIEST_SHOWN]
    notes = [GateNote("weight", "Heaviest pages: " + ", ".join(
        f"{url} {size / 1024:.1f} KiB" for url, size in heaviest))] if heaviest else []
    return findings, notes
