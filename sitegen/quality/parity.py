"""The translation gate: every translation keeps the headings, list items, links, phone numbers,
e-mail addresses, numbers and dates of its original (sitegen.parity), or `check` warns at the
line of the translation to edit. Pages that show the original's text instead are not checked."""

from __future__ import annotations

from ..source.model import Site
from ..source.parity import compare
from .findings import Finding


def check_parity(site: Site) -> list[Finding]:
    config = site.config
    locales = {lang.code: lang.locale for lang in config.languages}
    findings: list[Finding] = []
    for item in site.items.values():
        for entry in item.entries.values():
            if entry.is_fallback or entry.source is item.original:
                continue  # awaiting translation and missing translations show the original
            findings.extend(Finding("parity", "warning", entry.url, difference.message,
                                    difference.path, difference.line)
                            for difference in compare(item.original, entry.source, config.codes,
                                                      locales))
    return findings
