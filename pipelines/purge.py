"""Removing stored rows: opt-out requests, passed retention dates, sites that withdrew.

Only the part files holding a removed row are rewritten, each atomically (a crash leaves the old file or the
new one, never a broken one); a file left with no row is deleted. Each purge appends one line to the
dataset's purge log: counts and times, never an identifier.
"""

from __future__ import annotations

import json
import logging
import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from filters.optout import OptoutRules
from pipelines.dataset import DatasetError
from pipelines.parquet import DOCUMENTS_SCHEMA, write_atomically

logger = logging.getLogger(__name__)

PURGE_LOG = "purge_log.jsonl"
# Given a part file's rows, the reason to remove each row, or None to keep it.
Decide = Callable[[pa.Table], list[str | None]]


@dataclass
class PurgeResult:
    """What a purge removed, by reason and by domain, and what it rewrote."""

    removed: Counter[str] = field(default_factory=Counter)
    domains: Counter[str] = field(default_factory=Counter)
    rows_before: int = 0
    files_rewritten: int = 0
    files_deleted: int = 0

    @property
    def total(self) -> int:
        """Rows removed."""
        return sum(self.removed.values())


def purge_rows(dataset: Path, decide: Decide, columns: list[str], files: list[Path] | None = None) -> PurgeResult:
    """Remove from `documents/` (or only from `files` of it) every row `decide` gives a reason for."""
    result = PurgeResult()
    needed = sorted({"domain", *columns})
    for path in sorted((dataset / "documents").glob("[!.]*.parquet")) if files is None else files:
        if not path.exists():
            continue
        try:
            rows = pq.read_table(path, columns=needed, schema=DOCUMENTS_SCHEMA)
        except (OSError, pa.ArrowException) as exc:
            raise DatasetError(f"{path}: unreadable Parquet ({exc.__class__.__name__})") from None
        result.rows_before += rows.num_rows
        reasons = decide(rows)
        if not any(reasons):
            continue
        for reason, domain in zip(reasons, rows["domain"].to_pylist()):
            if reason:
                result.removed[reason] += 1
                result.domains[domain] += 1
        keep = pa.array([reason is None for reason in reasons])
        if pc.any(keep).as_py():
            write_atomically(pq.read_table(path, schema=DOCUMENTS_SCHEMA).filter(keep), path)
            result.files_rewritten += 1
        else:
            path.unlink()
            result.files_deleted += 1
    return result


def registry_decider(rules: OptoutRules, other_key: set[str] = frozenset()) -> tuple[Decide, list[str]]:
    """Rows covered by a domain or prefix request, or naming an opted-out person (reason `optout:<kind>`);
    rows of the crawls in `other_key`, hashed under another key, can only match domains and prefixes."""

    def decide(rows: pa.Table) -> list[str | None]:
        reasons: list[str | None] = []
        columns = (rows[name].to_pylist() for name in ("url", "pii_hashes", "crawl_id"))
        for url, hashes, crawl_id in zip(*columns):
            request = rules.match_url(url) or (None if crawl_id in other_key else rules.match_hashes(hashes))
            reasons.append(None if request is None else f"optout:{request.kind}")
        return reasons

    return decide, ["url", "pii_hashes", "crawl_id"]


def retention_decider(as_of: datetime) -> tuple[Decide, list[str]]:
    """Rows whose `retention_until` is at or before `as_of` (reason `retention`)."""
    instant = pa.scalar(as_of, type=DOCUMENTS_SCHEMA.field("retention_until").type)

    def decide(rows: pa.Table) -> list[str | None]:
        expired = pc.less_equal(rows["retention_until"], instant).to_pylist()
        return ["retention" if flag else None for flag in expired]

    return decide, ["retention_until"]


def either(*deciders: tuple[Decide, list[str]]) -> tuple[Decide, list[str]]:
    """The first reason any of `deciders` gives for each row."""

    def decide(rows: pa.Table) -> list[str | None]:
        verdicts = [d(rows) for d, _ in deciders]
        return [next((v for v in row if v), None) for row in zip(*verdicts)]

    return decide, sorted({c for _, columns in deciders for c in columns})


def append_log(dataset: Path, entry: dict[str, Any]) -> None:
    """Append one purge to the dataset's purge log, rewriting it atomically."""
    path = dataset / PURGE_LOG
    previous = path.read_text(encoding="utf-8") if path.exists() else ""
    tmp = path.with_name(f".{PURGE_LOG}.tmp")
    tmp.write_text(previous + json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def read_log(dataset: Path) -> list[dict[str, Any]]:
    """Every purge recorded in the dataset's purge log (unreadable lines are skipped)."""
    path = dataset / PURGE_LOG
    if not path.exists():
        return []
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            entries.append(json.loads(line))
        except ValueError:
            logger.warning("Skipping an unreadable line of %s", path)
    return entries


def log_entry(result: PurgeResult, by: str, started: datetime, **extra: Any) -> dict[str, Any]:
    """The purge log line for `result`: counts and times only."""
    return {
        "by": by,
        "started_at": started.isoformat(timespec="seconds"),
        "finished_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "rows_before": result.rows_before,
        "removed": result.total,
        "removed_by_reason": dict(sorted(result.removed.items())),
        "removed_by_domain": dict(sorted(result.domains.items())),
        "files_rewritten": result.files_rewritten,
        "files_deleted": result.files_deleted,
        **extra,
    }
