"""End-to-end: exact and near copies of a page reach the dataset once, the others are excluded with the URL kept,
and a recrawl into the same dataset adds nothing it already holds."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import FAST, WEB, crawl_file, moisson, read_rows

from filters.dedup import MIN_WORDS, NUM_PERM, exact_key, jaccard, shingles, words
from pipelines.extract import extract

SITE = "copies.test"
# Which of a cluster is kept depends on the order the responses come back in; each cluster keeps exactly one.
LONG = ("original.html", "copy.html", "copy-case.html", "edited.html")
SHORT = ("short-a.html", "short-a-copy.html")
CLUSTERS = (LONG, SHORT)
# Pages that are like no other page of the site.
DISTINCT = ("", "other-same-subject.html", "other-same-subject-2.html", "short-b.html")
PAGES = (*LONG, *SHORT, *DISTINCT)


def site_text(page: str) -> str:
    """The main text the crawler extracts from a page of the copies site, read from the file itself."""
    path = WEB / SITE / (page or "index.html")
    extracted = extract(path.read_text(encoding="utf-8"), f"http://{SITE}/{page}")
    assert extracted is not None, page
    return extracted.text


def path_of(url: str) -> str:
    return url.split("/", 3)[3]


def crawl(config: Path, out: Path) -> dict:
    """Crawl the copies site into `out`; its documents and exclusions by page path, and what was printed."""
    result = moisson("crawl", str(config), "--out", str(out), settings=FAST)
    assert result.returncode == 0, result.stderr[-3000:]
    documents = read_rows(out, "documents")
    return {
        "config": config,
        "out": out,
        "docs": {path_of(row["url"]): row for row in documents},
        "rows": documents,
        "exclusions": read_rows(out, "exclusions"),
        "result": result,
    }


@pytest.fixture(scope="module")
def main_crawl(testweb, tmp_path_factory):
    """The copies site crawled once with deduplication on; shared by the tests that read it."""
    folder = tmp_path_factory.mktemp("dedup")
    config = crawl_file(folder / "c.toml", [testweb.url(SITE)], dedup={"enabled": True})
    crawled = crawl(config, folder / "out")
    crawled["excluded"] = {path_of(row["url"]): row for row in crawled["exclusions"]}
    return crawled


@pytest.fixture(scope="module")
def recrawl(main_crawl, tmp_path_factory):
    """The same site crawled again into a copy of the first crawl's dataset."""
    out = tmp_path_factory.mktemp("dedup-again") / "out"
    shutil.copytree(main_crawl["out"], out)
    crawled = crawl(main_crawl["config"], out)
    first = {row["crawl_id"] for row in main_crawl["rows"]}
    crawled["new_exclusions"] = [row for row in crawled["exclusions"] if row["crawl_id"] not in first]
    crawled["new_docs"] = [row for row in crawled["rows"] if row["crawl_id"] not in first]
    return crawled


def test_the_site_holds_the_copies_it_claims():
    texts = {page: site_text(page) for page in PAGES}
    original = texts["original.html"]
    # Exact copies: the same words in the same order, in other page chrome or other case and punctuation.
    assert texts["copy.html"] == original
    assert texts["copy-case.html"] != original and exact_key(texts["copy-case.html"]) == exact_key(original)
    # A near copy: a few words changed, its word 5-grams still well above the 0.8 threshold.
    assert exact_key(texts["edited.html"]) != exact_key(original)
    assert 0.85 <= jaccard(shingles(original), shingles(texts["edited.html"])) < 1
    # Same subject and vocabulary, other text: hardly a 5-gram in common.
    others = [texts["other-same-subject.html"], texts["other-same-subject-2.html"]]
    for text in others:
        assert {"compost", "heap", "leaves", "kitchen"} <= set(words(text)), text
        assert jaccard(shingles(original), shingles(text)) < 0.1
    assert jaccard(shingles(others[0]), shingles(others[1])) < 0.1
    # Articles long enough for a signature; short notices judged by their exact key only.
    for page in (*LONG, "other-same-subject.html", "other-same-subject-2.html"):
        assert 150 <= len(words(texts[page])) <= 300, page
    short_a, short_b = words(texts["short-a.html"]), words(texts["short-b.html"])
    assert len(short_a) == len(short_b) < MIN_WORDS
    assert sum(a != b for a, b in zip(short_a, short_b)) == 1
    # Their last word differs, so their 5-grams are above the threshold: only the exact-key rule keeps both.
    assert jaccard(shingles(texts["short-a.html"]), shingles(texts["short-b.html"])) >= 0.8
    assert texts["short-a-copy.html"] == texts["short-a.html"]


def test_one_page_per_cluster_is_kept(main_crawl):
    assert set(main_crawl["docs"]) | set(main_crawl["excluded"]) == set(PAGES)
    assert len(main_crawl["exclusions"]) == len(main_crawl["excluded"])
    for cluster in CLUSTERS:
        kept = [page for page in cluster if page in main_crawl["docs"]]
        assert len(kept) == 1, (cluster, kept)
        assert set(cluster) - set(kept) <= set(main_crawl["excluded"])


