"""The crawl benchmarks run end to end on a few pages and compare like with like (never on time)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "bench"
CORPORA = ROOT.parent / "shared" / "corpora" / "html"


def run_bench(script: str, *args: str, cwd: Path) -> str:
    result = subprocess.run(
        [sys.executable, str(BENCH / script), *args], capture_output=True, text=True, timeout=180, cwd=cwd, check=False
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    return result.stdout


def markdown_rows(text: str, first_header: str) -> dict[str, dict[str, str]]:
    """The rows of the first Markdown table whose first header is `first_header`, by their first cell."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"| {first_header} |"))
    headers = [cell.strip() for cell in lines[start].strip("|").split("|")]
    rows = {}
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        rows[cells[0]] = dict(zip(headers, cells))
    return rows


@pytest.mark.skipif(not (CORPORA / "trafilatura-eval").is_dir(), reason="needs shared/corpora/html/trafilatura-eval")
def test_overhead_bench_crawls_the_same_pages_both_ways(tmp_path):
    results = tmp_path / "RESULTS.md"
    stdout = run_bench("crawl_overhead.py", "--limit", "8", "--markdown", str(results), cwd=tmp_path)

    assert "bare Scrapy" in stdout and "moisson crawl" in stdout
    text = results.read_text(encoding="utf-8")
    assert text.startswith("# Crawl benchmarks\n")
    assert "## Compliance overhead (crawl_overhead.py)" in text
    rows = markdown_rows(text, "crawl")
    bare, moisson = rows["bare Scrapy"], rows["moisson crawl"]
    # The index and its 8 pages, fetched by both; only Moisson asks for robots.txt and tdmrep.json.
    assert bare["pages fetched"] == moisson["pages fetched"] == "9"
    assert (bare["other requests"], moisson["other requests"]) == ("0", "2")
    assert bare["pages kept"] == "9"
    assert 0 < int(moisson["pages kept"]) <= 9
    assert bare["wall / bare"] == "1.00x"
    assert "DOWNLOAD_DELAY=0.001" in text


@pytest.mark.skipif(
    not (CORPORA / "article-extraction-benchmark").is_dir(),
    reason="needs shared/corpora/html/article-extraction-benchmark",
)
def test_memory_bench_crawls_each_generated_site_whole(tmp_path):
    results = tmp_path / "RESULTS.md"
    options = ["--sizes", "30", "90", "--no-jobdir", "--interval", "0.2", "--markdown", str(results)]
    run_bench("crawl_memory.py", *options, cwd=tmp_path)

    text = results.read_text(encoding="utf-8")
    assert "## Memory against the frontier (crawl_memory.py)" in text
    rows = markdown_rows(text, "crawl")
    # Every page of each site, and its robots.txt and tdmrep.json.
    assert rows["30 pages"]["pages fetched"] == "32"
    assert rows["90 pages"]["pages fetched"] == "92"
    # The probe extension was loaded into the crawl and read the scheduler's counts.
    assert int(rows["90 pages"]["peak pending"]) > 0
    assert 0 < int(rows["90 pages"]["kept"]) <= 90
    assert int(rows["90 pages"]["peak RSS MB"]) > 0
