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
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")
MIN_ITEMS_PER_JOB = 40  # below this, starting a worker costs more than it saves
CHUNK_ITEMS = 100  # items a worker takes at once
_TASK: Callable[[Any], Any] | None = None  # the function workers run, set before forking


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


def map_in_order(task: Callable[[T], R], items: Sequence[T], jobs: int,
                 min_per_job: int = MIN_ITEMS_PER_JOB) -> list[R]:
    """[task(item) for item in items], in worker processes when jobs > 1 and each would have
    at least min_per_job items (fewer when each item is long work)."""
    jobs = min(jobs, len(items) // min_per_job)
    if jobs <= 1 or not can_fork():
        return [task(item) for item in items]
    global _TASK
    _TASK = task
    try:
        context = multiprocessing.get_context("fork")
        # small chunks: a worker's results come back a chunk at a time, so that the results
        # of many items never wait whole in a pipe, and an idle worker takes the next chunk
        size = max(1, min(CHUNK_ITEMS, -(-len(items) // jobs)))
        chunks = [list(range(start, min(start + size, len(items))))
                  for start in range(0, len(items), size)]
        # an executor, not a Pool: a worker that dies or a result that cannot come back raises
        # here, where a Pool would wait for ever
        with ProcessPoolExecutor(jobs, mp_context=context) as pool:
            parts = list(pool.map(_run_chunk, [[items[i] for i in chunk] for chunk in chunks]))
    finally:
        _TASK = None
    results: list[Any] = [None] * len(items)
    for chunk, part in zip(chunks, parts):
        for index, result in zip(chunk, part):
            results[index] = result
    return results


def _run_chunk(chunk: list[Any]) -> list[Any]:
    assert _TASK is not None
    return [_TASK(item) for item in chunk]
