"""End-to-end: every refusal is honoured, checked in the server's own request log and in the exclusions."""

from __future__ import annotations

import json

import pytest

from conftest import FAST, crawl_file, moisson, read_rows

SITES = [
    "robots503.test",
    "robots429.test",
    "robotsmoved.test",
    "norobots.test",
    "aibots.test",
    "signals.test",
    "aipref.test",
    "tdmrep.test",
    "pagesignals.test",
    "challenge.test",
    "ratelimit.test",
    "cdn.test",
]
WELL_KNOWN = ("/robots.txt", "/.well-known/tdmrep.json")


@pytest.fixture(scope="module")
def crawl(testweb, tmp_path_factory):
    """One crawl of every refusal site, twice into the same output (the second shows the cool-down)."""
    tmp = tmp_path_factory.mktemp("refusals")
    config = crawl_file(tmp / "crawl.toml", [testweb.url(host) for host in SITES])
    runs = []
    for _ in range(2):
        since = len(testweb.requests())
        result = moisson("crawl", str(config), "--out", str(tmp / "out"), settings=FAST)
        assert result.returncode == 0, result.stderr[-3000:]
        runs.append(testweb.requests()[since:])
    exclusions = read_rows(tmp / "out", "exclusions")
    first = json.loads((tmp / "out" / "manifest.json").read_text())["crawls"][0]["crawl_id"]
    return {
        "out": tmp / "out",
        "requests": runs[0],
        "second": runs[1],
        "documents": [row for row in read_rows(tmp / "out", "documents") if row["crawl_id"] == first],
        "exclusions": [row for row in exclusions if row["crawl_id"] == first],
        "later": [row for row in exclusions if row["crawl_id"] != first],
        "port": testweb.port,
    }


def content_requests(crawl: dict, host: str, run: str = "requests") -> list[str]:
    return [r["path"] for r in crawl[run] if r["host"] == host and r["path"] not in WELL_KNOWN]


def kept(crawl: dict, host: str) -> set[str]:
    return {row["url"].split(f":{crawl['port']}", 1)[1] for row in crawl["documents"] if row["domain"] == host}


def reasons(crawl: dict, host: str, rows: str = "exclusions") -> set[str]:
    return {row["reason"] for row in crawl[rows] if row["domain"] == host}


@pytest.mark.parametrize(("host", "reason"), [("robots503.test", "503"), ("robots429.test", "429")])
def test_robots_txt_that_fails_means_nothing_is_requested(crawl, host, reason):
    assert content_requests(crawl, host) == []
    assert reasons(crawl, host) == {f"robots:robots.txt answered {reason}"}


def test_redirected_robots_txt_applies_to_the_original_host(crawl):
    assert content_requests(crawl, "robotsmoved.test") == []
    assert any(r["host"] == "rules.test" and r["path"] == "/shared-robots.txt" for r in crawl["requests"])
    assert reasons(crawl, "robotsmoved.test") == {"robots:disallowed"}


def test_missing_robots_txt_allows_all(crawl):
    assert kept(crawl, "norobots.test") == {"/", "/a.html"}


def test_robots_txt_is_fetched_once_per_host(crawl):
    fetches = [r for r in crawl["requests"] if r["host"] == "norobots.test" and r["path"] == "/robots.txt"]
    assert len(fetches) == 1


def test_ai_crawlers_refused_by_name_means_no_request(crawl):
    assert content_requests(crawl, "aibots.test") == []
    assert reasons(crawl, "aibots.test") == {"ai_optout:robots.txt disallows GPTBot"}


@pytest.mark.parametrize("host", ["signals.test", "aipref.test"])
def test_ai_training_signals_in_robots_txt_mean_no_request(crawl, host):
    assert content_requests(crawl, host) == []
    (reason,) = reasons(crawl, host)
    assert reason.startswith("ai_optout:")


def test_tdmrep_reserved_paths_are_never_requested(crawl):
    assert "/reserved/a.html" not in content_requests(crawl, "tdmrep.test")
    assert kept(crawl, "tdmrep.test") == {"/", "/open.html"}
    assert {r["url"].rsplit("/", 2)[-2] for r in crawl["exclusions"] if r["domain"] == "tdmrep.test"} == {"reserved"}


def test_page_signals_keep_the_page_out_of_the_dataset(crawl):
    assert kept(crawl, "pagesignals.test") == {"/", "/noindex.html"}
    details = {row["url"].rsplit("/", 1)[1]: row["reason"] for row in crawl["exclusions"] if row["domain"] == "pagesignals.test"}
    assert set(details) == {"meta-noai.html", "header-noai.html", "tdm-header.html", "tdm-meta.html", "content-usage.html"}
    assert all(reason.startswith("ai_optout:") for reason in details.values())


def test_a_challenge_stops_the_site(crawl):
    requests = [r for r in crawl["requests"] if r["host"] == "challenge.test" and r["path"] not in WELL_KNOWN]
    challenged = next(i for i, r in enumerate(requests) if r["path"] == "/p/1.html")
    # At most the requests already in flight (2 per site) come after the challenge.
    assert len(requests) - challenged - 1 <= 2
    assert "captcha:cloudflare" in reasons(crawl, "challenge.test")
    assert {row["reason"] for row in crawl["exclusions"] if row["url"].endswith("/p/10.html")} == {
        "captcha:cloudflare; site stopped"
    }


def test_rate_limiting_stops_the_site(crawl):
    assert "captcha:rate-limit" in reasons(crawl, "ratelimit.test")
    assert content_requests(crawl, "ratelimit.test").count("/a.html") == 1


def test_a_challenged_site_cools_down_in_the_next_crawl(crawl):
    assert [r for r in crawl["second"] if r["host"] == "challenge.test"] == []
    assert all("cooling down until" in reason for reason in reasons(crawl, "challenge.test", "later"))
    state = json.loads((crawl["out"] / "stopped_sites.json").read_text())
    assert state["challenge.test"]["reason"] == "captcha"


def test_a_site_merely_behind_a_cdn_is_fully_kept(crawl):
    assert kept(crawl, "cdn.test") == {"/", "/captchas-explained.html", "/b.html"}
    assert reasons(crawl, "cdn.test") == set()


def test_ai_optout_signals_can_be_switched_off(testweb, tmp_path):
    sections = {"ai_optout": {"robots_ai_crawlers": False, "content_signals": False, "tdmrep": False, "page_signals": False}}
    config = crawl_file(tmp_path / "c.toml", [testweb.url(h) for h in ("aibots.test", "tdmrep.test")], **sections)
    result = moisson("crawl", str(config), "--out", str(tmp_path / "out"), settings=FAST)
    assert result.returncode == 0, result.stderr[-2000:]
    assert {row["reason"] for row in read_rows(tmp_path / "out", "exclusions")} == set()


def test_crawl_delay_is_honoured(testweb, tmp_path):
    since = len(testweb.requests())
    config = crawl_file(tmp_path / "c.toml", [testweb.url("slow.test")])
    assert moisson("crawl", str(config), "--out", str(tmp_path / "out"), settings=FAST).returncode == 0
    pages = [r for r in testweb.requests()[since:] if r["host"] == "slow.test" and r["path"] not in WELL_KNOWN]
    assert len(pages) == 3
    times = sorted(r["time"] for r in pages)
    from datetime import datetime

    gaps = [(datetime.fromisoformat(b) - datetime.fromisoformat(a)).total_seconds() for a, b in zip(times, times[1:])]
    assert min(gaps) >= 0.95
