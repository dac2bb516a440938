"""Translation parity: what a translation leaves out of its original, or adds, at the line of the
translation to edit.

Compared: the headings (how many at each level, in order), the lists (how many items each, list
by list), the links (a link to a content file names its item, so `../programs/peace.md` is the
same link in every language), phone numbers, e-mail addresses, and numbers and dates (as sets, so
that 1,000 and 1 000, 6 p.m. and 18 h, or ١٢ and 12 are the same). Headings and lists are
reported at the first place where they differ only: what follows it is shifted, and would only
repeat the same difference.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..cache import BuildCache, digest
from ..parallel import map_in_order
from .facts import Fact
from .model import Source
from .outline import Heading, ListBlock, Outline, outline

FRONT_TEXTS = ("title", "summary")  # the front-matter texts whose facts are compared
KIND_ORDER = {"heading": 0, "list": 1, "link": 2, "phone": 3, "email": 4, "number": 5}


@dataclass(frozen=True)
class Difference:
    """One way a translation differs from its original, at a line of the translation."""

    kind: str  # "heading", "list", "link", "phone", "email" or "number"
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass(frozen=True)
class _Text:
    source: Source
    outline: Outline

    def front_line(self, name: str) -> int:
        return self.source.line_of(name)

    def section_line(self, index: int) -> int:
        """The line where section index starts (0: the text before the first heading)."""
        headings = self.outline.headings
        if index == 0 or not headings:
            lines = self.source.body.split("\n")
            first = next((i for i, line in enumerate(lines) if line.strip()), 0)
            return self.source.body_line + first
        return headings[min(index, len(headings)) - 1].line


def compare(original: Source, translation: Source, langs: tuple[str, ...],
            locales: dict[str, str]) -> list[Difference]:
    """Every difference between translation and original, sorted by line."""
    before = _read(original, langs, locales[original.lang])
    after = _read(translation, langs, locales[translation.lang])
    found = _headings(before, after) + _lists(before, after) + _facts(before, after)
    return sorted(found, key=lambda d: (d.line, KIND_ORDER[d.kind], d.message))


_OUTLINES: dict[tuple[Any, ...], Outline] = {}  # for the life of the process (the preview)
MAX_OUTLINES = 20_000


def read_outlines(sources: Sequence[Source], langs: tuple[str, ...], locales: dict[str, str],
                  jobs: int, cache: BuildCache | None = None) -> None:
    """Work out the outlines of sources that compare will read, in up to jobs processes (a
    report on a large site reads thousands); those an earlier build kept in cache are taken
    from it, and the others kept there."""
    keys = list(dict.fromkeys(_key(source, langs, locales[source.lang]) for source in sources))
    wanted = [key for key in keys if key not in _OUTLINES]
    if len(_OUTLINES) + len(wanted) > MAX_OUTLINES:
        _OUTLINES.clear()
        wanted = keys
    names = {key: _cache_name(key) for key in wanted} if cache is not None else {}
    kept = cache.get_many(OUTLINES, names.values()) if cache is not None else {}
    for key in wanted:
        if (found := _from_plain(kept.get(names.get(key, "")))) is not None:
            _OUTLINES[key] = found
    missing = [key for key in wanted if key not in _OUTLINES]
    made = map_in_order(_outline_of, missing, jobs)
    _OUTLINES.update(zip(missing, made))
    if cache is not None:
        cache.put_many(OUTLINES, {names[key]: _plain(each) for key, each in zip(missing, made)})


OUTLINES = "outlines"  # the cache's namespace for the outlines of texts, by what they are made of


def _cache_name(key: _Key) -> str:
    body, body_line, src_path, langs, locale, texts = key
    return digest(body, body_line, src_path, repr(langs), locale, repr(texts))


def _plain(made: Outline) -> dict[str, Any]:
    """An outline as the cache keeps it."""
    return {"headings": [[h.level, h.text, h.line] for h in made.headings],
            "lists": [[b.line, b.indent, b.content_column, b.ordered, b.items]
                      for b in made.lists],
            "facts": [[f.kind, f.value, f.shown, f.line] for f in made.facts]}


def _from_plain(value: Any) -> Outline | None:
    """The outline _plain kept; None when there is none, or it is not one."""
    try:
        made = Outline(tuple(Heading(*each) for each in value["headings"]),
                       tuple(ListBlock(*each) for each in value["lists"]),
                       tuple(Fact(*each) for each in value["facts"]))
    except (TypeError, KeyError, ValueError):
        return None
    typed = all(isinstance(h.level, int) and isinstance(h.text, str) and isinstance(h.line, int)
                for h in made.headings) and \
        all(isinstance(f.kind, str) and isinstance(f.value, str) and isinstance(f.shown, str)
            and isinstance(f.line, int) for f in made.facts) and \
        all(isinstance(b.items, list) and all(isinstance(i, int) for i in b.items)
            for b in made.lists)
    return made if typed else None


def _read(source: Source, langs: tuple[str, ...], locale: str) -> _Text:
    key = _key(source, langs, locale)
    found = _OUTLINES.get(key)
    if found is None:
        if len(_OUTLINES) >= MAX_OUTLINES:
            _OUTLINES.clear()
        found = _OUTLINES[key] = _outline_of(key)
    return _Text(source, found)


_Key = tuple[Any, ...]  # what an outline is made of (_key)


def _key(source: Source, langs: tuple[str, ...], locale: str) -> _Key:
    texts = {name: (str(source.fields.value(name) or ""), source.line_of(name))
             for name in FRONT_TEXTS}
    return (source.body, source.body_line, source.src_path, langs, locale,
            tuple(texts.items()))


def _outline_of(key: _Key) -> Outline:
    body, body_line, src_path, langs, locale, texts = key
    return outline(body, body_line, src_path, langs, locale, dict(texts))


def _at(text: _Text, line: int) -> str:
    return f"{text.source.src_path}:{line}"


# Headings --------------------------------------------------------------------------------------

def _level(level: int) -> str:
    return f"level {level} ({'#' * level})"


def _heading_counts(headings: tuple[Heading, ...]) -> str:
    counts = Counter(h.level for h in headings)
    if not counts:
        return "no headings"
    parts = [f"{counts[level]} at {_level(level)}" for level in sorted(counts)]
    return ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]


def _headings(before: _Text, after: _Text) -> list[Difference]:
    theirs, ours = before.outline.headings, after.outline.headings
    if [h.level for h in theirs] == [h.level for h in ours]:
        return []
    counts = (f"the original has {_heading_counts(theirs)}, this translation "
              f"{_heading_counts(ours)}")
    if sorted(h.level for h in theirs) == sorted(h.level for h in ours):
        counts = f"both have {_heading_counts(ours)}, in another order"
    index = next(i for i in range(max(len(theirs), len(ours)))
                 if i >= len(theirs) or i >= len(ours) or theirs[i].level != ours[i].level)
    if index < len(ours) and index < len(theirs):
        line, detail = ours[index].line, (
            f'"{ours[index].text}" is at {_level(ours[index].level)}, where the original has '
            f'"{theirs[index].text}" at {_level(theirs[index].level)} '
            f"({_at(before, theirs[index].line)})")
    elif index < len(ours):
        line, detail = ours[index].line, (
            f'"{ours[index].text}" is one heading more than the original has'
            + (f' (its last is "{theirs[-1].text}", {_at(before, theirs[-1].line)})'
               if theirs else ""))
    else:
        missing = theirs[index]
        line = ours[-1].line if ours else after.source.body_line
        detail = (f'the original then has "{missing.text}" at {_level(missing.level)} '
                  f"({_at(before, missing.line)}), and this translation has no heading there")
    return [Difference("heading", after.source.src_path, line,
                       f"The headings differ from the original's ({counts}). "
                       f"The first difference: {detail}.")]


# Lists -----------------------------------------------------------------------------------------

def _items(count: int) -> str:
    return f"{count} item{'' if count == 1 else 's'}"


def _lists(before: _Text, after: _Text) -> list[Difference]:
    theirs, ours = before.outline.lists, after.outline.lists
    for index in range(max(len(theirs), len(ours))):
        if index >= len(theirs):
            return [Difference("list", after.source.src_path, ours[index].line,
                               f"This list is not in the original: the original has "
                               f"{_lists_count(theirs)}, this translation {_lists_count(ours)}.")]
        if index >= len(ours):
            missing = theirs[index]
            line = after.section_line(_section_of(before, missing.line))
            return [Difference("list", after.source.src_path, line,
                               f"The original has a list of {_items(len(missing.items))} here "
                               f"({_at(before, missing.line)}) that this translation does not "
                               f"have: the original has {_lists_count(theirs)}, this "
                               f"translation {_lists_count(ours)}.")]
        if len(theirs[index].items) != len(ours[index].items):
            return [Difference("list", after.source.src_path, ours[index].line,
                               f"This list has {_items(len(ours[index].items))}; the original's "
                               f"list at this place has {len(theirs[index].items)} "
                               f"({_at(before, theirs[index].line)}).")]
    return []


def _lists_count(lists: tuple[ListBlock, ...]) -> str:
    return f"{len(lists)} list{'' if len(lists) == 1 else 's'}"


def _section_of(text: _Text, line: int) -> int:
    """Which section of text a line is in: 0 before the first heading, 1 under the first..."""
    return sum(1 for heading in text.outline.headings if heading.line <= line)


# Links, phone numbers, e-mail addresses, numbers -----------------------------------------------

MISSING = {
    "link": "The original links to {shown} ({at}); this translation does not.",
    "phone": "The original gives the phone number {shown} ({at}); this translation does not "
             "show it.",
    "email": "The original gives the e-mail address {shown} ({at}); this translation does not "
             "show it.",
    "number": 'The original has "{shown}" ({at}); this translation does not have that number '
              "or date.",
}
EXTRA = {
    "link": "This translation links to {shown}, which the original does not.",
    "phone": "This translation gives the phone number {shown}, which is not in the original.",
    "email": "This translation gives the e-mail address {shown}, which is not in the original.",
    "number": 'This translation has "{shown}", a number or date that is not in the original.',
}


def _facts(before: _Text, after: _Text) -> list[Difference]:
    theirs, ours = _first_of_each(before.outline.facts), _first_of_each(after.outline.facts)
    found = []
    for key, fact in theirs.items():
        if key not in ours:
            found.append(Difference(fact.kind, after.source.src_path, _place(before, after, fact),
                                    MISSING[fact.kind].format(shown=fact.shown,
                                                              at=_at(before, fact.line))))
    for key, fact in ours.items():
        if key not in theirs:
            found.append(Difference(fact.kind, after.source.src_path, fact.line,
                                    EXTRA[fact.kind].format(shown=fact.shown)))
    return found


def _first_of_each(facts: tuple[Fact, ...]) -> dict[tuple[str, str], Fact]:
    first: dict[tuple[str, str], Fact] = {}
    for fact in facts:
        first.setdefault((fact.kind, fact.value), fact)
    return first


def _place(before: _Text, after: _Text, fact: Fact) -> int:
    """Where a fact of the original belongs in the translation: the same front-matter field, or
    the section at the same place."""
    for name in FRONT_TEXTS:
        if before.source.field_lines.get(name) == fact.line:
            return after.front_line(name)
    return after.section_line(_section_of(before, fact.line))
