"""`moisson sources`: the list of sources of one or more datasets, as CSV, JSON, Markdown and an HTML page."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections import defaultdict
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import FAST, crawl_file, moisson, read_rows

from crawler.sources import publish
from pipelines.dataset import DatasetError
from pipelines.parquet import DOCUMENTS_SCHEMA

HEADER = "domain,documents,bytes,first_fetched,last_fetched"
EFFECTIVE = {
    "ai_optout": {"robots_ai_crawlers": True, "content_signals": True, "tdmrep": True, "page_signals": True},
    "captcha": {"cooldown_days": 7.0},
    "blocklists": {"categories": ["health", "adult", "piracy"], "exceptions": [], "extra": []},
    "sensitive": {"enabled": True, "mode": "document"},
    "pii": {"enabled": True},
    "dedup": {"enabled": True},
}


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)


def doc(domain: str, size: int, fetched: str = "2026-03-01T10:00:00.250000") -> dict[str, Any]:
    """A kept document of `size` bytes of text from `domain`, fetched at `fetched` (UTC)."""
    return {"domain": domain, "size": size, "fetched_at": at(fetched)}


def make_dataset(path: Path, docs: list[dict[str, Any]], **manifest: Any) -> Path:
    """A dataset folder written by hand: manifest.json and one documents Parquet file."""
    crawl_id = manifest.get("crawl_id", f"{manifest.get('name', 'unit')}-20260301T100000Z-abcdef")
    base = {
        "name": "unit",
        "crawl_id": crawl_id,
        "purpose": "Train a small French model on public forums.",
        "legal_basis": "legitimate_interest",
        "controller": "Example Lab, dpo@example.org",
        "user_agent": "ExampleBot/1.0 (+https://example.org/bot)",
        "started_at": "2026-03-01T09:59:00+00:00",
        "finished_at": "2026-03-01T11:00:00+00:00",
        "software": {"name": "moisson", "version": "0.1.0"},
        "effective": EFFECTIVE,
        **manifest,
    }
    base["crawls"] = [{k: base[k] for k in ("crawl_id", "name", "started_at", "finished_at")} | {"counts": {}}]
    path.mkdir(parents=True)
    (path / "manifest.json").write_text(json.dumps(base), encoding="utf-8")
    (path / "documents").mkdir()
    rows = []
    for i, d in enumerate(docs):
        text = "é" * (d["size"] // 2) + "x" * (d["size"] % 2)  # UTF-8 bytes differ from characters
        rows.append(
            {
                "url": f"https://{d['domain']}/page/{i}",
                "domain": d["domain"],
                "text": text,
                "fetched_at": d["fetched_at"],
                "crawl_id": crawl_id,
                "retention_until": d["fetched_at"] + timedelta(days=30),
                "content_sha256": hashlib.sha256(text.encode()).hexdigest(),
                "text_bytes": len(text.encode()),
            }
        )
    if rows:
        table = pa.Table.from_pylist(rows, schema=DOCUMENTS_SCHEMA)
        pq.write_table(table, path / "documents" / f"{crawl_id}-00001.parquet")
    return path


def sources_json(*dirs: Path) -> dict[str, Any]:
    return json.loads(publish(list(dirs), "json"))


def test_csv_is_the_header_and_one_line_per_domain_by_bytes_then_domain(tmp_path):
    dataset = make_dataset(
        tmp_path / "d",
        [
            doc("small.example", 10, "2026-03-01T10:00:00"),
            doc("big.example", 300, "2026-03-01T12:30:00.999"),
            doc("big.example", 200, "2026-03-01T08:15:00"),
            doc("tie-b.example", 50, "2026-03-02T00:00:00"),
            doc("tie-a.example", 20, "2026-03-03T00:00:00"),
            doc("tie-a.example", 30, "2026-03-04T00:00:00"),
        ],
    )
    assert publish([dataset], "csv") == (
        f"{HEADER}\n"
        "big.example,2,500,2026-03-01T08:15:00Z,2026-03-01T12:30:00Z\n"
        "tie-a.example,2,50,2026-03-03T00:00:00Z,2026-03-04T00:00:00Z\n"
        "tie-b.example,1,50,2026-03-02T00:00:00Z,2026-03-02T00:00:00Z\n"
        "small.example,1,10,2026-03-01T10:00:00Z,2026-03-01T10:00:00Z\n"
    )


def test_counts_bytes_and_fetch_span_match_the_rows(tmp_path):
    docs = [
        doc(f"site{i % 7}.example", 17 * i + 3, f"2026-03-{1 + i % 28:02d}T{i % 24:02d}:{i % 60:02d}:05")
        for i in range(200)
    ]
    dataset = make_dataset(tmp_path / "d", docs)
    expected: dict[str, dict[str, Any]] = defaultdict(lambda: {"documents": 0, "bytes": 0, "fetched": []})
    for row in read_rows(dataset, "documents"):
        entry = expected[row["domain"]]
        entry["documents"] += 1
        entry["bytes"] += len(row["text"].encode("utf-8"))
        entry["fetched"].append(row["fetched_at"])
    sources = sources_json(dataset)["sources"]
    assert [s["domain"] for s in sources] == sorted(expected, key=lambda d: (-expected[d]["bytes"], d))
    for source in sources:
        entry = expected[source["domain"]]
        assert source["documents"] == entry["documents"]
        assert source["bytes"] == entry["bytes"]
        assert source["first_fetched"] == min(entry["fetched"]).strftime("%Y-%m-%dT%H:%M:%SZ")
        assert source["last_fetched"] == max(entry["fetched"]).strftime("%Y-%m-%dT%H:%M:%SZ")
    lines = list(csv.DictReader(io.StringIO(publish([dataset], "csv"))))
    assert [(line["domain"], int(line["bytes"])) for line in lines] == [(s["domain"], s["bytes"]) for s in sources]


def test_top_ten_percent_of_twenty_domains_is_two(tmp_path):
    dataset = make_dataset(tmp_path / "d", [doc(f"d{n:02d}.example", n * 10) for n in range(1, 21)])
    summary = sources_json(dataset)
    assert summary["totals"] == {"domains": 20, "documents": 20, "bytes": 2100}
    assert summary["top_domains"] == {
        "count": 2,
        "bytes": 390,
        "percent": 18.57,
        "domains": ["d20.example", "d19.example"],
    }
    page = publish([dataset], "md")
    assert "18.57% of the bytes of text kept come from the top 2 of 20 domains: d20.example, d19.example" in page


@pytest.mark.parametrize(("domains", "top"), [(1, 1), (9, 1), (10, 1), (11, 2), (30, 3), (31, 4)])
def test_top_ten_percent_rounds_up_and_keeps_at_least_one(tmp_path, domains, top):
    dataset = make_dataset(tmp_path / "d", [doc(f"d{n:02d}.example", 100) for n in range(domains)])
    summary = sources_json(dataset)["top_domains"]
    assert summary["count"] == top
    assert summary["percent"] == round(100 * top / domains, 2)


def test_a_dataset_with_no_documents_says_so(tmp_path):
    dataset = make_dataset(tmp_path / "d", [])
    assert publish([dataset], "csv") == HEADER + "\n"
    summary = sources_json(dataset)
    assert summary["sources"] == []
    assert summary["totals"] == {"domains": 0, "documents": 0, "bytes": 0}
    assert summary["top_domains"]["percent"] is None
    # The collection period falls back on the crawl's own span.
    assert summary["collection_period"] == {"from": "2026-03-01T09:59:00Z", "to": "2026-03-01T11:00:00Z"}
    page = publish([dataset], "md")
    assert "**Top 10% of domains:** none (no text kept)" in page
    assert "0 documents, 0 bytes of text kept" in page
    assert "<td" not in publish([dataset], "html")


def test_two_datasets_are_merged_by_domain(tmp_path):
    one = make_dataset(
        tmp_path / "one",
        [doc("shared.example", 100, "2026-03-01T10:00:00"), doc("one.example", 40, "2026-03-01T11:00:00")],
        name="forums",
    )
    two = make_dataset(
        tmp_path / "two",
        [doc("shared.example", 60, "2026-04-01T10:00:00"), doc("two.example", 500, "2026-04-02T09:00:00")],
        name="news",
        purpose="Evaluate a French model on news.",
        effective={**EFFECTIVE, "ai_optout": {**EFFECTIVE["ai_optout"], "tdmrep": False}},
    )
    assert publish([one, two], "csv") == (
        f"{HEADER}\n"
        "two.example,1,500,2026-04-02T09:00:00Z,2026-04-02T09:00:00Z\n"
        "shared.example,2,160,2026-03-01T10:00:00Z,2026-04-01T10:00:00Z\n"
        "one.example,1,40,2026-03-01T11:00:00Z,2026-03-01T11:00:00Z\n"
    )
    summary = sources_json(one, two)
    assert summary["purpose"] == ["Train a small French model on public forums.", "Evaluate a French model on news."]
    assert summary["controller"] == ["Example Lab, dpo@example.org"]
    assert [c["name"] for c in summary["crawls"]] == ["forums", "news"]
    assert summary["collection_period"] == {"from": "2026-03-01T10:00:00Z", "to": "2026-04-02T09:00:00Z"}
    # What only one crawl honoured is said of that crawl, and the opt-out advice names only what all honoured.
    signals = summary["signals_honoured"]
    assert any(s.startswith("In news: AI training opt-outs:") and "Not checked" in s and "TDMRep" in s for s in signals)
    assert any(s.startswith("In forums: AI training opt-outs:") and "TDMRep" in s for s in signals)
    assert not any("TDMRep" in p for p in summary["how_to_opt_out"])
    page = publish([one, two], "md")
    assert "  - Train a small French model on public forums." in page
    assert "  - Evaluate a French model on news." in page


def test_json_holds_the_metadata_and_the_sources(tmp_path):
    dataset = make_dataset(tmp_path / "d", [doc("a.example", 30), doc("b.example", 20)])
    summary = sources_json(dataset)
    assert summary["purpose"] == ["Train a small French model on public forums."]
    assert summary["legal_basis"] == ["legitimate_interest"]
    assert summary["controller"] == ["Example Lab, dpo@example.org"]
    assert summary["user_agent"] == ["ExampleBot/1.0 (+https://example.org/bot)"]
    assert summary["product_token"] == ["ExampleBot"]
    assert summary["crawler"] == ["Moisson 0.1.0"]
    assert summary["crawls"][0]["name"] == "unit"
    assert summary["collection_period"] == {"from": "2026-03-01T10:00:00Z", "to": "2026-03-01T10:00:00Z"}
    assert summary["sources"][0] == {
        "domain": "a.example",
        "documents": 1,
        "bytes": 30,
        "first_fetched": "2026-03-01T10:00:00Z",
        "last_fetched": "2026-03-01T10:00:00Z",
    }
    assert summary["how_to_opt_out"][0] == "Write to the controller: Example Lab, dpo@example.org."


def test_markdown_states_who_why_how_and_how_to_opt_out(tmp_path):
    dataset = make_dataset(tmp_path / "d", [doc("a.example", 30), doc("b.example", 20)])
    page = publish([dataset], "md")
    assert page.startswith("# Sources of the dataset unit\n")
    assert "**Purpose:** Train a small French model on public forums." in page
    assert "**Legal basis:** legitimate interest (GDPR Art. 6(1)(f))" in page
    assert "**Controller:** Example Lab, dpo@example.org" in page
    assert "**User agent:** ExampleBot/1.0 (+https://example.org/bot)" in page
    assert "**Crawler:** Moisson 0.1.0" in page
    assert "**Collection period:** 2026-03-01T10:00:00Z to 2026-03-01T10:00:00Z" in page
    assert "2 documents, 50 bytes of text kept (UTF-8), from 2 domains" in page
    opt_out = page.split("## How to opt out", 1)[1].split("## Domains", 1)[0]
    assert "Write to the controller: Example Lab, dpo@example.org." in opt_out
    assert "robots.txt (a group for ExampleBot" in opt_out and "TDMRep" in opt_out and "noai" in opt_out
    assert "opt-out registry" in opt_out and "already stored" in opt_out
    assert "| a.example | 1 | 30 | 2026-03-01T10:00:00Z | 2026-03-01T10:00:00Z |" in page


def test_markdown_and_html_keep_crawl_file_text_inert(tmp_path):
    purpose = 'Study <script>alert("x")</script> & <img src="http://evil.example/x.png"> pages | [link](http://x)'
    dataset = make_dataset(tmp_path / "d", [doc("a.example", 30)], purpose=purpose, controller="Lab <dpo@lab.org>")
    page = publish([dataset], "html")
    assert "<script" not in page and "<img" not in page
    assert "Study &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img" in page
    assert "Lab &lt;dpo@lab.org&gt;" in page
    markdown = publish([dataset], "md")
    assert "Study \\<script\\>" in markdown and "pages \\| \\[link\\](http://x)" in markdown
    assert "<script" not in markdown.replace("\\<script", "")


def test_html_is_one_self_contained_page(tmp_path):
    dataset = make_dataset(tmp_path / "d", [doc("a.example", 30), doc("b.example", 20)])
    page = publish([dataset], "html")
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert '<meta charset="utf-8">' in page
    assert "<style>" in page and page.rstrip().endswith("</html>")
    assert not re.search(r"(src|href)\s*=", page, re.IGNORECASE)
    assert not re.search(r"<(script|link|iframe|img)\b|@import|url\(", page, re.IGNORECASE)
    assert '<tr><td>a.example</td><td class="n">1</td><td class="n">30</td>' in page
    assert "<h2>How to opt out</h2>" in page and "Write to the controller: Example Lab, dpo@example.org." in page
    assert "<dt>Purpose</dt><dd>Train a small French model on public forums.</dd>" in page


def test_signals_follow_what_the_crawl_file_switched_off(tmp_path):
    effective = {
        "ai_optout": {"robots_ai_crawlers": True, "content_signals": True, "tdmrep": False, "page_signals": False},
        "captcha": {"cooldown_days": 3.0},
        "blocklists": {"categories": ["adult"], "exceptions": ["ok.example"], "extra": []},
        "sensitive": {"enabled": True, "mode": "passage"},
        "pii": {"enabled": False},
    }
    dataset = make_dataset(tmp_path / "d", [doc("a.example", 30)], effective=effective)
    summary = sources_json(dataset)
    signals = "\n".join(summary["signals_honoured"])
    assert "RFC 9309" in signals and "server error or cannot be reached" in signals
    ai = next(s for s in summary["signals_honoured"] if s.startswith("AI training opt-outs"))
    assert ai.index("TDMRep") > ai.index("Not checked") and ai.index("noai") > ai.index("Not checked")
    assert "left alone for 3 days" in signals and "never solved" in signals
    assert "categories adult are not fetched (exceptions: ok.example)" in signals
    assert "login or a paywall" in signals and "no cookies" in signals
    assert "opt-out registry" in signals
    assert "sentences that disclose it are removed" in signals
    assert "pseudonym" not in signals
    opt_out = " ".join(summary["how_to_opt_out"])
    assert "robots.txt" in opt_out and "TDMRep" not in opt_out and "noai" not in opt_out


def test_defaults_are_stated_when_the_manifest_has_no_effective_config(tmp_path):
    dataset = make_dataset(tmp_path / "d", [doc("a.example", 30)], effective=None)
    signals = "\n".join(sources_json(dataset)["signals_honoured"])
    assert "TDMRep" in signals and "Not checked" not in signals
    assert "default blocklist categories" in signals and "keyed pseudonyms" in signals


def test_a_folder_that_is_not_a_dataset_is_refused(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "file.txt").write_text("hello")
    good = make_dataset(tmp_path / "good", [doc("a.example", 30)])
    for path in (tmp_path / "empty", tmp_path / "missing", tmp_path / "file.txt"):
        with pytest.raises(DatasetError) as info:
            publish([good, path], "csv")
        assert str(path) in str(info.value) and "\n" not in str(info.value)
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "manifest.json").write_text("[1, 2]")
    with pytest.raises(DatasetError):
        publish([tmp_path / "broken"], "md")


def test_cli_prints_the_csv(tmp_path):
    dataset = make_dataset(tmp_path / "d", [doc("b.example", 20), doc("a.example", 30)])
    result = moisson("sources", str(dataset))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == HEADER
    assert [line.split(",")[0] for line in result.stdout.splitlines()[1:]] == ["a.example", "b.example"]


def test_cli_writes_the_html_page_to_a_file(tmp_path):
    dataset = make_dataset(tmp_path / "d", [doc("a.example", 30)])
    target = tmp_path / "sources.html"
    result = moisson("sources", str(dataset), "--format", "html", "--output", str(target))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert target.read_text(encoding="utf-8") == publish([dataset], "html")


def test_cli_refuses_a_folder_that_is_not_a_dataset(tmp_path):
    (tmp_path / "nothing").mkdir()
    result = moisson("sources", str(tmp_path / "nothing"))
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith("moisson: error:")
    assert "not a Moisson dataset" in result.stderr


def test_cli_refuses_an_unknown_format(tmp_path):
    dataset = make_dataset(tmp_path / "d", [doc("a.example", 30)])
    result = moisson("sources", str(dataset), "--format", "pdf")
    assert result.returncode == 2
    # argparse names the subcommand: "moisson sources: error: argument --format: invalid choice: 'pdf' ...".
    assert len(result.stderr.splitlines()) == 1 and re.match(r"moisson( sources)?: error: .*'pdf'", result.stderr)


def test_sources_of_a_real_crawl(testweb, tmp_path):
    purpose = "Check that the published list of sources matches a crawl of site.test."
    config = crawl_file(tmp_path / "crawl.toml", [testweb.url("site.test")], purpose=purpose)
    out = tmp_path / "out"
    result = moisson("crawl", str(config), "--out", str(out), settings=FAST)
    assert result.returncode == 0, result.stderr[-3000:]
    rows = read_rows(out, "documents")
    assert rows
    result = moisson("sources", str(out), "--format", "json")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["purpose"] == [purpose]
    assert summary["user_agent"] == ["MoissonTestBot/1.0 (+https://moisson.invalid/bot)"]
    assert summary["totals"]["documents"] == len(rows)
    assert summary["totals"]["bytes"] == sum(len(row["text"].encode("utf-8")) for row in rows)
    by_domain = {source["domain"]: source for source in summary["sources"]}
    assert set(by_domain) == {row["domain"] for row in rows} == {"site.test"}
    site = by_domain["site.test"]
    assert site["documents"] == len(rows)
    assert site["first_fetched"] == min(row["fetched_at"] for row in rows).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert site["last_fetched"] == max(row["fetched_at"] for row in rows).strftime("%Y-%m-%dT%H:%M:%SZ")
    page = moisson("sources", str(out), "--format", "md").stdout
    assert f"**Purpose:** {purpose}" in page
    assert f"| site.test | {len(rows)} | {site['bytes']} |" in page
