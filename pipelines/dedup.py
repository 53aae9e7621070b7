"""Duplicates and near-duplicates of documents already held, in this crawl or an earlier one, are dropped."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow.compute as pc
from scrapy.exceptions import DropItem, NotConfigured

from crawler.distributed import Shared
from crawler.exclusions import record_exclusion
from filters.decision import refuse
from filters.dedup import (
    Deduplicator,
    SharedDeduplicator,
    Verdict,
    exact_key,
    shingles,
    signature_from_values,
    signatures,
    words,
)
from pipelines.dataset import read_part

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

    from crawler.spiders.web import Page

logger = logging.getLogger(__name__)


class DedupPipeline:
    """Drops a page whose normalised text is already held (`duplicate`) or whose MinHash similarity to a
    held one reaches `threshold` (`near_duplicate`); the detail is the URL kept. The index starts with the
    rows already in the output folder, so a recrawl adds nothing it already holds. In a distributed crawl the
    index is on Redis, shared by every worker, and the first worker fills it with the rows already held."""

    def __init__(
        self, crawler: Crawler, output_dir: Path, threshold: float, min_words: int, shared: Shared | None = None
    ) -> None:
        self.crawler = crawler
        self.output_dir = output_dir
        self.shared = shared
        if shared is None:
            self.dedup = Deduplicator(threshold=threshold, min_words=min_words)
        else:
            self.dedup = SharedDeduplicator(
                shared.client, shared.key("dedup:"), shared.redis_storage(), threshold=threshold, min_words=min_words
            )

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DedupPipeline:
        settings = crawler.settings
        if not settings.getbool("MOISSON_DEDUP_ENABLED"):
            raise NotConfigured("MOISSON_DEDUP_ENABLED is off")
        threshold = settings.getfloat("MOISSON_DEDUP_THRESHOLD")
        if not 0 < threshold < 1:
            raise ValueError(f"MOISSON_DEDUP_THRESHOLD: {threshold!r} is not between 0 and 1")
        return cls(
            crawler,
            Path(settings.get("MOISSON_OUTPUT_DIR")),
            threshold,
            settings.getint("MOISSON_DEDUP_MIN_WORDS"),
            Shared.of(crawler),
        )

    def open_spider(self, spider: object = None) -> None:
        if self.shared is not None and not self.shared.first("dedup:loaded"):
            return  # another worker of this crawl filled the shared index
        held = read_part(self.output_dir, "documents", ["url", "text_key", "minhash"])
        for url, key, values in zip(*(held[name].to_pylist() for name in ("url", "text_key", "minhash"))):
            if key is not None:
                self.dedup.add(url, key, signature_from_values(values) if values else None)
        if held.num_rows and held["text_key"].null_count:
            # Rows written before deduplication existed: their keys and signatures are computed now.
            older = read_part(self.output_dir, "documents", ["url", "text", "text_key"])
            older = older.filter(pc.is_null(older["text_key"]))
            for url, text in zip(older["url"].to_pylist(), older["text"].to_pylist()):
                enough = len(words(text)) >= self.dedup.min_words
                self.dedup.add(url, exact_key(text), signatures([shingles(text)])[0] if enough else None)
        if held.num_rows:
            logger.info("Deduplicating against %s documents already in %s", held.num_rows, self.output_dir)

    def process_item(self, item: Page) -> Page:
        verdict, key, signature = self.dedup.check(item.text)
        if verdict.reason is None:
            holder = self.dedup.add(item.url, key, signature)
            if holder != item.url:  # an exact copy kept by another worker a moment ago
                verdict = Verdict("duplicate", holder)
        if verdict.reason is not None:
            record_exclusion(self.crawler, item.url, refuse(verdict.reason, verdict.kept_url), "dedup")
            raise DropItem(f"{verdict.reason}: {verdict.kept_url}")
        item.text_key = key
        item.minhash = signature.hashvalues.tolist() if signature is not None else None
        return item
