"""The page-weight gate: each page's HTML plus the CSS and JavaScript it loads, images excluded.

A script that loads more files when it runs names them in data-also-loads (the search page's
engine), so they count on that page and on no other; the search engine (WebAssembly) that a page
loads depends on its language, as the search index's entry file says."""

from __future__ import annotations

from ..render.search import ENTRY_FILE, INDEX_DIR, engine_file
from .findings import Finding, GateNote
from .html_scan import ScannedPage
from .site_files import BuiltSite

HEAVIEST_SHOWN = 5


def check_weight(site: BuiltSite, scanned: dict[str, ScannedPage], budget_kib: int,
                 engine_budget_kib: int | None = None) -> tuple[list[Finding], list[GateNote]]:
    """Pages over budget_kib, or over engine_budget_kib for pages that load an engine."""
    weights: dict[str, int] = {}
    findings = []
    for url, path in site.html_pages().items():
        page = scanned[url]
        loaded = [site.target_of(asset, url)[0] for asset in page.stylesheets + page.scripts]
        if page.loads_engine and (site.out_dir / INDEX_DIR / ENTRY_FILE).is_file():
            loaded.append(engine_file(site.out_dir / INDEX_DIR, page.lang))
        total = path.stat().st_size
        for target in loaded:
            if target is None:
                continue
            if not target.is_file():
                findings.append(Finding("weight", "error", url, "The page loads "
                                        f"{site.url_of(target)}, which does not exist."))
                continue
            total += target.stat().st_size
        weights[url] = total
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
