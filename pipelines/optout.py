"""A page naming a person who opted out is dropped before anything of it is written."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from scrapy.exceptions import DropItem, NotConfigured

from crawler.exclusions import record_exclusion
from filters.optout import OptoutRules, check_key, load_rules
from filters.pii import Keyring, Pseudonymiser, load_key

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

    from crawler.spiders.web import Page

logger = logging.getLogger(__name__)


class OptoutPipeline:
    """Drops a page (reason `optout`) whose e-mails, phones or names hash to a person request of the
    registry. It runs after pseudonymisation, on the keyed hashes it found; with pseudonymisation off, it
    finds them itself. The detail names the kind of request and its number, never the identifier."""

    def __init__(self, crawler: Crawler, rules: OptoutRules, finder: Pseudonymiser | None) -> None:
        self.crawler = crawler
        self.rules = rules
        self.finder = finder

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> OptoutPipeline:
        settings = crawler.settings
        path = Path(settings.get("MOISSON_OPTOUT_DB"))
        rules = load_rules(path)
        if not rules.hashes:
            raise NotConfigured("no person in the opt-out registry")
        key_file = settings.get("MOISSON_PII_KEY_FILE")
        key, _ = load_key(Path(key_file) if key_file else None, settings.get("MOISSON_PII_KEY_ENV"))
        keyring = Keyring(key)
        check_key(rules, keyring, path)
        finder = None if settings.getbool("MOISSON_PII_ENABLED") else Pseudonymiser(keyring)
        return cls(crawler, rules, finder)

    def process_item(self, item: Page) -> Page:
        hashes = item.pii_hashes
        if self.finder is not None:
            found = self.finder.pseudonymise_many([item.text, item.title], [item.language] * 2)
            hashes = [h for result in found for h in result.hashes]
        decision = self.rules.check_hashes(hashes)
        if not decision.allowed:
            record_exclusion(self.crawler, item.url, decision, "optout")
            raise DropItem(f"optout: {decision.detail}")
        return item
