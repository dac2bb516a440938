"""A Markdown body cut into the pieces a translator translates, and put back together.

Each heading, paragraph, list item, table cell and quoted paragraph is a segment; everything
else (list markers, heading levels, {#anchors}, table rules, code blocks, blank lines) is kept
as it is, so that text put back into the same skeleton gives the same structure:

    ## When {#when}          ->  "## " + segment("When") + " {#when}"
    - Free for everyone       ->  "- " + segment("Free for everyone")
"""

from __future__ import annotations

import re
from dataclasses import dataclass

HEADING_RE = re.compile(r"^(#{1,6}[ \t]+)(.*?)([ \t]+\{#[^}]*\})?[ \t]*$")
ITEM_RE = re.compile(r"^([ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+)(.*)$")
QUOTE_RE = re.compile(r"^([ \t]*>[ \t]?)(.*)$")
FENCE_RE = re.compile(r"^[ \t]*(```|~~~)")
RULE_RE = re.compile(r"^[ \t]*([-*_][ \t]*){3,}$")
TABLE_RULE_RE = re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$")
DEFINITION_RE = re.compile(r"^[ \t]{0,3}\[[^\]]+\]:[ \t]*\S")
LINK_TARGET_RE = re.compile(r"\]\(([^)\s]+)(?:[ \t]+\"[^\"]*\")?\)")


@dataclass(frozen=True)
class Segment:
    kind: str  # heading, paragraph, item, cell, quote
    text: str
    line: int  # 1-based line of the body where it starts


@dataclass(frozen=True)
class Skeleton:
    """A body as literal parts and segments, in order: str parts are kept, Segment parts are
    translated. join() puts the text of each segment back in its place."""

    parts: tuple[str | Segment, ...]

    @property
    def segments(self) -> list[Segment]:
        return [part for part in self.parts if isinstance(part, Segment)]

    def join(self, texts: list[str]) -> str:
        given = iter(texts)
        out = []
        for part in self.parts:
            if isinstance(part, Segment):
                text = next(given)
                out.append(text.replace("\n", "\n" + _continuation(part)) if part.kind in (
                    "item", "quote") else text)
            else:
                out.append(part)
        return "".join(out)

    def shape(self) -> tuple[str, ...]:
        """The kinds of its segments, in order: two bodies of the same shape line up."""
        return tuple(segment.kind for segment in self.segments)


def _continuation(segment: Segment) -> str:
    return "> " if segment.kind == "quote" else "  "


def link_targets(text: str) -> list[str]:
    """The targets of the Markdown links of a text, in order."""
    return LINK_TARGET_RE.findall(text)


def cut(body: str) -> Skeleton:
    """The skeleton of a Markdown body."""
    lines = body.split("\n")
    parts: list[str | Segment] = []
    index = 0

    def keep(text: str) -> None:
        parts.append(text)

    while index < len(lines):
        line = lines[index]
        ending = "\n" if index < len(lines) - 1 else ""
        if FENCE_RE.match(line):  # a code block: kept whole, never translated
            fence = FENCE_RE.match(line).group(1)  # type: ignore[union-attr]
            block = [line]
            index += 1
            while index < len(lines):
                block.append(lines[index])
                index += 1
                if lines[index - 1].strip().startswith(fence):
                    break
            keep("\n".join(block) + ("\n" if index < len(lines) else ""))
            continue
        if not line.strip() or RULE_RE.match(line) or TABLE_RULE_RE.match(line) \
                or DEFINITION_RE.match(line):
            keep(line + ending)
            index += 1
            continue
        heading = HEADING_RE.match(line)
        if heading:
            keep(heading.group(1))
            parts.append(Segment("heading", heading.group(2), index + 1))
            keep((heading.group(3) or "") + ending)
            index += 1
            continue
        if line.lstrip().startswith("|"):
            _cut_row(line, index + 1, parts)
            keep(ending)
            index += 1
            continue
        for kind, pattern in (("item", ITEM_RE), ("quote", QUOTE_RE)):
            found = pattern.match(line)
            if found:
                text = [found.group(2)]
                start = index
                index += 1
                # lines that continue the item or quote (indented, or quoted again)
                while index < len(lines) and lines[index].strip() and not ITEM_RE.match(
                        lines[index]) and not HEADING_RE.match(lines[index]):
                    follow = lines[index]
                    if kind == "quote":
                        more = QUOTE_RE.match(follow)
                        if not more:
                            break
                        text.append(more.group(2))
                    elif follow.startswith((" ", "\t")):
                        text.append(follow.strip())
                    else:
                        break
                    index += 1
                keep(found.group(1))
                parts.append(Segment(kind, "\n".join(text), start + 1))
                keep("\n" if index < len(lines) else "")
                break
        else:
            start = index
            text = []
            while index < len(lines) and lines[index].strip() and not any(
                    pattern.match(lines[index]) for pattern in (HEADING_RE, ITEM_RE, QUOTE_RE,
                                                                FENCE_RE)) \
                    and not lines[index].lstrip().startswith("|"):
                text.append(lines[index])
                index += 1
            parts.append(Segment("paragraph", "\n".join(text), start + 1))
            keep("\n" if index < len(lines) else "")
    return Skeleton(tuple(_merge(parts)))


def _cut_row(line: str, number: int, parts: list[str | Segment]) -> None:
    """A table row: each cell's text is a segment, the pipes and spaces are kept."""
    for piece in re.split(r"(\s*(?<!\\)\|\s*)", line):
        if not piece:
            continue
        if re.fullmatch(r"\s*(?<!\\)\|\s*", piece):
            parts.append(piece)
        else:
            parts.append(Segment("cell", piece, number))


def _merge(parts: list[str | Segment]) -> list[str | Segment]:
    """Adjacent literal parts as one."""
    merged: list[str | Segment] = []
    for part in parts:
        if isinstance(part, str) and merged and isinstance(merged[-1], str):
            merged[-1] += part
        elif part != "":
            merged.append(part)
    return merged
