"""What Moisson's compliance chain costs: `moisson crawl` against a bare Scrapy spider on the same local site.

    python bench/crawl_overhead.py                    # both crawls and their ratio (about 2 minutes)
    python bench/crawl_overhead.py --repeat 3         # the median of 3 runs of each
    python bench/crawl_overhead.py --off pii          # and a row with the PII stage off (also: sensitive, dedup...)
    python bench/crawl_overhead.py --profile          # then `moisson crawl` once more under cProfile (3 more minutes)
    python bench/crawl_overhead.py --profile --markdown bench/RESULTS-crawl.md
    python bench/crawl_overhead.py --limit 20         # a quick check on 20 pages

The site is the 1,033 real pages of trafilatura's evaluation set (shared/corpora/html/trafilatura-eval: cache/ and
eval/, Apache-2.0), written decompressed into a temporary host folder `eval.test` with one index page linking each,
and served on loopback by crawler.localweb.LocalWeb. A page that Moisson's CAPTCHA filter takes for a challenge is
left out: it would stop the whole site, and the two crawls would not fetch the same pages (there was one until the
filter read long pages whole; there is none now). Both
crawls start at the index, follow links to depth 1 (the pages' own links lead off the copied site) and get the same
politeness for loopback (LOOPBACK_POLITENESS: delay 1 ms, no autothrottle, 16 requests per domain); neither waits
on a delay, so the ratio is the processing cost.

* bare: bench/bare_spider.py, a plain scrapy.Spider with Scrapy's defaults, writing url/status/bytes as JSON lines.
* moisson: `python -m crawler.cli crawl` with every default on (robots.txt, AI opt-outs, CAPTCHA, blocklists,
  extraction, sensitive classifier, PII with spaCy and Presidio, dedup, Parquet).

Each is timed as a whole process (start-up included) and from the spider's opening to its closing (Scrapy's
elapsed_time_seconds). With --profile, the per-stage breakdown comes from pstats: a stage's time is the cumulative
time of the functions Scrapy calls for it (a pipeline's process_item, a middleware's process_request...); cProfile
slows Python code down, so read its shares, not its seconds.
"""

from __future__ import annotations

import argparse
import gzip
import html
import pstats
import sys
from pathlib import Path

