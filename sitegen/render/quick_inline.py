"""Python-Markdown's inline step, made quicker, with the very same output.

The inline step tries every inline pattern (links, emphasis, code...) on every piece of text of
a document, each a regular expression and a few Python calls: most of a conversion's time. Yet
each pattern needs a character of its own to match at all: a link a "[", emphasis a "*" or a
"_", an entity a "&". So a piece of text meets only the patterns whose characters it holds, and
plain text none. Skipping a pattern that cannot match is what trying it would have done: a
pattern that matches only puts a placeholder in its place (which holds none of those
characters), so the text is looked at again before each pattern.

It applies only to the patterns it knows: when a converter has any other (an extension's, a
later Python-Markdown's), every piece of text goes through all the patterns, as before."""

from __future__ import annotations

import functools
import re
from typing import Any

import markdown
from markdown import util
from markdown.treeprocessors import InlineProcessor

# What each of Python-Markdown's inline patterns needs in a piece of text to match: each
# pattern's expression holds one of these, literally, in every match (Python-Markdown 3.x).
PATTERN_NEEDS = {
    "backtick": ("`",), "escape": ("\\",),
    "reference": ("[",), "link": ("[",), "short_reference": ("[",),
    "image_link": ("[",), "image_reference": ("[",), "short_image_ref": ("[",),
    "autolink": ("<",), "automail": ("<",), "html": ("<",),
    "linebreak": ("  \n",), "entity": ("&",), "em_strong": ("*", "_"),
}
# Python-Markdown's own methods for one piece of text, and for one pattern on it
# (name-mangled: they are private)
_HANDLE = "_InlineProcessor__handleInline"
_APPLY = "_InlineProcessor__applyPattern"


class QuickInlineProcessor(InlineProcessor):
    """The inline step, trying on each piece of text only the patterns whose characters it
    holds (none, for plain text)."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.needs: re.Pattern[str] | None = None  # what any pattern needs; None: try all
        self.patterns: list[tuple[Any, tuple[str, ...]]] = []  # in order, with their needs

    def run(self, tree: Any, ancestors: list[str] | None = None) -> Any:
        # the patterns as registered now: extensions register theirs after this step is made
        registry = self.inlinePatterns
        known = sorted((registry.get_index_for_name(name), name) for name in PATTERN_NEEDS
                       if name in registry)
        self.needs = None
        if len(known) == len(registry) and hasattr(InlineProcessor, _APPLY):
            self.patterns = [(registry[index], PATTERN_NEEDS[name]) for index, name in known]
            self.needs = _needs(tuple(name for _, name in known))
        return super().run(tree, ancestors)

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802
        if self.needs is None or isinstance(data, util.AtomicString):
            return getattr(super(), _HANDLE)(data, patternIndex)  # type: ignore[no-any-return]
        if self.needs.search(data) is None:
            return data
        # Python-Markdown's loop, past the patterns whose characters the text does not hold
        apply = getattr(self, _APPLY)
        start = 0
        while patternIndex < len(self.patterns):
            pattern, needs = self.patterns[patternIndex]
            if any(text in data for text in needs):
                data, matched, start = apply(pattern, data, patternIndex, start)
                if matched:
                    continue
            patternIndex, start = patternIndex + 1, 0
        return data


@functools.lru_cache(maxsize=8)
def _needs(names: tuple[str, ...]) -> re.Pattern[str]:
    """What a piece of text must hold for one of these patterns to match."""
    needed = {text for name in names for text in PATTERN_NEEDS[name]}
    return re.compile("|".join(map(re.escape, sorted(needed))))


INLINE_PRIORITY = 20  # where Python-Markdown puts its inline step (build_treeprocessors)


def install(md: markdown.Markdown) -> None:
    """Put the quicker inline step in place of Python-Markdown's, at the same place."""
    md.treeprocessors.register(QuickInlineProcessor(md), "inline", INLINE_PRIORITY)
