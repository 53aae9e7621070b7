"""Peak memory of `moisson crawl` as its frontier grows: a generated site crawled whole at two sizes, in one run.

    python bench/crawl_memory.py                              # 5,000 and 20,000 pages, then 20,000 with JOBDIR
    python bench/crawl_memory.py --sizes 1000 4000 --no-jobdir
    python bench/crawl_memory.py --markdown bench/RESULTS-crawl.md

The site, written into a temporary folder and served on loopback by crawler.localweb.LocalWeb as one host per size,
is a tree crawled breadth first: page i links to its --fanout children (i*F+1 to i*F+F), so the whole site is
enqueued once a --fanout-th of it is fetched and the frontier peaks near the site's size; each page also links to
--cross pages drawn at random, which the duplicate filter drops. Each page's text is eight sentences drawn from
article-extraction-benchmark's article bodies (shared/corpora/html, MIT) and a reference code of its own, so that
neither exact nor near-duplicate detection drops it and the vocabulary keeps growing, as in a real crawl.

Every crawl is `python -m crawler.cli crawl` with all compliance defaults on and the politeness for loopback
(LOOPBACK_POLITENESS in _crawlbench.py), its per-site cap raised above the site's size. Peak RSS is the kernel's
count for the crawl process (wait4's ru_maxrss); the page stages run in worker processes (crawler.offload), so the
probe also samples the proportional set size (PSS) of the crawl process and all its descendants. RSS and pending requests (scheduler/enqueued minus
scheduler/dequeued) over time come from bench/crawl_probe.py, a Scrapy extension added to the crawl. The growth rate
is a least-squares slope of RSS against pages fetched over the last three quarters of the crawl; "warm" RSS is
taken once 5% of the site is fetched, when the spaCy pipelines (loaded with the first pages) are in. With --jobdir (the
default) the largest size is crawled once more with JOBDIR set, so that Scrapy keeps its queue on disk.

If the largest size would take longer than --max-minutes at the rate of the first crawl, it is cut to fit (and the
output says so).
"""

from __future__ import annotations

import argparse
import html
import json
import random
import re
import sys
from pathlib import Path

from _crawlbench import (
    BENCH,
    CORPORA,
    LOOPBACK_POLITENESS,
    ROOT,
    TEST_HOSTS,
    format_table,
    machine,
    markdown_table,
    moisson_command,
    read_counts,
    run_measured,
    settings_lines,
    workdir,
    write_crawl_file,
    write_markdown,
)

sys.path.insert(0, str(ROOT))

from crawler import settings as moisson_settings  # noqa: E402
from crawler.localweb import LocalWeb  # noqa: E402

SENTENCES_PER_PAGE = 8
CURVE_POINTS = 12
# The frontier counts as near its peak above this share of its peak.
NEAR_PEAK = 0.8


def sentence_pool(corpus: Path) -> list[str]:
    """The sentences of article-extraction-benchmark's article bodies, six words or more, in file order."""
    truth = json.loads((corpus / "ground-truth.json").read_text(encoding="utf-8"))
    pool = []
    for key in sorted(truth):
        for sentence in re.split(r"(?<=[.!?])\s+", truth[key]["articleBody"]):
            if len(sentence.split()) >= 6:
                pool.append(" ".join(sentence.split()))
    return pool


def page_html(number: int, size: int, fanout: int, cross: int, pool: list[str]) -> str:
    """Page `number` of a site of `size` pages: its children and random pages as links, text of its own."""
    rng = random.Random(number)
    sentences = rng.sample(pool, SENTENCES_PER_PAGE)
    reference = f"Reference {rng.getrandbits(40):010x}-{number}."
    paragraphs = [" ".join(sentences[:4]), " ".join(sentences[4:]) + " " + reference]
    children = range(number * fanout + 1, min(number * fanout + fanout, size - 1) + 1)
    others = [rng.randrange(1, size) for _ in range(cross)]
    links = "".join(f'<li><a href="/p/{n}.html">Page {n}</a></li>' for n in [*children, *others])
    title = html.escape(" ".join(sentences[0].split()[:6]))
    body = "".join(f"<p>{html.escape(paragraph)}</p>" for paragraph in paragraphs)
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title></head><body>'
        f'<nav><a href="/">Home</a></nav><article><h1>{title}</h1>{body}</article>'
        f"<aside><h2>Related pages</h2><ul>{links}</ul></aside><footer>Generated page {number}</footer></body></html>\n"
    )


