"""robots.txt as RFC 9309 says, and the AI opt-outs written in it, checked before any page is requested."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from scrapy.exceptions import NotConfigured

from crawler.config import product_token
from crawler.exclusions import exclude_request
from crawler.hostfiles import HOSTFILE, HostCache, HostFileFetcher
from filters.decision import refuse
from filters.robots import RobotsRules, load_ai_training_tokens
from filters.urls import origin_of

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler

    from crawler.hostfiles import Fetched
    from filters.decision import Decision

logger = logging.getLogger(__name__)


def rules_for(fetched: Fetched) -> tuple[RobotsRules, bool]:
    """RFC 9309 section 2.3.1: what a robots.txt fetch outcome means, and whether it is a failure to retry soon."""
    status = fetched.status
    if status is None:
        return RobotsRules.disallow_all(f"robots.txt unreachable ({fetched.error})"), True
    if 200 <= status < 300:
        return RobotsRules.parse(fetched.body), False
    if status == 429 or status >= 500:
        return RobotsRules.disallow_all(f"robots.txt answered {status}"), True
    if 400 <= status < 500:
        return RobotsRules.allow_all(f"robots.txt answered {status}"), False
    # 1xx, or a 3xx without a Location: nothing we can read, so nothing is allowed.
    return RobotsRules.disallow_all(f"robots.txt answered {status}"), True


class RobotsMiddleware:
    """Fetches each host's robots.txt once per `cache_seconds` and refuses what it refuses to our product token.

    2xx: the rules (first `max_bytes`); 4xx: allow all; 5xx, 429 and network errors: disallow all, fetched
    again after `retry_seconds`. Up to 5 redirects are followed and the rules apply to the original host.
    On by default, it also refuses URLs that robots.txt refuses to AI training crawlers by name, or marks
    with an AI-training content signal. A Crawl-delay is honoured up to `max_crawl_delay` seconds; a site
    asking for more is not crawled.
    """

    def __init__(
        self,
        crawler: Crawler,
        product_token: str,
        cache_seconds: float,
        retry_seconds: float,
        max_bytes: int,
        max_crawl_delay: float,
        ai_tokens: tuple[str, ...],
        content_signals: bool,
    ) -> None:
        self.crawler = crawler
        self.product_token = product_token
        self.retry_seconds = retry_seconds
        self.max_crawl_delay = max_crawl_delay
        self.ai_tokens = ai_tokens
        self.content_signals = content_signals
        self.fetcher = HostFileFetcher(crawler, max_bytes)
        self.cache: HostCache[RobotsRules] = HostCache(cache_seconds)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RobotsMiddleware:
        settings = crawler.settings
        if not settings.getbool("ROBOTSTXT_OBEY"):
            raise NotConfigured("ROBOTSTXT_OBEY is off")
        return cls(
            crawler,
            product_token=product_token(settings),
            cache_seconds=settings.getfloat("MOISSON_ROBOTS_CACHE_SECONDS"),
            retry_seconds=settings.getfloat("MOISSON_ROBOTS_RETRY_SECONDS"),
            max_bytes=settings.getint("MOISSON_ROBOTS_MAX_BYTES"),
            max_crawl_delay=settings.getfloat("MOISSON_MAX_CRAWL_DELAY"),
            ai_tokens=load_ai_training_tokens() if settings.getbool("MOISSON_AI_OPTOUT_ROBOTS") else (),
            content_signals=settings.getbool("MOISSON_AI_OPTOUT_CONTENT_SIGNALS"),
        )

    async def process_request(self, request: Request) -> None:
        if request.meta.get(HOSTFILE) or request.meta.get("dont_obey_robotstxt"):
            return
        if not request.url.startswith(("http://", "https://")):
            return
        origin = origin_of(request.url)
        rules = await self.cache.get(origin, lambda: self._load(origin))
        decision = self.decide(rules, request.url)
        if not decision.allowed:
            raise exclude_request(self.crawler, request.url, decision, "robots")
        self._honour_crawl_delay(request, rules.crawl_delay(self.product_token))

    def decide(self, rules: RobotsRules, url: str) -> Decision:
        """What `rules` say of `url` for us: our own group, then AI crawlers' groups and content signals."""
        decision = rules.check(url, self.product_token)
        if decision.allowed and self.ai_tokens:
            decision = rules.ai_optout(url, self.ai_tokens)
        if decision.allowed and self.content_signals:
            decision = rules.content_signals(url, self.product_token)
        return decision

    def known_decision(self, url: str) -> Decision | None:
        """What the rules this crawl read for `url`'s site say of it; None if it read none."""
        rules = self.cache.peek(origin_of(url))
        return None if rules is None else self.decide(rules, url)

    async def _load(self, origin: str) -> tuple[RobotsRules, float]:
        fetched = await self.fetcher.fetch(f"{origin}/robots.txt")
        rules, failed = rules_for(fetched)
        self.crawler.stats.inc_value(f"robots/fetched/{fetched.status or fetched.error}")
        if failed:
            logger.info("%s: %s; nothing is requested from it before a new try", origin, fetched.error or fetched.status)
        return rules, self.retry_seconds if failed else float("inf")

    def _honour_crawl_delay(self, request: Request, delay: float | None) -> None:
        if not delay:
            return
        if delay > self.max_crawl_delay:
            detail = f"crawl-delay {delay:g} s over our {self.max_crawl_delay:g} s limit"
            raise exclude_request(self.crawler, request.url, refuse("robots", detail), "robots")
        # AutoThrottle must not lower the site's delay, nor jitter shorten it.
        request.meta["autothrottle_dont_adjust_delay"] = True
        downloader = self.crawler.engine.downloader
        slot = downloader.slots.get(downloader.get_slot_key(request))
        if slot is not None and slot.delay < delay:
            slot.delay, slot.jitter = delay, 0.0
