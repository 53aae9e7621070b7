"""What the crawl benchmarks (crawl_overhead.py, crawl_memory.py) share: the politeness used on loopback, crawl
files, running a crawl in a subprocess while sampling its memory, and reading what the crawl reported."""

from __future__ import annotations

import contextlib
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
CORPORA = ROOT.parent / "shared" / "corpora" / "html"

# Loopback answers in a millisecond, so Moisson's polite defaults (DOWNLOAD_DELAY 0.25 s, 2 requests per domain,
# autothrottle) would make every crawl wait on the delay and hide what the processing costs. Both crawls of a
# comparison get these.
LOOPBACK_POLITENESS = {
    # Not 0: with no delay, Scrapy 2.19's downloader starts every queued request of a site at once (see
    # crawler/settings.py).
    "DOWNLOAD_DELAY": "0.001",
    "AUTOTHROTTLE_ENABLED": "False",
    "CONCURRENT_REQUESTS": "16",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "16",
}
# The local web's .test hosts resolve to loopback and stand for public sites, as in the tests.
TEST_HOSTS = {"MOISSON_TEST_HOSTS": json.dumps({"test": "127.0.0.1"})}

_STAT = re.compile(r"'([^']+)': (-?\d+(?:\.\d+)?)[,}]")


def process_tree(pid: int) -> list[int]:
    """`pid` and all its live descendants (the crawl's pool: its fork server and workers), parents first, read
    from /proc; a process that ends meanwhile is left out."""
    tree, pending = [], [pid]
    while pending:
        current = pending.pop(0)
        try:
            tasks = list(Path(f"/proc/{current}/task").iterdir())
            children = [int(child) for task in tasks for child in (task / "children").read_text().split()]
        except OSError:
            continue
        tree.append(current)
        pending += children
    return tree


def write_crawl_file(path: Path, seeds: list[str], **sections: dict[str, Any]) -> Path:
    """A valid crawl file for the seeds, its key and opt-out registry beside it; `sections` add or override keys."""
    tables: dict[str, dict[str, Any]] = {
        "crawl": {
            "name": "bench",
            "purpose": "Measure the crawler on a local web.",
            "legal_basis": "legitimate_interest",
            "controller": "Moisson benchmarks <dpo@moisson.invalid>",
            "user_agent": "MoissonBench/1.0 (+https://moisson.invalid/bot)",
            "seeds": seeds,
            "retention_days": 30,
        },
        "pii": {"key_file": str(path.parent / "pii.key")},
        "optout": {"db": str(path.parent / "optout.sqlite")},
    }
    for name, values in sections.items():
        tables.setdefault(name, {}).update(values)
    lines = []
    for name, values in tables.items():
        lines.append(f"[{name}]")
        lines += [f"{key} = {json.dumps(value)}" for key, value in values.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def moisson_command(crawl_file: Path, out: Path, settings: dict[str, str], *, profile: Path | None = None) -> list[str]:
    """`moisson crawl` as a user runs it (python -m crawler.cli), optionally under cProfile."""
    runner = ["-m", "cProfile", "-o", str(profile)] if profile else []
    options = [f"-s{name}={value}" for name, value in settings.items()]
    return [sys.executable, *runner, "-m", "crawler.cli", "crawl", str(crawl_file), "--out", str(out), *options]


@dataclass
class Measured:
    """One crawl process: exit status, wall time, peak RSS and its log."""

    status: int
    wall: float
    peak_rss_kb: int
    log: str = field(repr=False)

    def stats(self) -> dict[str, float]:
        """The numeric Scrapy stats the crawl dumped to its log at the end."""
        _, _, dump = self.log.rpartition("Dumping Scrapy stats:")
        return {name: float(value) for name, value in _STAT.findall(dump.split("\n\n")[0])}


def run_measured(command: list[str], cwd: Path, log_path: Path, env: dict[str, str] | None = None) -> Measured:
    """Run a command to its end, its output to `log_path`; its peak RSS is the kernel's count (wait4's ru_maxrss)."""
    with open(log_path, "w", encoding="utf-8") as log:
        start = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})}
        )
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return Measured(process.returncode, wall, usage.ru_maxrss, log_path.read_text("utf-8", "replace"))


def read_counts(dataset: Path) -> dict[str, Any]:
    """The counts of the dataset's manifest, and its crawl's time from opening to closing the spider."""
    from datetime import datetime

    manifest = json.loads((dataset / "manifest.json").read_text(encoding="utf-8"))
    started, finished = (datetime.fromisoformat(manifest[key]) for key in ("started_at", "finished_at"))
    return {**manifest["counts"], "crawl_seconds": (finished - started).total_seconds()}


def format_table(headers: list[str], rows: list[list[Any]]) -> str:
    """A plain-text table, columns padded, numbers on the right."""
    cells = [[str(cell) for cell in row] for row in [headers, *rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = []
    for row in cells:
        lines.append(
            "  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths)))
        )
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def markdown_table(headers: list[str], rows: list[list[Any]]) -> str:
    """The same table in Markdown."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def write_markdown(path: Path, section: str, body: str) -> None:
    """Put `body` under the heading `## section` of a Markdown file, replacing an earlier run's section."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Crawl benchmarks\n"
    heading = f"## {section}\n"
    before, found, after = text.partition(heading)
    if found:
        rest = after.split("\n## ", 1)
        after = "\n## " + rest[1] if len(rest) > 1 else ""
    else:
        before = before.rstrip("\n") + "\n\n"
    path.write_text(before + heading + "\n" + body.strip("\n") + "\n" + after, encoding="utf-8")


def machine() -> str:
    """The machine and versions a result was measured with."""
    from importlib.metadata import version

    return f"{os.cpu_count()} cores, Python {platform.python_version()}, Scrapy {version('scrapy')}"


def settings_lines(settings: dict[str, str]) -> str:
    """Settings as `NAME=VALUE` for the report."""
    return ", ".join(f"{name}={value}" for name, value in settings.items())


@contextlib.contextmanager
def workdir(path: Path | None, prefix: str) -> Iterator[Path]:
    """The given folder, created and kept, or a temporary one removed at the end."""
    if path is not None:
        path.mkdir(parents=True)
        yield path
        return
    with tempfile.TemporaryDirectory(prefix=prefix) as name:
        yield Path(name)
