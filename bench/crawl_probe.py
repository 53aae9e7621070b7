"""A Scrapy extension crawl_memory.py adds to the crawl it measures: the frontier over time, as JSON lines.

Every BENCH_PROBE_SECONDS it appends to BENCH_PROBE_FILE the requests enqueued and dequeued so far (Scrapy's
`scheduler/*` stats), their difference (the pending requests), the responses and items so far, the process's
resident memory, and the proportional memory of it and its descendants (the page-stage pool). Without BENCH_PROBE_FILE it is off.
"""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path
from typing import TYPE_CHECKING

from _crawlbench import process_tree
from scrapy import signals
from scrapy.exceptions import NotConfigured
from twisted.internet import task

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

_RSS = re.compile(r"^VmRSS:\s+(\d+) kB", re.MULTILINE)
_PSS = re.compile(r"^Pss:\s+(\d+) kB", re.MULTILINE)


def tree_pss_kb() -> int:
    """Proportional set size of this process and all its descendants (the page-stage pool's fork server and
    workers): memory they share, like the models the workers inherit, counts once in all."""
    total = 0
    for pid in process_tree(os.getpid()):
        try:
            match = _PSS.search(Path(f"/proc/{pid}/smaps_rollup").read_text())
        except OSError:  # gone meanwhile
            continue
        total += int(match[1]) if match else 0
    return total


class FrontierProbe:
    """Samples the crawl's stats and resident memory at a fixed interval."""

    def __init__(self, crawler: Crawler, path: Path, interval: float) -> None:
        self.crawler = crawler
        self.path = path
        self.interval = interval
        self.loop = task.LoopingCall(self.sample)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FrontierProbe:
        path = crawler.settings.get("BENCH_PROBE_FILE")
        if not path:
            raise NotConfigured("BENCH_PROBE_FILE is not set")
        probe = cls(crawler, Path(path), crawler.settings.getfloat("BENCH_PROBE_SECONDS", 1.0))
        crawler.signals.connect(probe.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(probe.spider_closed, signal=signals.spider_closed)
        return probe

    def spider_opened(self) -> None:
        self.file = self.path.open("a", encoding="utf-8")
        self.loop.start(self.interval)

    def spider_closed(self) -> None:
        if self.loop.running:
            self.loop.stop()
        self.sample()
        self.file.close()

    def sample(self) -> None:
        stats = self.crawler.stats
        enqueued = stats.get_value("scheduler/enqueued", 0)
        dequeued = stats.get_value("scheduler/dequeued", 0)
        match = _RSS.search(Path("/proc/self/status").read_text())
        entry = {
            "time": time.time(),
            "enqueued": enqueued,
            "dequeued": dequeued,
            "pending": enqueued - dequeued,
            "responses": stats.get_value("response_received_count", 0),
            "items": stats.get_value("item_scraped_count", 0),
            "rss_kb": int(match[1]) if match else None,
            "tree_pss_kb": tree_pss_kb(),
        }
        self.file.write(json.dumps(entry) + "\n")
        self.file.flush()
