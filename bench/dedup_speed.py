"""Signatures per second of `filters.dedup.signatures` against a plain datasketch loop, on the same texts, in one run.

    python bench/dedup_speed.py                  # the benchmark's articles repeated to ~2,000 texts
    python bench/dedup_speed.py --texts 500 --repeat 5

The texts are the true article bodies of article-extraction-benchmark (shared/corpora/html/), repeated in order.
The baseline is datasketch as its README shows it: one `MinHash(num_perm=128, seed=1)` per text and one
`update()` per shingle. Moisson hashes each text's shingles in one numpy batch (`MinHash.bulk`). Both start from the
same shingle sets and must give the same hash values; the text side (`exact_key`, `shingles`) is timed apart so the
reader sees where the time goes. Each rate is the best of `--repeat` runs.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from datasketch import MinHash

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from filters.dedup import NUM_PERM, SCHEME, SEED, exact_key, shingles, signatures  # noqa: E402

GROUND_TRUTH = ROOT.parent / "shared" / "corpora" / "html" / "article-extraction-benchmark" / "ground-truth.json"


def load_texts(count: int) -> list[str]:
    """The benchmark's article bodies, in the file's (sorted) order, repeated to `count` texts."""
    truth = json.loads(GROUND_TRUTH.read_text(encoding="utf-8"))
    articles = [truth[key]["articleBody"] for key in sorted(truth)]
    return [articles[i % len(articles)] for i in range(count)]


def plain_loop(shingle_sets: list[set[bytes]]) -> list[MinHash]:
    """The baseline: one MinHash per text, one `update` per shingle."""
    out = []
    for shingle_set in shingle_sets:
        minhash = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
        for shingle in shingle_set:
            minhash.update(shingle)
        out.append(minhash)
    return out


def best_time(run: Callable[[], object], repeat: int) -> tuple[float, object]:
    """The shortest of `repeat` runs of `run`, in seconds, and the last result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=2000, help="number of texts (default: %(default)s)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measure, best kept (default: %(default)s)")
    args = parser.parse_args()
    if not GROUND_TRUTH.exists():
        parser.error(f"{GROUND_TRUTH} not found: see shared/corpora/README.md")
    if args.texts < 1 or args.repeat < 1:
        parser.error("--texts and --repeat must be at least 1")
    texts = load_texts(args.texts)
    n = len(texts)

    key_time, _ = best_time(lambda: [exact_key(t) for t in texts], args.repeat)
    shingle_time, shingle_sets = best_time(lambda: [shingles(t) for t in texts], args.repeat)
    loop_time, baseline = best_time(lambda: plain_loop(shingle_sets), args.repeat)
    bulk_time, ours = best_time(lambda: signatures(shingle_sets), args.repeat)

    same = all(np.array_equal(a.hashvalues, b.hashvalues) for a, b in zip(baseline, ours))
    total_shingles = sum(len(s) for s in shingle_sets)
    print(f"{n} texts, {sum(len(t) for t in texts) / n / 1000:.1f} KB and {total_shingles / n:.0f} shingles on average")
    print(f"num_perm {NUM_PERM}, seed {SEED}, scheme {SCHEME}; best of {args.repeat} runs\n")
    print(f"  {'step':<44}{'texts/s':>10}{'ms/text':>10}")
    rows = [
        ("exact_key (normalise, SHA-256)", key_time),
        ("shingles (normalise, word 5-grams)", shingle_time),
        ("signatures: plain datasketch loop", loop_time),
        ("signatures: filters.dedup.signatures (bulk)", bulk_time),
    ]
    for title, seconds in rows:
        print(f"  {title:<44}{n / seconds:>10,.0f}{seconds / n * 1000:>10.3f}")
    print(f"\nsame hash values: {'yes' if same else 'NO'}")
    print(f"signatures: bulk is {loop_time / bulk_time:.1f}x the plain loop")
    text_side = key_time + shingle_time
    print(
        f"per text, end to end (exact_key + shingles + signature): "
        f"{(text_side + loop_time) / (text_side + bulk_time):.1f}x; "
        f"the text side is {text_side / (text_side + bulk_time):.0%} of Moisson's time"
    )
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
