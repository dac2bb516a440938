"""Python-Markdown's inline step, made quicker for plain text and unchanged otherwise.

The inline step tries every inline pattern (links, emphasis, code...) on every piece of text of
a document, each a regular expression and a few Python calls: most of a conversion's time. Yet
each pattern needs a character of its own to match at all: a link a "[", emphasis a "*" or a
"_", an entity a "&". A piece of text that holds none of them is left as it is at once, which is
what the patterns would have done one by one. Matching a pattern only puts a placeholder in
the text (which holds none of those characters): what the text held before tells which
patterns it can match.

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
# Python-Markdown's own method for one piece of text (name-mangled: it is private).
_HANDLE = "_InlineProcessor__handleInline"


class QuickInlineProcessor(InlineProcessor):
    """The inline step, with plain text (no character any pattern needs) left as it is."""

    needs: re.Pattern[str] | None = None

    def run(self, tree: Any, ancestors: list[str] | None = None) -> Any:
        # the patterns as registered now: extensions register theirs after this step is made
        known = tuple(name for name in PATTERN_NEEDS if name in self.inlinePatterns)
        self.needs = _needs(known) if len(known) == len(self.inlinePatterns) else None
        return super().run(tree, ancestors)

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802
        if self.needs is not None and not isinstance(data, util.AtomicString) \
                and self.needs.search(data) is None:
            return data
        handle = getattr(super(), _HANDLE)
        return handle(data, patternIndex)  # type: ignore[no-any-return]


@functools.lru_cache(maxsize=8)
def _needs(names: tuple[str, ...]) -> re.Pattern[str] | None:
    """What a piece of text must hold for one of these patterns to match; None when
    Python-Markdown's inline step is not as known here."""
    if not hasattr(InlineProcessor, _HANDLE):
        return None
    needed = {text for name in names for text in PATTERN_NEEDS[name]}
    return re.compile("|".join(map(re.escape, sorted(needed))))


INLINE_PRIORITY = 20  # where Python-Markdown puts its inline step (build_treeprocessors)


def install(md: markdown.Markdown) -> None:
    """Put the quicker inline step in place of Python-Markdown's, at the same place."""
    md.treeprocessors.register(QuickInlineProcessor(md), "inline", INLINE_PRIORITY)
