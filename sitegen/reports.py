"""Pages for the team, not the public: written under /_reports/, unlinked and noindex."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

import jinja2

from . import urls
from .errors import Report
from .model import Page, Site, Source
from .render import render_report
from .translations import translation_report

TRANSLATIONS_URL = "/_reports/translations/"


def render_team_pages(env: jinja2.Environment, site: Site, sources: list[Source], site_dir: Path, now: dt.datetime,
                      report: Report) -> dict[str, str]:
    config = site.config
    lang = config.default_language.code
    homes = {code: urls.home_url(code) for code in config.codes}
    page = Page(url=TRANSLATIONS_URL, lang=lang, kind="report",
                template="translations_report.html",
                title="", switcher=homes, indexable=False)
    states = translation_report(site_dir, sources, lang, config.codes)
    extra: dict[str, Any] = {"states": states, "counts": Counter(s.status for s in states)}
    html = render_report(env, site, page, now, extra, report)
    return {urls.dest_path(page.url): html} if html is not None else {}
