"""build_site(): the whole pipeline, step by step. Each step takes plain inputs and returns values;
nothing touches the output folder before the last step."""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from collections import Counter
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from .assemble import assemble_site, unpublished_keys
from .collections import taxonomies_used
from .config import SiteConfig, load_config
from .errors import BuildFailed, ContentError, Report
from .assets import asset_href, collect_static, fingerprint
from .feeds import feed_files
from .gitdates import last_changed
from .i18n import load_catalogs
from .markup import shared_markdown_renderer
from .model import Page, Site, Source
from .output import check_output_folder, publish
from .reader import read_sources, read_taxonomies
from .reports import render_team_pages
from .search import index_site
from .sitemap import search_engine_files
from .render import (install_catalogs, make_environment, render_pages, template_ids,
                     ui_strings)
from .sanitize import Policy
from .security_policy import headers_file

BUNDLED_DIR = Path(__file__).resolve().parent.parent  # default templates, static and catalogs
SOURCE_FOLDERS = ("content", "templates", "translations", "static")  # what the build reads


@dataclass(frozen=True)
class BuildOptions:
    site_dir: Path
    out_dir: Path
    strict: bool = False
    now: dt.datetime | None = None  # the build's "today"; injectable for tests
    use_git_dates: bool = True
    swap_lock: AbstractContextManager[object] | None = None  # held while output/ is replaced
    on_page: Callable[[Page], None] | None = None  # told of each page rendered (progress)
    search: bool = True  # build the search index (--no-search skips it for quick builds)
    base_url: str | None = None  # publish for another address than site_config.yaml's
    # A copy for the team, never published: drafts (with a banner) and the team's pages, such as
    # the translation report. The preview and `build --drafts` make one.
    review: bool = False


@dataclass
class BuildResult:
    config: SiteConfig
    pages_per_language: dict[str, int]
    warnings: list[ContentError]
    site: Site
    bodies: dict[tuple[str, str], str]  # (item key, reader language) -> body HTML
    # what an incremental rebuild starts from
    sources: list[Source] = field(default_factory=list)
    dates: dict[str, dt.date] = field(default_factory=dict)
    environment: jinja2.Environment | None = None
    now: dt.datetime | None = None
    timings: dict[str, float] = field(default_factory=dict)
    search_sizes: dict[str, int] = field(default_factory=dict)  # index bytes per language
    policy: Policy = field(default_factory=Policy)  # what page text may hold
    assets: dict[str, str] = field(default_factory=dict)  # static file URL -> published URL

    @property
    def seconds(self) -> float:
        return sum(self.timings.values())


def layered_dirs(site_dir: Path, name: str) -> list[Path]:
    """The bundled folder first, then the site's own, which overrides it file by file."""
    dirs = [BUNDLED_DIR / name]
    if (site_dir / name).is_dir() and (site_dir / name).resolve() != dirs[0]:
        dirs.append(site_dir / name)
    return dirs


class StepTimer:
    def __init__(self) -> None:
        self.timings: dict[str, float] = {}
        self._start = time.perf_counter()

    def lap(self, step: str) -> None:
        now = time.perf_counter()
        self.timings[step] = now - self._start
        self._start = now


def build_site(options: BuildOptions) -> BuildResult:
    """Build the site in options.site_dir into options.out_dir; raise BuildFailed on any error."""
    site_dir, timer, report = options.site_dir, StepTimer(), Report()
    now = options.now or dt.datetime.now(dt.timezone.utc)

    try:
        check_output_folder(options.out_dir, site_dir,
                            [site_dir / name for name in SOURCE_FOLDERS])
    except ContentError as problem:
        raise BuildFailed([problem]) from None
    config = load_config(site_dir)
    if options.base_url:
        config = dataclasses.replace(config, base_url=options.base_url.rstrip("/") + "/")
    timer.lap("config")

    sources, unreadable = read_sources(site_dir, config, report)
    schemas = sorted({c.schema for c in config.collections.values()})
    taxonomies = read_taxonomies(site_dir, config, taxonomies_used(schemas), report)
    env = make_environment(list(reversed(layered_dirs(site_dir, "templates"))), config)
    translations_dirs = list(reversed(layered_dirs(site_dir, "translations")))
    catalogs = load_catalogs(config, translations_dirs, ui_strings(env, report), report)
    timer.lap("read")

    # Assembly and Markdown run even after reading errors, on the files that could be read, so
    # that one build reports every problem; rendering waits until there are none.
    dates = last_changed(site_dir, [s.src_path for s in sources], options.use_git_dates,
                         latest=now.date())
    unpublished = unpublished_keys(sources, config.default_language.code, now.date(),
                                   options.review)
    site = assemble_site(config, sources, taxonomies, dates, report, unreadable, unpublished)
    timer.lap("assemble")

    static_files, asset_names = fingerprint(collect_static(layered_dirs(site_dir, "static"),
                                                           report))
    if config.signature and config.signature.logo and config.signature.logo not in asset_names:
        report.error(f'The logo "{config.signature.logo}" is not a file of this site.',
                     config.src_path, config.signature.line,
                     "Put the picture under static/ and write its address from the site's root, "
                     "for example /static/images/logo.svg")
    policy = Policy(embed_hosts=config.embed_hosts, reserved_ids=template_ids(env))
    bodies = render_bodies(site, report, policy, asset_names)
    report.stop_if_failed()
    timer.lap("markdown")

    env.globals["asset"] = lambda url: asset_href(config, asset_names, url)
    install_catalogs(env, catalogs)
    files = render_pages(env, site, bodies, now, report, on_page=options.on_page)
    if options.review:
        files.update(render_team_pages(env, site, sources, site_dir, now, report))
    files.update(feed_files(site, now))
    files.update(search_engine_files(site))
    files["_headers"] = headers_file(config.embed_hosts)
    files.update(static_files)
    report.stop_if_failed(options.strict)
    timer.lap("templates")

    search_sizes: dict[str, int] = {}

    def index_for_search(staging: Path) -> None:
        search_sizes.update(index_site(staging, config.codes))

    wants_search = options.search and site.config.search is not None
    try:
        publish(files, options.out_dir, options.swap_lock,
                before_swap=index_for_search if wants_search else None)
    except ContentError as problem:
        report.add(problem)
        report.stop_if_failed()
    timer.lap("write and index" if wants_search else "write")
    per_lang = Counter(page.lang for page in site.pages if page.kind not in ("chooser", "404-root"))
    return BuildResult(config, {code: per_lang[code] for code in config.codes},
                       report.warnings, site, bodies, sources, dates, env, now, timer.timings,
                       search_sizes, policy, asset_names)


def render_bodies(site: Site, report: Report, policy: Policy, assets: dict[str, str],
                  keys: Iterable[str] | None = None) -> dict[tuple[str, str], str]:
    """The safe HTML of every entry's Markdown (or only of the items keys names), per (item
    key, reader language). assets maps each static file's site URL to its published one."""
    renderer = shared_markdown_renderer()
    bodies = {}
    for item in (site.items[key] for key in keys) if keys is not None else site.items.values():
        for lang, entry in item.entries.items():
            converted = renderer.convert(site, entry, policy, assets)
            bodies[(item.key, lang)] = converted.html
            if lang == entry.text_lang:  # a fallback repeats its original's problems
                report.errors.extend(converted.errors)
                report.warnings.extend(converted.warnings)
    return bodies
