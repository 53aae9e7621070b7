"""Precision and recall of duplicate detection (`filters.dedup.Deduplicator`) on labelled pairs of texts.

    python bench/dedup_eval.py                     # at the default threshold
    python bench/dedup_eval.py --threshold 0.7     # the index's threshold and the labels' both move
    python bench/dedup_eval.py --show-errors 10    # print missed and spurious pairs

The pairs come from bench/dedup_make_eval.py (bench/data/dedup_pairs.jsonl): a pair is a duplicate when the true
Jaccard similarity of its word 5-gram shingles reaches the threshold. Each pair gets a fresh `Deduplicator`: the
original `a` is checked and added under one URL, then `b` is checked; it is detected when the verdict is
`duplicate` (same exact key) or `near_duplicate` (MinHash LSH). A `b` under `MIN_WORDS` words is judged by its
exact key only, so it can only be found as an exact duplicate.
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from filters.dedup import MIN_WORDS, THRESHOLD, Deduplicator, Verdict, words  # noqa: E402

DATA = ROOT / "bench" / "data" / "dedup_pairs.jsonl"
# A 128-permutation estimate has a standard error of about 0.035 near 0.8: beyond this margin a miss is no accident.
CLEAR_MARGIN = 0.05
BANDS = [(0.0, 0.5), (0.5, 0.7), (0.7, 0.75), (0.75, 0.8), (0.8, 0.85), (0.85, 0.9), (0.9, 1.0), (1.0, 1.01)]


def judge(empty: Deduplicator, a: str, b: str) -> tuple[Verdict, float | None]:
    """The verdict on `b` by an index that holds only `a`, and the MinHash estimate of their similarity (None
    when either is judged by exact key only)."""
    # A copy of an empty index: building MinHashLSH picks its bands by numeric integration, ~20 ms each time.
    dedup = copy.deepcopy(empty)
    _, key, held = dedup.check(a)
    dedup.add("https://a.test/", key, held)
    verdict, _, signature = dedup.check(b)
    return verdict, held.jaccard(signature) if held is not None and signature is not None else None


def ratio(n: int, d: int) -> str:
    return f"{n / d:.3f}" if d else "  -  "


def cell(truth: bool, found: bool) -> str:
    """The confusion cell of a pair: tp, fp, fn or tn."""
    return ("tp" if found else "fn") if truth else ("fp" if found else "tn")


def precision_recall(counts: Counter) -> str:
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    return f"precision {ratio(tp, tp + fp)}, recall {ratio(tp, tp + fn)}"


@dataclass
class Tally:
    """Confusion counts per kind ("all" too), per band of true Jaccard, for short `b`s, for clear duplicates (true
    Jaccard at least CLEAR_MARGIN above the threshold) and for the estimate alone, and the errors as (distance from
    the threshold, description)."""

    by_kind: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    by_band: dict[tuple[float, float], Counter] = field(default_factory=lambda: defaultdict(Counter))
    short: Counter = field(default_factory=Counter)
    clear: Counter = field(default_factory=Counter)
    estimate_only: Counter = field(default_factory=Counter)
    unproposed: int = 0
    errors: dict[str, list[tuple[float, str]]] = field(default_factory=lambda: {"fn": [], "fp": []})


def evaluate(rows: list[dict], threshold: float) -> Tally:
    """Judge every pair with a fresh index and count the outcomes against the true Jaccard."""
    tally = Tally()
    empty = Deduplicator(threshold=threshold)
    for row in rows:
        verdict, estimate = judge(empty, row["a"], row["b"])
        truth = row["jaccard"] >= threshold
        outcome = cell(truth, verdict.reason in ("duplicate", "near_duplicate"))
        tally.by_kind[row["kind"]][outcome] += 1
        tally.by_kind["all"][outcome] += 1
        tally.by_band[next(band for band in BANDS if band[0] <= row["jaccard"] < band[1])][outcome] += 1
        if len(words(row["b"])) < MIN_WORDS:
            tally.short[outcome] += 1
        if row["jaccard"] >= threshold + CLEAR_MARGIN:
            tally.clear[outcome] += 1
        # Had every held signature been compared (no LSH bands), the estimate alone would decide; a missed pair
        # whose estimate reaches the threshold was never proposed by the bands.
        estimated = estimate is not None and estimate >= threshold
        tally.estimate_only[cell(truth, verdict.reason == "duplicate" or estimated)] += 1
        tally.unproposed += outcome == "fn" and estimated
        if outcome in tally.errors:
            shown = "no signature" if estimate is None else f"estimate {estimate:.3f}"
            shown += ", LSH did not propose it" if outcome == "fn" and estimated else ""
            line = f"{row['id']:<18}true {row['jaccard']:.3f}  {shown:<40}{row['detail']}"
            tally.errors[outcome].append((abs(row["jaccard"] - threshold), line))
    return tally


def report(tally: Tally, threshold: float, show_errors: int) -> None:
    """Print the confusion table per kind, detection per band of true Jaccard, the summary lines and errors."""
    print(f"  {'kind':<14}{'pairs':>6}{'TP':>6}{'FP':>6}{'FN':>6}{'TN':>6}   precision  recall")
    for kind in [k for k in tally.by_kind if k != "all"] + ["all"]:
        c = tally.by_kind[kind]
        print(
            f"  {kind:<14}{sum(c.values()):>6}{c['tp']:>6}{c['fp']:>6}{c['fn']:>6}{c['tn']:>6}"
            f"   {ratio(c['tp'], c['tp'] + c['fp']):>9}  {ratio(c['tp'], c['tp'] + c['fn']):>6}"
        )
    print("\nBy true Jaccard (detected / pairs):")
    for band in BANDS:
        c = tally.by_band[band]
        detected, pairs = c["tp"] + c["fp"], sum(c.values())
        label = "1.0" if band[0] == 1.0 else f"{band[0]:.2f}-{band[1]:.2f}"
        print(f"  {label:<12}{detected:>5} / {pairs:<5}{ratio(detected, pairs):>7}")

    subject, short, clear = tally.by_kind["same_subject"], tally.short, tally.clear
    print(f"\n{precision_recall(tally.by_kind['all'])}")
    print(
        f"recall where true Jaccard >= {threshold + CLEAR_MARGIN:.2f}: {ratio(clear['tp'], clear['tp'] + clear['fn'])} "
        f"({clear['tp']} / {clear['tp'] + clear['fn']})"
    )
    print(f"false positives among same_subject pairs: {ratio(subject['fp'], sum(subject.values()))}")
    print(
        f"missed pairs whose MinHash estimate reaches the threshold (the LSH bands did not propose them): "
        f"{tally.unproposed} of {tally.by_kind['all']['fn']}"
    )
    print(f"MinHash estimate alone, no LSH bands (the ceiling of any banding): {precision_recall(tally.estimate_only)}")
    print(
        f"pairs whose b has under {MIN_WORDS} words (exact key only): {sum(short.values())} "
        f"({short['tp'] + short['fn']} duplicates by true Jaccard, {short['fn']} of them missed)"
    )
    if show_errors:
        print("\nErrors, farthest from the threshold first:")
    for outcome, title in (("fn", "missed"), ("fp", "spurious")):
        for _, line in sorted(tally.errors[outcome], reverse=True)[:show_errors]:
            print(f"  {title:<9}{line}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="the labelled pairs (default: %(default)s)")
    parser.add_argument("--threshold", type=float, default=THRESHOLD, help="Jaccard threshold (default: %(default)s)")
    parser.add_argument("--show-errors", type=int, default=0, metavar="N", help="print up to N missed and N spurious")
    args = parser.parse_args()
    if not args.data.exists():
        parser.error(f"{args.data} not found: run bench/dedup_make_eval.py first")
    if not 0 < args.threshold < 1:
        parser.error(f"--threshold: {args.threshold} is not between 0 and 1")
    rows = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines()]
    start = time.perf_counter()
    tally = evaluate(rows, args.threshold)
    print(
        f"{len(rows)} pairs from {args.data.name}, threshold {args.threshold} ({time.perf_counter() - start:.1f} s)\n"
    )
    report(tally, args.threshold, args.show_errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
