"""Personal data in kept documents is replaced by keyed pseudonyms before anything is written."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from scrapy.exceptions import NotConfigured

from crawler.offload import Offload, pseudonymise
from filters.pii import Keyring, load_key, shared_analyzer

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

    from crawler.spiders.web import Page

logger = logging.getLogger(__name__)


class PiiPipeline:
    """Replaces names, e-mails, phones, addresses, account and national numbers in each page's text and
    title by typed keyed tokens (`<PERSON_3f9a2c1d>`), and records per page how many of each type were
    replaced and the keyed hashes of the e-mails, phones and names found (for opt-out requests)."""

    def __init__(self, crawler: Crawler, key: bytes) -> None:
        self.crawler = crawler
        self.key = key
        self.offload = Offload.of(crawler)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PiiPipeline:
        settings = crawler.settings
        if not settings.getbool("MOISSON_PII_ENABLED"):
            raise NotConfigured("MOISSON_PII_ENABLED is off")
        key_file = settings.get("MOISSON_PII_KEY_FILE")
        key_env = settings.get("MOISSON_PII_KEY_ENV")
        key, created = load_key(Path(key_file) if key_file else None, key_env)
        if created:
            logger.info("Created the pseudonymisation key file %s (mode 0600): keep it, recrawls need it", key_file)
        crawler.stats.set_value("pii/key_id", Keyring(key).key_id())
        shared_analyzer()  # a missing spaCy pipeline fails the crawl now, not in a worker process later
        return cls(crawler, key)

    async def process_item(self, item: Page) -> Page:
        text, title = await self.offload.run(pseudonymise, self.key, [item.text, item.title], [item.language] * 2)
        item.text, item.title = text.text, title.text
        counts = dict(text.counts)
        for entity, count in title.counts.items():
            counts[entity] = counts.get(entity, 0) + count
        item.pii_counts = counts
        item.pii_hashes = sorted(set(text.hashes) | set(title.hashes))
        stats = self.crawler.stats
        for entity, count in counts.items():
            stats.inc_value(f"pii/replaced/{entity}", count)
        if counts:
            stats.inc_value("pii/documents")
        return item
