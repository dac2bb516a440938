"""Work spread over the computer's cores: the build's slow steps (reading content, Markdown,
templates) run in worker processes that inherit everything the build has read (forked, so
nothing is copied up front), each taking the next chunk of items when it is free. Results come
back in the items' order, so a parallel build writes exactly the bytes of a serial one.

Where processes cannot be forked (Windows, macOS's default), or when one job is asked for,
the work runs in this process."""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Generator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")
MIN_ITEMS_PER_JOB = 40  # below this, starting a worker costs more than it saves
CHUNK_ITEMS = 100  # items a worker takes at once
# the function workers run and the items they run it on, set before forking: a worker is
# sent only where its chunk starts and ends (pickling the items would copy them all, and
# would give each object a dictionary of its own that stays)
_TASK: Callable[[Any], Any] | None = None
_ITEMS: Sequence[Any] = ()


def default_jobs() -> int:
    """As many jobs as cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def can_fork() -> bool:
    """Forking is safe only from a process running one thread: the live preview's server
    threads could hold locks that a forked worker would wait on forever."""
    return "fork" in multiprocessing.get_all_start_methods() and \
        threading.active_count() == 1


def in_workers(count: int, jobs: int, min_per_job: int = MIN_ITEMS_PER_JOB) -> bool:
    """Whether iter_in_order runs count items in worker processes."""
    return _workers(count, jobs, min_per_job) > 1


def _workers(count: int, jobs: int, min_per_job: int) -> int:
    """How many worker processes iter_in_order runs count items in (1: this process)."""
    jobs = min(jobs, count // min_per_job)
    return jobs if jobs > 1 and can_fork() else 1


def map_in_order(task: Callable[[T], R], items: Sequence[T], jobs: int,
                 min_per_job: int = MIN_ITEMS_PER_JOB) -> list[R]:
    """[task(item) for item in items], in worker processes when jobs > 1 and each would have
    at least min_per_job items (fewer when each item is long work)."""
    return list(iter_in_order(task, items, jobs, min_per_job))


def iter_in_order(task: Callable[[T], R], items: Sequence[T], jobs: int,
                  min_per_job: int = MIN_ITEMS_PER_JOB) -> Generator[R, None, None]:
    """task(item) for each item, in order, as map_in_order computes them, given as each chunk
    comes back: a caller that uses each result and lets it go never holds them all at once.
    One at a time: the workers find the task and the items where this sets them, until every
    result is given (or the caller stops early)."""
    jobs = _workers(len(items), jobs, min_per_job)
    if jobs == 1:
        yield from (task(item) for item in items)
        return
    global _TASK, _ITEMS
    _TASK, _ITEMS = task, items
    try:
        context = multiprocessing.get_context("fork")
        # small chunks: a worker's results come back a chunk at a time, so that the results
        # of many items never wait whole in a pipe, and an idle worker takes the next chunk
        size = max(1, min(CHUNK_ITEMS, -(-len(items) // jobs)))
        chunks = [(start, min(start + size, len(items))) for start in range(0, len(items), size)]
        # an executor, not a Pool: a worker that dies or a result that cannot come back raises
        # here, where a Pool would wait for ever
        with ProcessPoolExecutor(jobs, mp_context=context) as pool:
            for part in pool.map(_run_chunk, chunks):
                yield from part
    finally:
        _TASK, _ITEMS = None, ()


def _run_chunk(bounds: tuple[int, int]) -> list[Any]:
    assert _TASK is not None
    start, stop = bounds
    return [_TASK(item) for item in _ITEMS[start:stop]]
