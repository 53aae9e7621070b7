"""Sites that are never requested: sensitive by nature, personal-data aggregators, adult, piracy."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrapy.exceptions import NotConfigured

from crawler.exclusions import exclude_request
from filters.blocklist import Blocklist, read_domain_list, read_ut1

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


def build_blocklist(categories: list[str] | None, exceptions: list[str], extra: list[dict[str, Any]]) -> Blocklist:
    """The shipped lists for `categories` (None: all), plus the crawl's own lists, minus its exceptions."""
    blocklist = Blocklist.load(categories=categories, exceptions=exceptions)
    for source in extra:
        if "ut1" in source:
            blocklist.add(read_ut1(Path(source["ut1"])))
        else:
            path = Path(source["file"])
            blocklist.add(read_domain_list(path, source["category"], f"file:{path.name}"))
    return blocklist


class BlocklistMiddleware:
    """Refuses every request to a blocked host or its subdomains (reason `blocklist:<category>`).

    It runs first, so that a blocked site gets no request at all, robots.txt included, whether it comes as
    a seed, a followed link or a redirect target.
    """

    def __init__(self, crawler: Crawler, blocklist: Blocklist) -> None:
        self.crawler = crawler
        self.blocklist = blocklist

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BlocklistMiddleware:
        settings = crawler.settings
        if not settings.getbool("MOISSON_BLOCKLIST_ENABLED"):
            raise NotConfigured("MOISSON_BLOCKLIST_ENABLED is off")
        given = settings.get("MOISSON_BLOCKLIST_CATEGORIES")
        categories = None if given is None else settings.getlist("MOISSON_BLOCKLIST_CATEGORIES")
        blocklist = build_blocklist(
            categories, settings.getlist("MOISSON_BLOCKLIST_EXCEPTIONS"), settings.getlist("MOISSON_BLOCKLIST_EXTRA")
        )
        logger.info("Blocklists: %s", ", ".join(f"{c} {n}" for c, n in sorted(blocklist.counts().items())))
        return cls(crawler, blocklist)

    def process_request(self, request: Request) -> None:
        decision = self.blocklist.check(request.url)
        if not decision.allowed:
            raise exclude_request(self.crawler, request.url, decision, "blocklist")
