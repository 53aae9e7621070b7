"""The dataset on disk: kept documents, the exclusions log, and the manifest (see CONTRACT.md)."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import secrets
from collections import Counter
from dataclasses import asdict
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.dataset as ds
from scrapy import signals
from twisted.internet import task

from crawler import __version__
from crawler.distributed import dataset_lock
from crawler.exclusions import excluded
from filters.urls import domain_of, host_of
from pipelines.parquet import DOCUMENTS_SCHEMA, EXCLUSIONS_SCHEMA, PartWriter

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler

    from crawler.spiders.web import Page

logger = logging.getLogger(__name__)

MANIFEST = "manifest.json"


class DatasetError(ValueError):
    """A folder that is not a Moisson dataset, or an unreadable one."""


def check_dataset_dir(path: Path, *, must_exist: bool = False) -> None:
    """Refuse a folder that holds something other than a Moisson dataset (or nothing, if it must exist)."""
    if not path.exists():
        if must_exist:
            raise DatasetError(f"{path}: no such dataset")
        return
    if not path.is_dir():
        raise DatasetError(f"{path}: not a directory")
    if must_exist or any(path.iterdir()):
        if not (path / MANIFEST).is_file():
            raise DatasetError(f"{path}: not a Moisson dataset (no {MANIFEST})")


def read_manifest(path: Path) -> dict[str, Any]:
    """The manifest of a dataset folder."""
    try:
        return json.loads((path / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DatasetError(f"{path}: unreadable {MANIFEST} ({exc.__class__.__name__})") from None


def write_manifest(path: Path, manifest: dict[str, Any]) -> None:
    """Replace the manifest atomically."""
    tmp = path / f".{MANIFEST}.tmp"
    tmp.write_text(json.dumps(manifest, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    os.replace(tmp, path / MANIFEST)


class DatasetPipeline:
    """Writes kept pages to `documents/`, every recorded exclusion to `exclusions/`, and the manifest."""

    def __init__(
        self,
        crawler: Crawler,
        output_dir: Path,
        crawl: dict[str, Any],
        retention_days: int,
        part_rows: int,
        part_seconds: float,
        crawl_id: str = "",
        worker: str = "",
    ) -> None:
        self.crawler = crawler
        # A distributed crawl's workers share one crawl_id, each writing its own part files.
        self.given_crawl_id = crawl_id
        self.worker = worker
        self.output_dir = output_dir
        self.crawl = crawl
        self.retention = timedelta(days=retention_days)
        self.part_rows = part_rows
        self.part_seconds = part_seconds
        self.crawl_id = ""
        self.started_at = datetime.now(timezone.utc)
        self.excluded_domains: set[str] = set()
        self.reasons: Counter[str] = Counter()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DatasetPipeline:
        settings = crawler.settings
        pipeline = cls(
            crawler,
            Path(settings.get("MOISSON_OUTPUT_DIR")),
            settings.getdict("MOISSON_CRAWL"),
            settings.getint("MOISSON_RETENTION_DAYS"),
            settings.getint("MOISSON_PART_ROWS"),
            settings.getfloat("MOISSON_PART_SECONDS"),
            settings.get("MOISSON_CRAWL_ID") or "",
            settings.get("MOISSON_WORKER") or "",
        )
        crawler.signals.connect(pipeline.record_exclusion, signal=excluded)
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def open_spider(self, spider: Spider | None = None) -> None:
        check_dataset_dir(self.output_dir)
        self.started_at = datetime.now(timezone.utc)
        name = self.crawl.get("name", "crawl")
        self.crawl_id = self.given_crawl_id or new_crawl_id(name, self.started_at)
        self.crawler.stats.set_value("moisson/crawl_id", self.crawl_id)
        stem = f"{self.crawl_id}-{hashlib.sha256(self.worker.encode()).hexdigest()[:6]}" if self.worker else self.crawl_id
        self.documents = PartWriter(
            self.output_dir / "documents", DOCUMENTS_SCHEMA, stem, self.part_rows, self.part_seconds
        )
        self.exclusions = PartWriter(
            self.output_dir / "exclusions", EXCLUSIONS_SCHEMA, stem, self.part_rows, self.part_seconds
        )
        self._write_manifest(finished_at=None, finish_reason=None)
        self.flusher = task.LoopingCall(self._flush_if_due)
        self.flusher.start(min(self.part_seconds, 10.0), now=False)
        logger.info("Crawl %s writing to %s", self.crawl_id, self.output_dir)

    def process_item(self, item: Page) -> Page:
        text = item.text
        self.documents.write(
            {
                **{key: value for key, value in asdict(item).items() if key != "html"},
                "domain": domain_of(item.url),
                "crawl_id": self.crawl_id,
                "retention_until": item.fetched_at + self.retention,
                "content_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
                "http_status": item.status,
                "text_bytes": len(text.encode("utf-8")),
            }
        )
        return item

    def record_exclusion(self, url: str, reason: str, detail: str, component: str) -> None:
        """Write one exclusion row; log the first exclusion of each domain."""
        domain = domain_of(url) or host_of(url)
        if domain not in self.excluded_domains:
            self.excluded_domains.add(domain)
            logger.info("Excluding from %s (%s%s); further exclusions are counted", domain, reason,
                        f": {detail}" if detail else "")
        self.reasons[reason] += 1
        self.exclusions.write(
            {
                "url": url,
                "domain": domain,
                "reason": f"{reason}:{detail}" if detail else reason,
                "decided_at": datetime.now(timezone.utc),
                "crawl_id": self.crawl_id,
                "reason_code": reason,
                "detail": detail,
                "component": component,
            }
        )

    def close_spider(self, spider: Spider | None = None) -> None:
        if self.flusher.running:
            self.flusher.stop()
        self.documents.flush()
        self.exclusions.flush()

    def spider_closed(self, reason: str) -> None:
        # Exclusions recorded while the engine closes (requests in flight) still land.
        self.exclusions.flush()
        self._write_manifest(finished_at=datetime.now(timezone.utc), finish_reason=reason)

    def _flush_if_due(self) -> None:
        self.documents.flush_if_due()
        self.exclusions.flush_if_due()

    def _write_manifest(self, finished_at: datetime | None, finish_reason: str | None) -> None:
        # Under a lock: the workers of a distributed crawl each record themselves in the one manifest.
        with dataset_lock(self.output_dir):
            previous = read_manifest(self.output_dir) if (self.output_dir / MANIFEST).exists() else {}
            crawls = [c for c in previous.get("crawls", []) if c.get("crawl_id") != self.crawl_id]
            this = self._record(finished_at, finish_reason)
            if self.worker:
                earlier = previous if previous.get("crawl_id") == self.crawl_id else {}
                this = _merge_workers(this, earlier.get("workers", {}), self.worker)
            keys = ("crawl_id", "name", "started_at", "finished_at", "finish_reason", "pii_key_id", "counts", "workers")
            summary = {k: this[k] for k in keys if k in this}
            write_manifest(self.output_dir, {**this, "crawls": [*crawls, summary]})

    def _record(self, finished_at: datetime | None, finish_reason: str | None) -> dict[str, Any]:
        stats = self.crawler.stats
        return {
            "name": self.crawl.get("name"),
            "crawl_id": self.crawl_id,
            "purpose": self.crawl.get("purpose"),
            "legal_basis": self.crawl.get("legal_basis"),
            "controller": self.crawl.get("controller"),
            "user_agent": self.crawl.get("user_agent"),
            "started_at": self.started_at.isoformat(),
            "finished_at": finished_at.isoformat() if finished_at else None,
            "finish_reason": finish_reason,
            "software": {"name": "moisson", "version": __version__},
            "crawl_file": self.crawl.get("crawl_file"),
            # Which key the rows' identifier hashes were made with (a fingerprint, not the key).
            "pii_key_id": stats.get_value("pii/key_id"),
            "effective": self.crawl.get("effective"),
            "counts": {
                "documents": self.documents.written,
                "exclusions": self.exclusions.written,
                "exclusions_by_reason": dict(sorted(self.reasons.items())),
                "requests": stats.get_value("downloader/request_count", 0),
                "responses": stats.get_value("downloader/response_count", 0),
                # Links over a cap are not exclusions (nobody refused them); they are counted here.
                "links_not_followed": {
                    "max_depth": stats.get_value("depth/request_ignored_count", 0),
                    "max_pages": stats.get_value("frontier/max_pages", 0),
                    "max_pages_per_site": stats.get_value("frontier/max_pages_per_site", 0),
                },
            },
        }


def new_crawl_id(name: str, started_at: datetime) -> str:
    """A crawl's id: its name, start time and a random suffix."""
    return f"{name}-{started_at:%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"


