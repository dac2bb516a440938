"""The translation gate: every translation keeps the headings, list items, links, phone numbers,
e-mail addresses, numbers and dates of its original (sitegen.parity), or `check` warns at the
line of the translation to edit. Pages that show the original's text instead are not checked.
The outlines of the texts are taken from the build's cache when an earlier command kept them."""

from __future__ import annotations

from ..cache import BuildCache
from ..parallel import default_jobs
from ..source.model import Site
from ..source.parity import compare, read_outlines
from .findings import Finding


def check_parity(site: Site, cache: BuildCache | None = None) -> list[Finding]:
    config = site.config
    locales = {lang.code: lang.locale for lang in config.languages}
    findings: list[Finding] = []
    # awaiting translation and missing translations show the original: not compared
    compared = [(item, entry) for item in site.items.values() for entry in item.entries.values()
                if not entry.is_fallback and entry.source is not item.original]
    read_outlines([source for item, entry in compared for source in (item.original, entry.source)],
                  config.codes, locales, default_jobs(), cache)
    for item, entry in compared:
        findings.extend(Finding("parity", "warning", entry.url, difference.message,
                                difference.path, difference.line)
                        for difference in compare(item.original, entry.source, config.codes,
                                                  locales))
    return findings
