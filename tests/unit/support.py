"""Helpers for the unit tests: load a site folder with the real pipeline functions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path

from sitegen.site.assemble import assemble_site
from sitegen.source.collection_kinds import taxonomies_used
from sitegen.source.config import load_config
from sitegen.errors import ContentError, Report
from sitegen.source.model import Site
from sitegen.source.reader import read_sources, read_taxonomies


def load_site(site_dir: Path, commit_dates: Mapping[str, dt.date] | None = None,
              ) -> tuple[Site, Report]:
    """Config, sources, taxonomies and assembly of site_dir, as the build does them."""
    config = load_config(site_dir)
    report = Report()
    sources, unreadable = read_sources(site_dir, config, report)
    taxonomies = read_taxonomies(site_dir, config, taxonomies_used(config.collections.values()),
                                 report)
    site = assemble_site(config, sources, taxonomies, commit_dates or {}, report, unreadable)
    return site, report


def replace_in(path: Path, old: str, new: str) -> None:
    """Edit a copied fixture file; fail loudly if old is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def messages(problems: Iterable[ContentError]) -> list[str]:
    """What people see: str() of each problem, sorted as the build prints them."""
    return [str(problem) for problem in sorted(problems, key=ContentError.sort_key)]
