"""Caps on how many pages a crawl requests, in all and per site, so that endless sites end."""

from __future__ import annotations

import logging
from collections import Counter
from typing import TYPE_CHECKING

from scrapy.spidermiddlewares.base import BaseSpiderMiddleware

from crawler.distributed import Shared
from filters.urls import host_of

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response

logger = logging.getLogger(__name__)


class FrontierMiddleware(BaseSpiderMiddleware):
    """Lets at most `max_pages` distinct page requests through (0: no cap), and `max_per_site` per host.

    Requests over a cap are not exclusions (nothing was refused by anyone): they are counted in stats
    as `frontier/max_pages` and `frontier/max_pages_per_site` and logged once per host. In a distributed crawl
    the caps count every worker's requests (`shared`).
    """

    def __init__(self, crawler: Crawler, max_pages: int, max_per_site: int, shared: Shared | None = None) -> None:
        super().__init__(crawler)
        self.shared = shared
        self.max_pages = max_pages
        self.max_per_site = max_per_site
        self.seen: set[bytes] = set()
        self.per_site: Counter[str] = Counter()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FrontierMiddleware:
        settings = crawler.settings
        max_pages, max_per_site = settings.getint("MOISSON_MAX_PAGES"), settings.getint("MOISSON_MAX_PAGES_PER_SITE")
        return cls(crawler, max_pages, max_per_site, Shared.of(crawler))

    def get_processed_request(self, request: Request, response: Response | None) -> Request | None:
        fingerprint = self.crawler.request_fingerprinter.fingerprint(request)
        if self.shared is not None:
            return self._shared_caps(request, fingerprint)
        if fingerprint in self.seen:
            return request  # the scheduler's duplicate filter drops it
        if self.max_pages and len(self.seen) >= self.max_pages:
            self.crawler.stats.inc_value("frontier/max_pages")
            return None
        host = host_of(request.url)
        if self.per_site[host] >= self.max_per_site:
            return self._over_site_cap(host)
        self.seen.add(fingerprint)
        self.per_site[host] += 1
        return request

    def _shared_caps(self, request: Request, fingerprint: bytes) -> Request | None:
        """The caps over every worker's requests, counted in Redis (a request over a cap is counted back out)."""
        client, seen, per_site = self.shared.client, self.shared.key("frontier"), self.shared.key("per_site")
        if not client.sadd(seen, fingerprint):
            return request  # the shared duplicate filter drops it
        if self.max_pages and client.scard(seen) > self.max_pages:
            client.srem(seen, fingerprint)
            self.crawler.stats.inc_value("frontier/max_pages")
            return None
        host = host_of(request.url)
        if client.hincrby(per_site, host, 1) > self.max_per_site:
            client.hincrby(per_site, host, -1)
            client.srem(seen, fingerprint)
            return self._over_site_cap(host)
        return request

    def _over_site_cap(self, host: str) -> None:
        """Count (and, the first time, log) a request over the per-site cap; it is not let through."""
        if self.crawler.stats.get_value(f"frontier/max_pages_per_site/{host}") is None:
            logger.info("Page cap of %s reached for %s; no more pages from it", self.max_per_site, host)
        self.crawler.stats.inc_value(f"frontier/max_pages_per_site/{host}")
        self.crawler.stats.inc_value("frontier/max_pages_per_site")
