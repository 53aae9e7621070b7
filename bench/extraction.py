"""Score pipelines.extract.extract on two public main-text extraction corpora.

Usage: python bench/extraction.py [--corpora PATH]

* article-extraction-benchmark (scrapinghub): precision/recall/F1 exactly as its
  evaluate.py computes them: 4-gram shingles of \\w+ tokens, per-page TP/FP/FN
  normalised to sum 1, precision and recall averaged over pages (macro), F1 from
  those two means. A micro-average over raw shingle counts is printed as well.
* trafilatura-eval: "with" snippets must be in the main text, "without" snippets
  must not, scored like trafilatura's tests/comparison_small.py (a None result
  counts every "with" as missed and every "without" as avoided).
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import re
import sys
import time
from collections import Counter
from pathlib import Path
from statistics import mean

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from w3lib.encoding import html_to_unicode  # noqa: E402

from pipelines.extract import extract  # noqa: E402

_TOKEN_RE = re.compile(r"\w+", re.UNICODE | re.MULTILINE | re.IGNORECASE | re.DOTALL)


def decode(raw: bytes) -> str:
    """Decode page bytes the way Scrapy's response.text does (BOM, <meta charset>, then guess)."""
    return html_to_unicode(None, raw)[1]


def timed_extract(html: str, url: str, clock: list[float]) -> str:
    """Run extract, add its wall time to clock[0], return the text ("" when None)."""
    start = time.perf_counter()
    result = extract(html, url)
    clock[0] += time.perf_counter() - start
    return result.text if result is not None else ""


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    """Multiset of n-grams of word tokens, as in the benchmark's evaluate.py."""
    tokens = _TOKEN_RE.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n])


def shingle_counts(true: str, pred: str) -> tuple[int, int, int]:
    """Raw TP, FP, FN shingle counts between ground truth and prediction."""
    t, p = shingles(true), shingles(pred)
    tp = sum((t & p).values())
    return tp, sum(p.values()) - tp, sum(t.values()) - tp


def page_precision(tp: float, fp: float, fn: float) -> float:
    """Precision with the benchmark's conventions for empty texts."""
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def page_recall(tp: float, fp: float, fn: float) -> float:
    """Recall with the benchmark's conventions for empty texts."""
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def f1(p: float, r: float) -> float:
    """Harmonic mean, 0 when both are 0."""
    return 2 * p * r / (p + r) if p + r else 0.0


def article_benchmark(root: Path, clock: list[float]) -> int:
    """Print shingle P/R/F1 on article-extraction-benchmark; return the page count."""
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    norm, raw, empty = [], [0, 0, 0], 0
    for page_id, item in sorted(truth.items()):
        html = decode(gzip.decompress((root / "html" / f"{page_id}.html.gz").read_bytes()))
        pred = timed_extract(html, item.get("url", ""), clock)
        empty += not pred
        counts = shingle_counts(item.get("articleBody", ""), pred)
        raw = [a + b for a, b in zip(raw, counts)]
        total = sum(counts)
        norm.append(tuple(c / total for c in counts) if total else (0.0, 0.0, 0.0))
    # Pages with nothing predicted (or nothing true) are left out of precision (or recall), as upstream.
    precision = mean(page_precision(*c) for c in norm if c[0] + c[1] > 0)
    recall = mean(page_recall(*c) for c in norm if c[0] + c[2] > 0)
    micro_p, micro_r = raw[0] / (raw[0] + raw[1]), raw[0] / (raw[0] + raw[2])
    print(f"article-extraction-benchmark: {len(truth)} pages, {empty} with no text")
    rows = (("macro (benchmark definition):", precision, recall), ("micro (pooled shingles):", micro_p, micro_r))
    for label, p, r in rows:
        print(f"  {label:<30} precision={p:.3f} recall={r:.3f} F1={f1(p, r):.3f}")
    return len(truth)


def trafilatura_eval(root: Path, clock: list[float]) -> int:
    """Print with/without snippet scores on trafilatura's evaluation set; return the page count."""
    pages = json.loads((root / "evaldata.json").read_text(encoding="utf-8"))
    tp = fn = fp = tn = empty = 0
    for url, item in pages.items():
        path = root / "cache" / f"{item['file']}.gz"
        if not path.exists():
            path = root / "eval" / f"{item['file']}.gz"
        text = timed_extract(decode(gzip.decompress(path.read_bytes())), url, clock)
        empty += not text
        found = sum(snippet in text for snippet in item["with"])
        present = sum(snippet in text for snippet in item["without"])
        tp, fn = tp + found, fn + len(item["with"]) - found
        fp, tn = fp + present, tn + len(item["without"]) - present
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    print(f"trafilatura-eval: {len(pages)} pages, {empty} with no text")
    print(f"  'with' snippets found:      {tp}/{tp + fn} = {tp / (tp + fn):.3f}")
    print(f"  'without' snippets avoided: {tn}/{tn + fp} = {tn / (tn + fp):.3f}")
    print(
        f"  precision={precision:.3f} recall={recall:.3f} "
        f"accuracy={(tp + tn) / (tp + tn + fp + fn):.3f} F1={f1(precision, recall):.3f}"
    )
    return len(pages)


def main() -> None:
    """Run both corpora and print scores and throughput."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=REPO_ROOT.parent / "shared" / "corpora" / "html")
    args = parser.parse_args()
    # trafilatura warns on every discarded page; only scores belong on stdout.
    logging.basicConfig(level=logging.CRITICAL)
    clock = [0.0]
    pages = article_benchmark(args.corpora / "article-extraction-benchmark", clock)
    pages += trafilatura_eval(args.corpora / "trafilatura-eval", clock)
    print(f"extract speed: {pages} pages in {clock[0]:.1f}s = {pages / clock[0]:.1f} pages/s (one process)")


if __name__ == "__main__":
    main()
