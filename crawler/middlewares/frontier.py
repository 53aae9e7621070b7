"""Caps on how many pages a crawl requests, in all and per site, so that endless sites end."""

from __future__ import annotations

import logging
from collections import Counter
from typing import TYPE_CHECKING

from scrapy.spidermiddlewares.base import BaseSpiderMiddleware

from filters.urls import host_of

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response

logger = logging.getLogger(__name__)


class FrontierMiddleware(BaseSpiderMiddleware):
    """Lets at most `max_pages` distinct page requests through (0: no cap), and `max_per_site` per host.

    Requests over a cap are not exclusions (nothing was refused by anyone): they are counted in stats
    as `frontier/max_pages` and `frontier/max_pages_per_site` and logged once per host.
    """

    def __init__(self, crawler: Crawler, max_pages: int, max_per_site: int) -> None:
        super().__init__(crawler)
        self.max_pages = max_pages
        self.max_per_site = max_per_site
        self.seen: set[bytes] = set()
        self.per_site: Counter[str] = Counter()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FrontierMiddleware:
        settings = crawler.settings
        return cls(crawler, settings.getint("MOISSON_MAX_PAGES"), settings.getint("MOISSON_MAX_PAGES_PER_SITE"))

    def get_processed_request(self, request: Request, response: Response | None) -> Request | None:
        fingerprint = self.crawler.request_fingerprinter.fingerprint(request)
        if fingerprint in self.seen:
            return request  # the scheduler's duplicate filter drops it
        if self.max_pages and len(self.seen) >= self.max_pages:
            self.crawler.stats.inc_value("frontier/max_pages")
            return None
        host = host_of(request.url)
        if self.per_site[host] >= self.max_per_site:
            if self.crawler.stats.get_value(f"frontier/max_pages_per_site/{host}") is None:
                logger.info("Page cap of %s reached for %s; no more pages from it", self.max_per_site, host)
            self.crawler.stats.inc_value(f"frontier/max_pages_per_site/{host}")
            self.crawler.stats.inc_value("frontier/max_pages_per_site")
            return None
        self.seen.add(fingerprint)
        self.per_site[host] += 1
        return request
