"""build_site(): the whole pipeline, step by step. Each step takes plain inputs and returns values;
nothing touches the output folder before the last step."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import gc
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import jinja2

from .cache import BuildCache, digest, open_cache
from .errors import BuildFailed, ContentError, Report
from .packed import Packed
from .parallel import default_jobs
from .publish.assets import asset_href, collect_static, fingerprint, fingerprinted
from .publish.output import (SEARCH_WORK, Spare, Staged, check_output_folder, publish,
                             remove_path, work_folder, write_files)
from .publish.up_to_date import NAMESPACE as UP_TO_DATE
from .publish.up_to_date import (FileStates, Seen, build_settings, forget_build, input_state,
                                 remember_build)
from .render.bodies import render_bodies
from .render.cms_config import Known
from .render.editor_files import EDITOR_FOLDER, SITE_STYLESHEET, editor_files, published_policy
from .render.feeds import feed_plan
from .render.open_data import RecordsJson, catalog_file, language_files, record_json
from .render.i18n import load_catalogs
from .render.fingerprints import EntryDigests
from .render.page_output import Findable, Rendered, Reused, cached_html, render_site_pages
from .render.sanitize import Policy
from .render.search import (INDEX_DIR, EarlyParts, index_parts, index_site, indexer_version,
                             is_searchable, link_previous_index, parts_in_order)
from .render.security_policy import headers_file
from .render.sitemap import search_engine_files
from .render.team_pages import render_team_pages
from .render.templating import (COMPILED, install_catalogs, make_environment, render_page,
                                template_ids, ui_strings)
from .site import urls
from .site.assemble import assemble_site, unpublished_keys
from .site.listing import valid_until
from .source.collection_kinds import taxonomies_used
from .source.config import SiteConfig, load_config
from .source.gitdates import last_changed
from .source.model import Entry, Page, Site, Source
from .source.reader import read_sources, read_taxonomies

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
    jobs: int | None = None  # processes for content, Markdown, templates, search (one per core)
    cache: bool = True  # reuse the results of earlier builds (.cache/ of the site folder)
    # Keep the previous search index when the pages it holds changed, and say so (the preview
    # reloads the page first, then builds the index again).
    stale_search_ok: bool = False
    # the input state that the look for the last build took, just before (up_to_date.Seen)
    inputs_seen: Seen | None = None
    # Record the build, for a build with nothing to do to find (up_to_date). The preview does
    # not: each of its builds follows an edit, and none of its outputs is published.
    remember: bool = True


@dataclass
class BuildResult:
    config: SiteConfig
    pages_per_language: dict[str, int]
    warnings: list[ContentError]
    site: Site
    bodies: dict[tuple[str, str], Any]  # (item key, reader language) -> body HTML (Body)
    # what an incremental rebuild starts from
    sources: list[Source] = field(default_factory=list)
    dates: dict[str, dt.date] = field(default_factory=dict)
    environment: jinja2.Environment | None = None
    now: dt.datetime | None = None
    timings: dict[str, float] = field(default_factory=dict)
    search_sizes: dict[str, int] = field(default_factory=dict)  # index bytes per language
    search_stale: bool = False  # the search index is the previous one, for changed pages
    # output path -> (digest, size, mtime_ns)
    manifest: dict[str, Any] = field(default_factory=dict)
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
    """Build the site in options.site_dir into options.out_dir; raise BuildFailed on any error.

    The one build path, for the command line, the preview and the checks: every step's results
    are cached (sitegen.cache), so a build after an edit redoes only what the edit affects."""
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
    cache = open_cache(site_dir, options.cache)
    inputs = ""
    states: FileStates = {}  # the files' states, taken once (up_to_date.FileStates)
    if cache.folder is not None and options.remember:
        settings = build_settings(options.base_url, options.review, options.search,
                                  options.strict, site_dir)
        if options.inputs_seen is not None and options.inputs_seen[0] == settings:
            # taken a moment ago, before any file was read: a file changed since makes the
            # next build run again
            _, inputs, states = options.inputs_seen
        else:
            inputs = input_state(site_dir, settings, states)
    # A build makes millions of small objects that live until its end, and the cycle collector
    # would walk them again and again (a fifth of an edit's build, more on a larger site): it
    # runs less often meanwhile, and each step's results are set aside from it (gc.freeze)
    # until the build ends. (Forked workers then leave them untouched too.)
    collection_thresholds = gc.get_threshold()
    gc.set_threshold(YOUNG_OBJECTS_BEFORE_COLLECTION, *collection_thresholds[1:])
    try:
        result = _build(options, config, cache, now, timer, report, states)
        if inputs:
            remember_build(cache, options.out_dir, inputs, valid_until(result.site, now),
                           result.manifest, {
                               "pages": result.pages_per_language,
                               "warnings": [dataclasses.asdict(w) for w in result.warnings],
                               "search": bool(options.search and config.search)})
        else:
            forget_build(cache, options.out_dir)
        forget_gone_outputs(cache)
        # the record of every output folder that is still there stays, and with it its spare
        cache.tidy_up(whole=(OUTPUTS, UP_TO_DATE))
        return result
    finally:
        gc.unfreeze()
        gc.set_threshold(*collection_thresholds)
        cache.close()


YOUNG_OBJECTS_BEFORE_COLLECTION = 50_000  # Python's default: 700


def _build(options: BuildOptions, config: SiteConfig, cache: BuildCache, now: dt.datetime,
           timer: StepTimer, report: Report, states: FileStates) -> BuildResult:
    site_dir = options.site_dir
    jobs = options.jobs or default_jobs()
    timer.lap("config")

    sources, unreadable = read_sources(site_dir, config, report, cache, jobs, states)
    taxonomies = read_taxonomies(site_dir, config, taxonomies_used(config.collections.values()),
                                 report)
    env = make_environment(list(reversed(layered_dirs(site_dir, "templates"))), config)
    translations_dirs = list(reversed(layered_dirs(site_dir, "translations")))
    catalogs = load_catalogs(config, translations_dirs, ui_strings(env, report, cache), report)
    COMPILED.take_stored(cache)
    timer.lap("read")
    gc.freeze()  # what the steps made so far lives to the end: see build_site

    # Assembly and Markdown run even after reading errors, on the files that could be read, so
    # that one build reports every problem; rendering waits until there are none.
    dates = last_changed(site_dir, [s.src_path for s in sources], options.use_git_dates,
                         latest=now.date(), states=states)
    unpublished = unpublished_keys(sources, config.default_language.code, now.date(),
                                   options.review)
    site = assemble_site(config, sources, taxonomies, dates, report, unreadable, unpublished)
    timer.lap("assemble")
    gc.freeze()  # what the steps made so far lives to the end: see build_site

    static_files, asset_names = fingerprint(collect_static(layered_dirs(site_dir, "static"),
                                                           report))
    if config.signature and config.signature.logo and config.signature.logo not in asset_names:
        report.error(f'The logo "{config.signature.logo}" is not a file of this site.',
                     config.src_path, config.signature.line,
                     "Put the picture under static/ and write its address from the site's root, "
                     "for example /static/images/logo.svg")
    policy = Policy(embed_hosts=config.embed_hosts, reserved_ids=template_ids(env))
    bodies = render_bodies(site, report, policy, asset_names, cache=cache, jobs=jobs)
    report.stop_if_failed()
    timer.lap("markdown")
    gc.freeze()  # what the steps made so far lives to the end: see build_site

    env.globals["asset"] = lambda url: asset_href(config, asset_names, url)
    install_catalogs(env, catalogs)
    settings = global_digest(config, env, translations_dirs, asset_names, taxonomies)
    entries = EntryDigests(site)
    moment = page_moment(site, now)
    out_key = str(options.out_dir.resolve())
    previous = cache.get(OUTPUTS, out_key) or {}
    manifest_before = {dest: tuple(value) for dest, value in previous.get("files", {}).items()}
    spare = Spare(cache.folder / SPARE / _spare_name(out_key),
                  {dest: tuple(v) for dest, v in previous.get("spare_files", {}).items()}) \
        if cache.folder is not None else None
    plans: list[SearchPlan] = []

    def plan_search(made: dict[str, Any]) -> None:
        """Once every searchable page is made (the other pages are made meanwhile): the search
        index's parts, and those an edit changed started."""
        assert config.search is not None
        searchable = searchable_pages(site, made)
        _resolve_reused(made, [dest for paths in searchable.values() for dest in paths],
                        cache, env, site, bodies, now)
        plans.append(SearchPlan.of(
            index_parts(searchable, config.search.part_pages), made, previous, spare, jobs,
            options.out_dir, manifest_before,
            early=not options.stale_search_ok and not report.errors
            and not (options.strict and report.warnings)))

    search_sizes: dict[str, int] = {}
    stale: list[bool] = []

    def index_for_search(staging: Path, staged: Staged) -> None:
        if spare is not None and spare.manifest and previous.get("spare_search") == searched \
                and (staging / INDEX_DIR).is_dir():
            return  # the spare holds the very index these pages need
        unchanged = previous.get("search") == searched
        if unchanged or options.stale_search_ok:
            remove_path(staging / INDEX_DIR)
            if link_previous_index(options.out_dir, staging):
                stale.append(not unchanged)
                return
        # index again the parts whose searchable pages changed; those of the spare's index that
        # are still right stay where they are
        assert plan is not None
        search_sizes.update(index_site(staging, plan.parts, options.out_dir / INDEX_DIR,
                                       plan.reusable, jobs, plan.in_place, plan.early,
                                       staged.wait))

    published = False
    try:
        files: dict[str, Any] = render_site_pages(
            env, site, bodies, now, report, settings, cache, jobs, options.on_page,
            moment=moment, entries=entries,
            on_searchable=plan_search if options.search and config.search else None)
        if options.review:
            files.update(render_team_pages(env, site, sources, site_dir, now, dates, report,
                                           cache))
        plan = plans[0] if plans else None
        _resolve_reused(files, [dest for dest in files if plan is None or dest not in plan.files],
                        cache, env, site, bodies, now)
        searched = plan.searched if plan is not None else None
        files.update(_other_files(site, sources, cache, now, moment, entries, taxonomies,
                                  static_files, asset_names, report))
        report.stop_if_failed(options.strict)
        timer.lap("templates")
        COMPILED.store_new(cache)
        # the search index is made while the output is written, each part as soon as its
        # pages are
        manifest = publish(files, options.out_dir, options.swap_lock,
                           before_swap=index_for_search if plan is not None else None,
                           previous=manifest_before, spare=spare,
                           groups=[plan.parts[key] for key in parts_in_order(plan.parts)]
                           if plan is not None else (),
                           tended=(INDEX_DIR,) if plan is not None else ())
        published = True
    except ContentError as problem:
        report.add(problem)
        report.stop_if_failed()
    finally:
        for started in plans:  # the parts an edit changed, indexed meanwhile
            if started.early is not None:
                started.early.close(keep=published)
    kept_spare = spare is not None and spare.path != Path()
    cache.put(OUTPUTS, out_key, {
        "files": manifest, "search": previous.get("search") if any(stale) else searched,
        "spare_files": previous.get("files", {}) if kept_spare else {},
        "spare_search": previous.get("search") if kept_spare else None})
    timer.lap("write and index" if searched is not None else "write")
    per_lang = Counter(page.lang for page in site.pages if page.kind not in ("chooser", "404-root"))
    return BuildResult(config, {code: per_lang[code] for code in config.codes},
                       report.warnings, site, bodies, sources, dates, env, now, timer.timings,
                       search_sizes, any(stale), manifest, policy, asset_names)


