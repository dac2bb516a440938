"""What the last build's pages were made from, kept as one record: the next build reuses at once
every page that shows nothing an edit changed, and reads the records (render_site_pages) of
the others only.

Each page's record says what the page was made from: the site's settings and the moment, the
page's own digest, its body, the state of its language (a list) or of the whole site, and each
entry it showed. Every record is true of the build that made or checked it, so one summary of
them, made with the state of every entry at that build, answers for all: a page whose own
digest, body and language state are the same, none of whose shown entries changed state, is
the same page. Reading 5,000 records and digesting the entries each showed took longer than
the rest of an edit's page step.

The summary is text, one line per page, kept in two records: the base, and what changed since
(the lines of the pages made again, the entries' new states). An edit's build writes only the
second, a few lines, until it grows to a tenth of the pages; then the base is written anew.
Writing the whole summary at every build would cost more than the records it saves reading."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from ..cache import BuildCache, digest
from ..source.model import Page, Site
from .fingerprints import EntryDigests

SUMMARY = "pages-summary"  # the summary of the last build whose every page was made
BASE, SINCE = "base", "since"  # its two records: a base, and what changed since
Pair = tuple[str, str]  # an entry, as (item key, language)
# A page's line: its address (JSON), its HTML's digest and its indexed text's (Reused), then
# what it was made from: its own digest (page_digest), its body's token, the state of its
# language's entries (a page with no entry) and of the whole site (when its templates used it
# beyond what they looked up), "1" when those states are of_data's (EntryDigests), and the
# entries it showed, by their place in the summary's table. Tab-separated: no value holds a
# tab (the address is JSON, the others digests and numbers); "" stands for none.
URL, SHA, INDEXED, OWN, BODY, LANGUAGE, WHOLE, DATA, SHOWN = range(9)
# The digests of what a page was made from are kept to 128 bits: the summary of a large site
# is read and written at every build, and a shorter text is quicker to read.
KEPT = 32


class LastBuild:
    """The summary of the last build, read back: which of its pages are still the same."""

    def __init__(self, base: Base | None = None, lines: dict[str, str] | None = None,
                 states: list[str | None] | None = None,
                 changed: tuple[set[str], set[str]] = (set(), set())) -> None:
        self.base = base  # the base record, as read
        self.lines = lines or {}  # address -> the page's line, changes since the base applied
        self.table = base.table if base is not None else []  # the entries shown count
        self.states = states or []  # their states now (None: gone)
        # the places (as text) of the entries whose state changed, or that are gone: as pages
        # show them, and as data (fingerprints.EntryDigests.of_data)
        self.changed, self.changed_as_data = changed

    @classmethod
    def read(cls, cache: BuildCache | None, quick: str, site: Site,
             entries: EntryDigests) -> LastBuild:
        """The last summary, when it was made with the same settings and moment (quick);
        otherwise an empty one. A damaged summary counts as none."""
        found = cache.get_blobs(SUMMARY, [BASE, SINCE]) if cache is not None else {}
        try:
            base = Base.parse(found[BASE])
            if base.quick != quick:
                raise ValueError
            lines, before = dict(base.lines), list(base.states)
            if SINCE in found:
                since_id, changed_states, *changed_lines = found[SINCE].decode().split("\n")
                if since_id == base.id:  # changes to this very base
                    for place, state in json.loads(changed_states):
                        before[place] = str(state)
                    for line in changed_lines:
                        url, tab, _ = line.partition("\t")
                        if tab:
                            lines[json.loads(url)] = line
                        else:  # a page that is no more
                            lines.pop(json.loads(url), None)
        except (KeyError, ValueError, TypeError, IndexError):
            return cls()
        states = [_state_of(site, entries, key, lang) for key, lang in base.table]
        # an entry gone then is counted as changed, as render_site_pages's unchanged() does
        changed = [(place, then, now) for place, (then, now) in enumerate(zip(before, states))
                   if now is None or now != then]
        return cls(base, lines, states, (
            {str(place) for place, _, _ in changed},
            {str(place) for place, then, now in changed
             if now is None or not then or _as_data(now) != _as_data(then)}))

    def reused(self, page: Page, own: str, body: str | None,
               language_state: Callable[[Page, bool], str],
               entries: EntryDigests) -> list[str] | None:
        """The page's line, split, when nothing it was made from has changed since."""
        line = self.lines.get(page.url)
        if line is None:
            return None
        row = line.split("\t")
        if len(row) != SHOWN + 1 or row[OWN] != own[:KEPT] or row[BODY] != (body or "")[:KEPT]:
            return None
        data = row[DATA] == "1"
        if page.entry is None and row[LANGUAGE] != language_state(page, data)[:KEPT]:
            return None
        if row[WHOLE] and row[WHOLE] != entries.of_site(data=data)[:KEPT]:
            return None
        changed = self.changed_as_data if data else self.changed
        return row if not row[SHOWN] or changed.isdisjoint(row[SHOWN].split(",")) else None


