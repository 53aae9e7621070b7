"""The page stages in worker processes (crawler.offload): the same dataset as in one process, and a crawl that
goes on when a worker dies."""

from __future__ import annotations

import asyncio
import multiprocessing
import os

import pytest
from conftest import FAST, crawl_file, moisson, read_rows

from crawler.offload import Offload, processes_setting

SITES = ("contacts.test", "confessions.test", "site.test")


def crawl(testweb, tmp, processes: str) -> tuple[dict, set]:
    config = crawl_file(tmp / "crawl.toml", [testweb.url(site) for site in SITES], limits={"max_pages_per_site": 40})
    result = moisson("crawl", str(config), "--out", str(tmp / "out"), settings={**FAST, "MOISSON_PROCESSES": processes})
    assert result.returncode == 0, result.stderr[-3000:]
    documents = {
        row["url"]: (row["text"], row["title"], row["pii_counts"], tuple(row["pii_hashes"]))
        for row in read_rows(tmp / "out", "documents")
    }
    exclusions = {(row["url"], row["reason"]) for row in read_rows(tmp / "out", "exclusions")}
    return documents, exclusions


def test_two_worker_processes_write_the_dataset_one_process_writes(testweb, tmp_path):
    (tmp_path / "one").mkdir()
    (tmp_path / "pool").mkdir()
    # One key for both, so that the pseudonyms match.
    (tmp_path / "one" / "pii.key").write_bytes(b"k" * 32)
    (tmp_path / "one" / "pii.key").chmod(0o600)
    (tmp_path / "pool" / "pii.key").write_bytes(b"k" * 32)
    (tmp_path / "pool" / "pii.key").chmod(0o600)
    one = crawl(testweb, tmp_path / "one", "0")
    pool = crawl(testweb, tmp_path / "pool", "2")
    documents, exclusions = pool
    assert one == pool
    # What the three stages do shows in it: personal data replaced, special-category pages refused.
    assert any(dict(counts).get("PERSON") for _, _, counts, _ in documents.values())
    assert any(reason.startswith("sensitive") for _, reason in exclusions)
    assert len(documents) >= 10


@pytest.mark.parametrize("value", ["-1", "two", "1.5"])
def test_a_bad_number_of_processes_is_a_one_line_error(tmp_path, value):
    config = crawl_file(tmp_path / "crawl.toml", ["http://site.test/"])
    result = moisson("crawl", str(config), "--out", str(tmp_path / "out"), settings={"MOISSON_PROCESSES": value})
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "MOISSON_PROCESSES" in result.stderr
    assert not (tmp_path / "out").exists()


def test_auto_is_one_process_per_core():
    assert processes_setting("auto") == processes_setting(None) == (os.cpu_count() or 1)
    assert processes_setting("0") == 0 and processes_setting(3) == 3


def exit_in_a_worker(value: int) -> int:
    """Kills the worker process it runs in (as the kernel's OOM killer would); returns `value` in the crawl's."""
    if multiprocessing.parent_process() is not None:
        os._exit(9)
    return value * 2


def test_a_dead_worker_leaves_the_crawl_to_its_own_process(caplog):
    offload = Offload(1)
    try:
        assert asyncio.run(offload.run(exit_in_a_worker, 21)) == 42
        assert offload.processes == 0  # the rest runs here
        assert asyncio.run(offload.run(exit_in_a_worker, 1)) == 2
    finally:
        offload.close()
    assert "worker process died" in caplog.text