def _other_files(site: Site, sources: list[Source], cache: BuildCache, now: dt.datetime,
                 moment: str, entries: EntryDigests, taxonomies: dict[str, Any],
                 static_files: dict[str, Any], asset_names: dict[str, str],
                 report: Report) -> dict[str, Any]:
    """Every file of the output but the pages: feeds and calendars, the files for search
    engines, the open data, the static files, the browser editor's and the headers file."""
    config = site.config
    # feeds, calendars and open data use no template, catalog or static file
    data_settings = digest(repr(config), repr(sorted(taxonomies.items())))
    files: dict[str, Any] = dict(kept_feeds(cache, site, now, digest(data_settings, moment),
                                            entries))
    files.update(search_engine_files(site))
    files.update(made_once(cache, OPEN_DATA, digest(data_settings, entries.of_site(data=True)),
                           lambda: catalog_file(site)))
    records = kept_records(cache, data_settings, entries)
    for code in config.codes:  # an edit makes its own language's files again, of kept records
        files.update(made_once(cache, f"{OPEN_DATA}/{code}",
                               digest(data_settings, entries.of_site(code, data=True)),
                               functools.partial(language_files, site, code, records)))
    files.update(static_files)
    editor = None
    if config.cms and config.cms.publish:
        files.update(editor_files(Known(config, taxonomies, sources),
                                  asset_href(config, asset_names, SITE_STYLESHEET), report))
        editor = (EDITOR_FOLDER, published_policy(config))
    files["_headers"] = headers_file(config.embed_hosts, editor, fingerprinted(asset_names))
    return files


