"""The documented bounds on what a content or config file may hold, and the guard that stops work
on a file that takes too long, so that no input can stop the build or the computer it runs on.

The numbers are generous for real pages (the longest page of the default site is about 6 KB,
nested 3 levels deep) and far below what would slow a build down. docs/security.md lists them."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

MAX_FILE_BYTES = 1_000_000  # a content, config, taxonomy, template or catalog file
MAX_STATIC_BYTES = 20_000_000  # an image or other file under static/
MAX_YAML_DEPTH = 20  # lists and groups inside each other, in front matter and config
MAX_NESTING = 50  # lists, quotes and HTML elements inside each other, in a page's text
MAX_INDENT_COLUMNS = 4 * MAX_NESTING  # how far a line of Markdown may be indented
SECONDS_PER_PAGE = 10  # converting one page's text to HTML


class TooSlow(Exception):
    """Raised inside the guarded block when its time is up."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise TooSlow in the block after seconds of wall time.

    A timer signal interrupts Python code and regular expressions alike. Signals reach only the
    main thread, so in another thread (the live preview rebuilds in one) the block runs
    unguarded: the size and nesting limits still bound it there."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal,
                                                                                  "setitimer"):
        yield
        return

    def stop(_signum: int, _frame: object) -> None:
        raise TooSlow()

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
