"""Special-category personal data (GDPR art. 9 and 10) is dropped as soon as it is known."""

from __future__ import annotations

import logging
from collections import Counter
from typing import TYPE_CHECKING

from scrapy.exceptions import DropItem, NotConfigured

from crawler.exclusions import record_exclusion, stop_site
from crawler.offload import Offload
from filters.decision import refuse
from filters.sensitive import find, load_model, redact
from filters.urls import host_of

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

    from crawler.spiders.web import Page

logger = logging.getLogger(__name__)

MODES = ("document", "passage")


class SensitivePipeline:
    """Drops a page that discloses special-category data about someone (`document` mode), or only the
    disclosing sentences (`passage` mode); topical pages that disclose nobody's data are kept.

    A site whose share of disclosing pages reaches `site_share`, once `site_min_pages` of its pages were
    seen, is sensitive by nature: it is stopped for the rest of the crawl.
    """

    def __init__(
        self,
        crawler: Crawler,
        mode: str,
        site_share: float,
        site_min_pages: int,
        min_chars: int,
        threshold: float | None,
    ) -> None:
        if mode not in MODES:
            raise ValueError(f"MOISSON_SENSITIVE_MODE: {mode!r} is not one of {', '.join(MODES)}")
        if threshold is not None and not 0 < threshold < 1:
            raise ValueError(f"MOISSON_SENSITIVE_THRESHOLD: {threshold!r} is not between 0 and 1")
        if threshold is not None:
            load_model()  # fails now, with the reason, rather than on the first page
        self.crawler = crawler
        self.mode = mode
        self.site_share = site_share
        self.site_min_pages = site_min_pages
        self.min_chars = min_chars
        self.threshold = threshold
        self.pages: Counter[str] = Counter()
        self.disclosing: Counter[str] = Counter()
        self.stopped: set[str] = set()
        self.offload = Offload.of(crawler)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SensitivePipeline:
        settings = crawler.settings
        if not settings.getbool("MOISSON_SENSITIVE_ENABLED"):
            raise NotConfigured("MOISSON_SENSITIVE_ENABLED is off")
        return cls(
            crawler,
            settings.get("MOISSON_SENSITIVE_MODE"),
            settings.getfloat("MOISSON_SENSITIVE_SITE_SHARE"),
            settings.getint("MOISSON_SENSITIVE_SITE_MIN_PAGES"),
            settings.getint("MOISSON_MIN_TEXT_CHARS"),
            settings.getfloat("MOISSON_SENSITIVE_THRESHOLD") if settings.getbool("MOISSON_SENSITIVE_MODEL") else None,
        )

    async def process_item(self, item: Page) -> Page:
        findings = await self.offload.run(find, item.text, item.language or None, self.threshold)
        host = host_of(item.url)
        self.pages[host] += 1
        if not findings:
            return item
        self.disclosing[host] += 1
        self._escalate(host)
        category = Counter(f.category for f in findings).most_common(1)[0][0]
        for finding in findings:
            self.crawler.stats.inc_value(f"sensitive/passages/{finding.category}")
        if self.mode == "passage":
            item.text = redact(item.text, findings)
            item.sensitive_removed = len(findings)
            if len(item.text) >= self.min_chars:
                return item
        # The text itself never goes to the logs or the exclusions: only its category.
        record_exclusion(self.crawler, item.url, refuse("sensitive", category), "sensitive")
        raise DropItem(f"sensitive: {category}")

    def _escalate(self, host: str) -> None:
        pages, disclosing = self.pages[host], self.disclosing[host]
        if host in self.stopped or pages < self.site_min_pages or disclosing / pages < self.site_share:
            return
        self.stopped.add(host)
        detail = f"sensitive by nature ({disclosing} of {pages} pages disclose special-category data)"
        stop_site(self.crawler, host, refuse("sensitive", detail), "sensitive")
