"""The CPU-heavy page stages (extraction, the sensitive-data classifier, PII analysis) in worker processes.

Scrapy runs every pipeline in the reactor's thread, so these stages would hold one core while the others idle,
and hold up downloads while they run. With `MOISSON_PROCESSES` above 0 (the default: one per core), the
pipelines hand the work to a pool of worker processes and wait for it without blocking the reactor; what the
stages decide, count and write stays in the crawl's own process. With 0, the stages run in that process.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import forkserver
from typing import TYPE_CHECKING, Any, TypeVar

from scrapy import signals

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

    from filters.pii import Pseudonymised, Pseudonymiser

logger = logging.getLogger(__name__)
T = TypeVar("T")


def processes_setting(value: Any) -> int:
    """The number of worker processes `MOISSON_PROCESSES` asks for: "auto" (or unset) is one per core."""
    if value in (None, "", "auto"):
        return os.cpu_count() or 1
    try:
        count = int(value)
    except (TypeError, ValueError):
        raise ValueError(f"MOISSON_PROCESSES: {value!r} is neither a number of processes nor 'auto'") from None
    if count < 0:
        raise ValueError(f"MOISSON_PROCESSES: {value!r} is negative")
    return count


def _forkserver() -> multiprocessing.context.BaseContext:
    # Workers are not forked from the crawl's process, which has threads (DNS, the log) a fork would copy: they
    # are forked from a server process that loaded the stages' models once (crawler._offload_preload), which the
    # workers then share.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["crawler._offload_preload"])
    return context


def prestart(value: Any) -> None:
    """Start the fork server now if the crawl will use workers: its models load while the crawl starts up."""
    if processes_setting(value):
        _forkserver()
        forkserver.ensure_running()


class Offload:
    """Runs a picklable function in the crawl's worker pool, or here when there is none."""

    def __init__(self, processes: int) -> None:
        self.processes = processes
        self._executor: ProcessPoolExecutor | None = None
        self._started: Future[None] = Future()

    @classmethod
    def of(cls, crawler: Crawler) -> Offload:
        """The crawl's one pool, started with the crawl (while it starts up, the models load) and shut down when
        the spider closes."""
        offload = getattr(crawler, "_moisson_offload", None)
        if offload is None:
            offload = cls(processes_setting(crawler.settings.get("MOISSON_PROCESSES")))
            crawler._moisson_offload = offload
            crawler.signals.connect(offload.close, signal=signals.spider_closed)
            offload.start()
        return offload

    def start(self) -> None:
        """Start the workers now, from a thread: forking waits for the fork server to load the models, and the
        reactor goes on downloading meanwhile."""
        if self.processes == 0 or self._executor is not None:
            return
        executor = self._executor = ProcessPoolExecutor(self.processes, mp_context=_forkserver())

        def begin() -> None:
            try:
                for started in [executor.submit(_ready) for _ in range(self.processes)]:
                    started.result()
            except BaseException as exc:  # noqa: BLE001 - handed to whoever waits for the pool
                self._started.set_exception(exc)
            else:
                self._started.set_result(None)

        threading.Thread(target=begin, name="moisson-pool", daemon=True).start()

    async def run(self, func: Callable[..., T], *args: Any) -> T:
        """`func(*args)`, in a worker process when there is a pool."""
        if self.processes == 0:
            return func(*args)
        self.start()
        try:
            if not self._started.done():
                await asyncio.wrap_future(self._started)
            return await asyncio.wrap_future(self._executor.submit(func, *args))
        except BrokenProcessPool:
            # A worker died (out of memory, killed): the rest of the crawl runs its stages here. Every page then in
            # the pool comes here; the first says so.
            if self.processes:
                logger.error("A page-processing worker process died: the crawl goes on in its own process")
                self.processes = 0
                self.close()
            return func(*args)

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None


def _ready() -> None:
    """A first task for each worker, which starts it."""


_PSEUDONYMISERS: dict[bytes, Pseudonymiser] = {}


def pseudonymise(key: bytes, texts: Sequence[str], languages: Sequence[str | None]) -> list[Pseudonymised]:
    """`Pseudonymiser.pseudonymise_many` under `key`, with one pseudonymiser per key and process (loading
    spaCy takes seconds; its cache of recent paragraphs is worth keeping)."""
    from filters.pii import Keyring, Pseudonymiser

    pseudonymiser = _PSEUDONYMISERS.get(key)
    if pseudonymiser is None:
        pseudonymiser = _PSEUDONYMISERS[key] = Pseudonymiser(Keyring(key))
    return pseudonymiser.pseudonymise_many(texts, languages)
