"""A site that now refuses takes back what earlier crawls kept of it.

When a recrawl into a dataset finds that a site refuses (robots.txt, an AI opt-out, a CAPTCHA, a
blocklist), the rows earlier crawls kept of that site and that the refusal covers are purged from the
dataset when the crawl ends, and the purge is logged.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa
from scrapy import signals

from crawler.distributed import dataset_lock
from crawler.exclusions import excluded, site_stopped
from crawler.middlewares.aioptout import AiOptoutMiddleware
from crawler.middlewares.blocklist import BlocklistMiddleware
from crawler.middlewares.robots import RobotsMiddleware
from filters.urls import host_of
from pipelines import purge
from pipelines.dataset import read_part

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

    from filters.decision import Decision

logger = logging.getLogger(__name__)

# The refusals that are the site's own (or a blocklist's): they withdraw what was kept before.
WITHDRAWING = ("robots", "ai_optout", "captcha", "blocklist")


class WithdrawalExtension:
    """Purges, at the end of a crawl, the earlier rows of sites that now refuse: every held URL is checked
    against the blocklists, the robots.txt and TDMRep rules this crawl read for its site, the sites this
    crawl stopped at a CAPTCHA, and this crawl's own refusals of the same URL."""

    def __init__(self, crawler: Crawler, output_dir: Path) -> None:
        self.crawler = crawler
        self.output_dir = output_dir
        self.held: dict[str, list[str]] = {}
        self.refused: dict[str, str] = {}
        self.stopped: dict[str, str] = {}
        self.files: list[Path] = []

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WithdrawalExtension:
        extension = cls(crawler, Path(crawler.settings.get("MOISSON_OUTPUT_DIR")))
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(extension.record_refusal, signal=excluded)
        crawler.signals.connect(extension.record_stop, signal=site_stopped)
        return extension

    def spider_opened(self) -> None:
        # The earlier crawls' rows: this crawl's own (a distributed crawl's other workers' included) are never
        # purged for a refusal met after them.
        crawl_id = self.crawler.stats.get_value("moisson/crawl_id")
        self.files = sorted((self.output_dir / "documents").glob("[!.]*.parquet"))
        rows = read_part(self.output_dir, "documents", ["url", "crawl_id"])
        held: dict[str, list[str]] = defaultdict(list)
        for url, row_crawl in zip(rows["url"].to_pylist(), rows["crawl_id"].to_pylist()):
            if row_crawl != crawl_id:
                held[host_of(url)].append(url)
        self.held = dict(held)

    def record_refusal(self, url: str, reason: str, detail: str, component: str) -> None:
        if reason in WITHDRAWING and host_of(url) in self.held:
            self.refused.setdefault(url, f"{reason}:{detail}" if detail else reason)

    def record_stop(self, host: str, decision: Decision, component: str) -> None:
        if decision.reason == "captcha" and host in self.held:
            self.stopped.setdefault(host, f"captcha:{decision.detail}" if decision.detail else "captcha")

    def spider_closed(self, reason: str) -> None:
        if not self.held:
            return
        withdrawn = self.withdrawn()
        if not withdrawn:
            return
        started = datetime.now(timezone.utc)
        crawl_id = self.crawler.stats.get_value("moisson/crawl_id")

        def decide(rows: pa.Table) -> list[str | None]:
            columns = zip(rows["url"].to_pylist(), rows["crawl_id"].to_pylist())
            return [withdrawn.get(url) if row_crawl != crawl_id else None for url, row_crawl in columns]

        with dataset_lock(self.output_dir):  # other workers of a distributed crawl may purge at the same time
            result = purge.purge_rows(self.output_dir, decide, ["url", "crawl_id"], files=self.files)
            if not result.total:
                return
            purge.append_log(self.output_dir, purge.log_entry(result, f"crawl {crawl_id}: sites now refuse", started))
        stats = self.crawler.stats
        for why, count in result.removed.items():
            stats.inc_value(f"withdrawal/purged/{why.split(':', 1)[0]}", count)
        by_domain = Counter(result.domains)
        logger.info(
            "Purged %s row(s) of earlier crawls from sites that now refuse: %s",
            result.total, ", ".join(f"{d} {n}" for d, n in by_domain.most_common(10)),
        )

    def withdrawn(self) -> dict[str, str]:
        """Each held URL a refusal now covers, with the refusal (`reason:detail`)."""
        checks = self._checks()
        withdrawn: dict[str, str] = {}
        for host, urls in self.held.items():
            for url in urls:
                why = self.refused.get(url) or self.stopped.get(host) or _first_refusal(url, checks)
                if why:
                    withdrawn[url] = why
        return withdrawn

    def _checks(self) -> list[Callable[[str], Decision | None]]:
        """The blocklists, and the robots.txt and TDMRep rules this crawl read, as they stand now."""
        engine = self.crawler.engine
        middlewares = engine.downloader.middleware.middlewares if engine else ()
        checks: list[Callable[[str], Decision | None]] = []
        for middleware in middlewares:
            if isinstance(middleware, BlocklistMiddleware):
                checks.append(middleware.blocklist.check)
            elif isinstance(middleware, (RobotsMiddleware, AiOptoutMiddleware)):
                checks.append(middleware.known_decision)
        return checks


def _first_refusal(url: str, checks: list[Callable[[str], Decision | None]]) -> str:
    for check in checks:
        decision = check(url)
        if decision is not None and not decision.allowed:
            return f"{decision.reason}:{decision.detail}" if decision.detail else decision.reason
    return ""