OUTPUTS = "outputs"  # the cache's record of each output folder: its files and search index
SPARE = "spare"  # the cache's folder of spare outputs (sitegen.output.Spare)
KEPT_SEARCH = ".search"  # beside a spare: the pages of the last edit's search parts (EarlyParts)


def forget_gone_outputs(cache: BuildCache) -> None:
    """Forget the output folders that are no longer there (a build into a temporary folder,
    since removed), and remove their spares, which could hold a whole copy of a site each; and
    remove any spare that no record names (left by another version of the generator)."""
    if cache.folder is None:
        return
    outputs = cache.keys(OUTPUTS)
    gone = [key for key in outputs if not Path(key).is_dir()]
    cache.forget(OUTPUTS, gone)
    cache.forget(UP_TO_DATE, gone)
    named = {_spare_name(key) + suffix for key in outputs if key not in gone
             for suffix in ("", KEPT_SEARCH)}
    spares = cache.folder / SPARE
    if spares.is_dir():
        for folder in sorted(spares.iterdir()):
            if folder.name not in named:
                remove_path(folder)


def _spare_name(out_key: str) -> str:
    """The folder, under .cache/spare/, of the spare of the output folder out_key."""
    return digest(out_key)[:16]


OPEN_DATA = "open-data"  # the cache's copy of the open data files, by what they are made from
FEEDS = "feeds"  # the cache's copy of the feeds and calendars, with a stand-in for their time


