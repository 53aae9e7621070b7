"""End-to-end: one crawl shared by two workers through a real Redis server (scrapy-redis): one dataset, no URL
requested twice, duplicates caught across workers, and a CAPTCHA met by one worker stopping the site for both."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

import pyarrow.parquet as pq
import pytest
import redis
from conftest import FAST, TESTS, crawl_file, moisson, read_rows

REDIS_SERVER = shutil.which("redis-server")
pytestmark = pytest.mark.skipif(REDIS_SERVER is None, reason="redis-server is not installed (Debian: redis-server)")

TWINS, STOPALL = "twins.test", "stopall.test"
# Each worker holds at most two requests: the rest of the frontier stays in Redis for the other to take.
SETTINGS = {**FAST, "CONCURRENT_REQUESTS": "2"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    """A Redis server of its own, on loopback, on a free port, without persistence."""
    port = free_port()
    folder = tmp_path_factory.mktemp("redis")
    server = subprocess.Popen(
        [
            REDIS_SERVER,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(folder),
        ],
        stdout=subprocess.DEVNULL,
    )
    client = redis.Redis(port=port)
    for _ in range(100):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    server.terminate()
    server.wait(10)


def command(*args: str, settings: dict[str, str]) -> list[str]:
    return [sys.executable, "-m", "crawler.cli", *args, *(f"-s{name}={value}" for name, value in settings.items())]


@pytest.fixture(scope="module")
def shared_crawl(testweb, redis_url, tmp_path_factory):
    """`moisson crawl --redis` and one `moisson worker`, at the same time, on the twins and stopall sites."""
    tmp = tmp_path_factory.mktemp("distributed")
    out = tmp / "out"
    config = crawl_file(tmp / "crawl.toml", [testweb.url(TWINS), testweb.url(STOPALL)], dedup={"enabled": True})
    since = len(testweb.requests())
    client = redis.Redis.from_url(redis_url)
    first = subprocess.Popen(
        command("crawl", str(config), "--out", str(out), "--redis", redis_url, settings=SETTINGS),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=TESTS.parent,
    )
    deadline = time.monotonic() + 60
    while client.get("moisson:job") is None and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    second = subprocess.Popen(
        command("worker", "--redis", redis_url, settings={"CONCURRENT_REQUESTS": "2"}),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=TESTS.parent,
    )
    outputs = [process.communicate(timeout=300) for process in (first, second)]
    for name, process, (stdout, stderr) in zip(("first", "second"), (first, second), outputs):
        (tmp / f"{name}.log").write_text(stdout + stderr)  # kept for a failing test's reader
        assert process.returncode == 0, stderr[-3000:]
    return {
        "out": out,
        "requests": testweb.requests()[since:],
        "outputs": outputs,
        "redis": client,
        "manifest": json.loads((out / "manifest.json").read_text()),
    }


def by_worker(out: Path, part: str) -> dict[str, list[dict]]:
    """The rows of `part`, by the worker that wrote them (its part files: <crawl_id>-<worker>-NNNNN.parquet)."""
    rows: dict[str, list[dict]] = {}
    for path in sorted((out / part).glob("*.parquet")):
        worker = path.name.rsplit("-", 2)[1]
        rows.setdefault(worker, []).extend(pq.read_table(path).to_pylist())
    return rows


def path_of(url: str) -> str:
    return "/" + url.split("/", 3)[3]


def test_the_two_workers_make_one_dataset_of_one_crawl(shared_crawl):
    manifest = shared_crawl["manifest"]
    assert len(manifest["crawls"]) == 1
    workers = manifest["workers"]
    assert len(workers) == 2
    assert all(w["finish_reason"] == "finished" for w in workers.values())
    assert manifest["finish_reason"] == "finished" and manifest["finished_at"]
    # Both took part, and the crawl's counts are the sum of theirs and match the dataset.
    assert all(w["counts"]["requests"] > 0 for w in workers.values())
    documents = read_rows(shared_crawl["out"], "documents")
    assert manifest["counts"]["documents"] == len(documents) == sum(w["counts"]["documents"] for w in workers.values())
    assert {row["crawl_id"] for row in documents} == {manifest["crawl_id"]}
    assert len(by_worker(shared_crawl["out"], "exclusions")) == 2


def test_no_url_is_requested_twice_not_even_robots_txt(shared_crawl):
    counts = Counter((r["host"], r["path"]) for r in shared_crawl["requests"])
    assert counts, "the crawl requested nothing"
    assert [key for key, n in counts.items() if n > 1] == []
    assert (TWINS, "/robots.txt") in counts and (STOPALL, "/robots.txt") in counts


def test_every_page_is_kept_once_and_its_copy_is_excluded_across_workers(shared_crawl):
    documents = [r for r in read_rows(shared_crawl["out"], "documents") if TWINS in r["url"]]
    kept = {path_of(r["url"]) for r in documents}
    for i in range(1, 21):  # a1 and b20 are copies, a2 and b19... (in the frontier's order, far apart)
        assert len(kept & {f"/a{i}.html", f"/b{21 - i}.html"}) == 1, i
    # A copy excluded by one worker whose original the other one kept: the index is shared.
    kept_by = {r["url"]: w for w, rows in by_worker(shared_crawl["out"], "documents").items() for r in rows}
    across = [
        r
        for w, rows in by_worker(shared_crawl["out"], "exclusions").items()
        for r in rows
        if r["reason_code"] == "duplicate" and kept_by.get(r["detail"], w) != w
    ]
    assert across, "no duplicate was caught across workers"
    assert all(r["url"] != r["detail"] for r in across)


def test_a_captcha_met_by_one_worker_stops_the_site_for_both(shared_crawl):
    exclusions = by_worker(shared_crawl["out"], "exclusions")
    met = [r for rows in exclusions.values() for r in rows if STOPALL in r["url"] and r["component"] == "captcha"]
    assert [path_of(r["url"]) for r in met] == ["/gate.html"]
    refused = [r for rows in exclusions.values() for r in rows if STOPALL in r["url"] and r["component"] == "stops"]
    assert refused and all(r["reason"] == "captcha:cloudflare; site stopped" for r in refused)
    # Nothing of the site was requested, by either worker, after the challenge but what was already on its way.
    asked = [r for r in shared_crawl["requests"] if r["host"] == STOPALL]
    gate = datetime.fromisoformat(next(r for r in asked if r["path"] == "/gate.html")["time"])
    assert [r for r in asked if datetime.fromisoformat(r["time"]) > gate + timedelta(seconds=1)] == []
    # Every page of the site is accounted for: kept before the stop, or refused.
    kept = {path_of(r["url"]) for r in read_rows(shared_crawl["out"], "documents") if STOPALL in r["url"]}
    pages = {f"/p/{i}.html" for i in range(1, 21)}
    assert pages == (kept - {"/"}) | {path_of(r["url"]) for r in refused}


def test_a_site_one_worker_stops_is_stopped_for_another(redis_url, tmp_path):
    """Which worker meets a challenge, and which pulls the site's next request from the shared frontier, is up to
    timing; here two workers' stop middlewares, on the same Redis, are asked in turn."""
    from scrapy import Request
    from scrapy.utils.test import get_crawler

    from crawler.exclusions import Excluded
    from crawler.middlewares.stops import SiteStopMiddleware
    from filters.decision import refuse

    def worker(name: str) -> SiteStopMiddleware:
        settings = {
            "MOISSON_REDIS_URL": redis_url,
            "MOISSON_CRAWL_ID": "stops-test",
            "MOISSON_WORKER": name,
            "MOISSON_OUTPUT_DIR": str(tmp_path),
            "MOISSON_CAPTCHA_COOLDOWN_DAYS": 7,
        }
        return SiteStopMiddleware.from_crawler(get_crawler(settings_dict=settings))

    first, second = worker("first"), worker("second")
    request = Request("http://stopped.test/page.html")
    assert second.process_request(request) is None
    first.stop("stopped.test", refuse("captcha", "cloudflare"), "captcha")
    with pytest.raises(Excluded, match="site stopped"):
        second.process_request(request)
    assert second.process_request(Request("http://other.test/")) is None
    redis.Redis.from_url(redis_url).delete("moisson:stops-test:stops")