@pytest.mark.parametrize("cluster", CLUSTERS, ids=["long", "short"])
def test_each_copy_names_the_page_kept(main_crawl, cluster):
    (kept,) = [page for page in cluster if page in main_crawl["docs"]]
    kept_row = main_crawl["docs"][kept]
    for page in set(cluster) - {kept}:
        row = main_crawl["excluded"][page]
        # The same normalised text as the page kept is an exact duplicate; the edited one is a near duplicate.
        expected = "duplicate" if exact_key(site_text(page)) == kept_row["text_key"] else "near_duplicate"
        assert (row["reason_code"], row["detail"]) == (expected, kept_row["url"]), page
        assert row["reason"] == f"{expected}:{kept_row['url']}"


def test_both_kinds_of_copy_are_found(main_crawl):
    codes = [row["reason_code"] for row in main_crawl["exclusions"]]
    assert codes.count("duplicate") + codes.count("near_duplicate") == len(LONG) - 1 + len(SHORT) - 1
    assert "duplicate" in codes and "near_duplicate" in codes


def test_same_subject_and_short_pages_are_all_kept(main_crawl):
    assert set(DISTINCT) <= set(main_crawl["docs"])
    assert not set(DISTINCT) & set(main_crawl["excluded"])


def test_kept_rows_carry_their_key_and_signature(main_crawl):
    for page, row in main_crawl["docs"].items():
        assert row["text_key"] == exact_key(row["text"]) == exact_key(site_text(page)), page
        if len(words(row["text"])) >= MIN_WORDS:
            assert len(row["minhash"]) == NUM_PERM and all(0 <= v < 2**32 for v in row["minhash"]), page
        else:
            assert row["minhash"] is None, page
    assert main_crawl["docs"]["other-same-subject.html"]["minhash"] is not None
    assert main_crawl["docs"]["short-b.html"]["minhash"] is None


def test_the_summary_counts_the_copies(main_crawl):
    stats = dict(re.findall(r"^  (duplicate|near_duplicate) +(\d+) ", main_crawl["result"].stdout, re.M))
    codes = [row["reason_code"] for row in main_crawl["exclusions"]]
    assert stats == {"duplicate": str(codes.count("duplicate")), "near_duplicate": str(codes.count("near_duplicate"))}


def test_a_recrawl_into_the_same_dataset_adds_no_document(main_crawl, recrawl):
    assert recrawl["new_docs"] == []
    assert len(recrawl["rows"]) == len(main_crawl["rows"])
    kept = {row["url"] for row in main_crawl["rows"]}
    # Every page of the site is now a copy of a row of the first crawl: a page kept then, of itself.
    assert sorted(path_of(row["url"]) for row in recrawl["new_exclusions"]) == sorted(PAGES)
    for row in recrawl["new_exclusions"]:
        assert row["reason_code"] in ("duplicate", "near_duplicate") and row["detail"] in kept, row
        if row["url"] in kept:
            assert (row["reason_code"], row["detail"]) == ("duplicate", row["url"])
    first = {path_of(row["url"]): (row["reason_code"], row["detail"]) for row in main_crawl["exclusions"]}
    again = {path_of(row["url"]): (row["reason_code"], row["detail"]) for row in recrawl["new_exclusions"]}
    assert {page: again[page] for page in first} == first


def test_report_shows_the_duplicates_of_both_crawls(recrawl):
    result = moisson("report", str(recrawl["out"]))
    assert result.returncode == 0, result.stderr
    codes = [row["reason_code"] for row in recrawl["exclusions"]]
    for reason in ("duplicate", "near_duplicate"):
        line = next(line for line in result.stdout.splitlines() if line.startswith(f"  {reason} "))
        match = re.match(rf"  {reason} +(\d+)  .*\((.+)\)$", line)
        assert match, line
        assert int(match[1]) == codes.count(reason) > 0
        # The top details are the URLs kept, with how many copies each stands for.
        kept_urls = {row["url"] for row in recrawl["rows"]}
        details = dict(part.rsplit(": ", 1) for part in match[2].split(", "))
        assert set(details) <= kept_urls, line


def test_with_dedup_off_every_copy_is_kept(testweb, tmp_path):
    config = crawl_file(tmp_path / "c.toml", [testweb.url(SITE)], dedup={"enabled": False})
    off = crawl(config, tmp_path / "out")
    assert set(off["docs"]) == set(PAGES)
    assert off["exclusions"] == []
    assert off["docs"]["copy.html"]["text"] == off["docs"]["original.html"]["text"]


def test_a_threshold_out_of_range_is_refused(testweb, tmp_path):
    config = crawl_file(tmp_path / "c.toml", [testweb.url(SITE)], dedup={"enabled": True, "threshold": 1.5})
    since = len(testweb.requests())
    result = moisson("crawl", str(config), "--out", str(tmp_path / "out"), settings=FAST)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "dedup.threshold" in result.stderr and "1.5" in result.stderr
    assert not (tmp_path / "out").exists()
    assert testweb.requests()[since:] == []
