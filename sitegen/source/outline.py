"""The outline of a Markdown text, each part with the line it is on: its headings, its lists
and their items, and the facts of its lines (sitegen.facts: links, phone numbers, e-mail
addresses, numbers and dates).

This is what a translation must keep from its original; sitegen.parity compares the two. It reads
line by line, as people write these files, not as a full Markdown parser: fenced code is skipped,
and only `#` headings count (the same rule as the section fingerprints in sitegen.translations).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from .facts import Fact, facts_of, target_facts

HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
FENCE_RE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
ITEM_RE = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
BREAK_RE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
DEFINITION_RE = re.compile(r"^ {0,3}\[(?!\^)[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$")  # not [^1]:


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    line: int


@dataclass
class ListBlock:
    """One list (a nested list is a list of its own), with the line of each item."""

    line: int
    indent: int
    content_column: int
    ordered: bool
    items: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class Outline:
    headings: tuple[Heading, ...]
    lists: tuple[ListBlock, ...]
    facts: tuple[Fact, ...]


def text_lines(body: str) -> Iterator[tuple[int, str]]:
    """(index, line) of every line of body outside fenced code."""
    fence = ""
    for index, line in enumerate(body.split("\n")):
        match = FENCE_RE.match(line)
        if fence:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = ""
            continue
        if match:
            fence = match.group(1)
            continue
        yield index, line


def heading_of(line: str) -> tuple[int, str] | None:
    """(level, text) when line is a `#` heading."""
    match = HEADING_RE.match(line)
    return (len(match.group(1)), match.group(2)) if match else None


def outline(body: str, first_line: int, src_path: str, langs: tuple[str, ...], locale: str,
            texts: dict[str, tuple[str, int]] | None = None) -> Outline:
    """The outline of body (whose first line is first_line of the file src_path), and the facts
    of body and of texts (front-matter field -> (text, line), such as the summary)."""
    headings, facts = [], []
    lists = _ListReader()
    for text, text_line in (texts or {}).values():
        facts.extend(facts_of(text, text_line, src_path, langs, locale))
    for index, line in text_lines(body):
        number = first_line + index
        heading = heading_of(line)
        if heading:
            headings.append(Heading(heading[0], heading[1], number))
        if heading or BREAK_RE.match(line):
            lists.close_all()
        else:
            lists.read(line, number)
        definition = DEFINITION_RE.match(line)
        if definition:
            facts.extend(target_facts(definition.group(1), number, src_path, langs))
            continue
        item = ITEM_RE.match(line)
        content = line[item.end():] if item and not BREAK_RE.match(line) else line
        facts.extend(facts_of(content.lstrip("#"), number, src_path, langs, locale))
    return Outline(tuple(headings), tuple(lists.done), tuple(facts))


class _ListReader:
    """Groups list items into lists, line by line: siblings share an indent, a deeper item
    opens a nested list, and a paragraph after a blank line ends the lists it is not inside."""

    def __init__(self) -> None:
        self.open: list[ListBlock] = []
        self.done: list[ListBlock] = []
        self.blank = False

    def read(self, line: str, number: int) -> None:
        if not line.strip():
            self.blank = True
            return
        indent = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())
        item = ITEM_RE.match(line)
        if item:
            ordered = item["marker"][0].isdigit()
            while self.open and (indent < self.open[-1].indent
                                 or indent < self.open[-1].content_column
                                 and self.open[-1].ordered != ordered):
                self.open.pop()
            top = self.open[-1] if self.open else None
            if top is None or indent >= top.content_column:
                top = ListBlock(number, indent, len(item.group(0).expandtabs(4)), ordered)
                self.open.append(top)
                self.done.append(top)
            top.items.append(number)
        elif self.blank:
            while self.open and indent < self.open[-1].content_column:
                self.open.pop()
        self.blank = False

    def close_all(self) -> None:
        self.open.clear()
        self.blank = False