def made_once(cache: BuildCache, namespace: str, key: str,
              make: Callable[[], Iterable[tuple[str, bytes]]]) -> dict[str, Packed]:
    """Files (output path -> text kept compressed) that depend only on what key digests: taken
    from the cache when an earlier build made them from the same, else made (make gives them
    one at a time, and each is compressed as it comes) and kept in place of the namespace's
    earlier ones."""
    listing = cache.get(namespace, key)  # [[path, its text's digest], ...]
    if isinstance(listing, list) and all(
            isinstance(file, list) and len(file) == 2 and all(isinstance(v, str) for v in file)
            for file in listing):
        found = cache.get_blobs(namespace, [_file_key(key, path) for path, _ in listing])
        kept = {path: Packed.from_data(found.get(_file_key(key, path), b""), sha)
                for path, sha in listing}
        if all(kept.values()):  # none missing (b"" is no compressed text) or damaged
            return cast(dict[str, Packed], kept)
    made = {path: Packed(zlib.compress(data, 1), digest(data)) for path, data in make()}
    cache.put_blobs(namespace, {_file_key(key, path): packed.data
                                for path, packed in made.items()})
    cache.put(namespace, key, sorted([path, packed.sha] for path, packed in made.items()))
    cache.keep_only(namespace, [key, *(_file_key(key, path) for path in made)])
    return made


def _file_key(key: str, path: str) -> str:
    return f"{key}/{path}"


