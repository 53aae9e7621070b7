"""End-to-end: blocked sites, login walls and paywalls, checked in the request log and the dataset."""

from __future__ import annotations

import pytest

from conftest import FAST, TESTS, crawl_file, moisson, read_rows

BLOCKLISTS = {
    "extra": [
        {"file": str(TESTS / "blocklist-health.txt"), "category": "health"},
        {"file": str(TESTS / "blocklist-piracy.txt"), "category": "piracy"},
    ]
}


@pytest.fixture(scope="module")
def crawl(testweb, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("access")
    seeds = [testweb.url(h) for h in ("hub.test", "forum.patients.test", "members.test", "press.test")]
    config = crawl_file(tmp / "crawl.toml", seeds, follow_links="any", blocklists=BLOCKLISTS)
    since = len(testweb.requests())
    result = moisson("crawl", str(config), "--out", str(tmp / "out"), settings=FAST)
    assert result.returncode == 0, result.stderr[-3000:]
    return {
        "requests": testweb.requests()[since:],
        "documents": read_rows(tmp / "out", "documents"),
        "exclusions": read_rows(tmp / "out", "exclusions"),
        "port": testweb.port,
    }


def paths(crawl: dict, host: str) -> list[str]:
    return [r["path"] for r in crawl["requests"] if r["host"] == host]


def reason_of(crawl: dict, url_end: str) -> set[str]:
    return {row["reason"] for row in crawl["exclusions"] if row["url"].endswith(url_end)}


def kept(crawl: dict, host: str) -> set[str]:
    return {row["url"].split(f":{crawl['port']}", 1)[1] for row in crawl["documents"] if row["domain"] == host}


def test_blocked_hosts_get_no_request_at_all(crawl):
    # Not the seed, not the link, not the redirect target, not even robots.txt.
    assert paths(crawl, "forum.patients.test") == []
    assert paths(crawl, "warez.test") == []
    assert reason_of(crawl, "forum.patients.test:%d/" % crawl["port"]) == {"blocklist:health"}
    assert reason_of(crawl, "/threads/1") == {"blocklist:health"}
    assert reason_of(crawl, "warez.test:%d/" % crawl["port"]) == {"blocklist:piracy"}


def test_the_parent_site_of_a_blocked_host_is_kept(crawl):
    assert kept(crawl, "patients.test") == {"/"}


def test_no_request_carries_a_cookie_or_credentials(crawl):
    members = [r for r in crawl["requests"] if r["host"] == "members.test"]
    assert len(members) > 3
    assert not any(r["has_cookie"] or r["has_authorization"] for r in crawl["requests"])
    assert "/secret.html" not in paths(crawl, "members.test")
    assert reason_of(crawl, "/secret.html") == {"login:URL carries credentials"}


def test_login_walls_are_excluded_and_sign_in_links_not_followed(crawl):
    assert kept(crawl, "members.test") == {"/", "/about.html"}
    assert reason_of(crawl, "/private/") == {"login:redirect to sign-in"}
    assert {r.split(":", 1)[0] for r in reason_of(crawl, "/members/")} == {"login"}
    assert reason_of(crawl, "/wall.html") == {"login:sign-in form"}
    requested = paths(crawl, "members.test")
    for path in ("/login", "/cart", "/logout", "/my-account/"):
        assert path not in requested
    assert not any(p.startswith("/login?") for p in requested)


def test_paywalled_text_never_reaches_the_dataset(crawl):
    assert kept(crawl, "press.test") == {"/", "/free.html"}
    assert reason_of(crawl, "/premium.html") == {"paywall:isAccessibleForFree false"}
    assert reason_of(crawl, "/pay") == {"paywall:HTTP 402"}
    assert not any("PAYWALLED TEXT" in row["text"] for row in crawl["documents"])


def test_blocklists_command_lists_categories_and_checks_urls():
    listing = moisson("blocklists")
    assert listing.returncode == 0
    for category in ("health", "people_search", "data_broker", "adult", "piracy"):
        assert category in listing.stdout
    blocked = moisson("blocklists", "check", "https://www.spokeo.com/search?q=x")
    assert blocked.returncode == 0 and "blocked" in blocked.stdout and "people_search" in blocked.stdout
    allowed = moisson("blocklists", "check", "https://www.lemonde.fr/")
    assert allowed.returncode == 0 and "not blocked" in allowed.stdout
    assert moisson("blocklists", "check", "not a url").returncode == 2


def test_a_crawl_file_can_switch_a_category_off_and_except_a_host(testweb, tmp_path):
    sections = {"blocklists": {**BLOCKLISTS, "disabled": ["piracy"], "exceptions": ["forum.patients.test"]}}
    config = crawl_file(tmp_path / "c.toml", [testweb.url("forum.patients.test"), testweb.url("warez.test")], **sections)
    result = moisson("crawl", str(config), "--out", str(tmp_path / "out"), settings=FAST)
    assert result.returncode == 0, result.stderr[-2000:]
    assert {row["domain"] for row in read_rows(tmp_path / "out", "documents")} == {"forum.patients.test", "warez.test"}


def test_unknown_blocklist_category_is_a_crawl_file_error(tmp_path):
    config = crawl_file(tmp_path / "c.toml", ["https://example.org/"], blocklists={"disabled": ["sports"]})
    result = moisson("crawl", str(config))
    assert result.returncode == 2 and "blocklists.disabled[0]: 'sports' is not one of" in result.stderr
