"""End-to-end: disclosures of special-category data never reach the dataset; topical pages do."""

from __future__ import annotations

import pytest

from conftest import FAST, crawl_file, moisson, read_rows


def crawl(testweb, tmp_path, seeds, settings=FAST, **sections):
    config = crawl_file(tmp_path / "c.toml", [testweb.url(h) for h in seeds], **sections)
    since = len(testweb.requests())
    result = moisson("crawl", str(config), "--out", str(tmp_path / "out"), settings=settings)
    assert result.returncode == 0, result.stderr[-3000:]
    docs = {row["url"].rsplit("/", 1)[1]: row for row in read_rows(tmp_path / "out", "documents")}
    return docs, read_rows(tmp_path / "out", "exclusions"), testweb.requests()[since:], result


def test_disclosures_are_dropped_and_topical_pages_kept(testweb, tmp_path):
    docs, exclusions, _, result = crawl(testweb, tmp_path, ["forum.test"])
    assert {"garden.html", "hiv-explained.html", "unions-statistics.html", "courts-explained.html"} <= set(docs)
    assert "diagnosis.html" not in docs and "mixed.html" not in docs
    reasons = {row["url"].rsplit("/", 1)[1]: row["reason"] for row in exclusions}
    assert reasons["diagnosis.html"] == "sensitive:health"
    assert reasons["mixed.html"] == "sensitive:criminal"
    # The text itself never goes to the logs.
    assert "bipolar" not in result.stderr and "Karim" not in result.stderr


def test_passage_mode_removes_only_the_disclosing_sentences(testweb, tmp_path):
    docs, _, _, result = crawl(testweb, tmp_path, ["forum.test"], sensitive={"mode": "passage"})
    mixed = docs["mixed.html"]["text"]
    assert "Karim" not in mixed and "convicted" not in mixed
    assert "old mill" in mixed and "good shoes" in mixed
    assert docs["mixed.html"]["sensitive_removed"] == 1
    assert "Passages" in result.stdout


@pytest.mark.parametrize("mode", ["document", "passage"])
def test_a_site_made_of_disclosures_stops_being_crawled(testweb, tmp_path, mode):
    # A real delay between requests, so that the crawl has time to judge pages before it has fetched them all.
    docs, exclusions, requests, _ = crawl(
        testweb,
        tmp_path,
        ["confessions.test"],
        settings={**FAST, "DOWNLOAD_DELAY": "0.25"},
        sensitive={"mode": mode, "site_min_pages": 4, "site_share": 0.5},
    )
    stories = [r for r in requests if r["host"] == "confessions.test" and r["path"].startswith("/s/")]
    assert len(stories) < 12
    assert any(row["reason"].startswith("sensitive:sensitive by nature") and "site stopped" in row["reason"]
               for row in exclusions)
    if mode == "document":
        assert set(docs) <= {"", "index.html"}
    for row in docs.values():  # in passage mode, a story's closing thanks may stay; its disclosure may not
        assert not any(word in row["text"] for word in ("diagnosed", "HIV", "autism", "epilepsy"))
