"""Pages per second with one and two workers sharing a crawl through Redis, on this machine.

    python bench/crawl_scaling.py                       # about 5 minutes on 2 cores
    python bench/crawl_scaling.py --markdown bench/RESULTS-crawl.md

The site is the one bench/crawl_overhead.py builds (the 1,033 real pages of trafilatura's evaluation set behind one
index, on loopback, with the same loopback politeness). Four crawls of it, each into a fresh folder:

* one process, no Redis (`moisson crawl`): the baseline;
* one worker on Redis (`moisson crawl --redis`): what sharing the state through Redis costs one process;
* two workers on Redis (`moisson crawl --redis` and `moisson worker`), started together;
* one worker on Redis whose page stages run in a pool of two processes.

A Redis server of its own (Debian's redis-server) runs on a free loopback port. Pages per second are counted
from the server's request log, from the first page request to the end of the last process (the models' loading
before the first request is left out, and reported apart as the whole wall time). Every compliance default is on,
but the page stages run in each crawl process itself (MOISSON_PROCESSES=0), so that a worker is one process: on two
cores, two workers are what the machine holds. A last row shows one worker with its stages in a pool of two
processes (the default on this machine), the other way to use both cores.
"""

from __future__ import annotations

import argparse
import shutil
import socket
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

from _crawlbench import (
    CORPORA,
    LOOPBACK_POLITENESS,
    ROOT,
    TEST_HOSTS,
    format_table,
    markdown_table,
    read_counts,
    settings_lines,
    workdir,
    write_crawl_file,
    write_markdown,
)
from crawl_overhead import HOST, build_site

sys.path.insert(0, str(ROOT))

from crawler.localweb import LocalWeb  # noqa: E402

CORPUS = CORPORA / "trafilatura-eval"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_redis(folder: Path) -> tuple[subprocess.Popen, str]:
    server = shutil.which("redis-server")
    if server is None:
        raise SystemExit("redis-server is not installed (Debian: apt-get install redis-server)")
    port = free_port()
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(folder)],
        stdout=subprocess.DEVNULL,
    )
    time.sleep(0.5)
    return process, f"redis://127.0.0.1:{port}/0"


def crawl(web: LocalWeb, folder: Path, workers: int, redis_url: str | None, processes: str = "0") -> dict:
    """One crawl of the site with `workers` crawl processes (0: no Redis at all, one process), each with
    `processes` page-stage workers (MOISSON_PROCESSES; "0": the stages in the crawl process itself)."""
    folder.mkdir()
    crawl_file = write_crawl_file(folder / "crawl.toml", [web.url(HOST)], limits={"max_depth": 1})
    settings = {**TEST_HOSTS, **LOOPBACK_POLITENESS, "MOISSON_PROCESSES": processes}
    options = [f"-s{name}={value}" for name, value in settings.items()]
    base = [sys.executable, "-m", "crawler.cli"]
    first = [*base, "crawl", str(crawl_file), "--out", str(folder / "out"), *options]
    if redis_url:
        first += ["--redis", redis_url]
    since = len(web.requests(HOST))
    start = time.perf_counter()
    logs = [open(folder / f"worker-{n}.log", "w") for n in range(max(workers, 1))]
    processes = [subprocess.Popen(first, cwd=ROOT, stdout=logs[0], stderr=subprocess.STDOUT)]
    if workers > 1:
        time.sleep(1.0)  # the job is published before the models load; the worker then loads them alongside
        for n in range(1, workers):
            worker = [*base, "worker", "--redis", redis_url]
            processes.append(subprocess.Popen(worker, cwd=ROOT, stdout=logs[n], stderr=subprocess.STDOUT))
    statuses = [process.wait() for process in processes]
    wall = time.perf_counter() - start
    ended = datetime.now(timezone.utc)
    for log in logs:
        log.close()
    if any(statuses):
        raise SystemExit(f"a crawl process failed ({statuses}); see {folder}/worker-*.log")
    requests = [r for r in web.requests(HOST)[since:] if r["path"] == "/" or r["path"].startswith("/p/")]
    times = sorted(datetime.fromisoformat(r["time"]) for r in requests)
    # From the first page request to the end of the last process: the pages still in the stages count.
    window = (ended - times[0]).total_seconds()
    counts = read_counts(folder / "out")
    paths = [r["path"] for r in requests]
    return {
        "workers": workers,
        "pages": len(requests),
        "twice": len(paths) - len(set(paths)),
        "kept": counts.get("documents", 0),
        "window": window,
        "wall": wall,
        "rate": len(requests) / window if window else 0.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="trafilatura-eval folder (cache/, eval/)")
    parser.add_argument("--workdir", type=Path, help="keep the site, datasets and logs here (default: a temp dir)")
    parser.add_argument("--markdown", type=Path, help="also write the results as a section of this Markdown file")
    args = parser.parse_args()

    with workdir(args.workdir, "moisson-scaling-") as tmp:
        pages, _ = build_site(args.corpus, tmp / "web")
        redis_server, redis_url = start_redis(tmp)
        try:
            with LocalWeb(tmp / "web", log_path=tmp / "requests.jsonl") as web:
                runs = [
                    ("one process, no Redis", crawl(web, tmp / "plain", 0, None)),
                    ("one worker on Redis", crawl(web, tmp / "one", 1, redis_url)),
                    ("two workers on Redis", crawl(web, tmp / "two", 2, redis_url)),
                    ("one worker on Redis, page stages in a pool of 2", crawl(web, tmp / "pool", 1, redis_url, "2")),
                ]
        finally:
            redis_server.terminate()
            redis_server.wait(10)

    baseline = runs[1][1]["rate"]
    headers = ["crawl", "pages requested", "requested twice", "kept", "pages/s", "vs one worker", "wall s"]
    rows = [
        [
            name,
            r["pages"],
            r["twice"],
            r["kept"],
            f"{r['rate']:.1f}",
            f"{r['rate'] / baseline:.2f}x",
            f"{r['wall']:.0f}",
        ]
        for name, r in runs
    ]
    print(f"Site: {pages} pages of trafilatura-eval on loopback; {settings_lines(LOOPBACK_POLITENESS)}")
    print(format_table(headers, rows))
    if args.markdown:
        body = (
            f"`python bench/crawl_scaling.py` on this machine: {pages} pages, every compliance default on, "
            f"{settings_lines(LOOPBACK_POLITENESS)}. Pages per second from the first page request to the end of the last process.\n\n"
            + markdown_table(headers, rows)
        )
        write_markdown(args.markdown, "Scaling: one and two workers on Redis", body)


if __name__ == "__main__":
    main()
