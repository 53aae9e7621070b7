"""Parquet part files that appear under their final name only once complete."""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

logger = logging.getLogger(__name__)

UTC_TIMESTAMP = pa.timestamp("us", tz="UTC")

DOCUMENTS_SCHEMA = pa.schema(
    [
        ("url", pa.string()),
        ("domain", pa.string()),
        ("text", pa.string()),
        ("fetched_at", UTC_TIMESTAMP),
        ("crawl_id", pa.string()),
        ("retention_until", UTC_TIMESTAMP),
        ("content_sha256", pa.string()),
        ("title", pa.string()),
        ("language", pa.string()),
        ("http_status", pa.int16()),
        ("content_type", pa.string()),
        ("depth", pa.int32()),
        ("referer", pa.string()),
        ("body_bytes", pa.int64()),
        ("text_bytes", pa.int64()),
        ("sensitive_removed", pa.int32()),
        # Values replaced per entity type, and the keyed hashes of the e-mails, phones and names found.
        ("pii_counts", pa.map_(pa.string(), pa.int32())),
        ("pii_hashes", pa.list_(pa.string())),
        # Deduplication: the SHA-256 of the normalised text, and the MinHash signature (none for short texts).
        ("text_key", pa.string()),
        ("minhash", pa.list_(pa.uint32())),
    ]
)

EXCLUSIONS_SCHEMA = pa.schema(
    [
        ("url", pa.string()),
        ("domain", pa.string()),
        ("reason", pa.string()),
        ("decided_at", UTC_TIMESTAMP),
        ("crawl_id", pa.string()),
        ("reason_code", pa.string()),
        ("detail", pa.string()),
        ("component", pa.string()),
    ]
)


def write_atomically(table: pa.Table, path: Path) -> None:
    """Write a complete Parquet file at `path`, through a hidden temporary name and an atomic rename."""
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        with open(tmp, "wb") as sink:
            pq.write_table(table, sink, compression="zstd")
            sink.flush()
            os.fsync(sink.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


class PartWriter:
    """Buffers rows and writes them as numbered part files of at most `max_rows` rows.

    A buffer older than `max_seconds` is written at the next `write` or `flush_if_due`, so that readers
    see a running crawl's data.
    """

    def __init__(self, directory: Path, schema: pa.Schema, stem: str, max_rows: int, max_seconds: float) -> None:
        self.directory = directory
        self.schema = schema
        self.stem = stem
        self.max_rows = max_rows
        self.max_seconds = max_seconds
        self.rows: list[dict[str, Any]] = []
        self.parts = 0
        self.written = 0
        self._since = time.monotonic()
        directory.mkdir(parents=True, exist_ok=True)

    def write(self, row: dict[str, Any]) -> None:
        """Add one row; write a part file when the buffer is full or old."""
        if not self.rows:
            self._since = time.monotonic()
        self.rows.append(row)
        if len(self.rows) >= self.max_rows:
            self.flush()
        else:
            self.flush_if_due()

    def flush_if_due(self) -> None:
        """Write the buffer if its oldest row has waited `max_seconds`."""
        if self.rows and time.monotonic() - self._since >= self.max_seconds:
            self.flush()

    def flush(self) -> None:
        """Write whatever is buffered as one complete part file."""
        if not self.rows:
            return
        table = pa.Table.from_pylist(self.rows, schema=self.schema)
        self.parts += 1
        write_atomically(table, self.directory / f"{self.stem}-{self.parts:05d}.parquet")
        self.written += len(self.rows)
        logger.debug("Wrote %s rows to %s part %s", len(self.rows), self.directory.name, self.parts)
        self.rows = []
