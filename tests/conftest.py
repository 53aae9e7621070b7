"""Fixtures shared by the test suite: the test web, and crawls run as a user runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from crawler.localweb import LocalWeb

TESTS = Path(__file__).parent
WEB = TESTS / "web"
# The test web's .test hosts resolve to loopback and stand for public sites; crawls go as fast as loopback allows.
FAST = {
    "MOISSON_TEST_HOSTS": json.dumps({"test": "127.0.0.1"}),
    "AUTOTHROTTLE_ENABLED": "False",
    # Not 0: with no delay, Scrapy 2.19's downloader starts every queued request of a site at once,
    # past CONCURRENT_REQUESTS_PER_DOMAIN (its transfer slots fill only when each task starts).
    "DOWNLOAD_DELAY": "0.001",
}


@pytest.fixture(scope="session")
def testweb(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalWeb]:
    """The test web, served once for the whole session; tests read its request log by host."""
    with LocalWeb(WEB, log_path=tmp_path_factory.mktemp("testweb") / "requests.jsonl") as web:
        yield web


def crawl_file(path: Path, seeds: list[str], **keys: Any) -> Path:
    """Write a minimal valid crawl file with the given seeds and extra [crawl] keys (or sections as dicts)."""
    sections: dict[str, dict[str, Any]] = {
        "crawl": {
            "name": "test",
            "purpose": "Test the crawler on a local test web.",
            "legal_basis": "legitimate_interest",
            "controller": "Moisson tests <dpo@moisson.invalid>",
            "user_agent": "MoissonTestBot/1.0 (+https://moisson.invalid/bot)",
            "seeds": seeds,
            "retention_days": 30,
        },
        # Each test's key beside its crawl file, never in the repository's data/.
        "pii": {"key_file": str(path.parent / "pii.key")},
        # And its own opt-out registry.
        "optout": {"db": str(path.parent / "optout.sqlite")},
        # The test web's pages share the filler text that lets them pass extraction, so they are near copies
        # of each other: deduplication is off unless a test turns it on (dedup={"enabled": True}).
        "dedup": {"enabled": False},
    }
    for key, value in keys.items():
        if isinstance(value, dict):
            sections.setdefault(key, {}).update(value)
        else:
            sections["crawl"][key] = value
    lines = []
    for section, values in sections.items():
        lines.append(f"[{section}]")
        lines += [f"{key} = {toml_value(value)}" for key, value in values.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def toml_value(value: Any) -> str:
    """A Python value written as TOML (strings, numbers, booleans, lists, inline tables)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {toml_value(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return json.dumps(value)


def moisson(
    *args: str,
    settings: dict[str, str] | None = None,
    timeout: float = 120,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess:
    """Run the `moisson` command line in a subprocess, as a user would; `env` is added to this environment.

    Crawls run their page stages in their own process unless a test sets MOISSON_PROCESSES: a pool's fork server
    loads the models again for every crawl, seconds each, and tests/crawler/test_offload.py shows that the pool
    writes the same dataset (the demo runs with it too)."""
    settings = dict(settings or {})
    if args and args[0] in ("crawl", "worker"):
        settings.setdefault("MOISSON_PROCESSES", "0")
    options = [f"-s{name}={value}" for name, value in settings.items()]
    return subprocess.run(
        [sys.executable, "-m", "crawler.cli", *args, *options],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=TESTS.parent,
        env=None if env is None else {**os.environ, **env},
        check=False,
    )


def read_rows(dataset: Path, part: str) -> list[dict[str, Any]]:
    """Every row of a dataset's documents or exclusions, through pyarrow."""
    folder = dataset / part
    if not folder.is_dir() or not any(folder.glob("*.parquet")):
        return []
    return pq.read_table(folder).to_pylist()
