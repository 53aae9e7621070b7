"""How much real web text the sensitive-data detector drops: the main text of real English and French pages.

Usage: python bench/sensitive_realweb.py [--corpora PATH] [--threshold T] [--rules-only] [--show]

Reads the article-extraction-benchmark bodies (181 English news and blog articles) and the pages of
trafilatura-eval that declare English or French (main text extracted by pipelines.extract), from
../shared/corpora/html. These pages are ordinary published articles: most disclose no one's special-category
data, but some do (a court report naming the convicted, an interview about an illness), so a flagged page is not
necessarily a false alarm. --show prints each flagged passage with its category, to be read by a person; page
contents belong to their sites and are for local evaluation only, so nothing here is stored.

Prints, per corpus: pages, pages flagged, passages flagged, and the detector's throughput.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from w3lib.encoding import html_to_unicode

from filters import sensitive
from pipelines.extract import extract

DEFAULT_CORPORA = REPO_ROOT.parent / "shared" / "corpora" / "html"


def article_benchmark(root: Path) -> list[tuple[str, str, str]]:
    """(name, language, text) of the benchmark's true article bodies."""
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    return [(page_id, "en", item["articleBody"]) for page_id, item in sorted(truth.items())]


def trafilatura_pages(root: Path) -> list[tuple[str, str, str]]:
    """(url, language, main text) of the trafilatura-eval pages that declare English or French."""
    pages = []
    for url, item in sorted(json.loads((root / "evaldata.json").read_text(encoding="utf-8")).items()):
        path = root / "cache" / f"{item['file']}.gz"
        if not path.is_file():
            continue
        _, html = html_to_unicode(None, gzip.decompress(path.read_bytes()))
        extracted = extract(html, url)
        if extracted is not None and extracted.language in ("en", "fr"):
            pages.append((url, extracted.language, extracted.text))
    return pages


def score(name: str, pages: list[tuple[str, str, str]], threshold: float | None, show: bool) -> None:
    flagged_pages = flagged_passages = passages = characters = 0
    elapsed = 0.0
    for page, language, text in pages:
        passages += len(sensitive._model.passages(text, sensitive._sentences))
        characters += len(text)
        started = time.perf_counter()
        findings = sensitive.find(text, language, threshold)
        elapsed += time.perf_counter() - started
        if findings:
            flagged_pages += 1
            flagged_passages += len(findings)
        if show:
            for finding in findings:
                snippet = " ".join(text[finding.start : finding.end].split())
                print(f"  [{finding.category}] {page[:60]} :: {snippet[:300]}")
    print(
        f"{name:<34} {len(pages):>5} pages ({passages} passages, {characters / 1e6:.1f} M chars): "
        f"{flagged_pages} pages flagged ({flagged_pages / max(len(pages), 1):.1%}), "
        f"{flagged_passages} passages flagged ({flagged_passages / max(passages, 1):.2%}); "
        f"{passages / max(elapsed, 1e-9):,.0f} passages/s"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--threshold", type=float, default=sensitive.MODEL_THRESHOLD)
    parser.add_argument("--rules-only", action="store_true", help="leave the trained model out")
    parser.add_argument("--show", action="store_true", help="print each flagged passage (local review only)")
    args = parser.parse_args(argv)
    logging.disable(logging.WARNING)
    if not args.corpora.is_dir():
        print(f"sensitive_realweb: no corpora at {args.corpora}", file=sys.stderr)
        return 2
    threshold = None if args.rules_only else args.threshold
    sensitive.find("warm up the model", "en", threshold)
    score("article-extraction-benchmark (en)", article_benchmark(args.corpora / "article-extraction-benchmark"),
          threshold, args.show)
    pages = trafilatura_pages(args.corpora / "trafilatura-eval")
    for language in ("en", "fr"):
        score(f"trafilatura-eval ({language})", [p for p in pages if p[1] == language], threshold, args.show)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
