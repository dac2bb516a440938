"""Pages for the team, not the public: written under /_reports/, unlinked and noindex."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

import jinja2

from ..cache import BuildCache
from ..errors import Report
from ..site import urls
from ..source.model import Page, Site, Source
from ..source.translation_advice import action_order, dates_text, mark_ids, meanings, next_step
from ..source.translation_status import translation_report
from .templating import render_report

TRANSLATIONS_URL = "/_reports/translations/"
MARK_COMMAND = "python build.py translations mark {id}"
# The report's own sentences come from translation_advice, in the words of `build.py
# translations`; like the command's, they are not in the UI catalogs (the page is for the team
# and shown in the default language only).
COLUMNS = {"updated": "Last updated", "next": "What to do next"}


def render_team_pages(env: jinja2.Environment, site: Site, sources: list[Source],
                      site_dir: Path, now: dt.datetime, dates: dict[str, dt.date],
                      report: Report, cache: BuildCache | None = None) -> dict[str, str]:
    """The translation report's page (output path -> HTML); dates tells when each content file
    last changed (gitdates.last_changed)."""
    config = site.config
    lang = config.default_language.code
    homes = {code: urls.home_url(code) for code in config.codes}
    page = Page(url=TRANSLATIONS_URL, lang=lang, kind="report",
                template="translations_report.html",
                title="", switcher=homes, indexable=False)
    states = action_order(translation_report(site_dir, sources, config, dates, cache=cache))
    ids = mark_ids(states)
    # drafts and expired items are listed too (translators may work on them), unlinked
    rows = [{"state": state, "dates": dates_text(state),
             "url": site.entry(state.key, lang).url if state.key in site.items else None,
             "next": next_step(state, MARK_COMMAND.format(id=ids[(state.key, state.lang)]))}
            for state in states]
    extra: dict[str, Any] = {"states": states, "rows": rows, "columns": COLUMNS,
                             "meanings": meanings(states),
                             "counts": Counter(s.status for s in states)}
    html = render_report(env, site, page, now, extra, report)
    return {urls.dest_path(page.url): html} if html is not None else {}
