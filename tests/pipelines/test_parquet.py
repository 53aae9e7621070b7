"""Part files: complete under their final name, rotated, readable."""

from __future__ import annotations

from datetime import datetime, timezone

import pyarrow.parquet as pq

from pipelines.parquet import EXCLUSIONS_SCHEMA, PartWriter


def row(n: int) -> dict:
    return {
        "url": f"https://example.org/{n}",
        "domain": "example.org",
        "reason": "robots",
        "decided_at": datetime.now(timezone.utc),
        "crawl_id": "c",
        "reason_code": "robots",
        "detail": "",
        "component": "robots",
    }


def test_rotation_and_final_names(tmp_path):
    writer = PartWriter(tmp_path, EXCLUSIONS_SCHEMA, "crawl-1", max_rows=3, max_seconds=3600)
    for n in range(7):
        writer.write(row(n))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["crawl-1-00001.parquet", "crawl-1-00002.parquet"]
    writer.flush()
    table = pq.read_table(tmp_path)
    assert table.num_rows == 7 and writer.written == 7
    assert table.schema.field("decided_at").type == EXCLUSIONS_SCHEMA.field("decided_at").type
    assert not list(tmp_path.glob(".*"))


def test_old_buffer_is_written_when_due(tmp_path):
    writer = PartWriter(tmp_path, EXCLUSIONS_SCHEMA, "crawl-1", max_rows=1000, max_seconds=0)
    writer.write(row(1))
    assert writer.written == 1 and len(list(tmp_path.glob("*.parquet"))) == 1
