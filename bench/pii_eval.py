"""Precision and recall of the PII stage, per entity type, on labelled texts.

    python bench/pii_eval.py                       # every set below that exists
    python bench/pii_eval.py --data FILE.jsonl     # one set (JSONL: {id, text, spans:[{start,end,label}], lang})
    python bench/pii_eval.py --show-errors 20      # print missed and spurious values

A labelled value is found when at least half of its characters are replaced under the right type; a
replaced value is right when at least half of it lies in a labelled value of that type. A labelled name is
judged without its title ("M.", "Mme", "Dr"), which Moisson keeps in the text. "Neutral kept" is
the share of characters outside every labelled personal value that come out unchanged, and "untouched"
the share of texts without personal data that come out identical.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from filters.pii import ENTITIES, Keyring, Pseudonymiser  # noqa: E402

CORPORA = ROOT.parent / "shared" / "corpora" / "pii"
SETS = [
    CORPORA / "presidio_research_synth_v2.en.jsonl",
    CORPORA / "echr_fr_manual.fr.jsonl",
    ROOT / "bench" / "data" / "pii_web_en.jsonl",
    ROOT / "bench" / "data" / "pii_web_fr.jsonl",
]
# Corpus labels and the entity type Moisson replaces them with; other labels (places, organisations, dates,
# case numbers) are not personal identifiers Moisson replaces, so they count as neutral text.
LABELS = {
    "PERSON": "PERSON",
    "PER": "PERSON",
    "LEGAL_PROFESSIONAL": "PERSON",
    "EMAIL_ADDRESS": "EMAIL_ADDRESS",
    "PHONE_NUMBER": "PHONE_NUMBER",
    "STREET_ADDRESS": "STREET_ADDRESS",
    "IBAN_CODE": "IBAN_CODE",
    "CREDIT_CARD": "CREDIT_CARD",
    "IP_ADDRESS": "IP_ADDRESS",
    "FR_NIR": "FR_NIR",
    "US_SSN": "US_SSN",
    "UK_NINO": "UK_NINO",
    "UK_NHS": "UK_NHS",
}
STRUCTURED = ("EMAIL_ADDRESS", "PHONE_NUMBER", "IBAN_CODE", "CREDIT_CARD", "IP_ADDRESS", "FR_NIR")


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


# Moisson keeps a person's title in the text ("M. <PERSON_…>"): a labelled name is judged without it.
_TITLE = re.compile(
    r"^(?:(?:M|MM|Mme|Mmes|Mlle|Me|Mr|Mrs|Ms|Dr|Pr|Prof|Monsieur|Madame|Mademoiselle|Docteur|Maître|Sir|Lord|Lady)"
    r"\.?\s+|et\s+)+"
)


def gold_spans(row: dict) -> list[tuple[int, int, str]]:
    """The labelled values Moisson replaces, as (start, end, entity type), names without their titles."""
    spans = []
    for span in row["spans"]:
        if span["label"] not in LABELS:
            continue
        start, end, entity = span["start"], span["end"], LABELS[span["label"]]
        if entity == "PERSON" and (title := _TITLE.match(row["text"][start:end])) and title.end() < end - start:
            start += title.end()
        spans.append((start, end, entity))
    return spans


def evaluate(rows: list[dict], results: list, show: int) -> dict:
    """Counts per entity type: labelled, found, replaced, right; plus neutral characters and texts kept."""
    stats: dict[str, Counter] = defaultdict(Counter)
    neutral_chars = neutral_kept = clean_texts = clean_untouched = 0
    errors: list[str] = []
    for row, result in zip(rows, results):
        text = row["text"]
        gold = gold_spans(row)
        found = [(f.start, f.end, f.entity_type) for f in result.found]
        for start, end, entity in gold:
            stats[entity]["labelled"] += 1
            covered = sum(overlap((start, end), (f[0], f[1])) for f in found if f[2] == entity)
            if covered * 2 >= end - start:
                stats[entity]["found"] += 1
            elif len(errors) < show * 2:
                errors.append(f"missed  {entity:<15}{text[start:end]!r}  in  {text[max(0, start - 40) : end + 30]!r}")
        for start, end, entity in found:
            stats[entity]["replaced"] += 1
            inside = sum(overlap((start, end), (g[0], g[1])) for g in gold if g[2] == entity)
            if inside * 2 >= end - start:
                stats[entity]["right"] += 1
            elif len(errors) < show * 2:
                errors.append(f"spurious {entity:<15}{text[start:end]!r}  in  {text[max(0, start - 40) : end + 30]!r}")
        personal = [False] * len(text)
        for start, end, _ in gold:
            personal[start:end] = [True] * (end - start)
        replaced = [False] * len(text)
        for start, end, _ in found:
            replaced[start:end] = [True] * (end - start)
        neutral_chars += personal.count(False)
        neutral_kept += sum(1 for p, r in zip(personal, replaced) if not p and not r)
        if not gold:
            clean_texts += 1
            clean_untouched += result.text == text
    for line in errors[: show * 2]:
        print("  " + line)
    return {
        "stats": stats,
        "neutral_kept": neutral_kept / max(neutral_chars, 1),
        "untouched": (clean_untouched, clean_texts),
    }


def table(name: str, outcome: dict) -> None:
    stats = outcome["stats"]
    print(f"\n{name}")
    print(f"  {'entity':<16}{'labelled':>9}{'recall':>9}{'replaced':>10}{'precision':>11}")
    for entity in ENTITIES:
        s = stats.get(entity)
        if not s:
            continue
        recall = f"{s['found'] / s['labelled']:.3f}" if s["labelled"] else "-"
        precision = f"{s['right'] / s['replaced']:.3f}" if s["replaced"] else "-"
        print(f"  {entity:<16}{s['labelled']:>9}{recall:>9}{s['replaced']:>10}{precision:>11}")
    structured = Counter()
    for entity in STRUCTURED:
        structured.update(stats.get(entity, Counter()))
    if structured["labelled"]:
        print(
            f"  {'structured ids':<16}{structured['labelled']:>9}{structured['found'] / structured['labelled']:>9.3f}"
            f"{structured['replaced']:>10}{structured['right'] / max(structured['replaced'], 1):>11.3f}"
        )
    untouched, clean = outcome["untouched"]
    if not clean:
        return
    print(
        f"  neutral characters kept {outcome['neutral_kept']:.3f};"
        f" texts without personal data left untouched {untouched}/{clean}"
        + (f" = {untouched / clean:.3f}" if clean else "")
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, action="append", help="a labelled JSONL set (repeatable)")
    parser.add_argument("--show-errors", type=int, default=0, metavar="N")
    args = parser.parse_args()
    sets = args.data or [path for path in SETS if path.exists()]
    pseudonymiser = Pseudonymiser(Keyring(b"bench key, not a secret, 32 bytes!"))
    overall: dict[str, Counter] = defaultdict(Counter)
    for path in sets:
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        started = time.perf_counter()
        results = pseudonymiser.pseudonymise_many([r["text"] for r in rows], [r.get("lang") for r in rows])
        elapsed = time.perf_counter() - started
        outcome = evaluate(rows, results, args.show_errors)
        table(f"{path.name}: {len(rows)} texts, {len(rows) / elapsed:.0f} texts/s", outcome)
        for entity, counts in outcome["stats"].items():
            overall[entity].update(counts)
    if len(sets) > 1:
        table("all sets", {"stats": overall, "neutral_kept": float("nan"), "untouched": (0, 0)})
    return 0


if __name__ == "__main__":
    sys.exit(main())