def build_site(folder: Path, size: int, fanout: int, cross: int, pool: list[str]) -> None:
    """Write pages 0 to size-1 (0 is the index) of one generated site."""
    (folder / "p").mkdir(parents=True)
    (folder / "robots.txt").write_text("User-agent: *\nAllow: /\n", encoding="utf-8")
    (folder / "index.html").write_text(page_html(0, size, fanout, cross, pool), encoding="utf-8")
    for number in range(1, size):
        (folder / "p" / f"{number}.html").write_text(page_html(number, size, fanout, cross, pool), encoding="utf-8")


def crawl(web: LocalWeb, host: str, size: int, tmp: Path, interval: float, jobdir: bool) -> dict:
    """One `moisson crawl` of a generated site, measured: counts, times, peak RSS, the probe's samples."""
    name = f"{size} pages" + (", JOBDIR" if jobdir else "")
    folder = tmp / (f"crawl-{size}" + ("-jobdir" if jobdir else ""))
    folder.mkdir()
    crawl_file = write_crawl_file(
        folder / "crawl.toml", [web.url(host)], limits={"max_pages_per_site": size + 100, "max_depth": 50}
    )
    probe = folder / "probe.jsonl"
    settings = {
        **TEST_HOSTS,
        **LOOPBACK_POLITENESS,
        "EXTENSIONS": json.dumps({**moisson_settings.EXTENSIONS, "crawl_probe.FrontierProbe": 990}),
        "BENCH_PROBE_FILE": str(probe),
        "BENCH_PROBE_SECONDS": str(interval),
    }
    if jobdir:
        settings["JOBDIR"] = str(folder / "jobdir")
    command = moisson_command(crawl_file, folder / "out", settings)
    measured = run_measured(command, ROOT, folder / "crawl.log", env={"PYTHONPATH": str(BENCH)})
    if measured.status != 0:
        raise SystemExit(f"the crawl of {host} failed with status {measured.status}:\n{measured.log[-3000:]}")
    stats = measured.stats()
    counts = read_counts(folder / "out")
    samples = [json.loads(line) for line in probe.read_text(encoding="utf-8").splitlines()]
    return {
        "name": name,
        "size": size,
        "fetched": int(stats.get("response_received_count", 0)),
        "kept": counts["documents"],
        "excluded": counts["exclusions_by_reason"],
        "wall": measured.wall,
        "crawl": stats.get("elapsed_time_seconds", counts["crawl_seconds"]),
        "peak_mb": measured.peak_rss_kb / 1024,
        "peak_pending": max(sample["pending"] for sample in samples),
        "rss_at_peak_pending_mb": max(samples, key=lambda sample: sample["pending"])["rss_kb"] / 1024,
        "tree_peak_mb": max(sample.get("tree_pss_kb") or 0 for sample in samples) / 1024,
        "unserializable": int(stats.get("scheduler/unserializable", 0)),
        "disk_queued": int(stats.get("scheduler/enqueued/disk", 0)),
        "slope": growth_per_1000(samples),
        "samples": samples,
    }


def growth_per_1000(samples: list[dict]) -> float:
    """MB of RSS per 1,000 pages fetched, least squares over the last three quarters of the crawl."""
    running = samples[:-1]  # the last sample is taken after the spider closed, with the final writes
    last = running[-1]["responses"] if running else 0
    points = [(s["responses"], s["rss_kb"] / 1024) for s in running if s["responses"] >= last / 4]
    if len(points) < 2:
        return float("nan")
    mean_x = sum(x for x, _ in points) / len(points)
    mean_y = sum(y for _, y in points) / len(points)
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    return 1000 * sum((x - mean_x) * (y - mean_y) for x, y in points) / spread if spread else float("nan")


