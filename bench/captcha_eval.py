"""Score filters.captcha.detect_challenge on the labelled CAPTCHA / anti-bot corpus.

Usage: python bench/captcha_eval.py [--corpus PATH] [--rounds N]

Prints the samples per label (and how many are refused), then precision, recall, each miss and each false alarm
three ways: with each sample's true status (or the status its source implies, for a bare HTML fixture), body-only
with every status forced to 200, and body-only without headers either. Ends with the throughput of
detect_challenge over the corpus and its three slowest samples.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))
sys.path.insert(0, str(REPO_ROOT / "bench"))

from captcha_corpus import CORPUS, Sample, load_corpus, with_status  # noqa: E402

from filters.captcha import detect_challenge  # noqa: E402


@dataclass
class Score:
    """Confusion counts over the labelled samples, with the samples behind the errors."""

    tp: int = 0
    tn: int = 0
    misses: list[Sample] = field(default_factory=list)
    alarms: list[tuple[Sample, str]] = field(default_factory=list)
    wrong_vendor: list[tuple[Sample, str]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + len(self.alarms)) if self.tp + len(self.alarms) else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + len(self.misses)) if self.tp + len(self.misses) else 1.0


def score(samples: list[Sample]) -> Score:
    """Run detect_challenge on every sample whose label counts, and tally the verdicts."""
    result = Score()
    for sample in samples:
        if sample.expected is None:
            continue
        decision = detect_challenge(sample.status, sample.headers, sample.body)
        if not decision.allowed and sample.expected:
            result.tp += 1
            if sample.vendor and decision.detail != sample.vendor:
                result.wrong_vendor.append((sample, decision.detail))
        elif not decision.allowed:
            result.alarms.append((sample, decision.detail))
        elif sample.expected:
            result.misses.append(sample)
        else:
            result.tn += 1
    return result


def report(title: str, samples: list[Sample]) -> None:
    result = score(samples)
    print(f"\n== {title}")
    print(
        f"precision {result.precision:.3f}  recall {result.recall:.3f}  "
        f"(TP {result.tp}, FP {len(result.alarms)}, FN {len(result.misses)}, TN {result.tn})"
    )
    for sample in result.misses:
        print(f"  miss        {sample.path}  (status {sample.status}, label {sample.label})")
    for sample, detail in result.alarms:
        print(f"  false alarm {sample.path}  (status {sample.status}, said {detail})")
    for sample, detail in result.wrong_vendor:
        print(f"  vendor      {sample.path}  said {detail}, expected {sample.vendor}")


def throughput(samples: list[Sample], rounds: int) -> tuple[float, float]:
    """Responses per second and MB per second of detect_challenge over the whole corpus."""
    start = time.perf_counter()
    for _ in range(rounds):
        for sample in samples:
            detect_challenge(sample.status, sample.headers, sample.body)
    elapsed = time.perf_counter() - start
    size = sum(len(sample.body) for sample in samples) * rounds
    return len(samples) * rounds / elapsed, size / elapsed / 1e6


def per_response(sample: Sample, rounds: int) -> float:
    """Seconds detect_challenge takes on one sample, best of a few runs."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for _ in range(rounds):
            detect_challenge(sample.status, sample.headers, sample.body)
        best = min(best, (time.perf_counter() - start) / rounds)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args()
    if not (args.corpus / "manifest.tsv").is_file():
        parser.error(f"no manifest.tsv in {args.corpus}")
    samples = load_corpus(args.corpus)

    labels = Counter((sample.label, sample.expected) for sample in samples)
    flagged = Counter(
        (sample.label, sample.expected)
        for sample in samples
        if not detect_challenge(sample.status, sample.headers, sample.body).allowed
    )
    print(f"{len(samples)} samples from {args.corpus} (label, counted as, samples, refused with true statuses)")
    for (label, expected), count in sorted(labels.items(), key=lambda item: str(item[0])):
        counted = "left out" if expected is None else "positive" if expected else "negative"
        print(f"  {label:22} {counted:9} {count:3}  refused {flagged[(label, expected)]}")
    assumed = sum(sample.status_assumed for sample in samples)
    print(f"  status assumed from the fixture's source for {assumed} bare HTML files (see captcha_corpus.py)")
    for sample in samples:
        if sample.note:
            decision = detect_challenge(sample.status, sample.headers, sample.body)
            verdict = "ALLOW" if decision.allowed else f"refused ({decision.detail})"
            print(f"  note: {sample.path}: {sample.note}; detector says {verdict}")

    report("true statuses", samples)
    report("body only (status forced to 200, headers kept)", with_status(samples, 200))
    report("body only (status 200, no headers)", [replace(s, headers={}) for s in with_status(samples, 200)])

    rate, mbps = throughput(samples, args.rounds)
    print(f"\nthroughput: {rate:,.0f} responses/s ({mbps:,.0f} MB/s of body), {len(samples)} samples x {args.rounds}")
    slowest = sorted(((per_response(sample, args.rounds), sample) for sample in samples), key=lambda item: -item[0])
    for seconds, sample in slowest[:3]:
        print(f"  slowest: {seconds * 1e6:,.0f} us  {len(sample.body):>7,} bytes  {sample.path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
