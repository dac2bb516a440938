"""YAML with line numbers: parse text into plain values plus a map from each key path to its line."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from ..errors import ContentError
from ..limits import MAX_YAML_DEPTH

try:  # the C loader is several times faster; fall back when libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

KeyPath = tuple[Any, ...]


@dataclass(frozen=True)
class Located:
    """Parsed YAML data and the line (1-based, in the whole file) of every mapping key and list item."""

    data: Any
    lines: dict[KeyPath, int]
    src_path: str

    def line_of(self, path: KeyPath) -> int:
        """The line of path, or of its nearest parent that has one."""
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path, 1)


def parse_yaml(text: str, src_path: str, first_line: int = 1) -> Located:
    """Parse text, whose first line is line first_line of src_path; raise ContentError on bad YAML."""
    try:
        _check_bounds(text, src_path, first_line)
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        raise _friendly_yaml_error(exc, text, src_path, first_line) from None
    except yaml.YAMLError as exc:
        raise ContentError(f"This YAML could not be read: {exc}", src_path, first_line) from None
    if node is None:
        return Located({}, {(): first_line}, src_path)
    lines: dict[KeyPath, int] = {}
    _record_lines(node, (), lines, first_line, src_path)
    try:
        data = yaml.constructor.SafeConstructor().construct_document(node)
    except yaml.MarkedYAMLError as exc:  # e.g. an unknown !tag
        raise _friendly_yaml_error(exc, text, src_path, first_line) from None
    except ValueError:  # a date that does not exist, such as 2026-02-30
        raise _impossible_value(node, src_path, first_line) from None
    return Located(data, lines, src_path)


OPENING = (yaml.BlockMappingStartToken, yaml.BlockSequenceStartToken,
           yaml.FlowMappingStartToken, yaml.FlowSequenceStartToken)
CLOSING = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)


def _check_bounds(text: str, src_path: str, first_line: int) -> None:
    """Refuse references (&anchor, *alias) and deep nesting from the tokens alone, before any
    value is built: a few lines of references can stand for billions of values, and the YAML
    library slows down, then crashes, on thousands of nested lists. The scan stops at the first
    problem, so it never meets the deep part."""
    depth = 0
    for token in yaml.scan(text, Loader=_Loader):
        if isinstance(token, (yaml.AliasToken, yaml.AnchorToken)):
            raise ContentError(
                "A value starts with * or &, which YAML reads as a reference to another value; "
                "references are not allowed here.", src_path,
                token.start_mark.line + first_line,
                'If the value is text, put it in double quotes, for example: note: "*Free*"')
        if isinstance(token, OPENING):
            depth += 1
            if depth > MAX_YAML_DEPTH:
                raise ContentError(
                    f"The values here are nested more than {MAX_YAML_DEPTH} levels deep.",
                    src_path, token.start_mark.line + first_line,
                    "Lists and groups of fields need only a few levels: check the indentation "
                    "and the brackets [ ] and { }.")
        elif isinstance(token, CLOSING):
            depth -= 1


def _impossible_value(node: yaml.Node, src_path: str, first_line: int) -> ContentError:
    """Find the scalar that could not be built (the constructor does not say which)."""
    constructor = yaml.constructor.SafeConstructor()
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.ScalarNode):
            try:
                constructor.construct_object(current)
            except ValueError:
                return ContentError(f'"{current.value}" is not a real date.', src_path,
                                    current.start_mark.line + first_line,
                                    "Check the day and month, written year-month-day, for "
                                    "example 2026-03-14.")
        elif isinstance(current, yaml.MappingNode):
            stack.extend(value for pair in current.value for value in pair)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
    return ContentError("A value could not be read.", src_path, first_line)


def _record_lines(node: yaml.Node, path: KeyPath, lines: dict[KeyPath, int],
                  first_line: int, src_path: str) -> None:
    lines[path] = node.start_mark.line + first_line
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            line = key_node.start_mark.line + first_line
            if key in seen:
                raise ContentError(
                    f'"{key}" appears twice (first on line {seen[key]}).', src_path, line,
                    "Keep one of them and delete the other.")
            seen[key] = line
            _record_lines(value_node, path + (key,), lines, first_line, src_path)
            lines[path + (key,)] = line
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_lines(item, path + (index,), lines, first_line, src_path)


def _friendly_yaml_error(exc: yaml.MarkedYAMLError, text: str, src_path: str,
                         first_line: int) -> ContentError:
    mark = exc.problem_mark or exc.context_mark
    line = (mark.line if mark else 0) + first_line
    offending = text.splitlines()[mark.line] if mark and mark.line < len(text.splitlines()) else ""
    problem = exc.problem or ""
    if "\t" in offending or "'\\t'" in problem:
        return ContentError(
            "This line is indented with a tab; YAML needs spaces.", src_path, line,
            "Replace each tab at the start of the line with two spaces, for example:\n"
            "audiences:\n  - youth")
    if "mapping values are not allowed" in problem:
        return ContentError(
            "A value contains a colon (:) that YAML reads as a new field.", src_path, line,
            'Put the whole value in double quotes, for example:\ntitle: "Safety: what to do"')
    if "alias" in problem or "anchor" in problem or "alias" in (exc.context or ""):
        return ContentError(
            "A value starts with * or &, which YAML reads as a reference to another value; "
            "references are not allowed here.", src_path, line,
            'If the value is text, put it in double quotes, for example: note: "*Free*"')
    detail = f"{exc.context + ', ' if exc.context else ''}{problem}".strip(", ")
    return ContentError(f"This YAML could not be read ({detail}).", src_path, line,
                        "Check the indentation and quotes on this line and the one above it.")
