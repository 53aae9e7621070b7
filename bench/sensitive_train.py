"""Train the small text classifier behind Moisson's sensitive-data detector, from the shipped training set.

Usage: python bench/sensitive_train.py [--data GLOB ...] [--out DIR] [--arch bow|ensemble] [--epochs N] [--seed N]

The training passages are bench/data/sensitive_train/*.jsonl (format of bench/data/SENSITIVE_EVAL.md) plus the
evaluation sets already spent in building the detector: sensitive_eval.jsonl and the held-out sets v2 to v7. The
held-out sets v8a and v8b are never read here: they are the measure. The model is a spaCy `textcat_multilabel` (bag of words and
word pairs, lower-cased) with one label per category and an `any` label for a disclosure of whichever category,
written to filters/data/sensitive_model (override with --out). The seed is fixed (--seed); training takes about
four minutes on two cores.
"""

from __future__ import annotations

import argparse
import glob
import json
import random
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from filters._sensitive_model import ANY, normalise  # noqa: E402
from filters.sensitive import CATEGORIES  # noqa: E402

DEFAULT_DATA = [str(REPO_ROOT / "bench" / "data" / "sensitive_train" / "*.jsonl")]
# Evaluation sets that were measured, looked at and tuned on while the detector was built: they train it now.
SPENT_SETS = [
    REPO_ROOT / "bench" / "data" / name
    for name in ("sensitive_eval.jsonl", "sensitive_heldout_v2.jsonl", "sensitive_heldout_v3.jsonl",
                 "sensitive_heldout_v4.jsonl", "sensitive_heldout_v5.jsonl", "sensitive_heldout_v6.jsonl",
                 "sensitive_heldout_v7.jsonl")
]
DEFAULT_OUT = REPO_ROOT / "filters" / "data" / "sensitive_model"


def load(patterns: list[str], with_spent: bool) -> list[tuple[str, str | None]]:
    """(text, category disclosed or None) pairs from the training files, plus the spent evaluation sets."""
    rows = []
    paths = sorted(path for pattern in patterns for path in glob.glob(pattern))
    if not paths:
        raise SystemExit(f"sensitive_train: no training file matches {patterns}")
    for path in paths + (SPENT_SETS if with_spent else []):
        rows += [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    return [(row["text"], row["category"] if row["label"] == "disclosure" else None) for row in rows]


def model_config(arch: str) -> dict:
    bow = {
        "@architectures": "spacy.TextCatBOW.v3",
        "exclusive_classes": False,
        "ngram_size": 2,
        "no_output_layer": False,
        "length": 262144,
    }
    if arch == "bow":
        return {"model": bow}
    return {
        "model": {
            "@architectures": "spacy.TextCatEnsemble.v2",
            "linear_model": bow,
            "tok2vec": {
                "@architectures": "spacy.Tok2Vec.v2",
                "embed": {
                    "@architectures": "spacy.MultiHashEmbed.v2",
                    "width": 64,
                    "rows": [2000, 2000, 1000, 1000],
                    "attrs": ["NORM", "PREFIX", "SUFFIX", "SHAPE"],
                    "include_static_vectors": False,
                },
                "encode": {
                    "@architectures": "spacy.MaxoutWindowEncoder.v2",
                    "width": 64,
                    "window_size": 1,
                    "maxout_pieces": 3,
                    "depth": 2,
                },
            },
        }
    }


def train(examples: list[tuple[str, str | None]], arch: str, epochs: int, seed: int):
    import spacy
    from spacy.training import Example
    from spacy.util import fix_random_seed, minibatch

    fix_random_seed(seed)
    nlp = spacy.blank("xx")
    textcat = nlp.add_pipe("textcat_multilabel", config=model_config(arch))
    for label in (*CATEGORIES, ANY):
        textcat.add_label(label)
    data = [
        Example.from_dict(
            nlp.make_doc(normalise(text)),
            {"cats": {**{label: float(label == category) for label in CATEGORIES}, ANY: float(category is not None)}},
        )
        for text, category in examples
    ]
    optimizer = nlp.initialize(lambda: data)
    rng = random.Random(seed)
    for epoch in range(epochs):
        rng.shuffle(data)
        losses: dict[str, float] = {}
        for batch in minibatch(data, size=16):
            nlp.update(batch, sgd=optimizer, drop=0.2, losses=losses)
        print(f"epoch {epoch + 1}: loss {losses['textcat_multilabel']:.3f}", file=sys.stderr)
    return nlp


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", nargs="+", default=DEFAULT_DATA, help="training files (globs)")
    parser.add_argument("--no-spent", action="store_true", help="leave out the spent evaluation sets")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--arch", choices=("bow", "ensemble"), default="bow")
    parser.add_argument("--epochs", type=int, default=12)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    examples = load(args.data, not args.no_spent)
    started = time.perf_counter()
    nlp = train(examples, args.arch, args.epochs, args.seed)
    nlp.meta.update(
        name="moisson_sensitive",
        version="1.0.0",
        description="Moisson: personal disclosure of special-category data (GDPR art. 9 and 10), per category",
        sources=[{"name": "bench/data/sensitive_train, sensitive_eval.jsonl, sensitive_heldout_v2 to v4",
                  "license": "CC0-1.0"}],
    )
    args.out.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(args.out)
    print(f"trained on {len(examples)} passages in {time.perf_counter() - started:.0f} s -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