def frontier_cost(memory: dict, jobdir: dict) -> tuple[float, float]:
    """MB of RSS the memory queue holds over the disk queue while the frontier is near its peak, at equal pages
    fetched, and the same per pending request in KB."""
    differences, pending = [], []
    for sample in memory["samples"]:
        if sample["pending"] >= NEAR_PEAK * memory["peak_pending"]:
            twin = next(s for s in jobdir["samples"] if s["responses"] >= sample["responses"])
            differences.append((sample["rss_kb"] - twin["rss_kb"]) / 1024)
            pending.append(sample["pending"])
    mb = sum(differences) / len(differences)
    return mb, 1024 * mb / (sum(pending) / len(pending))


def curve_rows(samples: list[dict]) -> list[list[str]]:
    """About CURVE_POINTS samples, evenly spread in time, and the last one."""
    step = max(1, len(samples) // CURVE_POINTS)
    chosen = samples[::step]
    if chosen[-1] is not samples[-1]:
        chosen.append(samples[-1])
    start = samples[0]["time"]
    return [
        [
            f"{s['time'] - start:.0f}",
            str(s["responses"]),
            str(s["pending"]),
            str(s["items"]),
            f"{s['rss_kb'] / 1024:.0f}",
        ]
        for s in chosen
    ]


RESULT_HEADERS = [
    "crawl",
    "pages fetched",
    "kept",
    "wall s",
    "pages/s",
    "peak pending",
    "RSS at peak pending MB",
    "peak RSS MB",
    "peak PSS, all processes MB",
    "growth MB/1k pages",
]
CURVE_HEADERS = ["s", "pages fetched", "pending", "items", "RSS MB"]


def result_row(run: dict) -> list[str]:
    return [
        run["name"],
        str(run["fetched"]),
        str(run["kept"]),
        f"{run['wall']:.0f}",
        f"{run['fetched'] / run['crawl']:.1f}",
        str(run["peak_pending"]),
        f"{run['rss_at_peak_pending_mb']:.0f}",
        f"{run['peak_mb']:.0f}",
        f"{run['tree_peak_mb']:.0f}",
        f"{run['slope']:.1f}",
    ]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        type=int,
        nargs=2,
        default=[5000, 20000],
        metavar=("SMALL", "LARGE"),
        help="pages of the two sites (default 5000 20000)",
    )
    parser.add_argument("--fanout", type=int, default=50, help="children linked from each page (default 50)")
    parser.add_argument("--cross", type=int, default=10, help="random pages linked from each page (default 10)")
    parser.add_argument(
        "--jobdir",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="crawl the large site once more with JOBDIR (default: yes)",
    )
    parser.add_argument("--interval", type=float, default=1.0, help="seconds between memory samples (default 1)")
    parser.add_argument(
        "--max-minutes",
        type=float,
        default=15.0,
        help="cut the large site to what one crawl does in this time (default 15)",
    )
    parser.add_argument("--corpus", type=Path, default=CORPORA / "article-extraction-benchmark")
    parser.add_argument("--markdown", type=Path, help="also write the results under a heading of this file")
    parser.add_argument("--workdir", type=Path, help="keep sites, logs and datasets here (a new folder)")
    args = parser.parse_args()
    if not 1 < args.sizes[0] < args.sizes[1]:
        parser.error("--sizes: SMALL must be above 1 and below LARGE")
    return args


def run_crawls(args: argparse.Namespace, tmp: Path) -> tuple[list[dict], list[str]]:
    """The small crawl, the large one (cut to --max-minutes at the small one's rate) and, with --jobdir, the large
    one again with JOBDIR; and notes on what was cut."""
    pool = sentence_pool(args.corpus)
    small, large = args.sizes
    notes = []
    web_root = tmp / "web"
    build_site(web_root / "small.test", small, args.fanout, args.cross, pool)
    with LocalWeb(web_root, log_path=tmp / "requests.jsonl") as web:
        print(f"Crawling {small} pages on http://small.test:{web.port}/ ...", flush=True)
        runs = [crawl(web, "small.test", small, tmp, args.interval, jobdir=False)]
    rate = runs[0]["fetched"] / runs[0]["crawl"]
    print(f"  {runs[0]['wall']:.0f} s, {rate:.1f} pages/s, peak RSS {runs[0]['peak_mb']:.0f} MB", flush=True)
    fits = int(rate * args.max_minutes * 60)
    if large > fits:
        notes.append(
            f"At {rate:.1f} pages/s, {large} pages would take {large / rate / 60:.0f} min, over "
            f"--max-minutes {args.max_minutes:g}: the large site has {fits} pages instead."
        )
        print(notes[-1], flush=True)
        large = fits
    # The large site's files are written only now, once its size is known, so it needs a server of its own.
    build_site(web_root / "large.test", large, args.fanout, args.cross, pool)
    with LocalWeb(web_root, log_path=tmp / "requests.jsonl") as web:
        for jobdir in (False, True) if args.jobdir else (False,):
            print(f"Crawling {large} pages{' with JOBDIR' if jobdir else ''} ...", flush=True)
            runs.append(crawl(web, "large.test", large, tmp, args.interval, jobdir=jobdir))
            print(f"  {runs[-1]['wall']:.0f} s, peak RSS {runs[-1]['peak_mb']:.0f} MB", flush=True)
    return runs, notes


