"""The template step: every page rendered to HTML, or reused from an earlier build when its
fingerprint (sitegen.fingerprints) is the same, so that an edit renders again only the pages
that show what changed. Pages to render are spread over the computer's cores."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..cache import PUT_BATCH, BuildCache, digest
from ..errors import ContentError, Report
from ..packed import Packed
from ..parallel import in_workers, iter_in_order
from ..site import urls
from ..source.model import Page, Site
from .bodies import Body
from .compiled_templates import compile_all
from .fingerprints import EntryDigests, SiteView, context_fingerprint, page_fingerprint
from .page_summary import INDEXED, SHA, LastBuild, store
from .search import indexed_digest, is_searchable
from .templating import (SHOWS_EVERY_LANGUAGE, Environment, page_context, render_page,
                         report_once)

NAMESPACE = "pages"  # page URL -> what its HTML was made from, and the HTML's digest
HTML = "html"  # HTML digest -> the HTML, for pages whose output file is gone


@dataclass(frozen=True)
class Reused:
    """A page whose HTML is the same as at the last build: it need not be rendered or written
    again, only taken over from the previous output (or the cache)."""

    sha: str
    indexed: str = ""  # the digest of what the search index reads of it (search.indexed_part)

    @classmethod
    def of_record(cls, known: dict[str, Any]) -> Reused:
        """The reused page that a page's record (render_site_pages) stands for."""
        return cls(known["sha"], known.get("indexed", ""))


def _no_html() -> bytes:
    raise ValueError("a reused page without a way to its HTML")


@dataclass(frozen=True)
class Findable(Reused):
    """A reused page with a way to its HTML (from the cache, or rendered anew), which publishing
    takes only when neither the folder it fills nor the previous output holds the file."""

    find: Callable[[], bytes] = field(default=_no_html, compare=False, repr=False)

    def raw(self) -> bytes:
        """The HTML's UTF-8 bytes, to write."""
        return self.find()


@dataclass(frozen=True)
class Rendered:
    """A page rendered at this build: its HTML, kept compressed, and the digest of what the
    search index reads of it (made where it was rendered, in a worker process)."""

    html: Packed
    indexed: str = ""

    @property
    def sha(self) -> str:
        return self.html.sha

    def raw(self) -> bytes:
        """The HTML's UTF-8 bytes, to write."""
        return self.html.raw()


@dataclass
class _Job:
    env: Environment
    site: Site
    bodies: dict[tuple[str, str], Any]
    now: dt.datetime
    entries: EntryDigests


_JOB: _Job | None = None  # what forked workers render with
# A page can be long work (a list of a thousand programs): a few are worth a worker. Fewer
# are not: the eight pages a title edit renders again (its own, lists, a partner's) take less
# time in this process than starting workers that copy a large site's build.
PAGES_PER_JOB = 10


