"""Output for people at a terminal: colours (only on a terminal, never with NO_COLOR) and a
progress line for builds that take more than a moment."""

from __future__ import annotations

import os
import sys
import time
from collections import Counter
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:  # the model is only named here: importing it would slow every command down
    from ..source.model import Page

COLOURS = {"error": "\033[1;31m", "warning": "\033[33m", "ok": "\033[32m"}
RESET = "\033[0m"
PROGRESS_AFTER = 0.5  # seconds: quick builds print no progress at all
# seconds between the lines that say how long work is getting on where a line cannot be
# rewritten (a CI log)
PLAIN_PROGRESS_EVERY = 30.0


def use_colour(stream: TextIO) -> bool:
    return stream.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def paint(text: str, kind: str, stream: TextIO) -> str:
    return f"{COLOURS[kind]}{text}{RESET}" if use_colour(stream) else text


class Progress:
    """Rewrites one line on a terminal: "Rendering pages: en 120/1000, fr 80/1000"."""

    def __init__(self, totals: dict[str, int] | None = None, stream: TextIO = sys.stderr) -> None:
        self.stream, self.totals = stream, totals or {}
        self.done: Counter[str] = Counter()
        self.start = time.monotonic()
        self.last_draw = 0.0
        self.shown = False
        self.enabled = stream.isatty()

    def page(self, page: Page) -> None:
        self.done[page.lang] += 1
        now = time.monotonic()
        if not self.enabled or now - self.start < PROGRESS_AFTER or now - self.last_draw < 0.1:
            return
        self.last_draw = now
        parts = [f"{lang} {count}/{self.totals[lang]}" if lang in self.totals
                 else f"{lang} {count}" for lang, count in self.done.items()]
        self.stream.write("\r\033[KRendering pages: " + ", ".join(parts))
        self.stream.flush()
        self.shown = True

    def count(self, work: str, done: int, total: int) -> None:
        """How long work other than the pages is getting on: "Checking pages in Chromium:
        120/4947" (on a terminal; elsewhere, such as in a CI log, a line now and then)."""
        now = time.monotonic()
        if self.enabled:
            if now - self.start < PROGRESS_AFTER or now - self.last_draw < 0.1:
                return
            self.stream.write(f"\r\033[K{work}: {done}/{total}")
            self.shown = True
        elif now - max(self.start, self.last_draw) >= PLAIN_PROGRESS_EVERY:
            self.stream.write(f"{work}: {done}/{total}\n")
        else:
            return
        self.stream.flush()
        self.last_draw = now

    def finish(self) -> None:
        if self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self.shown = False
