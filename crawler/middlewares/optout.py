"""Domains and URL prefixes in the opt-out registry get no request at all."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from crawler.exclusions import exclude_request
from filters.optout import OptoutRules, load_rules

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


class OptoutMiddleware:
    """Refuses every request the registry's domain and prefix requests cover (reason `optout`).

    The registry is read once, before the first request; it runs right after the blocklists, so an
    opted-out site gets no request, robots.txt included, whether seed, link or redirect target.
    """

    def __init__(self, crawler: Crawler, rules: OptoutRules) -> None:
        self.crawler = crawler
        self.rules = rules

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> OptoutMiddleware:
        path = Path(crawler.settings.get("MOISSON_OPTOUT_DB"))
        rules = load_rules(path)
        logger.info(
            "Opt-out registry %s: %s domain(s), %s URL prefix(es), %s person identifier(s)",
            path, len(rules.domains), len(rules.prefixes), len(rules.hashes),
        )
        crawler.stats.set_value("optout/requests", len(rules))
        return cls(crawler, rules)

    def process_request(self, request: Request) -> None:
        decision = self.rules.check_url(request.url)
        if not decision.allowed:
            raise exclude_request(self.crawler, request.url, decision, "optout")