def render_site_pages(env: Environment, site: Site, bodies: dict[tuple[str, str], Any],
                      now: dt.datetime, report: Report, global_digest: str,
                      cache: BuildCache | None, jobs: int = 1,
                      on_page: Callable[[Page], None] | None = None, moment: str = "",
                      entries: EntryDigests | None = None,
                      on_searchable: Callable[[dict[str, Rendered | Reused]], None] | None = None
                      ) -> dict[str, Rendered | Reused]:
    """Output path -> the HTML (Rendered, or Reused) of every page of the site.

    moment stands for what the build's date and time decide (which events are past, which
    banner shows): when it, the settings, a page's own record and every entry the page showed
    are what they were, the page is reused without even being looked at again. entries holds
    the digests of the entries' states, which other steps may share. on_searchable is given
    the output so far once every page of the search index is made, before any other page is
    looked at: the parts of the index an edit changed can start while the lists are made."""
    entries = entries or EntryDigests(site)
    quick = digest(global_digest, moment)

    def state_of(looked_up: list[list[str]], everything: bool,
                 data: bool) -> tuple[list[str], str | None]:
        state = entries.state(data)
        states = [state(site.entry(key, lang)) if key in site.items
                  and lang in site.items[key].entries else "gone" for key, lang in looked_up]
        return states, entries.of_site(data=data) if everything else None

    def language_state(page: Page, data: bool) -> str:
        """The state of the entries a page without an entry of its own may show: those of its
        language, or of every language for the pages that show the whole site's."""
        return entries.of_site(None if page.kind in SHOWS_EVERY_LANGUAGE else page.lang, data)

    def body_token(page: Page) -> str | None:
        body = bodies.get((page.entry.key, page.lang)) if page.entry is not None else None
        return getattr(body, "token", None)

    def unchanged(page: Page, known: dict[str, Any]) -> bool:
        """Whether nothing a page showed has changed since its record was made."""
        if known.get("quick") != quick or known.get("page") != own_digests[page.url]:
            return False
        data = as_data(known)
        if page.entry is None and known.get("language") != language_state(page, data):
            return False
        if body_token(page) != known.get("body"):
            return False
        if known.get("whole") is not None and known["whole"] != entries.of_site(data=data):
            return False  # its templates used the site beyond the entries they looked up
        shown = known["shown"]
        return all(key in site.items and lang in site.items[key].entries for key, lang in shown) \
            and _state_of_shown(shown, entries, data) == known["shown_state"]

    own_digests = {page.url: page_digest(page, entries) for page in site.pages}
    # The pages that show nothing changed since the last build are the same (unchanged() would
    # say so of each): its summary says so at once, and only the others' records are read.
    last = LastBuild.read(cache, quick, site, entries)
    summary: dict[str, list[str] | dict[str, Any]] = {}  # each page's row or record, for the next
    output: dict[str, Rendered | Reused] = {}
    rest = []
    for page in site.pages:
        row = last.reused(page, own_digests[page.url], body_token(page), language_state, entries)
        if row is not None:
            output[urls.dest_path(page.url)] = Reused(row[SHA], row[INDEXED])
            summary[page.url] = row
            if on_page is not None:
                on_page(page)
        else:
            rest.append(page)
    previous = cache.get_many(NAMESPACE, [page.url for page in rest]) if cache else {}
    if cache is not None:  # the records of the others stay for the next build that needs them
        cache.keep(NAMESPACE, own_digests)
    fresh: dict[str, Any] = {}  # the pages' records made or renewed at this build
    texts: dict[str, bytes] = {}  # the HTML of the pages rendered, until stored
    seen: set[tuple[str, int, str]] = set()

    def make(pages: list[Page]) -> None:
        """Reuse those of pages that are unchanged, and render the others."""
        to_keep: list[str] = []  # reused pages whose record is renewed
        # pages to render, with their context's fingerprint when it was needed to decide
        # (made with each entry's state as of_data gives it, or not)
        to_render: list[tuple[Page, tuple[str, list[list[str]], bool] | None]] = []
        for page in pages:
            known = previous.get(page.url)
            if known is not None and unchanged(page, known):
                output[urls.dest_path(page.url)] = Reused.of_record(known)
                summary[page.url] = known
                if on_page is not None:
                    on_page(page)
                continue
            if known is None or known.get("settings") != global_digest:
                # nothing to compare with (a template or setting changed, and with it every
                # fingerprint): the worker that renders the page fingerprints it
                to_render.append((page, None))
                continue
            data = as_data(known)
            context_digest, shown = _context_of(page, site, bodies, now, entries, data=data)
            if known["context"] == context_digest:
                states, whole = state_of(known["looked_up"], known["everything"], data)
                if page_fingerprint(global_digest, context_digest, states, whole) == \
                        known["fingerprint"]:
                    output[urls.dest_path(page.url)] = Reused.of_record(known)
                    fresh_record = dict(known)
                    fresh_record.update(_quick_record(
                        page, own_digests[page.url], body_token(page), entries, quick,
                        _together(shown, known["looked_up"]), known["everything"],
                        language_state, data))
                    previous[page.url] = fresh_record
                    to_keep.append(page.url)
                    if on_page is not None:
                        on_page(page)
                    continue
            to_render.append((page, (context_digest, shown, data)))
        for page, _ in to_render:  # read the bodies these pages show, before any worker starts
            body = bodies.get((page.entry.key, page.lang)) if page.entry is not None else None
            if isinstance(body, Body):
                body.load()
        if in_workers(len(to_render), jobs, PAGES_PER_JOB):
            compile_all(env)  # once, here, rather than in each worker
        global _JOB
        _JOB = _Job(env, site, bodies, now, entries)
        fresh.update((url, previous[url]) for url in to_keep)
        try:
            results = iter_in_order(_render, [(page, known is None) for page, known in to_render],
                                    jobs, PAGES_PER_JOB)
            for (page, known), (html, looked_up, everything, problem, made, outdated_read) in zip(
                    to_render, results):
                if html is None:
                    assert problem is not None
                    report_once(problem, seen, report)
                    continue
                data = not outdated_read
                if known is not None and known[2] != data:  # its templates read otherwise now
                    known = (*_context_of(page, site, bodies, now, entries, data=data), data)
                fingerprinted = known[:2] if known is not None else made
                assert fingerprinted is not None
                context_digest, shown = fingerprinted
                output[urls.dest_path(page.url)] = html
                states, whole = state_of(looked_up, everything, data)
                fresh[page.url] = {"settings": global_digest, "context": context_digest,
                                   "looked_up": looked_up,
                                   "everything": everything, "sha": html.sha,
                                   "indexed": html.indexed, "outdated_read": outdated_read,
                                   "fingerprint": page_fingerprint(global_digest, context_digest,
                                                                   states, whole),
                                   **_quick_record(page, own_digests[page.url], body_token(page),
                                                   entries, quick, _together(shown, looked_up),
                                                   everything, language_state, data)}
                texts[html.sha] = html.html.data
                if cache is not None and len(texts) >= PUT_BATCH:  # not all held at once
                    cache.put_blobs(HTML, texts)
                    texts.clear()
                if on_page is not None:
                    on_page(page)
        finally:
            _JOB = None

    if on_searchable is None:
        make(rest)
    else:
        make([page for page in rest if is_searchable(page)])
        on_searchable(output)
        make([page for page in rest if not is_searchable(page)])
        # in the pages' order, as a build without on_searchable gives them
        output = {dest: output[dest] for dest in (urls.dest_path(page.url) for page in site.pages)
                  if dest in output}
    if cache is not None:
        cache.put_many(NAMESPACE, fresh)
        cache.put_blobs(HTML, texts)
        # read only when a page's file cannot be taken over from the output (cached_html)
        cache.keep(HTML, (content.sha for content in output.values()))
        if len(output) == len(site.pages):  # every page made: this build's summary
            summary.update(fresh)
            store(cache, quick, site, entries, last, summary)
    return output