from _crawlbench import (
    BENCH,
    CORPORA,
    LOOPBACK_POLITENESS,
    ROOT,
    TEST_HOSTS,
    Measured,
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

from crawler.localweb import LocalWeb  # noqa: E402
from filters.captcha import detect_challenge  # noqa: E402

HOST = "eval.test"
PII = "PII analysis (spaCy + Presidio)"
ROBOTS = "User-agent: *\nAllow: /\n"

# Where each stage's time is read: the cumulative time of these (file, function) pairs, which never call each other.
STAGES: dict[str, list[tuple[str, str]]] = {
    "spider: parse, links": [("crawler/spiders/web.py", "parse")],
    "robots.txt + AI opt-out middlewares": [
        ("crawler/middlewares/robots.py", "process_request"),
        ("crawler/middlewares/aioptout.py", "process_request"),
        ("crawler/middlewares/aioptout.py", "process_response"),
    ],
    "other compliance middlewares": [
        ("crawler/middlewares/blocklist.py", "process_request"),
        ("crawler/middlewares/optout.py", "process_request"),
        ("crawler/middlewares/access.py", "process_request"),
        ("crawler/middlewares/access.py", "process_response"),
        ("crawler/middlewares/network.py", "process_request"),
        ("crawler/middlewares/stops.py", "process_request"),
        ("crawler/middlewares/captcha.py", "process_response"),
        ("crawler/middlewares/content.py", "headers_received"),
        ("crawler/middlewares/content.py", "process_response"),
        ("crawler/middlewares/frontier.py", "get_processed_request"),
        ("crawler/handlers.py", "download_request"),
    ],
    "extraction (trafilatura)": [("pipelines/extract.py", "process_item")],
    "sensitive classifier": [("pipelines/sensitive.py", "process_item")],
    PII: [("pipelines/pii.py", "process_item")],
    "opt-out registry check": [("pipelines/optout.py", "process_item")],
    "dedup (MinHash LSH)": [("pipelines/dedup.py", "process_item")],
    "dataset rows, Parquet, manifest": [
        ("pipelines/dataset.py", "process_item"),
        ("pipelines/dataset.py", "record_exclusion"),
        ("pipelines/dataset.py", "close_spider"),
        ("pipelines/dataset.py", "spider_closed"),
        ("pipelines/dataset.py", "_flush_if_due"),
    ],
}
# Before the reactor starts: the models loaded up front, so that a missing one is an error before any request.
START_UP: dict[str, list[tuple[str, str]]] = {
    "start-up: PII key and analyzer": [("crawler/cli.py", "_prepare_pii")],
    "start-up: sensitive model": [("filters/_sensitive_model.py", "load")],
}
CRAWL = ("scrapy/crawler.py", "start")
IDLE = ("~", "<method 'poll' of 'select.epoll' objects>")
# The PII stage loads each language's spaCy pipeline with the first page in that language.
LAZY_LOAD = ("filters/_pii_nlp.py", "load_spacy")
# What --off can switch off, for a row showing what the rest costs.
OFF = {
    "pii": {"MOISSON_PII_ENABLED": "False"},
    "sensitive": {"MOISSON_SENSITIVE_ENABLED": "False"},
    "sensitive-model": {"MOISSON_SENSITIVE_MODEL": "False"},
    "dedup": {"MOISSON_DEDUP_ENABLED": "False"},
    # Every stage in the crawl's own process (MOISSON_PROCESSES=0), as the profiled run does.
    "pool": {"MOISSON_PROCESSES": "0"},
}


def build_site(corpus: Path, web: Path, limit: int | None = None) -> tuple[int, list[str]]:
    """Write the corpus pages as eval.test/p/NNNN.html with an index linking each; return how many, and the names
    of those left out because Moisson takes them for a CAPTCHA wall."""
    pages = (sorted((corpus / "cache").glob("*.gz")) + sorted((corpus / "eval").glob("*.gz")))[:limit]
    if not pages:
        raise SystemExit(f"{corpus}: no cache/*.gz or eval/*.gz pages")
    folder = web / HOST / "p"
    folder.mkdir(parents=True)
    links, left_out = [], []
    for page in pages:
        body = gzip.decompress(page.read_bytes())
        # One page taken for a challenge stops its whole site, here every page: the two crawls would not
        # fetch the same pages.
        if not detect_challenge(200, {"Content-Type": "text/html"}, body).allowed:
            left_out.append(page.name)
            continue
        # Numbered names: the corpus's own hold spaces and accents, which say nothing about the crawler.
        name = f"{len(links) + 1:04d}.html"
        (folder / name).write_bytes(body)
        links.append(f'<li><a href="/p/{name}">{html.escape(page.name.removesuffix(".gz"))}</a></li>')
    index = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Evaluation pages</title></head>'
        f"<body><h1>Evaluation pages</h1><ul>{''.join(links)}</ul></body></html>\n"
    )
    (web / HOST / "index.html").write_text(index, encoding="utf-8")
    (web / HOST / "robots.txt").write_text(ROBOTS, encoding="utf-8")
    return len(links), left_out


def fetched_pages(requests: list[dict]) -> tuple[int, int]:
    """Pages (the index and /p/...) and other requests (robots.txt, tdmrep.json) among a crawl's requests."""
    pages = sum(1 for entry in requests if entry["path"] == "/" or entry["path"].startswith("/p/"))
    return pages, len(requests) - pages


def run_bare(web: LocalWeb, tmp: Path, run: int) -> dict:
    """One bare Scrapy crawl of the site."""
    out = tmp / f"bare-{run}.jsonl"
    settings = {**LOOPBACK_POLITENESS, "DEPTH_LIMIT": "1"}
    command = [sys.executable, str(BENCH / "bare_spider.py"), web.url(HOST), "--out", str(out)]
    command += [f"-s{name}={value}" for name, value in settings.items()]
    since = len(web.requests(HOST))
    measured = run_measured(command, cwd=tmp, log_path=tmp / f"bare-{run}.log")
    kept = len(out.read_text(encoding="utf-8").splitlines()) if out.exists() else 0
    return summarise("bare Scrapy", measured, web.requests(HOST)[since:], kept)


def run_moisson(web: LocalWeb, folder: Path, off: str | None = None, profile: Path | None = None) -> dict:
    """One `moisson crawl` of the site, every compliance default on but the `off` one (a key of OFF)."""
    folder.mkdir()
    crawl_file = write_crawl_file(folder / "crawl.toml", [web.url(HOST)], limits={"max_depth": 1})
    settings = {**TEST_HOSTS, **LOOPBACK_POLITENESS, **OFF.get(off, {})}
    command = moisson_command(crawl_file, folder / "out", settings, profile=profile)
    since = len(web.requests(HOST))
    measured = run_measured(command, cwd=ROOT, log_path=folder / "crawl.log")
    counts = read_counts(folder / "out") if (folder / "out" / "manifest.json").exists() else {}
    name = f"moisson, {off} off" if off else "moisson crawl"
    result = summarise(name, measured, web.requests(HOST)[since:], counts.get("documents", 0))
    result["exclusions"] = counts.get("exclusions_by_reason", {})
    return result


