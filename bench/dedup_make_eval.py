"""Build the duplicate-detection evaluation pairs from the real article texts of article-extraction-benchmark.

    python bench/dedup_make_eval.py            # writes bench/data/dedup_pairs.jsonl, prints its statistics
    python bench/dedup_make_eval.py --stats    # only prints the statistics of the existing file

Each line is `{"id", "kind", "detail", "a", "b", "jaccard", "duplicate"}`: `a` is an article body of the
benchmark's ground truth, `b` a variant of it (or another article, for `same_subject`), `jaccard` the true Jaccard
similarity of their word 5-gram shingles (`filters.dedup.shingles`) and `duplicate` whether it reaches the default
threshold (`filters.dedup.THRESHOLD`). Variants of a given strength are drawn for a target Jaccard, half of them
uniformly over 0.5-1.0 and half over 0.7-0.9, around the threshold; the strength (words edited, boilerplate blocks
added, words cut, paragraphs moved) is the smallest whose true Jaccard falls to the target. The output is
deterministic: a fixed seed, and one random generator per pair. See bench/data/DEDUP_EVAL.md.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from filters.dedup import THRESHOLD, jaccard, shingles, words  # noqa: E402

SEED = 20250207
GROUND_TRUTH = ROOT.parent / "shared" / "corpora" / "html" / "article-extraction-benchmark" / "ground-truth.json"
OUT = ROOT / "bench" / "data" / "dedup_pairs.jsonl"
MIN_ARTICLE_WORDS = 60
# Pairs per kind: about 1,200 in all, about 40% of them duplicates.
COUNTS = {"exact": 100, "small_edits": 250, "boilerplate": 250, "truncation": 250, "reorder": 150, "same_subject": 200}
SIMILAR_PAIRS = 120  # of the same_subject pairs, the closest distinct articles; the rest are unrelated ones
# Boilerplate of up to ~1,300 words stays plausible (menus, banners, teasers) for articles up to this length.
BOILERPLATE_MAX_WORDS = 1500

SITES = ["The Daily Ledger", "Metro Herald", "NewsNow", "The Weekly Courier", "Global Post", "TechWire", "City Times"]
SECTIONS = [
    "Home", "News", "World", "Politics", "Business", "Markets", "Tech", "Science", "Health", "Sport", "Culture",
    "Entertainment", "Opinion", "Travel", "Lifestyle", "Video", "Podcasts", "Newsletters", "Weather", "Local",
]  # fmt: skip
CHROME = {
    "cookies": [
        "We use cookies and similar technologies to improve your experience, personalise content and ads and analyse "
        "our traffic. By clicking Accept all you agree to the storing of cookies on your device. You can change your "
        "choice at any time in Cookie Settings. Accept all Reject all Manage preferences",
        "This site uses cookies. Some are essential to make it work; others help us understand how you use it so we "
        "can improve it. Read our cookie policy to find out more. OK, got it",
        "Your privacy matters to us. We and our {n} partners store and access information on your device for "
        "personalised ads and content, ad and content measurement and audience insights. Agree Disagree More options",
    ],
    "share": [
        "Share this article: Facebook Twitter LinkedIn WhatsApp Email Copy link",
        "Share on Facebook Share on X Share via Email Print this page",
        "Did you find this story useful? Share it with a friend. Facebook Twitter Reddit Pocket",
    ],
    "newsletter": [
        "Sign up for our daily newsletter. Get the best of {site} delivered to your inbox every morning. Enter your "
        "email address Subscribe. By signing up you agree to our Terms of Use and acknowledge our Privacy Policy.",
        "Never miss a story: subscribe to the {site} briefing, free, every weekday at 7am. Your email Sign me up",
    ],
    "comments": [
        "Comments are closed for this article. Please read our community guidelines before posting.",
        "{n} comments. Join the conversation: log in or create a free account to comment. Sort by Newest Oldest",
    ],
    "footer": [
        "© {year} {site}. All rights reserved. About us Contact Careers Advertise with us Terms of Service Privacy "
        "Policy Cookie Policy Accessibility Sitemap",
        "{site} is part of {site} Media Group. Copyright {year}. Terms and conditions | Privacy notice | Do not sell "
        "my personal information | Help | Corrections",
    ],
    "byline": [
        "By {site} staff | Published {day} November {year}, {hour}:{minute} GMT | Updated {day} November {year}",
        "Advertisement. Story continues below. Reading time: {minutes} minutes",
    ],
}
# Where each kind of block goes around the article.
BEFORE = {"nav", "cookies", "byline"}
FILLERS = ["the", "also", "very", "just", "really", "now", "still", "and", "a", "of", "only", "then", "so", "all"]
LETTERS = "qwertyuiopasdfghjklzxcvbnm"


def load_articles() -> list[str]:
    """The benchmark's true article bodies of at least MIN_ARTICLE_WORDS words, in the file's (sorted) order."""
    truth = json.loads(GROUND_TRUTH.read_text(encoding="utf-8"))
    texts = [truth[key]["articleBody"].strip() for key in sorted(truth)]
    return [text for text in texts if len(words(text)) >= MIN_ARTICLE_WORDS]


def paragraphs(text: str) -> list[str]:
    return [p for p in re.split(r"\s*\n\s*", text.strip()) if p]


def draw_target(rng: random.Random) -> float:
    """A target Jaccard: half uniform over 0.5-1.0, half concentrated around the default threshold."""
    return rng.uniform(0.5, 1.0) if rng.random() < 0.5 else rng.uniform(THRESHOLD - 0.1, THRESHOLD + 0.1)


def weakest(make: Callable[[int], str], base: set[bytes], lo: int, hi: int, target: float) -> tuple[int, str]:
    """The smallest strength in [lo, hi] whose variant `make(k)` has a true Jaccard of at most `target` (`hi` if
    none does), found by bisection: the Jaccard falls (almost) monotonically with the strength."""
    while lo < hi:
        mid = (lo + hi) // 2
        if jaccard(base, shingles(make(mid))) <= target:
            hi = mid
        else:
            lo = mid + 1
    return lo, make(lo)


# -- exact: the same words in the same order ------------------------------------------------------------------


def exact_variant(text: str, rng: random.Random) -> tuple[str, str]:
    """The article unchanged, or with only its spacing, case or punctuation changed."""
    how = rng.choice(["identical", "whitespace", "case", "punctuation", "all"])
    out = text
    if how in ("whitespace", "all"):
        out = rng.choice([" ".join(paragraphs(out)), "\r\n".join(paragraphs(out)) + "\r\n", out.replace(" ", "  ")])
        out = "\n\n" + out.replace(". ", ".\u00a0") + "\n"
    if how in ("case", "all"):
        out = rng.choice([out.lower(), out.upper()])
    if how in ("punctuation", "all"):
        # Only punctuation between words changes: removing an apostrophe inside a word would split it differently.
        out = out.translate(str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2014": "-"}))
        out = re.sub(r"[,;:.!?]+(\s)", r"\1", out)
    return out, how


# -- small edits: typo-like changes of single words -----------------------------------------------------------


def typo(word: str, rng: random.Random) -> str:
    """`word` with two letters swapped, or one letter dropped, doubled or replaced by another."""
    i = rng.randrange(len(word) - 1)
    how = rng.choice(["swap", "drop", "double", "other"])
    if how == "swap" and word[i] != word[i + 1]:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if how == "drop":
        return word[:i] + word[i + 1 :]
    if how == "double":
        return word[: i + 1] + word[i] + word[i + 1 :]
    return word[:i] + rng.choice(LETTERS.replace(word[i].lower(), "")) + word[i + 1 :]


def small_edits(text: str, rng: random.Random, target: float) -> tuple[str, str]:
    """The article with the fewest random word edits (typo, replacement, insertion, deletion) that bring its true
    Jaccard down to `target`."""
    tokens = re.findall(r"\S+\s*", text)
    vocabulary = sorted({w for w in re.findall(r"[^\W\d_]{3,}", text)})
    edits = []
    for _ in range(len(tokens) // 3):
        edits.append((rng.choice(["typo", "typo", "replace", "insert", "delete"]), rng.random(), rng.random()))

    def make(k: int) -> str:
        out = list(tokens)
        for how, where, seed in edits[:k]:
            i = int(where * len(out))
            local = random.Random(seed)
            if how == "insert":
                out.insert(i, local.choice(FILLERS + vocabulary) + " ")
            elif how == "delete" and len(out) > 1:
                del out[i]
            else:
                core = re.search(r"[^\W\d_]{2,}", out[i])
                if core is None:
                    continue
                new = typo(core.group(), local) if how == "typo" else local.choice(vocabulary)
                out[i] = out[i][: core.start()] + new + out[i][core.end() :]
        return "".join(out)

    k, variant = weakest(make, shingles(text), 1, len(edits), target)
    return variant, f"{k} word edits ({k / len(tokens):.1%} of words)"


# -- boilerplate: site chrome around the same article ---------------------------------------------------------


def chrome_blocks(rng: random.Random, teasers: list[str], count: int) -> list[tuple[str, str]]:
    """A site's chrome as (kind, text) blocks: menus, banners, share and newsletter blocks, a footer, then up to
    `count` teasers of other articles ("Related stories")."""
    site = rng.choice(SITES)
    fields = {
        "site": site,
        "n": rng.randrange(3, 900),
        "year": rng.randrange(2017, 2025),
        "day": rng.randrange(1, 29),
        "hour": rng.randrange(24),
        "minute": f"{rng.randrange(60):02d}",
        "minutes": rng.randrange(2, 15),
    }
    blocks = [("nav", " ".join(rng.sample(SECTIONS, rng.randrange(6, len(SECTIONS)))) + " Subscribe Sign in")]
    for kind in sorted(CHROME):
        if rng.random() < 0.8:
            blocks.append((kind, rng.choice(CHROME[kind]).format(**fields)))
    rng.shuffle(blocks)
    for teaser in rng.sample(teasers, min(count, len(teasers))):
        blocks.append(("related", f"{rng.choice(['Related', 'Read more', 'Most read', 'Recommended'])}: {teaser}"))
    return blocks


def wrap(text: str, blocks: list[tuple[str, str]]) -> str:
    """`text` with the chrome blocks that go before it above, and the others below."""
    before = [b for kind, b in blocks if kind in BEFORE]
    after = [b for kind, b in blocks if kind not in BEFORE]
    return "\n\n".join(before + [text] + after)


def boilerplate(text: str, rng: random.Random, target: float, teasers: list[str]) -> tuple[str, str, str]:
    """The article with site chrome added (`a` bare), or the same article in another site's chrome (`a` in one
    site's chrome, `b` in another's), with the fewest blocks that bring the true Jaccard down to `target`."""
    blocks = chrome_blocks(rng, teasers, 60)
    if rng.random() < 0.7:
        a, how = text, "added"
    else:
        a, how = wrap(text, chrome_blocks(rng, teasers, rng.randrange(0, 4))), "changed"
    k, variant = weakest(lambda k: wrap(text, blocks[:k]), shingles(a), 1, len(blocks), target)
    added = len(words(variant)) - len(words(text))
    return a, variant, f"chrome {how}: {k} blocks, {added} words in b around {len(words(text))}"


# -- truncation: the article cut short -------------------------------------------------------------------------


def truncation(text: str, rng: random.Random, target: float) -> tuple[str, str]:
    """The article cut after the word that brings the true Jaccard down to `target`, or without its first
    paragraph."""
    parts = paragraphs(text)
    if len(parts) > 2 and rng.random() < 0.25:
        return "\n\n".join(parts[1:]), f"first paragraph dropped ({len(words(parts[0]))} words)"
    ends = [m.end() for m in re.finditer(r"\S+", text)]
    k, variant = weakest(lambda k: text[: ends[len(ends) - 1 - k]], shingles(text), 1, len(ends) - 1, target)
    return variant, f"cut at {1 - k / len(ends):.0%} of its words"


# -- reorder: paragraphs moved ---------------------------------------------------------------------------------


def reorder(text: str, rng: random.Random, target: float) -> tuple[str, str]:
    """The article with the fewest random paragraph moves that bring the true Jaccard down to `target` (or all of
    them: about two moves per paragraph, a full shuffle)."""
    parts = paragraphs(text)
    moves = [(rng.random(), rng.random()) for _ in range(2 * len(parts))]

    def make(k: int) -> str:
        out = list(parts)
        for source, dest in moves[:k]:
            moved = out.pop(int(source * len(out)))
            out.insert(int(dest * (len(out) + 1)), moved)
        return "\n\n".join(out)

    k, variant = weakest(make, shingles(text), 1, len(moves), target)
    return variant, f"{k} paragraph moves among {len(parts)} paragraphs"


# -- same subject: distinct articles ---------------------------------------------------------------------------


def tfidf_pairs(texts: list[str]) -> list[tuple[float, int, int]]:
    """Every pair of distinct articles with the TF-IDF cosine of their vocabularies, closest first."""
    counts = [Counter(w for w in words(t) if not w.isdigit()) for t in texts]
    df = Counter(w for c in counts for w in c)
    vectors = []
    for c in counts:
        v = {w: (1 + math.log(n)) * math.log(len(texts) / df[w]) for w, n in c.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vectors.append({w: x / norm for w, x in v.items()})
    pairs = []
    for i in range(len(texts)):
        for j in range(i + 1, len(texts)):
            small, large = sorted((vectors[i], vectors[j]), key=len)
            pairs.append((sum(x * large.get(w, 0.0) for w, x in small.items()), i, j))
    return sorted(pairs, reverse=True)


def same_subject(texts: list[str], rng: random.Random) -> list[tuple[str, str, str]]:
    """Pairs of distinct articles: the SIMILAR_PAIRS closest by TF-IDF cosine, then unrelated ones at random."""
    ranked = tfidf_pairs(texts)
    out = []
    for cosine, i, j in ranked[:SIMILAR_PAIRS]:
        a, b = (i, j) if rng.random() < 0.5 else (j, i)
        out.append((texts[a], texts[b], f"similar: TF-IDF cosine {cosine:.2f}"))
    for cosine, i, j in rng.sample(ranked[SIMILAR_PAIRS:], COUNTS["same_subject"] - SIMILAR_PAIRS):
        out.append((texts[i], texts[j], f"unrelated: TF-IDF cosine {cosine:.2f}"))
    return out


# -- the set ---------------------------------------------------------------------------------------------------


def build() -> list[dict]:
    """All pairs, kind by kind, each article used about equally often within a kind."""
    texts = load_articles()
    teasers = [" ".join(re.findall(r"\S+", t)[:18]) for t in texts]
    rows = []
    numbers: Counter = Counter()

    def add(kind: str, a: str, b: str, detail: str) -> None:
        similarity = jaccard(shingles(a), shingles(b))
        numbers[kind] += 1
        rows.append(
            {
                "id": f"{kind}-{numbers[kind] - 1:04d}",
                "kind": kind,
                "detail": detail,
                "a": a,
                "b": b,
                "jaccard": round(similarity, 6),
                "duplicate": similarity >= THRESHOLD,
            }
        )

    for kind in ("exact", "small_edits", "boilerplate", "truncation", "reorder"):
        eligible = list(range(len(texts)))
        if kind == "boilerplate":
            eligible = [i for i in eligible if len(words(texts[i])) <= BOILERPLATE_MAX_WORDS]
        if kind == "reorder":
            eligible = [i for i in eligible if len(paragraphs(texts[i])) >= 3]
        order = random.Random(f"{SEED}-{kind}").sample(eligible, len(eligible))
        for n in range(COUNTS[kind]):
            i = order[n % len(order)]
            text = texts[i]
            rng = random.Random(f"{SEED}-{kind}-{n}")
            target = draw_target(rng)
            if kind == "exact":
                add(kind, text, *exact_variant(text, rng))
            elif kind == "small_edits":
                add(kind, text, *small_edits(text, rng, target))
            elif kind == "boilerplate":
                others = teasers[:i] + teasers[i + 1 :]
                add(kind, *boilerplate(text, rng, target, others))
            elif kind == "truncation":
                add(kind, text, *truncation(text, rng, target))
            else:
                add(kind, text, *reorder(text, rng, target))
    for a, b, detail in same_subject(texts, random.Random(f"{SEED}-same_subject")):
        add("same_subject", a, b, detail)
    return rows


def stats(rows: list[dict]) -> None:
    """Counts and the true Jaccard distribution per kind, as a Markdown table (for DEDUP_EVAL.md)."""
    bands = [(0.0, 0.5), (0.5, 0.7), (0.7, 0.75), (0.75, 0.8), (0.8, 0.85), (0.85, 0.9), (0.9, 1.0), (1.0, 1.01)]
    labels = ["<0.5", "0.5-0.7", "0.7-0.75", "0.75-0.8", "0.8-0.85", "0.85-0.9", "0.9-1", "1.0"]
    by_kind: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_kind[row["kind"]].append(row)
    print("| kind | pairs | duplicates | " + " | ".join(labels) + " | b < 50 words |")
    print("|---|" + "---:|" * (len(labels) + 3))
    for kind, group in [*by_kind.items(), ("all", rows)]:
        cells = [sum(lo <= r["jaccard"] < hi for r in group) for lo, hi in bands]
        short = sum(len(words(r["b"])) < 50 for r in group)
        positives = sum(r["duplicate"] for r in group)
        print(f"| {kind} | {len(group)} | {positives} | " + " | ".join(map(str, cells)) + f" | {short} |")
    print(f"\n{len(rows)} pairs, {sum(r['duplicate'] for r in rows) / len(rows):.1%} duplicates")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="the JSONL file to write (default: %(default)s)")
    parser.add_argument("--stats", action="store_true", help="only print the statistics of the existing file")
    args = parser.parse_args()
    if args.stats:
        rows = [json.loads(line) for line in args.out.read_text(encoding="utf-8").splitlines()]
    else:
        if not GROUND_TRUTH.exists():
            parser.error(f"{GROUND_TRUTH} not found: see shared/corpora/README.md")
        rows = build()
        args.out.parent.mkdir(parents=True, exist_ok=True)
        with args.out.open("w", encoding="utf-8") as f:
            for row in rows:
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
    stats(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