def page_digest(page: Page, entries: EntryDigests) -> str:
    """A page's own record: its address, languages, title, template, its entry's state and the
    items that name its entry (a partner's page lists its programs). (One text of plain
    values, digested at once: every page's is computed at every build.)"""
    assert entries.site is not None
    return digest(repr((page.url, page.lang, page.kind, page.template, page.title,
                        entries.of(page.entry) if page.entry is not None else "",
                        entries.site.referenced_by.get(page.entry.key)
                        if page.entry is not None else None,
                        page.collection, sorted(page.alternates.items()),
                        sorted(page.switcher.items()), page.indexable, page.variant,
                        page.page_number, page.total_pages, page.taxonomy, page.term)))


def _quick_record(page: Page, own: str, body: str | None, entries: EntryDigests, quick: str,
                  shown: list[list[str]], everything: bool,
                  language_state: Callable[[Page, bool], str], data: bool) -> dict[str, Any]:
    """What unchanged() compares at the next build (own: the page's page_digest, body: its
    body's token, shown: every entry it showed or looked up, everything: whether its templates
    used the site beyond those; data: whether the states are of_data's). The entries its entry
    names count as shown."""
    assert entries.site is not None
    shown = _together(shown, _linked_from(page, entries.site))
    return {"quick": quick, "page": own,
            "language": language_state(page, data) if page.entry is None else None,
            "body": body, "shown": shown, "shown_state": _state_of_shown(shown, entries, data),
            "whole": entries.of_site(data=data) if everything else None}