def findings(runs: list[dict]) -> list[str]:
    """What the runs say: memory against size, the growth rate, and what the frontier itself costs."""
    small, large = runs[0], runs[1]
    lines = [
        f"{large['size']}/{small['size']} pages: peak RSS x{large['peak_mb'] / small['peak_mb']:.2f} for "
        f"x{large['peak_pending'] / max(small['peak_pending'], 1):.2f} the peak pending requests; RSS grows "
        f"{large['slope']:.1f} MB per 1,000 pages fetched over the last three quarters of the {large['size']}-page "
        "crawl.",
        f"With the page-stage workers (peak PSS of the crawl process and its descendants, sampled): "
        f"{small['tree_peak_mb']:.0f} MB at {small['size']} pages, {large['tree_peak_mb']:.0f} MB at {large['size']} "
        f"(x{large['tree_peak_mb'] / max(small['tree_peak_mb'], 1):.2f}).",
    ]
    if len(runs) > 2:
        disk = runs[2]
        mb, kb = frontier_cost(large, disk)
        lines += [
            f"JOBDIR/memory queue at {large['size']} pages: peak RSS x{disk['peak_mb'] / large['peak_mb']:.2f}, wall "
            f"time x{disk['wall'] / large['wall']:.2f} ({disk['disk_queued']} requests queued on disk, "
            f"{disk['unserializable']} unserializable).",
            f"While the frontier is near its peak, RSS with the memory queue minus RSS with JOBDIR at equal pages "
            f"fetched: {mb:+.0f} MB, {kb:+.1f} KB per pending request.",
        ]
    excluded = "; ".join(
        f"{run['name']}: " + (", ".join(f"{reason} {n}" for reason, n in run["excluded"].items()) or "none")
        for run in runs
    )
    return [*lines, f"Exclusions by reason: {excluded}."]


def main() -> None:
    args = parse_args()
    with workdir(args.workdir, "crawl-memory-") as tmp:
        runs, notes = run_crawls(args, tmp)
    setup = [
        f"Generated sites: a tree of fan-out {args.fanout} plus {args.cross} random links a page, "
        f"{SENTENCES_PER_PAGE} sentences of text a page; one crawl per row, all compliance defaults on.",
        f"Politeness: {settings_lines(LOOPBACK_POLITENESS)}; max_pages_per_site above the size; max_depth 50.",
        f"Machine: {machine()}.",
        *notes,
    ]
    results = [result_row(run) for run in runs]
    lines = findings(runs)
    curves = [(f"RSS over time, {run['name']}:", curve_rows(run["samples"])) for run in runs[1:]]
    print("\n" + "\n".join(setup))
    print(format_table(RESULT_HEADERS, results))
    print("\n".join(lines))
    title, rows = curves[0]
    print(f"\n{title}\n{format_table(CURVE_HEADERS, rows)}")
    if args.markdown:
        body = ["\n\n".join(setup), "", markdown_table(RESULT_HEADERS, results), ""]
        body += [f"- {line}" for line in lines]
        for title, rows in curves:
            body += ["", title, "", markdown_table(CURVE_HEADERS, rows)]
        write_markdown(args.markdown, "Memory against the frontier (crawl_memory.py)", "\n".join(body))
        print(f"\nWritten to {args.markdown}")


if __name__ == "__main__":
    main()
