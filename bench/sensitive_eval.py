"""Score a sensitive-data detector (GDPR art. 9 and 10) on the labelled set bench/data/sensitive_eval.jsonl.

Usage: python bench/sensitive_eval.py [--detector MODULE:FUNCTION] [--data PATH] [--rounds N] [--lang en|fr]
                                      [--split dev|test|all] [--show-errors] [--threshold T | --rules-only]

The detector (default filters.sensitive:check_document) is called as detector(text, language) and must return an
object with .allowed (bool), .reason (str, "sensitive" when it refuses) and .detail (str, the category it found).

Prints, per category and language: the recall on disclosures (refused / total) and how many of the refused ones
carry the right category; the share of topical passages kept; then the share of neutral passages kept, overall
figures, and the throughput over the whole set (best of N rounds). --show-errors lists every miss, wrong category
and false alarm. --split dev scores the passages whose id ends in an odd number, --split test those ending in an
even one (default all): tune on dev, report test. The set and its labelling rules are described in bench/data/SENSITIVE_EVAL.md.

Exit status: 0 after a run, 2 when the detector cannot be imported or the data is malformed.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import json
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

DATA = REPO_ROOT / "bench" / "data" / "sensitive_eval.jsonl"
DEFAULT_DETECTOR = "filters.sensitive:check_document"
CATEGORIES = (
    "health",
    "sexual_orientation",
    "religion",
    "politics",
    "union",
    "ethnic_origin",
    "genetic",
    "biometric",
    "criminal",
    "minors",
)
LABELS = ("disclosure", "topical", "neutral")
LANGS = ("en", "fr")
REQUIRED_KEYS = ("id", "lang", "label", "category", "text", "source")
SPLITS = ("dev", "test", "all")


@dataclass(frozen=True)
class Passage:
    id: str
    lang: str
    label: str
    category: str | None
    text: str
    source: str


def load_set(path: Path) -> list[Passage]:
    """Read and check the JSONL set; raise ValueError on the first malformed line."""
    passages: list[Passage] = []
    seen: set[str] = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}:{number}: not JSON ({exc})") from None
        missing = [key for key in REQUIRED_KEYS if key not in row]
        if missing:
            raise ValueError(f"{path}:{number}: missing keys {missing}")
        if row["lang"] not in LANGS or row["label"] not in LABELS:
            raise ValueError(f"{path}:{number}: bad lang or label ({row['lang']!r}, {row['label']!r})")
        if row["label"] == "neutral" and row["category"] is not None:
            raise ValueError(f"{path}:{number}: a neutral passage has no category")
        if row["label"] != "neutral" and row["category"] not in CATEGORIES:
            raise ValueError(f"{path}:{number}: unknown category {row['category']!r}")
        if not isinstance(row["text"], str) or not row["text"].strip():
            raise ValueError(f"{path}:{number}: empty text")
        if row["id"] in seen:
            raise ValueError(f"{path}:{number}: duplicate id {row['id']!r}")
        seen.add(row["id"])
        passages.append(Passage(**{key: row[key] for key in REQUIRED_KEYS}))
    return passages


def load_detector(spec: str) -> Callable[[str, str | None], Any]:
    """Import MODULE:FUNCTION; exit 2 with a clear message when it is not there yet."""
    module_name, _, attr = spec.partition(":")
    attr = attr or "check_document"
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        print(
            f"cannot import the detector module {module_name!r} ({exc}).\n"
            f"The sensitive-data detector is not available yet; nothing to score. "
            f"Pass another one with --detector MODULE:FUNCTION.",
            file=sys.stderr,
        )
        sys.exit(2)
    function = getattr(module, attr, None)
    if not callable(function):
        print(f"{module_name!r} has no callable {attr!r}; nothing to score.", file=sys.stderr)
        sys.exit(2)
    return function


def split_of(passage_id: str) -> str:
    """'dev' when the trailing number of the id is odd, 'test' when it is even."""
    digits = passage_id[len(passage_id.rstrip("0123456789")):]
    if not digits:
        raise ValueError(f"id {passage_id!r} does not end in a number")
    return "dev" if int(digits) % 2 else "test"


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "    -"


def ratio(part: int, whole: int) -> str:
    return f"{part:>3}/{whole:<3} {pct(part, whole)}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--detector", default=DEFAULT_DETECTOR, help="MODULE:FUNCTION (default %(default)s)")
    parser.add_argument("--data", type=Path, default=DATA, help="the JSONL set (default %(default)s)")
    parser.add_argument("--rounds", type=int, default=3, help="throughput rounds, best kept (default 3)")
    parser.add_argument("--lang", choices=LANGS, help="score only this language")
    parser.add_argument("--split", choices=SPLITS, default="all",
                        help="dev: ids ending in an odd number, test: even, all (default %(default)s)")
    parser.add_argument("--show-errors", action="store_true", help="list misses, wrong categories, false alarms")
    parser.add_argument("--threshold", type=float,
                        help="the model's threshold, passed to the detector as a third argument")
    parser.add_argument("--rules-only", action="store_true",
                        help="leave the trained model out (threshold None passed to the detector)")
    args = parser.parse_args(argv)

    try:
        passages = load_set(args.data)
    except (OSError, ValueError) as exc:
        print(f"cannot load the set: {exc}", file=sys.stderr)
        return 2
    if args.lang:
        passages = [p for p in passages if p.lang == args.lang]
    if args.split != "all":
        try:
            passages = [p for p in passages if split_of(p.id) == args.split]
        except ValueError as exc:
            print(f"cannot split the set: {exc}", file=sys.stderr)
            return 2
    detector = load_detector(args.detector)
    if args.rules_only or args.threshold is not None:
        detector = functools.partial(lambda text, lang, f, t: f(text, lang, t), f=detector,
                                     t=None if args.rules_only else args.threshold)

    # verdicts[id] = (allowed, reason, detail)
    verdicts: dict[str, tuple[bool, str, str]] = {}
    for p in passages:
        result = detector(p.text, p.lang)
        verdicts[p.id] = (bool(result.allowed), str(getattr(result, "reason", "")), str(getattr(result, "detail", "")))

    langs = [lang for lang in LANGS if any(p.lang == lang for p in passages)]
    # counts[(label, category, lang)] = [total, refused, refused with the right category]
    counts: dict[tuple[str, str | None, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    misses, wrong_category, false_alarms = [], [], []
    for p in passages:
        allowed, reason, detail = verdicts[p.id]
        cell = counts[(p.label, p.category, p.lang)]
        cell[0] += 1
        if not allowed:
            cell[1] += 1
            if p.label == "disclosure" and detail == p.category:
                cell[2] += 1
            elif p.label == "disclosure":
                wrong_category.append((p, reason, detail))
            else:
                false_alarms.append((p, reason, detail))
        elif p.label == "disclosure":
            misses.append(p)

    def total(label: str, category: str | None = None, lang: str | None = None, any_category: bool = False):
        out = [0, 0, 0]
        for (lab, cat, lng), cell in counts.items():
            if lab == label and (any_category or cat == category) and (lang is None or lng == lang):
                out = [a + b for a, b in zip(out, cell)]
        return out

    data = args.data.resolve()
    shown = data.relative_to(REPO_ROOT) if data.is_relative_to(REPO_ROOT) else data
    print(f"detector: {args.detector}   set: {shown}   split: {args.split}   passages: {len(passages)}")
    print()
    print("Disclosures refused (recall) and, of those, refused with the right category")
    header = f"{'category':<20}" + "".join(f"  {lang + ' recall':<17} {lang + ' right cat.':<17}" for lang in langs)
    print(header)
    for category in CATEGORIES:
        line = f"{category:<20}"
        for lang in langs:
            n, refused, right = total("disclosure", category, lang)
            line += f"  {ratio(refused, n):<17} {ratio(right, refused):<17}"
        print(line)
    line = f"{'all':<20}"
    for lang in langs:
        n, refused, right = total("disclosure", lang=lang, any_category=True)
        line += f"  {ratio(refused, n):<17} {ratio(right, refused):<17}"
    print(line)

    print()
    print("Topical passages kept (same subject, no one's data disclosed)")
    print(f"{'category':<20}" + "".join(f"  {lang + ' kept':<17}" for lang in langs))
    for category in CATEGORIES:
        line = f"{category:<20}"
        for lang in langs:
            n, refused, _ = total("topical", category, lang)
            line += f"  {ratio(n - refused, n):<17}"
        print(line)
    line = f"{'all':<20}"
    for lang in langs:
        n, refused, _ = total("topical", lang=lang, any_category=True)
        line += f"  {ratio(n - refused, n):<17}"
    print(line)

    print()
    print("Neutral passages kept")
    for lang in langs:
        n, refused, _ = total("neutral", None, lang)
        print(f"  {lang}: {ratio(n - refused, n)}")

    d_n, d_ref, d_right = total("disclosure", any_category=True)
    t_n, t_ref, _ = total("topical", any_category=True)
    n_n, n_ref, _ = total("neutral", None)
    print()
    print("Overall")
    print(f"  disclosures refused (recall)        {ratio(d_ref, d_n)}")
    print(f"  ... with the right category         {ratio(d_right, d_ref)}")
    print(f"  topical kept                        {ratio(t_n - t_ref, t_n)}")
    print(f"  neutral kept                        {ratio(n_n - n_ref, n_n)}")
    refused_all = d_ref + t_ref + n_ref
    print(f"  precision of refusals               {ratio(d_ref, refused_all)}")

    if args.show_errors:
        print()
        print(f"Missed disclosures ({len(misses)})")
        for p in misses:
            print(f"  {p.id}: {p.text[:150]}")
        print(f"Refused with another category ({len(wrong_category)})")
        for p, reason, detail in wrong_category:
            print(f"  {p.id}: got {reason}/{detail}: {p.text[:120]}")
        print(f"False alarms on topical or neutral passages ({len(false_alarms)})")
        for p, reason, detail in false_alarms:
            print(f"  {p.id}: got {reason}/{detail}: {p.text[:120]}")

    rounds = max(1, args.rounds)
    chars = sum(len(p.text) for p in passages)
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for p in passages:
            detector(p.text, p.lang)
        best = min(best, time.perf_counter() - start)
    print()
    best = max(best, 1e-9)
    print(f"Throughput: {len(passages) / best:,.0f} passages/s ({chars / best / 1e6:.2f} M characters/s), "
          f"best of {rounds} rounds over {len(passages)} passages ({best * 1000:.1f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
