"""End-to-end: `moisson crawl` on the test web, checked in the written dataset and the server's request log."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
import json
import subprocess
import sys
from datetime import timedelta

import duckdb
import pyarrow.parquet as pq
import pytest

from conftest import FAST, TESTS, crawl_file, moisson, read_rows

PAGE_CAP = 30
WELL_KNOWN = ("/robots.txt", "/.well-known/tdmrep.json")


@pytest.fixture(scope="module")
def main_crawl(testweb, tmp_path_factory):
    """One crawl of the main test sites, shared by the tests that read its dataset and its requests."""
    tmp = tmp_path_factory.mktemp("main")
    since = len(testweb.requests())
    config = crawl_file(
        tmp / "crawl.toml",
        [testweb.url("site.test"), testweb.url("robots.test"), testweb.url("trap.test", "/calendar/")],
        limits={"max_page_bytes": 1_000_000, "max_depth": 50, "max_pages_per_site": PAGE_CAP},
    )
    result = moisson("crawl", str(config), "--out", str(tmp / "out"), settings=FAST)
    assert result.returncode == 0, result.stderr[-3000:]
    out = tmp / "out"
    return {
        "out": out,
        "stdout": result.stdout,
        "stderr": result.stderr,
        "documents": {row["url"]: row for row in read_rows(out, "documents")},
        "exclusions": read_rows(out, "exclusions"),
        "requests": testweb.requests()[since:],
        "port": testweb.port,
    }


def reasons(crawl: dict, url_part: str) -> set[str]:
    return {row["reason"] for row in crawl["exclusions"] if url_part in row["url"]}


def test_pages_kept_with_main_text_only(main_crawl):
    docs = main_crawl["documents"]
    port = main_crawl["port"]
    for path in ("/", "/about.html", "/articles/one.html", "/articles/two.html"):
        assert f"http://site.test:{port}{path}" in docs
    one = docs[f"http://site.test:{port}/articles/one.html"]
    assert "repairing the old weir" in one["text"]
    assert "Footer boilerplate" not in one["text"]
    assert one["title"] == "The weir is repaired"
    assert one["language"] == "en"


def test_document_columns_follow_the_contract(main_crawl):
    table = pq.read_table(main_crawl["out"] / "documents")
    types = {field.name: str(field.type) for field in table.schema}
    for column in ("url", "domain", "text", "crawl_id", "content_sha256"):
        assert types[column] == "string"
    assert types["fetched_at"] == types["retention_until"] == "timestamp[us, tz=UTC]"
    for row in main_crawl["documents"].values():
        assert row["content_sha256"] == hashlib.sha256(row["text"].encode()).hexdigest()
        assert row["retention_until"] - row["fetched_at"] == timedelta(days=30)
        assert row["domain"] in ("site.test", "robots.test", "trap.test")


def test_odd_charsets_are_decoded(main_crawl):
    docs = main_crawl["documents"]
    port = main_crawl["port"]
    assert "Café crème" in docs[f"http://site.test:{port}/charset/cp1252.html"]["text"]
    assert "2,50 €" in docs[f"http://site.test:{port}/charset/cp1252.html"]["text"]
    assert "rivière" in docs[f"http://site.test:{port}/charset/meta-latin1.html"]["text"]
    # The header lies (utf-8 for windows-1252 bytes): the page survives, its ASCII text intact.
    assert "delegations to the bread festival" in docs[f"http://site.test:{port}/charset/wrong.html"]["text"]


def test_every_refusal_is_in_the_exclusions_with_its_reason(main_crawl):
    assert reasons(main_crawl, "/files/report") == {"unsupported:application/pdf"}
    assert reasons(main_crawl, "/data/export.json") == {"unsupported:application/json"}
    assert reasons(main_crawl, "/empty.html") == {"unsupported:no main text"}
    assert reasons(main_crawl, "/big/declared") == {"too_large"}
    assert reasons(main_crawl, "/big/chunked") == {"too_large"}
    assert reasons(main_crawl, "/bomb") == {"too_large"}
    assert reasons(main_crawl, "/missing.html") == {"error:http 404"}
    assert reasons(main_crawl, "/loop/") == {"error:too many redirects"}
    assert reasons(main_crawl, "/private/secret.html") == {"robots:disallowed"}
    assert reasons(main_crawl, "/admin/") == {"private_network:loopback"}
    for row in main_crawl["exclusions"]:
        assert row["reason"].split(":", 1)[0] == row["reason_code"]
        assert row["crawl_id"] and row["decided_at"] is not None and row["domain"]


def test_each_exclusion_is_counted_in_scrapy_stats(main_crawl):
    # Scrapy dumps its stats at INFO when the crawl closes: they must tell the same story as the exclusions.
    stats = {key: int(n) for key, n in re.findall(r"'compliance/([a-z_]+/[a-z_]+)': (\d+)", main_crawl["stderr"])}
    rows = Counter(f"{row['component']}/{row['reason_code']}" for row in main_crawl["exclusions"])
    assert stats == dict(rows)
    assert {"network/private_network", "robots/robots", "content/unsupported", "download/too_large"} <= set(stats)


def test_redirect_into_the_private_network_is_never_requested(main_crawl):
    hosts = {request["host"] for request in main_crawl["requests"]}
    assert "127.0.0.1" not in hosts and "localhost" not in hosts


def test_robots_disallowed_path_is_never_requested(main_crawl):
    paths = [r["path"] for r in main_crawl["requests"] if r["host"] == "robots.test"]
    assert "/public.html" in paths
    assert not any(path.startswith("/private/") for path in paths)


def test_no_cookie_and_an_identifiable_user_agent(main_crawl):
    assert main_crawl["requests"]
    for request in main_crawl["requests"]:
        assert not request["has_cookie"] and not request["has_authorization"]
        assert request["user_agent"] == "MoissonTestBot/1.0 (+https://moisson.invalid/bot)"


def test_links_outside_the_seed_domains_and_nofollow_links_are_not_followed(main_crawl):
    hosts = {request["host"] for request in main_crawl["requests"]}
    assert "other.test" not in hosts
    assert not any(r["path"] == "/articles/nofollow.html" for r in main_crawl["requests"])


def test_calendar_trap_ends_at_the_per_site_cap(main_crawl):
    pages = [r for r in main_crawl["requests"] if r["host"] == "trap.test" and r["path"] not in WELL_KNOWN]
    assert len(pages) == PAGE_CAP
    manifest = json.loads((main_crawl["out"] / "manifest.json").read_text())
    assert manifest["finish_reason"] == "finished"
    assert manifest["counts"]["links_not_followed"]["max_pages_per_site"] > 0


def test_manifest_records_the_crawl(main_crawl):
    manifest = json.loads((main_crawl["out"] / "manifest.json").read_text())
    for key in ("name", "crawl_id", "purpose", "legal_basis", "controller", "user_agent", "started_at", "finished_at"):
        assert manifest[key], key
    assert manifest["software"]["name"] == "moisson"
    assert 'name = "test"' in manifest["crawl_file"]["text"]
    assert manifest["counts"]["documents"] == len(main_crawl["documents"])
    assert manifest["counts"]["exclusions"] == len(main_crawl["exclusions"])
    assert {row["crawl_id"] for row in main_crawl["documents"].values()} == {manifest["crawl_id"]}


def test_dataset_opens_in_duckdb_and_leaves_no_temporary_file(main_crawl):
    out = main_crawl["out"]
    db = duckdb.connect()
    kept = db.execute(f"select count(*) from '{out}/documents/*.parquet'").fetchall()[0][0]
    excluded = db.execute(f"select count(distinct reason) from '{out}/exclusions/*.parquet'").fetchall()[0][0]
    assert kept == len(main_crawl["documents"]) and excluded >= 8
    assert not [p for p in out.rglob("*") if p.name.startswith(".")]


def test_crawl_prints_the_compliance_summary(main_crawl):
    kept_line = next(line for line in main_crawl["stdout"].splitlines() if line.startswith("Kept"))
    assert kept_line.split()[1] == str(len(main_crawl["documents"]))
    assert "too_large" in main_crawl["stdout"] and "private_network" in main_crawl["stdout"]


def test_private_seeds_are_refused_before_any_request(testweb, tmp_path):
    since = len(testweb.requests())
    seeds = [f"http://127.0.0.1:{testweb.port}/", f"http://localhost:{testweb.port}/"]
    result = moisson("crawl", str(crawl_file(tmp_path / "c.toml", seeds)), "--out", str(tmp_path / "out"), settings=FAST)
    assert result.returncode == 0, result.stderr[-2000:]
    assert {row["reason"] for row in read_rows(tmp_path / "out", "exclusions")} == {"private_network:loopback"}
    assert testweb.requests()[since:] == []


def test_allow_private_network_flag_lets_requests_through(testweb, tmp_path):
    since = len(testweb.requests())
    seeds = [f"http://127.0.0.1:{testweb.port}/"]
    config = crawl_file(tmp_path / "c.toml", seeds)
    result = moisson("crawl", str(config), "--out", str(tmp_path / "out"), "--allow-private-network", settings=FAST)
    assert result.returncode == 0, result.stderr[-2000:]
    assert any(r["host"] == "127.0.0.1" for r in testweb.requests()[since:])


def test_max_pages_and_follow_any(testweb, tmp_path):
    config = crawl_file(tmp_path / "c.toml", [testweb.url("site.test")], follow_links="any")
    since = len(testweb.requests())
    result = moisson("crawl", str(config), "--out", str(tmp_path / "out"), settings=FAST)
    assert result.returncode == 0, result.stderr[-2000:]
    assert any(r["host"] == "other.test" for r in testweb.requests()[since:])

    since = len(testweb.requests())
    result = moisson("crawl", str(config), "--out", str(tmp_path / "capped"), "--max-pages", "3", settings=FAST)
    assert result.returncode == 0, result.stderr[-2000:]
    pages = [r for r in testweb.requests()[since:] if r["path"] not in WELL_KNOWN]
    assert len(pages) == 3


def test_recrawl_appends_to_the_same_dataset(testweb, tmp_path):
    config = crawl_file(tmp_path / "c.toml", [testweb.url("robots.test")])
    for _ in range(2):
        result = moisson("crawl", str(config), "--out", str(tmp_path / "out"), settings=FAST)
        assert result.returncode == 0, result.stderr[-2000:]
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert len(manifest["crawls"]) == 2
    crawl_ids = {row["crawl_id"] for row in read_rows(tmp_path / "out", "documents")}
    assert crawl_ids == {crawl["crawl_id"] for crawl in manifest["crawls"]}


def test_scrapy_crawl_web_behaves_like_moisson_crawl(testweb, tmp_path):
    config = crawl_file(tmp_path / "c.toml", [testweb.url("robots.test")])
    command = [sys.executable, "-m", "scrapy", "crawl", "web", "-a", f"config={config}", "-a", f"out={tmp_path / 'out'}"]
    command += [f"-s{name}={value}" for name, value in FAST.items()]
    result = subprocess.run(command, capture_output=True, text=True, cwd=TESTS.parent, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    urls = {row["url"] for row in read_rows(tmp_path / "out", "documents")}
    assert urls == {testweb.url("robots.test", path) for path in ("/", "/public.html", "/about.html")}
    assert {row["reason"] for row in read_rows(tmp_path / "out", "exclusions")} == {"robots:disallowed"}


def test_scrapy_crawl_web_refuses_a_bad_crawl_file(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[crawl]\nname = 'x'\n")
    command = [sys.executable, "-m", "scrapy", "crawl", "web", "-a", f"config={bad}"]
    result = subprocess.run(command, capture_output=True, text=True, cwd=TESTS.parent, timeout=60)
    assert result.returncode == 2
    assert "crawl.purpose: required key missing" in result.stderr


def test_report_reprints_the_summary(main_crawl):
    result = moisson("report", str(main_crawl["out"]))
    assert result.returncode == 0
    assert "robots" in result.stdout and "site.test" in result.stdout


def test_report_refuses_a_folder_that_is_not_a_dataset(tmp_path):
    result = moisson("report", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "not a Moisson dataset" in result.stderr


def test_demo_runs_offline_and_shows_each_behaviour(tmp_path):
    result = moisson("demo", "--out", str(tmp_path / "demo"))
    assert result.returncode == 0, result.stderr[-2000:]
    codes = {row["reason_code"] for row in read_rows(tmp_path / "demo", "exclusions")}
    assert {"robots", "private_network", "too_large", "unsupported", "error"} <= codes
    documents = read_rows(tmp_path / "demo", "documents")
    assert len(documents) > 5
    assert "Kept" in result.stdout
    # The association's newsletter names its members: the dataset has their pseudonyms only.
    newsletter = [row["text"] for row in documents if row["domain"] == "asso.test"]
    assert len(newsletter) == 2 and all("<PERSON_" in text and "Lefèvre" not in text for text in newsletter)
    assert "values replaced by keyed pseudonyms" in result.stdout
    # A German article in the local paper: no spaCy pipeline reads German, so its names come from the name lists,
    # and German's capitalised "Sie" is no name.
    german = [row for row in documents if row["url"].endswith("/de/partnerstadt.html")]
    assert len(german) == 1 and german[0]["language"] == "de"
    assert "Angelika Brandt" not in german[0]["text"] and "Thomas Keller" not in german[0]["text"]
    assert "Können Sie sich" in german[0]["text"] and dict(german[0]["pii_counts"]) == {"PERSON": 2}
    # The recipe blog's tart, republished in the old site's archives, and its soup, reprinted in the monthly
    # letter with two words changed: one copy of each is kept.
    assert {"duplicate", "near_duplicate"} <= codes
    assert len([row for row in documents if row["domain"] == "recettes.test"]) == 4
    for reason in ("duplicate", "near_duplicate"):
        assert re.search(rf"^  {reason} +1  .*recettes\.test", result.stdout, re.M), reason
    # A site and a person in the demo's opt-out registry: the site gets no request, the page naming her is dropped.
    optouts = sorted(row["detail"] for row in read_rows(tmp_path / "demo", "exclusions") if row["reason_code"] == "optout")
    assert optouts == ["domain (request 1)", "person (name, request 2)"]
    assert not [row for row in documents if row["domain"] == "retire.test"]
    assert [row["url"].rsplit("/", 1)[1] for row in documents if row["domain"] == "voisins.test"] == [""]
    assert re.search(r"^  optout +2  ", result.stdout, re.M)
    # The list of sources states the purpose and counts what the dataset holds.
    sources = moisson("sources", str(tmp_path / "demo"), "--format", "md")
    assert sources.returncode == 0, sources.stderr
    assert "Show, on a local demo web, what Moisson collects" in sources.stdout
    assert f"{len(documents)} documents" in sources.stdout
    # Running it again replaces the previous demo dataset.
    assert moisson("demo", "--out", str(tmp_path / "demo")).returncode == 0


def test_resolver_refuses_private_addresses_even_without_the_middleware(testweb, tmp_path):
    since = len(testweb.requests())
    config = crawl_file(tmp_path / "c.toml", [f"http://localhost:{testweb.port}/"])
    settings = {**FAST, "DOWNLOADER_MIDDLEWARES": json.dumps({"crawler.middlewares.network.PrivateNetworkMiddleware": None})}
    result = moisson("crawl", str(config), "--out", str(tmp_path / "out"), settings=settings)
    assert result.returncode == 0, result.stderr[-2000:]
    assert {row["reason"] for row in read_rows(tmp_path / "out", "exclusions")} == {"error:dns"}
    assert testweb.requests()[since:] == []


def test_no_console_or_remote_control_listens_during_a_crawl(main_crawl):
    # Scrapy's telnet console and its 2.19 remote-control HTTP server would take commands from outside the crawl.
    enabled = main_crawl["stderr"].split("Enabled extensions:", 1)[1].split("]", 1)[0]
    assert "CoreStats" in enabled
    assert "TelnetConsole" not in enabled and "RemoteControl" not in enabled
