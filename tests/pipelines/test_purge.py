"""Removing stored rows: only the part files holding them are rewritten, an emptied file goes, and each purge is
logged with counts only."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from filters._pii_keyed import Keyring
from filters.optout import OptoutRequest, OptoutRules, stored_value
from pipelines.dataset import DatasetError
from pipelines.parquet import DOCUMENTS_SCHEMA
from pipelines.purge import (
    PURGE_LOG,
    append_log,
    either,
    log_entry,
    purge_rows,
    read_log,
    registry_decider,
    retention_decider,
)

KEYRING = Keyring(bytes(range(32)))
FETCHED = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)
RETAINED = FETCHED + timedelta(days=30)
DUPONT = KEYRING.digest("PERSON", "Jean Dupont")
ELSE = KEYRING.digest("PERSON", "Marie Curie")


def row(url: str, *, hashes: list[str] | None = None, until: datetime = RETAINED, crawl: str = "c1") -> dict:
    """A documents row with the columns a purge reads, and a text of its own."""
    text = f"The text of {url}."
    host = url.split("/")[2]
    return {
        "url": url,
        "domain": ".".join(host.split(".")[-2:]),
        "text": text,
        "fetched_at": FETCHED,
        "crawl_id": crawl,
        "retention_until": until,
        "content_sha256": hashlib.sha256(text.encode()).hexdigest(),
        "title": "A page",
        "language": "en",
        "http_status": 200,
        "pii_counts": [("PERSON", 1)] if hashes else [],
        "pii_hashes": hashes or [],
    }


def write_part(dataset: Path, name: str, rows: list[dict]) -> Path:
    path = dataset / "documents" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pylist(rows, schema=DOCUMENTS_SCHEMA), path)
    return path


def state(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def rules_of(*entries: tuple[str, str]) -> OptoutRules:
    requests = [
        OptoutRequest(i, kind, stored_value(kind, value, KEYRING), "2026-01-01T00:00:00+00:00", "", "test")
        for i, (kind, value) in enumerate(entries, 1)
    ]
    return OptoutRules(requests, KEYRING.key_id())


@pytest.fixture
def dataset(tmp_path: Path) -> dict:
    """Three part files: one with rows to remove and to keep, one only with rows to remove, one untouched."""
    mixed = [
        row("http://a.example.org/1", hashes=[ELSE]),
        row("http://a.example.org/2", hashes=[ELSE, DUPONT]),
        row("https://forum.site.test/threads/9"),
        row("http://a.example.org/3"),
    ]
    gone = [row("http://www.gone.test/"), row("http://gone.test/x", hashes=[DUPONT])]
    untouched = [row("http://a.example.org/4", hashes=[ELSE]), row("http://forum.site.test/other/1")]
    folder = tmp_path / "ds"
    files = {
        "mixed": write_part(folder, "c1-00001.parquet", mixed),
        "gone": write_part(folder, "c1-00002.parquet", gone),
        "untouched": write_part(folder, "c2-00001.parquet", untouched),
    }
    return {"dir": folder, "files": files, "rows": {"mixed": mixed, "gone": gone, "untouched": untouched}}


RULES = (("domain", "gone.test"), ("url_prefix", "http://forum.site.test/threads/"), ("name", "M. Jean Dupont"))


def test_a_registry_purge_rewrites_only_the_files_holding_removed_rows(dataset):
    untouched = state(dataset["files"]["untouched"])
    result = purge_rows(dataset["dir"], *registry_decider(rules_of(*RULES)))

    assert dict(result.removed) == {"optout:domain": 2, "optout:url_prefix": 1, "optout:name": 1}
    assert dict(result.domains) == {"gone.test": 2, "site.test": 1, "example.org": 1}
    assert (result.total, result.rows_before) == (4, 8)
    assert (result.files_rewritten, result.files_deleted) == (1, 1)
    # The emptied file is gone, the untouched one is the same file, the mixed one holds the rows kept, as they were.
    assert not dataset["files"]["gone"].exists()
    assert state(dataset["files"]["untouched"]) == untouched
    kept = pq.read_table(dataset["files"]["mixed"])
    assert kept.schema.equals(DOCUMENTS_SCHEMA)
    expected = pa.Table.from_pylist([dataset["rows"]["mixed"][i] for i in (0, 3)], schema=DOCUMENTS_SCHEMA)
    assert kept.to_pylist() == expected.to_pylist()
    assert not list((dataset["dir"] / "documents").glob(".*"))  # no temporary file left behind


def test_a_second_purge_with_the_same_rules_changes_nothing(dataset):
    decide = registry_decider(rules_of(*RULES))
    purge_rows(dataset["dir"], *decide)
    before = {p.name: state(p) for p in (dataset["dir"] / "documents").glob("*.parquet")}
    result = purge_rows(dataset["dir"], *decide)
    assert (result.total, result.rows_before, result.files_rewritten, result.files_deleted) == (0, 4, 0, 0)
    assert {p.name: state(p) for p in (dataset["dir"] / "documents").glob("*.parquet")} == before


def test_a_purge_limited_to_some_files_leaves_the_others(dataset):
    files = [dataset["files"]["gone"], dataset["dir"] / "documents" / "c1-00009.parquet"]  # one of them never was
    result = purge_rows(dataset["dir"], *registry_decider(rules_of(*RULES)), files=files)
    assert (result.total, result.rows_before, result.files_deleted) == (2, 2, 1)
    assert pq.read_table(dataset["files"]["mixed"]).num_rows == 4


def test_rows_hashed_under_another_key_are_purged_by_domain_and_prefix_only(tmp_path):
    folder = tmp_path / "ds"
    write_part(folder, "old-00001.parquet", [row("http://a.test/1", hashes=[DUPONT], crawl="old"),
                                             row("http://gone.test/1", crawl="old")])  # fmt: skip
    write_part(folder, "new-00001.parquet", [row("http://a.test/2", hashes=[DUPONT], crawl="new")])
    result = purge_rows(folder, *registry_decider(rules_of(*RULES), other_key={"old"}))
    assert dict(result.removed) == {"optout:domain": 1, "optout:name": 1}
    assert [r["url"] for r in pq.read_table(folder / "documents").to_pylist()] == ["http://a.test/1"]


def test_retention_removes_rows_due_at_or_before_the_instant(tmp_path):
    folder = tmp_path / "ds"
    path = write_part(
        folder, "c1-00001.parquet", [row("http://a.test/1"), row("http://a.test/2", until=RETAINED + timedelta(days=1))]
    )
    before = state(path)
    just_before = purge_rows(folder, *retention_decider(RETAINED - timedelta(microseconds=1)))
    assert just_before.total == 0 and state(path) == before
    at = purge_rows(folder, *retention_decider(RETAINED))
    assert dict(at.removed) == {"retention": 1}
    assert [r["url"] for r in pq.read_table(path).to_pylist()] == ["http://a.test/2"]
    # An instant in another time zone is the same instant.
    later = (RETAINED + timedelta(days=1)).astimezone(timezone(timedelta(hours=-5)))
    assert purge_rows(folder, *retention_decider(later)).files_deleted == 1
    assert not path.exists()


def test_either_gives_the_first_reason_and_reads_every_column_needed(dataset):
    decide, columns = either(registry_decider(rules_of(*RULES)), retention_decider(RETAINED))
    assert set(columns) == {"url", "pii_hashes", "crawl_id", "retention_until"}
    result = purge_rows(dataset["dir"], decide, columns)
    assert dict(result.removed) == {"optout:domain": 2, "optout:url_prefix": 1, "optout:name": 1, "retention": 4}
    assert list((dataset["dir"] / "documents").glob("*.parquet")) == []


def test_an_unreadable_part_file_is_a_dataset_error(tmp_path):
    (tmp_path / "ds" / "documents").mkdir(parents=True)
    (tmp_path / "ds" / "documents" / "c1-00001.parquet").write_bytes(b"not parquet at all")
    with pytest.raises(DatasetError, match="c1-00001.parquet"):
        purge_rows(tmp_path / "ds", *retention_decider(RETAINED))


def test_hidden_and_temporary_files_are_not_purged(dataset):
    hidden = dataset["dir"] / "documents" / ".c1-00003.parquet.tmp"
    hidden.write_bytes(b"half written")
    result = purge_rows(dataset["dir"], *retention_decider(RETAINED))
    assert result.rows_before == 8
    assert hidden.read_bytes() == b"half written"


def test_the_purge_log_holds_one_line_a_purge_with_counts_only(dataset):
    started = datetime.now(timezone.utc)
    result = purge_rows(dataset["dir"], *registry_decider(rules_of(*RULES)))
    append_log(dataset["dir"], log_entry(result, "moisson purge", started, requests=3))
    append_log(dataset["dir"], log_entry(purge_rows(dataset["dir"], *retention_decider(FETCHED)), "again", started))
    entries = read_log(dataset["dir"])
    assert [e["by"] for e in entries] == ["moisson purge", "again"]
    first = entries[0]
    assert first["removed"] == 4 and first["rows_before"] == 8 and first["requests"] == 3
    assert first["removed_by_reason"] == {"optout:domain": 2, "optout:name": 1, "optout:url_prefix": 1}
    assert first["removed_by_domain"] == {"example.org": 1, "gone.test": 2, "site.test": 1}
    assert (first["files_rewritten"], first["files_deleted"]) == (1, 1)
    assert datetime.fromisoformat(first["started_at"]) <= datetime.fromisoformat(first["finished_at"])
    text = (dataset["dir"] / PURGE_LOG).read_text()
    assert len(text.splitlines()) == 2
    assert DUPONT not in text and "dupont" not in text.lower() and "threads/9" not in text


def test_an_unreadable_log_line_is_skipped(tmp_path):
    (tmp_path / PURGE_LOG).write_text('{"by": "one", "removed": 1}\nnot json\n{"by": "two", "removed": 2}\n')
    assert [e["by"] for e in read_log(tmp_path)] == ["one", "two"]
    append_log(tmp_path, {"by": "three"})
    assert [json.loads(line)["by"] for line in (tmp_path / PURGE_LOG).read_text().splitlines()[-1:]] == ["three"]
    assert read_log(tmp_path / "nowhere") == []


@pytest.mark.parametrize("dies", ["while writing", "before the rename"])
def test_a_purge_killed_mid_rewrite_leaves_the_old_file_whole(dataset, dies):
    """The process dies (os._exit, no clean-up) in the middle of rewriting a part file (the one holding
    http://a.example.org/3): the file is the old one, readable, and the next purge does the work."""
    mixed = dataset["files"]["mixed"]
    before = state(mixed)
    crash = {
        "while writing": "import pyarrow.parquet as pq\n"
        "real = pq.write_table\n"
        "def write_table(table, sink, **kw):\n"
        "    sink.write(b'PAR1 half a file')\n"
        "    os._exit(9)\n"
        "pq.write_table = write_table\n",
        "before the rename": "import pipelines.parquet as parquet\nparquet.os.replace = lambda *a: os._exit(9)\n",
    }[dies]
    script = (
        "import os, sys\nfrom pathlib import Path\n"
        f"{crash}"
        "from pipelines.purge import purge_rows\n"
        "def decide(rows):\n"
        "    return ['test' if url.endswith('/3') else None for url in rows['url'].to_pylist()]\n"
        "purge_rows(Path(sys.argv[1]), decide, ['url'])\n"
    )
    root = Path(__file__).resolve().parents[2]
    child = subprocess.run([sys.executable, "-c", script, str(dataset["dir"])], cwd=root, capture_output=True)
    assert child.returncode == 9, child.stderr.decode()[-2000:]

    assert state(mixed) == before and pq.read_table(mixed).num_rows == 4

    def decide(rows: pa.Table) -> list[str | None]:
        return ["test" if url.endswith("/3") else None for url in rows["url"].to_pylist()]

    result = purge_rows(dataset["dir"], decide, ["url"])
    assert (result.total, result.files_rewritten) == (1, 1) and pq.read_table(mixed).num_rows == 3
