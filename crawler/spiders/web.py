"""The generic spider: start from the crawl file's seeds, keep HTML pages, follow links."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

import scrapy
from scrapy.exceptions import NotConfigured
from scrapy.linkextractors import LinkExtractor

from crawler.errors import classify_failure
from crawler.exclusions import record_exclusion
from filters.login import is_account_link
from filters.urls import domain_of

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from twisted.python.failure import Failure

logger = logging.getLogger(__name__)


@dataclass
class Page:
    """A fetched HTML page on its way through the item pipelines to the dataset."""

    url: str
    html: str = field(repr=False)
    status: int
    content_type: str
    fetched_at: datetime
    depth: int
    referer: str
    body_bytes: int
    text: str = field(default="", repr=False)
    title: str = ""
    language: str = ""
    sensitive_removed: int = 0
    pii_counts: dict[str, int] = field(default_factory=dict)
    pii_hashes: list[str] = field(default_factory=list, repr=False)
    text_key: str = ""
    minhash: list[int] | None = field(default=None, repr=False)


class WebSpider(scrapy.Spider):
    """Crawls the seeds of a crawl file (see crawler.config), following links as the file says."""

    name = "web"

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> WebSpider:
        settings = crawler.settings
        seeds = settings.getlist("MOISSON_SEEDS")
        if not seeds:
            raise NotConfigured("the web spider needs a crawl file: scrapy crawl web -a config=FILE")
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.seeds = seeds
        # "same_domain": the registered domains of the seeds, and all their subdomains.
        same_domain = settings.get("MOISSON_FOLLOW_LINKS") == "same_domain"
        spider.domains = frozenset(domain_of(seed) for seed in seeds) if same_domain else None
        spider.links = LinkExtractor(unique=True)
        return spider

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.seeds:
            yield scrapy.Request(url, callback=self.parse, errback=self.failed)

    def parse(self, response: Response) -> Iterator[Page | scrapy.Request]:
        yield Page(
            url=response.url,
            html=response.text,
            status=response.status,
            content_type=response.headers.get(b"Content-Type", b"").decode("latin-1"),
            fetched_at=response.meta.get("moisson_fetched_at") or datetime.now(timezone.utc),
            depth=response.meta.get("depth", 0),
            referer=(response.request.headers.get(b"Referer") or b"").decode("latin-1"),
            body_bytes=len(response.body),
        )
        # Links from a page at the depth limit would all be dropped by DepthMiddleware: not worth extracting.
        limit = self.crawler.settings.getint("DEPTH_LIMIT")
        if limit and response.meta.get("depth", 0) >= limit:
            return
        for link in self.links.extract_links(response):
            if link.nofollow or (self.domains is not None and domain_of(link.url) not in self.domains):
                continue
            if is_account_link(link.url):  # sign-in, cart, account pages: nothing any visitor sees
                self.crawler.stats.inc_value("frontier/account_links")
                continue
            yield scrapy.Request(link.url, callback=self.parse, errback=self.failed)

    def failed(self, failure: Failure) -> None:
        """Record why a request brought no page, unless a middleware already did."""
        decision = classify_failure(failure)
        if decision is not None:
            record_exclusion(self.crawler, failure.request.url, decision, "download")