def _merge_workers(this: dict[str, Any], workers: dict[str, Any], worker: str) -> dict[str, Any]:
    """The record of a distributed crawl: each worker's own part, and the crawl's as their sum (finished once
    every worker has finished)."""
    workers = {
        **workers,
        worker: {k: this[k] for k in ("started_at", "finished_at", "finish_reason", "counts")},
    }
    parts = list(workers.values())
    done = all(part["finished_at"] for part in parts)
    reasons = {part["finish_reason"] for part in parts}
    return {
        **this,
        "started_at": min(part["started_at"] for part in parts),
        "finished_at": max(part["finished_at"] for part in parts) if done else None,
        "finish_reason": (reasons.pop() if len(reasons) == 1 else "mixed") if done else None,
        "counts": _sum_counts([part["counts"] for part in parts]),
        "workers": workers,
    }


def _sum_counts(counts: list[dict[str, Any]]) -> dict[str, Any]:
    total: dict[str, Any] = {}
    for part in counts:
        for key, value in part.items():
            if isinstance(value, dict):
                total[key] = _sum_counts([total.get(key, {}), value])
            else:
                total[key] = total.get(key, 0) + (value or 0)
    return total


def read_part(path: Path, part: str, columns: list[str] | None = None) -> pa.Table:
    """All rows of `documents` or `exclusions` of a dataset (in-progress temporary files are skipped)."""
    schema = DOCUMENTS_SCHEMA if part == "documents" else EXCLUSIONS_SCHEMA
    folder = path / part
    if not folder.is_dir():
        return schema.empty_table().select(columns or schema.names)
    try:
        return ds.dataset(folder, schema=schema, format="parquet").to_table(columns=columns)
    except (OSError, pa.ArrowException) as exc:
        raise DatasetError(f"{folder}: unreadable Parquet ({exc.__class__.__name__})") from None