def test_the_last_worker_leaves_nothing_of_the_crawl_in_redis(shared_crawl):
    client = shared_crawl["redis"]
    crawl_id = shared_crawl["manifest"]["crawl_id"]
    assert list(client.scan_iter(match=f"moisson:{crawl_id}:*")) == []
    assert json.loads(client.get("moisson:job"))["finished"] is True


def test_the_report_and_the_sources_see_one_crawl(shared_crawl):
    out = shared_crawl["out"]
    report = moisson("report", str(out))
    assert report.returncode == 0, report.stderr
    assert "1 crawl;" in report.stdout and "Workers" in report.stdout
    sources = moisson("sources", str(out), "--format", "json")
    assert sources.returncode == 0, sources.stderr
    published = json.loads(sources.stdout)
    assert published["totals"]["documents"] == len(read_rows(out, "documents"))


def test_a_worker_with_no_crawl_to_work_on_says_so(redis_url, tmp_path):
    empty = redis_url.rsplit("/", 1)[0] + "/5"  # another database of the same server: no job there
    result = moisson("worker", "--redis", empty)
    assert result.returncode == 2
    assert result.stderr.startswith("moisson: error: ") and "no crawl is published" in result.stderr
    unreachable = moisson("worker", "--redis", f"redis://127.0.0.1:{free_port()}/0")
    assert unreachable.returncode == 2 and "cannot reach Redis" in unreachable.stderr


def test_the_demo_runs_on_two_workers(redis_url, tmp_path):
    result = moisson("demo", "--out", str(tmp_path / "demo"), "--redis", redis_url, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Workers          2  shared the latest crawl through Redis" in result.stdout
    kept = read_rows(tmp_path / "demo", "documents")
    assert f"Kept        {len(kept):>7} documents" in result.stdout
    assert len({row["url"] for row in kept}) == len(kept) > 20
    # The demo's opted-out site and person are refused as with one process.
    assert "  optout                2" in result.stdout
