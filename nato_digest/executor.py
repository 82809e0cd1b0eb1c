"""Runs one pure per-item function (a Pipeline, a Segmenter) over a stream: serially, on a pool of
local processes, or on a Dask distributed cluster. Results come in input order, and only a
bounded window of items is in flight, so memory does not grow with the length of the stream.

The function is sent to each worker once (inherited by fork, or pickled once per worker, or
scattered once to a cluster); each item and each result then crosses the process boundary by
pickle — inter-process communication, nothing written to disk.
"""

from __future__ import annotations

import gc
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

SCHEDULER_VARIABLE = "NATO_DIGEST_SCHEDULER"

WINDOW_PER_JOB = 8
"""Items in flight per worker: enough to keep every worker busy while the results are read in
order, few enough that memory stays flat."""


SHORT_PER_JOB = 2
"""Fewer items per worker than this are run in the command's process."""


def _nothing() -> None:
    pass


def available_cores() -> int:
    """The processors this process may run on (a container's or taskset's limit, not the host's)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


@dataclass(frozen=True)
class Executor:
    """How to run: ``jobs`` local processes (1: in this process), or a Dask ``scheduler`` address."""

    jobs: int = 1
    scheduler: str | None = None

    def map(
        self, function: Callable[[Any], Any], items: Iterable[Any], per_job: int = WINDOW_PER_JOB, meanwhile: Callable[[], None] = _nothing
    ) -> Iterator[Any]:
        """``function`` of each item, in input order, ``per_job`` items in flight per worker (fewer
        when each item is a batch of articles). A stream of fewer than ``SHORT_PER_JOB`` items per
        job is run here: a pool is not worth its start. The first item is always run here, so that
        the models and tables it loads are loaded once, before the fork; serially, they are then
        frozen out of the garbage collector's full passes, as before a fork (which traverse every
        object each time; see _settle_collector). ``meanwhile`` is called once, here, while
        the workers run the first window (the command loads what its next pass needs), or at the
        end when no pool runs."""
        items = iter(items)
        meanwhile = _collector_paused(meanwhile)
        if self.scheduler:
            _settle_collector()
            yield from _dask_map(function, items, self.scheduler, per_job, meanwhile)
            return
        if self.jobs <= 1:
            yield from _serial_map(function, items, meanwhile)
            return
        window = self.jobs * per_job
        first = list(islice(items, window))
        if len(first) < self.jobs * min(per_job, SHORT_PER_JOB):
            yield from _serial_map(function, iter(first), meanwhile)
            return
        yield function(first[0])  # here first: the caches it fills are then shared by fork
        yield from _pool_map(function, _chain(first[1:], items), self.jobs, window, meanwhile)


def executor(jobs: int | None = None, scheduler: str | None = None) -> Executor:
    """The executor the options ask for: a scheduler given or set in NATO_DIGEST_SCHEDULER wins;
    else ``jobs`` processes, by default one per available core."""
    address = scheduler or os.environ.get(SCHEDULER_VARIABLE) or None
    return Executor(jobs or available_cores(), address)


def batched(items: Iterable[Any], size: int, first: int | None = None) -> Iterator[list[Any]]:
    """Successive lists of ``size`` items (the last shorter): itertools.batched before Python 3.12;
    the first list ``first`` items long when given (one: the batch run before a pool starts is short)."""
    items = iter(items)
    if first is not None and (batch := list(islice(items, first))):
        yield batch
    while batch := list(islice(items, size)):
        yield batch


def _chain(first: list[Any], rest: Iterator[Any]) -> Iterator[Any]:
    yield from first
    yield from rest


def _in_order(
    submit: Callable[[Any], Any], result: Callable[[Any], Any], items: Iterator[Any], window: int, meanwhile: Callable[[], None]
) -> Iterator[Any]:
    """Submit a window of items, then one more for each result handed back, the oldest first.
    ``meanwhile`` runs once the first window is submitted, before any result is awaited."""
    pending = deque(submit(item) for item in islice(items, window))
    meanwhile()
    while pending:
        yield result(pending.popleft())
        pending.extend(submit(item) for item in islice(items, 1))


# ---------------------------------------------------------------------------------------------
# Local processes

_worker_function: Callable[[Any], Any] | None = None
PARENT_CHECK_SECONDS = 0.5


def _install(function: Callable[[Any], Any]) -> None:
    global _worker_function
    _worker_function = function
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the command's to handle, not each worker's
    threading.Thread(target=_exit_with, args=(os.getppid(),), daemon=True).start()


def _exit_with(parent: int) -> None:
    """A worker ends when the command does, even when it was killed (by SIGPIPE under ``| head``)
    and could not shut its pool down: it is then an orphan, its parent another process."""
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(0)


YOUNG_COLLECTION = 20_000
"""Allocations between the collector's passes over young objects (Python's default: 700). An
analysis makes tens of thousands of short-lived tuples per article (tokens, spans), freed by
their reference counts; a pass every 700 of them walks memory for cycles that are rarely there:
about a tenth of a serial run (summarize on the BBC articles, CPU, median of 3 pairs: 1.10x)."""


def _settle_collector() -> None:
    """The models and tables loaded so far frozen out of the garbage collector's reach (its passes
    would traverse them every time, and copy their pages into every forked worker), and its passes
    over young objects made rarer; the collector is on from here (cli.main starts without it)."""
    gc.freeze()
    gc.set_threshold(YOUNG_COLLECTION, 20, 100)
    gc.enable()


def _collector_paused(load: Callable[[], None]) -> Callable[[], None]:
    """``load`` run with the garbage collector off, and what it loaded then settled: loading
    tables makes no cycles, only large containers, which every pass of the collector would walk
    while they are young."""

    def paused() -> None:
        gc.disable()
        try:
            load()
        finally:
            _settle_collector()

    return paused


def _serial_map(function: Callable[[Any], Any], items: Iterator[Any], meanwhile: Callable[[], None]) -> Iterator[Any]:
    """``function`` of each item, here; the collector settled once the first item has loaded
    what the analyses need."""
    for number, item in enumerate(items):
        yield function(item)
        if not number:
            _settle_collector()
    meanwhile()


def _call(item: Any) -> Any:
    return _worker_function(item)  # type: ignore[misc]


def _pool_map(function: Callable[[Any], Any], items: Iterator[Any], jobs: int, window: int, meanwhile: Callable[[], None]) -> Iterator[Any]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)  # fork: models are shared, not copied
    _settle_collector()  # and the workers inherit it
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_install, initargs=(function,)) as pool:
        yield from _in_order(lambda item: pool.submit(_call, item), lambda future: future.result(), items, window, meanwhile)


# ---------------------------------------------------------------------------------------------
# A Dask distributed cluster


CONNECT_SECONDS = 10


def _apply(function: Callable[[Any], Any], item: Any) -> Any:
    return function(item)


def _dask_map(function: Callable[[Any], Any], items: Iterator[Any], address: str, per_job: int, meanwhile: Callable[[], None]) -> Iterator[Any]:
    """Each item a task on the cluster; the function is scattered to every worker once."""
    try:
        from distributed import Client
    except ImportError as error:
        raise SystemExit("nato-digest: --scheduler needs Dask: pip install 'nato-digest[dask]'") from error
    try:
        client = Client(address, set_as_default=False, timeout=CONNECT_SECONDS)
    except (OSError, TimeoutError, ValueError) as error:
        raise SystemExit(f"nato-digest: no Dask scheduler at {address}: {error}") from None
    with client:
        shared = client.scatter(function, broadcast=True, hash=False)
        threads = sum(worker.get("nthreads", 1) for worker in client.scheduler_info().get("workers", {}).values())
        window = per_job * max(1, threads)
        yield from _in_order(lambda item: client.submit(_apply, shared, item, pure=False), lambda future: future.result(), items, window, meanwhile)