def summarise(name: str, measured: Measured, requests: list[dict], kept: int) -> dict:
    if measured.status != 0:
        raise SystemExit(f"{name} failed with status {measured.status}:\n{measured.log[-3000:]}")
    pages, other = fetched_pages(requests)
    return {
        "name": name,
        "wall": measured.wall,
        "crawl": measured.stats().get("elapsed_time_seconds", float("nan")),
        "pages": pages,
        "other": other,
        "kept": kept,
        "peak_rss_mb": measured.peak_rss_kb / 1024,
    }


def median_run(runs: list[dict]) -> dict:
    """The run of median wall time (the lower one of an even count)."""
    ordered = sorted(runs, key=lambda run: run["wall"])
    return ordered[(len(ordered) - 1) // 2]


def comparison_rows(bare: dict, runs: list[dict]) -> list[list[str]]:
    """One row a crawl, with its times as multiples of the bare crawl's."""
    rows = []
    for run in (bare, *runs):
        rows.append(
            [
                run["name"],
                f"{run['wall']:.1f}",
                f"{run['crawl']:.1f}",
                f"{run['wall'] / bare['wall']:.2f}x",
                f"{run['crawl'] / bare['crawl']:.2f}x",
                str(run["pages"]),
                str(run["other"]),
                str(run["kept"]),
                f"{run['pages'] / run['crawl']:.1f}",
                f"{run['peak_rss_mb']:.0f}",
            ]
        )
    return rows


COMPARISON_HEADERS = [
    "crawl",
    "wall s",
    "crawl s",
    "wall / bare",
    "crawl / bare",
    "pages fetched",
    "other requests",
    "pages kept",
    "pages/s (crawl)",
    "peak RSS MB",
]


def stage_rows(profile: Path) -> tuple[list[list[str]], float]:
    """Seconds and share of the profiled run by stage, and the profiled total."""
    stats = pstats.Stats(str(profile))
    total = stats.total_tt

    def cumulative(pairs: list[tuple[str, str]]) -> float:
        seconds = 0.0
        for (file, _, function), (_, _, own, cum, _) in stats.stats.items():
            for suffix, name in pairs:
                if function == name and file.endswith(suffix):
                    seconds += own if file == "~" else cum
        return seconds

    crawl = cumulative([CRAWL])
    idle = cumulative([IDLE])
    rows, counted = [], 0.0
    for stage, pairs in START_UP.items():
        seconds = cumulative(pairs)
        rows.append((stage, seconds))
        counted += seconds
    rows.append(("start-up: imports, settings, the rest", total - crawl - counted))
    counted = 0.0
    lazy = cumulative([LAZY_LOAD])
    for stage, pairs in STAGES.items():
        seconds = cumulative(pairs)
        if stage == PII:
            rows.append(("PII: spaCy pipelines loaded with the first pages", lazy))
            seconds -= lazy
        rows.append((stage, seconds))
        counted += seconds + (lazy if stage == PII else 0)
    rows.append(("waiting for responses (epoll idle)", idle))
    rows.append(("Scrapy engine, downloader, reactor (the rest)", crawl - counted - idle))
    table = [[stage, f"{seconds:.1f}", f"{100 * seconds / total:.1f}%"] for stage, seconds in rows]
    table.append(["total (under cProfile)", f"{total:.1f}", "100%"])
    return table, total


def top_functions(profile: Path, count: int) -> list[list[str]]:
    """The functions with the most own time."""
    stats = pstats.Stats(str(profile))
    total = stats.total_tt
    ranked = sorted(stats.stats.items(), key=lambda item: item[1][2], reverse=True)[:count]
    rows = []
    for (file, line, function), (_, calls, own, cum, _) in ranked:
        where = function if file == "~" else f"{short_path(file)}:{line} {function}"
        rows.append([where, str(calls), f"{own:.1f}", f"{100 * own / total:.1f}%", f"{cum:.1f}"])
    return rows


def short_path(file: str) -> str:
    for marker in ("site-packages/", str(ROOT) + "/"):
        if marker in file:
            return file.split(marker, 1)[1]
    return file


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPORA / "trafilatura-eval", help="trafilatura-eval folder")
    parser.add_argument("--limit", type=int, help="only the corpus's first N pages (a quick check)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each crawl; the median is reported")
    parser.add_argument("--profile", action="store_true", help="also profile one `moisson crawl` with cProfile")
    parser.add_argument("--top", type=int, default=15, help="functions listed by own time with --profile")
    parser.add_argument(
        "--off",
        action="append",
        default=[],
        choices=sorted(OFF),
        help="also run `moisson crawl` with this stage off (repeatable)",
    )
    parser.add_argument("--markdown", type=Path, help="also write the results under a heading of this file")
    parser.add_argument("--workdir", type=Path, help="keep the site, logs and datasets here (a new folder)")
    args = parser.parse_args()

    with workdir(args.workdir, "crawl-overhead-") as tmp:
        count, left_out = build_site(args.corpus, tmp / "web", args.limit)
        with LocalWeb(tmp / "web", log_path=tmp / "requests.jsonl") as web:
            print(f"{count} pages of {args.corpus.name} on http://{HOST}:{web.port}/", flush=True)
            bares, fulls = [], []
            offs: dict[str, list[dict]] = {off: [] for off in args.off}
            for run in range(args.repeat):
                bares.append(run_bare(web, tmp, run))
                print(f"  bare run {run + 1}: {bares[-1]['wall']:.1f} s", flush=True)
                fulls.append(run_moisson(web, tmp / f"moisson-{run}"))
                print(f"  moisson run {run + 1}: {fulls[-1]['wall']:.1f} s", flush=True)
                for off, runs in offs.items():
                    runs.append(run_moisson(web, tmp / f"moisson-{off}-off-{run}", off))
                    print(f"  moisson with {off} off, run {run + 1}: {runs[-1]['wall']:.1f} s", flush=True)
            profile = tmp / "moisson.prof" if args.profile else None
            if profile:
                # In one process, so that cProfile sees the whole chain (the pool's workers would escape it).
                profiled = run_moisson(web, tmp / "moisson-profiled", "pool", profile=profile)
                print(f"  moisson under cProfile: {profiled['wall']:.1f} s", flush=True)

        bare, full = median_run(bares), median_run(fulls)
        report = [
            f"Site: {count} pages of trafilatura-eval plus an index, one host, crawled to depth 1 "
            f"(median of {args.repeat} run{'s' if args.repeat > 1 else ''} each). Left out, as Moisson's CAPTCHA "
            f"filter takes them for a challenge that would stop the site: {', '.join(left_out) or 'none'}.",
            f"Politeness for both: {settings_lines(LOOPBACK_POLITENESS)}; DEPTH_LIMIT=1.",
            "wall s: the whole process, start-up included; crawl s: spider opened to closed (elapsed_time_seconds). "
            f"Machine: {machine()}.",
        ]
        comparison = comparison_rows(bare, [full, *(median_run(runs) for runs in offs.values())])
        excluded = ", ".join(f"{reason} {n}" for reason, n in full["exclusions"].items()) or "none"
        report.append(f"Moisson's exclusions by reason: {excluded}.")
        print()
        print("\n".join(report))
        print(format_table(COMPARISON_HEADERS, comparison))
        markdown = ["\n\n".join(report[:3]) + "\n", markdown_table(COMPARISON_HEADERS, comparison), "", report[3]]
        if profile:
            stages, total = stage_rows(profile)
            top = top_functions(profile, args.top)
            top_headers = ["function", "calls", "own s", "share", "cumulative s"]
            print(f"\nWhere `moisson crawl` spends its time (one run in one process under cProfile, {total:.1f} s):")
            print(format_table(["stage", "seconds", "share"], stages))
            print(f"\nTop {args.top} functions by own time:")
            print(format_table(top_headers, top))
            markdown += [
                "",
                f"Where `moisson crawl` spends its time (one run under cProfile, {total:.1f} s, with the page stages "
                "in the crawl process (MOISSON_PROCESSES=0) so that the profile sees the whole chain; cProfile slows "
                "Python code, so read the shares):",
                "",
                markdown_table(["stage", "seconds", "share"], stages),
                "",
                f"Top {args.top} functions by own time:",
                "",
                markdown_table(top_headers, [[f"`{row[0]}`", *row[1:]] for row in top]),
            ]
        if args.markdown:
            write_markdown(args.markdown, "Compliance overhead (crawl_overhead.py)", "\n".join(markdown))
            print(f"\nWritten to {args.markdown}")


if __name__ == "__main__":
    main()