def as_data(known: dict[str, Any]) -> bool:
    """Whether a page's record holds the states of_data gives: when its templates did not
    read whether a translation is outdated (a record without the answer: as if they did)."""
    return known.get("outdated_read") is False


def _linked_from(page: Page, site: Site) -> list[list[str]]:
    """The entries that the page's entry names in its reference fields (its partners): what
    its page shows of them is not always an entry in its context (structured data names
    them)."""
    if page.entry is None:
        return []
    return [[target.key, target.lang] for target in site.all_linked(page.entry)]


def _together(shown: list[list[str]], looked_up: list[list[str]]) -> list[list[str]]:
    """The entries a page showed, then those its templates looked up besides."""
    known = {tuple(pair) for pair in shown}
    return shown + [pair for pair in looked_up if tuple(pair) not in known]


def _state_of_shown(shown: list[list[str]], entries: EntryDigests, data: bool) -> str:
    """One digest of the states of the entries a page shows (a list page shows hundreds: one
    digest each would make most of its record)."""
    return digest(*(entries.of_key(key, lang, data) for key, lang in shown))


def _context_of(page: Page, site: Site, bodies: dict[tuple[str, str], Any], now: dt.datetime,
                entries: EntryDigests, context: dict[str, Any] | None = None,
                data: bool = False) -> tuple[str, list[list[str]]]:
    """The fingerprint of a page's context (with its entries' states as of_data gives them,
    but its own entry's, or not), and the entries the context shows."""
    entries.seen.clear()
    context_digest = context_fingerprint(context or page_context(site, page, bodies, now),
                                         entries, data, page.entry)
    return context_digest, [[entry.key, entry.lang] for entry in entries.seen.values()]


def _render(item: tuple[Page, bool]) -> tuple[Rendered | None, list[list[str]], bool,
                                              ContentError | None,
                                              tuple[str, list[list[str]]] | None, bool]:
    """A page's HTML, the entries its templates looked up, whether they reached beyond what is
    recorded, its template's mistake, (when asked for) its context's fingerprint, and whether
    its templates read whether a translation is outdated (the fingerprint leaves that out of
    the states of its entries when they did not)."""
    assert _JOB is not None
    page, fingerprint = item
    job = _JOB
    view = SiteView(job.site)
    made = None
    try:
        context = page_context(job.site, page, job.bodies, job.now)
        job.env.read_outdated, job.env.own_entry = False, page.entry
        html = render_page(job.env, job.site, page, job.bodies, job.now, view, context)
        outdated_read = job.env.read_outdated
        if fingerprint:
            made = _context_of(page, job.site, job.bodies, job.now, job.entries, context,
                               data=not outdated_read)
    except ContentError as problem:
        return None, [], False, problem, None, True
    return (rendered(page, html), [list(pair) for pair in view.looked_up], view.everything,
            None, made, outdated_read)


def rendered(page: Page, html: str) -> Rendered:
    """A page's HTML as the build holds it."""
    return Rendered(Packed.of(html), indexed_digest(html) if is_searchable(page) else "")


def cached_html(cache: BuildCache | None) -> Callable[[str], Packed | None]:
    """A lookup of a reused page's HTML by its digest, for when its file cannot be taken over
    from the previous output."""
    def find(sha: str) -> Packed | None:
        found = Packed.from_cache(cache, HTML, sha)
        return found if found is not None and found.sha == sha else None
    return find