def kept_records(cache: BuildCache, settings: str, entries: EntryDigests) -> RecordsJson:
    """The JSON of open data records (open_data.RecordsJson), each taken from the cache when
    an earlier build made it from the same settings and the same entries (its own and those
    it names, such as a service's partners), else made and kept: an edit of one service
    makes one record again, not its language's thousand."""
    site = entries.site
    assert site is not None

    def records(found: list[Entry], make: Callable[[Entry], Any]) -> list[bytes]:
        keys = [digest(settings, *(entries.of_data(shown)
                                   for shown in (entry, *site.all_linked(entry))))
                for entry in found]
        kept = cache.get_blobs(OPEN_DATA_RECORDS, keys)
        made, fresh = [], {}
        for entry, key in zip(found, keys):
            try:
                data = zlib.decompress(kept[key])
            except (KeyError, zlib.error):  # not made before, or damaged
                data = record_json(make(entry))
                fresh[key] = zlib.compress(data, 1)
            made.append(data)
        cache.put_blobs(OPEN_DATA_RECORDS, fresh)
        return made
    return records


OPEN_DATA_RECORDS = "open-data-records"  # one service's or partner's JSON, by what it shows


def kept_feeds(cache: BuildCache, site: Site, now: dt.datetime, settings: str,
               entries: EntryDigests) -> dict[str, bytes]:
    """The feeds and calendars (feed_plan): each taken from the cache when an earlier build made
    it from the same settings (with the moment, which holds the build's day) and the same
    entries, else made and kept."""
    plan = feed_plan(site, now)
    keys = {file.dest: digest(settings, file.dest, *(entries.of_data(e) for e in file.entries))
            for file in plan}
    found = cache.get_many(FEEDS, keys.values())
    files, fresh = {}, {}
    for file in plan:
        text = found.get(keys[file.dest])
        if isinstance(text, str):
            files[file.dest] = text.encode("utf-8")
        else:
            files[file.dest] = file.make()
            fresh[keys[file.dest]] = files[file.dest].decode("utf-8")
    if fresh:
        cache.put_many(FEEDS, fresh)
        cache.keep_only(FEEDS, keys.values())  # a day's files are not needed the next day
    return files


def global_digest(config: SiteConfig, env: jinja2.Environment, translations_dirs: list[Path],
                  assets: dict[str, str], taxonomies: dict[str, Any]) -> str:
    """Everything every page may depend on: the settings, every template, the catalogs, the
    static files' published names and the taxonomies."""
    loader = env.loader
    templates = [(name, loader.get_source(env, name)[0])  # type: ignore[union-attr]
                 for name in env.list_templates()]
    catalogs = [(path.as_posix(), path.read_bytes()) for folder in translations_dirs
                for path in sorted(folder.glob("*.po"))]
    return digest(repr(config), templates, catalogs, sorted(assets.items()),
                  repr(sorted(taxonomies.items())))


def page_moment(site: Site, now: dt.datetime) -> str:
    """What the moment of a build decides for its pages, and what else every page shows: the
    day (banners, dates), the next time an event ends (past or upcoming), and the addresses of
    the pages menus and footers link to."""
    config = site.config
    targets = [item.target for item in config.menu + config.footer] + \
        [key for key in (config.report_problem, config.alternate_formats) if key]
    return digest(now.astimezone(dt.timezone.utc).date(), valid_until(site, now),
                  sorted((key, lang, url) for (key, lang), url in site.url_of_key.items()
                         if key in targets))


def _resolve_reused(files: dict[str, Any], dests: Iterable[str], cache: BuildCache,
                    env: jinja2.Environment, site: Site, bodies: dict[tuple[str, str], Any],
                    now: dt.datetime) -> None:
    """Give every reused page of dests a way to its HTML (Findable), for publishing to take
    when the previous output no longer holds its file unchanged: from the cache, or rendered
    anew. Most never need it: looking, for each, whether the output still holds it would cost
    more than the few an edit finds gone."""
    find = cached_html(cache)
    by_dest: dict[str, Page] = {}  # made only when a page has to be rendered anew

    def html_of(dest: str, sha: str) -> bytes:
        packed = find(sha)
        if packed is not None:
            return packed.raw()
        if not by_dest:
            by_dest.update((urls.dest_path(page.url), page) for page in site.pages)
        return render_page(env, site, by_dest[dest], bodies, now).encode("utf-8")

    for dest in dests:
        value = files[dest]
        if type(value) is Reused:
            files[dest] = Findable(value.sha, value.indexed,
                                   functools.partial(html_of, dest, value.sha))