def _as_data(state: str) -> str:
    """The state as data, of an entry's state as _state_of gives it."""
    return state[KEPT:] or state


def _state_of(site: Site, entries: EntryDigests, key: str, lang: str) -> str | None:
    """An entry's state as pages show it, then as data when that differs (None when it is
    gone)."""
    item = site.items.get(key)
    entry = item.entries.get(lang) if item is not None else None
    if entry is None:
        return None
    shown, data = entries.of(entry), entries.of_data(entry)
    return shown[:KEPT] if data is shown else shown[:KEPT] + data[:KEPT]


class Base:
    """The base record of a summary: a line of the settings and moment it was made with (quick),
    its id, the table of entries (JSON), their states ("" when gone), then each page's line."""

    def __init__(self, quick: str, table: list[Pair], states: list[str],
                 lines: dict[str, str], id: str = "") -> None:
        self.quick, self.table, self.states, self.lines = quick, table, states, lines
        self.id = id or digest(quick, json.dumps(table), *states, *lines.values())[:16]

    @classmethod
    def parse(cls, data: bytes) -> Base:
        quick, base_id, table_text, states_text, *page_lines = data.decode("utf-8").split("\n")
        table = [(str(key), str(lang)) for key, lang in json.loads(table_text)]
        states = states_text.split("\t") if table else []
        if len(states) != len(table):
            raise ValueError("a damaged summary")
        return cls(quick, table, states, {
            str(json.loads(line.partition("\t")[0])): line for line in page_lines}, base_id)

    def text(self) -> bytes:
        return "\n".join([self.quick, self.id, json.dumps(self.table, ensure_ascii=False),
                          "\t".join(self.states), *self.lines.values()]).encode("utf-8")


def store(cache: BuildCache, quick: str, site: Site, entries: EntryDigests, last: LastBuild,
          pages: dict[str, list[str] | dict[str, Any]]) -> None:
    """Keep this build's summary: pages holds each page's row (its line in the last summary,
    split) or its record (read or made at this build, render_site_pages)."""
    table = _table(site, last)
    place = {pair: number for number, pair in enumerate(table)}
    same_table = table[:len(last.table)] == last.table
    lines: dict[str, str] = {}
    for url, row in pages.items():
        if isinstance(row, list):
            if same_table:
                lines[url] = last.lines[url]
                continue
            shown = [place[last.table[int(number)]] for number in row[SHOWN].split(",") if number]
            lines[url] = "\t".join(row[:SHOWN] + [",".join(map(str, shown))])
            continue
        shown = []
        for key, lang in row["shown"]:
            pair = (key, lang)
            if pair not in place:  # looked up, but not there: it stays in the table, gone
                place[pair] = len(table)
                table.append(pair)
            shown.append(place[pair])
        lines[url] = "\t".join((
            json.dumps(url), row["sha"], row.get("indexed", ""), row["page"][:KEPT],
            (row["body"] or "")[:KEPT], (row["language"] or "")[:KEPT],
            (row["whole"] or "")[:KEPT], "1" if row.get("outdated_read") is False else "",
            ",".join(map(str, shown))))
    known = len(last.states) if same_table else 0  # the states read already
    states = [state or "" for state in last.states[:known]] + [
        _state_of(site, entries, key, lang) or "" for key, lang in table[known:]]
    base = last.base  # read with this very quick, or none
    if base is not None and table == base.table:
        changed_lines = [line for url, line in lines.items() if base.lines.get(url) != line]
        changed_lines += [json.dumps(url) for url in base.lines.keys() - lines.keys()]
        changed_states = [[place, state] for place, (state, then) in
                          enumerate(zip(states, base.states)) if state != then]
        if len(changed_lines) + len(changed_states) <= max(len(lines) // 10, 50):
            cache.put_blobs(SUMMARY, {SINCE: "\n".join([
                base.id, json.dumps(changed_states), *changed_lines]).encode("utf-8")})
            return
    base = Base(quick, table, states, lines)
    # both at once: the changes of an earlier base never apply to this one
    cache.put_blobs(SUMMARY, {BASE: base.text(), SINCE: f"{base.id}\n[]".encode()})


def _table(site: Site, last: LastBuild) -> list[Pair]:
    """The entries the summary counts: the last summary's, in their places, then the site's new
    ones; begun again when entries are gone, so that it never grows for ever."""
    current = [(key, lang) for key, item in site.items.items() for lang in item.entries]
    if last.table and all(site.items.get(key) is not None and lang in site.items[key].entries
                          for key, lang in last.table):
        known = set(last.table)
        return [*last.table, *(pair for pair in current if pair not in known)]
    return current
