"""Run the shipped blocklists over popular sites and news pages: what they block, and what it costs.

Usage: python bench/blocklists_topsites.py [--sites FILE] [--corpora PATH] [--rounds N] [--unreviewed]

The sites are Protego's list of top websites (bench/data/protego-top-10000-websites.txt, BSD-3-Clause; see
bench/data/README.md); the pages are the URLs of the shared HTML corpora (news and blog articles), when found.
Prints the number of hosts checked and blocked per category, every blocked host with the entry and source that
blocked it, then the time to load the lists (first load in the process, with the public suffix list, and a
reload) and the time per check of a URL and of a bare host. Every blocked host is to be reviewed by hand:
bench/RESULTS-blocklists.md has the review of the last run. With --unreviewed, it also prints what a naive
import of the same sources would have blocked on top: without review.tsv's decisions, and with UT1's mixed_adult
and lingerie categories taken as adult.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from filters._blocklist_import import imported_entries  # noqa: E402
from filters.blocklist import Blocklist, read_ut1  # noqa: E402

SITES = REPO_ROOT / "bench" / "data" / "protego-top-10000-websites.txt"
CORPORA = REPO_ROOT.parent / "shared" / "corpora"


def corpus_urls(corpora: Path) -> list[str]:
    """The URLs of the shared HTML corpora's pages (trafilatura's evaluation set and the article benchmark)."""
    urls: list[str] = []
    evaldata = corpora / "html" / "trafilatura-eval" / "evaldata.json"
    if evaldata.is_file():
        # A few keys are file names ("hard::site.com-title.html"), not URLs.
        urls += [key for key in json.loads(evaldata.read_text(encoding="utf-8")) if "://" in key]
    truth = corpora / "html" / "article-extraction-benchmark" / "ground-truth.json"
    if truth.is_file():
        urls += [page["url"] for page in json.loads(truth.read_text(encoding="utf-8")).values()]
    return urls


def timed(function, repeat: int) -> float:
    """Seconds per call of `function`, best of `repeat` rounds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=Path, default=SITES, help="one host (or URL) a line")
    parser.add_argument("--corpora", type=Path, default=CORPORA, help="the shared corpora folder")
    parser.add_argument("--rounds", type=int, default=5, help="timing rounds (the best is kept)")
    parser.add_argument("--unreviewed", action="store_true", help="also show what an unreviewed import blocks")
    args = parser.parse_args()
    if not args.sites.is_file():
        sys.exit(f"site list not found at {args.sites}")

    start = time.perf_counter()
    blocklist = Blocklist.load()
    first_load = time.perf_counter() - start
    reload = timed(Blocklist.load, args.rounds)

    lines = args.sites.read_text(encoding="utf-8").splitlines()
    hosts = list(dict.fromkeys(line.strip() for line in lines if line.strip()))
    pages = corpus_urls(args.corpora)
    targets = [("site", f"https://{host}/") for host in hosts] + [("page", url) for url in pages]

    blocked: dict[str, tuple[str, str]] = {}
    per_category: Counter[str] = Counter()
    for kind, url in targets:
        entry = blocklist.match(url)
        if entry is not None:
            per_category[entry.category] += 1
            blocked.setdefault(url, (kind, f"{entry.category}\t{entry.host}\t{entry.source}"))

    print(f"lists        {len(blocklist)} hosts: " + ", ".join(f"{c} {n}" for c, n in blocklist.counts().items()))
    print(f"checked      {len(hosts)} top sites ({args.sites.name}), {len(pages)} corpus pages")
    by_category = (f"{c} {per_category[c]}" for c in blocklist.categories if per_category[c])
    print(f"blocked      {len(blocked)}: " + ", ".join(by_category))
    for url, (kind, why) in sorted(blocked.items(), key=lambda item: (item[1][1], item[0])):
        print(f"  {kind}\t{why}\t{url}")

    if args.unreviewed:
        naive = Blocklist()
        naive.add(imported_entries(args.corpora, {}))
        naive.add(read_ut1(args.corpora / "blocklist-sources" / "ut1", {"mixed_adult": "adult", "lingerie": "adult"}))
        extra = [(url, naive.match(url)) for _, url in targets if url not in blocked and naive.match(url)]
        print(f"unreviewed   {len(extra)} more would be blocked by an unreviewed import:")
        for url, entry in sorted(extra, key=lambda item: (item[1].source, item[1].category, item[0])):
            print(f"  {entry.source}\t{entry.category}\t{entry.host}\t{url}")

    urls = [url for _, url in targets]
    bare = [url.split("/")[2] for url in urls]
    per_url = timed(lambda: [blocklist.check(url) for url in urls], args.rounds) / len(urls)
    per_host = timed(lambda: [blocklist.check(host) for host in bare], args.rounds) / len(bare)
    print(
        f"load         {first_load * 1000:.0f} ms first in the process (public suffix list included), "
        f"{reload * 1000:.0f} ms again"
    )
    print(f"check        {per_url * 1e6:.2f} µs per URL, {per_host * 1e6:.2f} µs per bare host")


if __name__ == "__main__":
    main()