def searchable_pages(site: Site, files: dict[str, Any]) -> dict[str, list[str]]:
    """Language code -> the output paths of the pages that go into its search index."""
    pages: dict[str, list[str]] = {code: [] for code in site.config.codes}
    for page in site.pages:
        dest = urls.dest_path(page.url)
        if is_searchable(page) and dest in files:
            pages[page.lang].append(dest)
    return {code: sorted(paths) for code, paths in pages.items() if paths}


def search_digest(files: dict[str, Any], parts: dict[str, list[str]]) -> dict[str, str]:
    """What each part of the search index is made from (search.index_parts): its pages, as they
    are now, and the Pagefind that indexes them (parts made by another version do not mix)."""
    return {key: digest(indexer_version(),
                        *(f"{dest}={_indexed_state(files[dest])}" for dest in paths))
            for key, paths in parts.items()}


@dataclass(frozen=True)
class SearchPlan:
    """The search index of a build: its parts (search.index_parts), what each is made from
    (search_digest), those as they are in the previous output's index (reusable) and in its
    spare's (in_place), and the parts an edit changed, started at once (early). files: the
    searchable pages' files it was planned from."""

    parts: dict[str, list[str]]
    searched: dict[str, str]
    reusable: frozenset[str]
    in_place: frozenset[str]
    early: EarlyParts | None
    files: frozenset[str]

    @classmethod
    def of(cls, parts: dict[str, list[str]], files: dict[str, Any], previous: dict[str, Any],
           spare: Spare | None, jobs: int, out_dir: Path, manifest: dict[str, Any],
           early: bool) -> SearchPlan:
        """The plan for parts of files, given the previous output's record and spare; early:
        whether the parts an edit changed may start now (no errors so far)."""
        searched = search_digest(files, parts)
        reusable = _same_parts(searched, previous.get("search"))
        in_place = _same_parts(searched, previous.get("spare_search")) \
            if spare is not None and spare.manifest else frozenset()
        started = _index_early(parts, reusable | in_place, jobs, files, out_dir, manifest,
                               spare.path.with_name(spare.path.name + KEPT_SEARCH)
                               if spare is not None else None) if early else None
        return cls(parts, searched, reusable, in_place, started,
                   frozenset(dest for paths in parts.values() for dest in paths))


def _index_early(parts: dict[str, list[str]], same: frozenset[str], jobs: int,
                 files: dict[str, Any], out_dir: Path, manifest: dict[str, Any],
                 kept: Path | None) -> EarlyParts | None:
    """Start indexing the parts of the search index that are not the same as before (same),
    while the output is written: when there are no more than jobs of them (an edit's). More (a
    full index) wait for the staged pages, which they link rather than write a second time.
    kept: where their pages are kept for the next build."""
    changed = {key: pages for key, pages in parts.items() if key not in same}
    if not changed or len(changed) > jobs:
        return None

    def write_pages(paths: list[str], folder: Path, present: dict[str, Any]) -> dict[str, Any]:
        return write_files({dest: files[dest] for dest in paths}, folder, out_dir, manifest,
                           present)

    return EarlyParts(work_folder(out_dir, SEARCH_WORK), changed, write_pages, kept)


def _same_parts(searched: dict[str, str], before: Any) -> frozenset[str]:
    """The parts of the search index whose pages are as they were in an index made from the
    state before (a search_digest, or nothing)."""
    return frozenset(key for key, state in searched.items()
                     if isinstance(before, dict) and before.get(key) == state)


def _indexed_state(content: Reused | Rendered) -> str:
    """The digest of what the index reads of a page, which its record holds (its whole
    bytes' digest when the record does not say)."""
    return content.indexed or content.sha
