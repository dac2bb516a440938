"""Rebuild only what an edit affects, for live preview.

When the edited files are content files that still read without problems and keep every field
as it was (a change of text, the usual case), no URL, list, menu or link elsewhere can change:
only the pages of those items, in every language, and the translation report are rendered and
written again. Anything else (a new or deleted file, a changed field, a template, a catalog, the
config, a problem) takes a full build, which reports problems the usual way."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from .assemble import assemble_item
from .errors import Report
from .output import write_files
from .pipeline import BuildOptions, BuildResult, render_bodies
from .reader import read_source
from .render import render_pages
from .reports import render_team_pages


def rebuild_changed(previous: BuildResult, options: BuildOptions,
                    changed: set[str]) -> BuildResult | None:
    """The new result after writing only the affected pages, or None if a full build is
    needed. changed holds paths relative to the site folder."""
    env, now = previous.environment, previous.now
    if env is None or now is None or not changed:
        return None
    if any(not (path.startswith("content/") and path.endswith(".md")) for path in changed):
        return None
    config, site_dir = previous.config, options.site_dir
    by_path = {source.src_path: source for source in previous.sources}
    report = Report()
    edited = {}
    for path in changed:
        old = by_path.get(path)
        if old is None or not (site_dir / path).is_file():
            return None
        new = read_source(site_dir / path, site_dir, old.collection, config, report)
        if new is None or report.errors or new.fields != old.fields:
            return None
        edited[path] = new
    sources = [edited.get(source.src_path, source) for source in previous.sources]
    dates = dict(previous.dates)
    for path in edited:  # an edited file is not committed yet: it changed today
        dates[path] = dt.datetime.fromtimestamp((site_dir / path).stat().st_mtime,
                                                dt.timezone.utc).date()
    keys = {source.key for source in edited.values()}
    items = dict(previous.site.items)
    for key in keys:
        langs = {source.lang: source for source in sources if source.key == key}
        items[key] = assemble_item(config, langs, dates, report)
    pages = tuple(dataclasses.replace(page, entry=items[page.entry.key].entries[page.lang])
                  if page.entry is not None and page.entry.key in keys else page
                  for page in previous.site.pages)
    site = dataclasses.replace(previous.site, items=items, pages=pages)
    bodies = {**previous.bodies, **render_bodies(site, report, previous.policy, previous.assets, keys)}
    if report.errors:
        return None
    affected = [page for page in pages if page.entry is not None and page.entry.key in keys]
    files = render_pages(env, site, bodies, now, report, only=affected)
    files.update(render_team_pages(env, site, sources, site_dir, now, report))
    if report.errors:
        return None
    write_files(files, Path(options.out_dir))
    kept = [w for w in previous.warnings if w.path not in edited
            and w.path not in {items[key].original.src_path for key in keys}]
    return dataclasses.replace(previous, warnings=kept + report.warnings, site=site,
                               bodies=bodies, sources=sources, dates=dates,
                               timings={"incremental": 0.0})
