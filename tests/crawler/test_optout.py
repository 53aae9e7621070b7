"""End-to-end: opt-out requests, purges and withdrawals, as a user runs them with `moisson optout`, `moisson
purge` and `moisson crawl`, checked in the server's request log, the dataset and the purge log."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import unicodedata
from datetime import timedelta
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from conftest import FAST, WEB, crawl_file, moisson, read_rows

from crawler.localweb import LocalWeb
from filters._pii_keyed import Keyring

SITE = "optout.test"
GONE = "optout-gone.test"
WELL_KNOWN = ("/robots.txt", "/.well-known/tdmrep.json")
# What tests/web/optout.test plants, each on one page.
NAME, NAME_PAGE = "Sophie Lefèvre", "/sorties/printemps.html"  # written "Mme Sophie Lefèvre"
EMAIL, EMAIL_PAGE = "paul.girard@randonnee-sentiers.fr", "/sorties/ete.html"
PHONE, PHONE_PAGE = "06 48 27 19 55", "/sorties/automne.html"
# The pages that name nobody who opted out ("M. Julien Roux" did not), and the opted-out prefix's pages.
KEPT = {"/", "/club.html", "/sorties/hiver.html"}
ARCHIVES = {"/archives/2019.html", "/archives/2020.html"}
# The identifiers, as the registry is asked to forget them (other spellings than the pages'), and every
# fragment of them that must never be stored or shown.
REQUESTED = {"name": "sophie lefevre", "email": "Paul.Girard@Randonnee-Sentiers.fr", "phone": "+33 6 48 27 19 55"}
FRAGMENTS = ["sophie", "lefevre", "girard", "randonnee-sentiers", "0648271955", "33648271955", "48 27 19 55"]


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


def leaks(text: str) -> list[str]:
    """The planted identifiers, or parts of them, in any case or accent, that `text` holds."""
    folded = fold(text)
    numbers = re.sub(r"(?<=\d)[\s.\-]+(?=\d)", "", text)  # "06 48 27 19 55" and "06.48.27.19.55" as one number
    return [f for f in FRAGMENTS if f in folded or f.replace(" ", "") in numbers]


def optout(*args: str, db: Path, key_file: Path | None = None) -> subprocess.CompletedProcess:
    """`moisson optout ...` on the registry `db` (and with the key in `key_file`, for identifiers)."""
    keys = ["--key-file", str(key_file)] if key_file else []
    return moisson("optout", *args, "--optout-db", str(db), *keys)


def purge(dataset: Path, db: Path, *args: str) -> subprocess.CompletedProcess:
    return moisson("purge", str(dataset), "--optout-db", str(db), *args)


def path_of(url: str) -> str:
    return "/" + url.split("/", 3)[3]


def host_of(url: str) -> str:
    return url.split("/", 3)[2].rsplit(":", 1)[0]


def file_digests(folder: Path) -> dict[str, tuple[str, int]]:
    """Each part file of a dataset part by name: the SHA-256 of its bytes and its mtime."""
    return {
        p.name: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
        for p in sorted(folder.glob("*.parquet"))
    }


# --- 1 and 2: a crawl with a filled registry ------------------------------------------------------------


@pytest.fixture(scope="module")
def registry_crawl(testweb, tmp_path_factory):
    """A registry filled from a CSV file (a domain, a prefix, a name, an e-mail, a phone), then one crawl of
    optout.test and of the opted-out domain and one of its subdomains."""
    tmp = tmp_path_factory.mktemp("optout")
    db, key_file = tmp / "optout.sqlite", tmp / "pii.key"
    requests = tmp / "requests.csv"
    requests.write_text(
        "kind,value,reason\n"
        f"domain,{GONE.upper()},site owner's e-mail\n"
        f"url_prefix,{testweb.url(SITE, '/archives/')},webmaster\n"
        f"name,{REQUESTED['name']},ticket 12\n"
        f"email,{REQUESTED['email']},ticket 13\n"
        f"phone,{REQUESTED['phone']},ticket 14\n",
        encoding="utf-8",
    )
    imported = optout("import", str(requests), db=db, key_file=key_file)
    assert imported.returncode == 0, imported.stderr
    listed = optout("list", db=db)
    assert listed.returncode == 0, listed.stderr
    config = crawl_file(tmp / "crawl.toml", [testweb.url(SITE), testweb.url(GONE), testweb.url("www." + GONE)])
    since = len(testweb.requests())
    result = moisson("crawl", str(config), "--out", str(tmp / "out"), settings=FAST)
    assert result.returncode == 0, result.stderr[-3000:]
    return {
        "db": db,
        "keyring": Keyring(bytes.fromhex(key_file.read_text())),
        "imported": imported,
        "listed": listed,
        "result": result,
        "requests": testweb.requests()[since:],
        "documents": read_rows(tmp / "out", "documents"),
        "exclusions": read_rows(tmp / "out", "exclusions"),
        "out": tmp / "out",
    }


def test_an_opted_out_domain_and_its_subdomains_get_no_request_not_even_robots_txt(registry_crawl):
    hosts = {r["host"] for r in registry_crawl["requests"]}
    assert SITE in hosts
    assert GONE not in hosts and "www." + GONE not in hosts
    rows = [r for r in registry_crawl["exclusions"] if host_of(r["url"]).endswith(GONE)]
    assert {host_of(r["url"]) for r in rows} == {GONE, "www." + GONE}
    assert {(r["reason_code"], r["reason"]) for r in rows} == {("optout", "optout:domain (request 1)")}
    # A redirect into the domain is refused like a link: optout.test's /partenaires.html points there.
    assert {path_of(r["url"]) for r in rows if host_of(r["url"]) == GONE} == {"/", "/page.html"}
    assert "/partenaires.html" in {r["path"] for r in registry_crawl["requests"] if r["host"] == SITE}


def test_an_opted_out_url_prefix_gets_no_request(registry_crawl):
    paths = {r["path"] for r in registry_crawl["requests"] if r["host"] == SITE}
    assert KEPT | {NAME_PAGE, EMAIL_PAGE, PHONE_PAGE} <= paths
    assert not any(path.startswith("/archives/") for path in paths)
    assert "/ancien-programme.html" in paths  # which redirects to /archives/2021.html
    refused = {path_of(r["url"]): r["reason"] for r in registry_crawl["exclusions"] if "/archives/" in r["url"]}
    assert refused == dict.fromkeys(ARCHIVES | {"/archives/2021.html"}, "optout:url_prefix (request 2)")


def test_pages_naming_an_opted_out_person_are_not_written_and_the_others_are(registry_crawl):
    assert {path_of(r["url"]) for r in registry_crawl["documents"]} == KEPT
    person = {path_of(r["url"]): r for r in registry_crawl["exclusions"] if r["detail"].startswith("person")}
    assert {page: row["reason"] for page, row in person.items()} == {
        NAME_PAGE: "optout:person (name, request 3)",
        EMAIL_PAGE: "optout:person (email, request 4)",
        PHONE_PAGE: "optout:person (phone, request 5)",
    }
    assert {row["reason_code"] for row in person.values()} == {"optout"}


def test_no_identifier_nor_its_hash_reaches_the_exclusions_the_manifest_or_the_log(registry_crawl):
    keyring = registry_crawl["keyring"]
    hashes = [
        keyring.digest("PERSON", NAME),
        keyring.digest("EMAIL_ADDRESS", EMAIL),
        keyring.digest("PHONE_NUMBER", PHONE),
    ]
    out = registry_crawl["out"]
    texts = [
        json.dumps(registry_crawl["exclusions"], default=str, ensure_ascii=False),
        (out / "manifest.json").read_text(encoding="utf-8"),
        registry_crawl["result"].stdout,
        registry_crawl["result"].stderr,
    ]
    for text in texts:
        assert leaks(text) == []
        assert not any(h in text or h[:16] in text for h in hashes)


def test_the_registry_holds_and_lists_only_keyed_hashes(registry_crawl):
    keyring = registry_crawl["keyring"]
    listed = registry_crawl["listed"].stdout
    assert "5 request(s)" in listed
    assert GONE in listed and "/archives/" in listed
    for entity_type, value in (("PERSON", NAME), ("EMAIL_ADDRESS", EMAIL), ("PHONE_NUMBER", PHONE)):
        assert keyring.digest(entity_type, value)[:16] in listed
    stored = registry_crawl["db"].read_bytes().decode("utf-8", "replace")
    for text in (listed, stored, registry_crawl["imported"].stdout):
        assert leaks(text) == []


def test_a_person_request_is_honoured_with_pseudonymisation_off(testweb, tmp_path):
    db = tmp_path / "optout.sqlite"
    assert optout("add", "--name", "Mme Sophie LEFEVRE", db=db, key_file=tmp_path / "pii.key").returncode == 0
    config = crawl_file(tmp_path / "crawl.toml", [testweb.url(SITE)], pii={"enabled": False})
    result = moisson("crawl", str(config), "--out", str(tmp_path / "out"), settings=FAST)
    assert result.returncode == 0, result.stderr[-3000:]
    documents = read_rows(tmp_path / "out", "documents")
    assert {path_of(r["url"]) for r in documents} == KEPT | ARCHIVES | {EMAIL_PAGE, PHONE_PAGE}
    assert EMAIL in next(r["text"] for r in documents if r["url"].endswith(EMAIL_PAGE))  # nothing replaced
    refused = {path_of(r["url"]): r["reason"] for r in read_rows(tmp_path / "out", "exclusions")}
    assert refused[NAME_PAGE] == "optout:person (name, request 1)"


# --- 3 and 4: purges of a dataset crawled before the requests --------------------------------------------


@pytest.fixture(scope="module")
def purge_crawl(testweb, tmp_path_factory):
    """optout.test crawled with an empty registry, two rows a part file, so a purge has files to spare."""
    tmp = tmp_path_factory.mktemp("purge")
    config = crawl_file(tmp / "crawl.toml", [testweb.url(SITE)])
    result = moisson("crawl", str(config), "--out", str(tmp / "out"), settings={**FAST, "MOISSON_PART_ROWS": "2"})
    assert result.returncode == 0, result.stderr[-3000:]
    rows = read_rows(tmp / "out", "documents")
    assert {path_of(r["url"]) for r in rows} == KEPT | ARCHIVES | {NAME_PAGE, EMAIL_PAGE, PHONE_PAGE}
    return {"out": tmp / "out", "key_file": tmp / "pii.key", "port": testweb.port, "rows": rows}


@pytest.fixture
def dataset(purge_crawl, tmp_path):
    """A copy of the crawled dataset (file times kept) for one test to purge."""
    copy = tmp_path / "dataset"
    shutil.copytree(purge_crawl["out"], copy)
    return copy


def test_a_purge_after_new_requests_removes_exactly_the_rows_they_cover(purge_crawl, dataset, tmp_path):
    db, key_file = tmp_path / "optout.sqlite", purge_crawl["key_file"]
    assert (
        optout("add", "--name", "Mme SOPHIE LEFEVRE", "--reason", "ticket 21", db=db, key_file=key_file).returncode == 0
    )
    prefix = f"HTTPS://Optout.test:{purge_crawl['port']}/archives/"  # given in another case and scheme
    assert optout("add", "--url-prefix", prefix, db=db).returncode == 0
    keyring = Keyring(bytes.fromhex(key_file.read_text()))
    named = keyring.digest("PERSON", NAME)
    before = {r["url"]: r for r in read_rows(dataset, "documents")}
    files_before = file_digests(dataset / "documents")
    exclusions_before = file_digests(dataset / "exclusions")

    result = purge(dataset, db)

    assert result.returncode == 0, result.stderr
    after = {r["url"]: r for r in read_rows(dataset, "documents")}
    removed = set(before) - set(after)
    assert {path_of(url) for url in removed} == ARCHIVES | {NAME_PAGE}
    assert removed == {u for u, r in before.items() if "/archives/" in u or named in (r["pii_hashes"] or [])}
    # Every other row is as it was, byte for byte.
    assert set(after) <= set(before)
    for url, row in after.items():
        assert row == before[url]
        assert row["content_sha256"] == hashlib.sha256(row["text"].encode()).hexdigest()
    # Part files holding none of the removed rows are untouched; the others are rewritten or gone.
    files_after = file_digests(dataset / "documents")
    holding = {
        name
        for name in files_before
        if removed & {r["url"] for r in pq.read_table(purge_crawl["out"] / "documents" / name).to_pylist()}
    }
    assert holding and holding != set(files_before)
    for name, digest in files_before.items():
        if name not in holding:
            assert files_after[name] == digest, name
        elif name in files_after:
            assert files_after[name][0] != digest[0], name
    assert file_digests(dataset / "exclusions") == exclusions_before
    # The user is told how many rows went, and why; the purge log says the same, without any identifier.
    assert "Purged 3 of 8 row(s)" in result.stdout
    by_reason = dict(line.split() for line in result.stdout.splitlines()[1:] if line.startswith("  "))
    assert by_reason == {"optout:name": "1", "optout:url_prefix": "2"}
    (entry,) = [json.loads(line) for line in (dataset / "purge_log.jsonl").read_text().splitlines()]
    assert entry["by"] == "moisson purge"
    assert (entry["rows_before"], entry["removed"]) == (8, 3)
    assert entry["removed_by_reason"] == {"optout:name": 1, "optout:url_prefix": 2}
    assert entry["removed_by_domain"] == {SITE: 3}
    assert entry["files_rewritten"] + entry["files_deleted"] == len(holding)
    text = json.dumps(entry, ensure_ascii=False)
    assert leaks(text) == [] and named not in text and named[:16] not in text


def test_a_purge_under_another_key_applies_domains_and_prefixes_and_warns(purge_crawl, dataset, tmp_path):
    db = tmp_path / "optout.sqlite"
    # The person is named under a key the crawl did not use: her page's hashes cannot match.
    assert optout("add", "--name", NAME, db=db, key_file=tmp_path / "other.key").returncode == 0
    assert optout("add", "--url-prefix", f"http://{SITE}:{purge_crawl['port']}/archives/", db=db).returncode == 0
    result = purge(dataset, db)
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "warning" in result.stderr and "another key" in result.stderr
    assert {path_of(r["url"]) for r in read_rows(dataset, "documents")} == KEPT | {NAME_PAGE, EMAIL_PAGE, PHONE_PAGE}
    assert "Purged 2 of 8 row(s)" in result.stdout


def test_a_second_purge_finds_nothing_more_to_remove(purge_crawl, dataset, tmp_path):
    db = tmp_path / "optout.sqlite"
    assert optout("add", "--url-prefix", f"http://{SITE}:{purge_crawl['port']}/sorties/", db=db).returncode == 0
    assert purge(dataset, db).returncode == 0
    files = file_digests(dataset / "documents")
    again = purge(dataset, db)
    assert again.returncode == 0, again.stderr
    assert "Purged 0 of 4 row(s)" in again.stdout
    assert file_digests(dataset / "documents") == files
    assert [json.loads(line)["removed"] for line in (dataset / "purge_log.jsonl").read_text().splitlines()] == [4, 0]


def test_a_purge_past_the_retention_date_removes_every_row_and_one_as_of_now_none(purge_crawl, dataset, tmp_path):
    db = tmp_path / "empty.sqlite"
    files = file_digests(dataset / "documents")
    now = purge(dataset, db)
    assert now.returncode == 0, now.stderr
    assert "Purged 0 of 8 row(s)" in now.stdout
    assert file_digests(dataset / "documents") == files

    fetched = max(row["fetched_at"] for row in purge_crawl["rows"])
    later = (fetched + timedelta(days=31)).isoformat()  # retention_days = 30
    past = purge(dataset, db, "--as-of", later)
    assert past.returncode == 0, past.stderr
    assert "Purged 8 of 8 row(s)" in past.stdout
    assert "retention" in past.stdout
    assert read_rows(dataset, "documents") == []
    assert list((dataset / "documents").glob("*.parquet")) == []
    entries = [json.loads(line) for line in (dataset / "purge_log.jsonl").read_text().splitlines()]
    assert [e["removed"] for e in entries] == [0, 8]
    assert entries[1]["removed_by_reason"] == {"retention": 8}
    assert entries[1]["files_deleted"] == len(files)
    # The exclusions log stays: it is the record of what was refused.
    assert read_rows(dataset, "exclusions") == read_rows(purge_crawl["out"], "exclusions")


def test_a_purge_the_day_before_retention_ends_removes_nothing(purge_crawl, dataset, tmp_path):
    earliest = min(row["retention_until"] for row in purge_crawl["rows"])
    result = purge(dataset, tmp_path / "empty.sqlite", "--as-of", (earliest - timedelta(days=1)).isoformat())
    assert result.returncode == 0, result.stderr
    assert "Purged 0 of 8 row(s)" in result.stdout


# --- 5: a recrawl into the same dataset, once sites refuse ----------------------------------------------

PAGES = ("/", "/a.html", "/b.html")
# Each copy of withdraw.test, what it answers in the recrawl, and which of its pages that takes back, and why.
CHANGES = {
    "withdraw-robots.test": ("robots.txt: Disallow: /", PAGES, "robots:disallowed"),
    "withdraw-partial.test": ("robots.txt: Disallow: /b.html", ("/b.html",), "robots:disallowed"),
    "withdraw-503.test": ("robots.txt answers 503", PAGES, "robots:robots.txt answered 503"),
    "withdraw-aibots.test": ("robots.txt: GPTBot Disallow: /", PAGES, "ai_optout:robots.txt disallows GPTBot"),
    "withdraw-tdmrep.test": ("TDMRep reserves /a.html", ("/a.html",), "ai_optout:tdmrep.json reservation"),
    "withdraw-captcha.test": ("a Cloudflare challenge on /", PAGES, "captcha:cloudflare"),
    "withdraw-listed.test": ("the recrawl's blocklist lists it", PAGES, "blocklist:piracy"),
}
STAYS = "withdraw-stays.test"
HOSTS = [*CHANGES, STAYS]


def change_sites(root: Path) -> None:
    """Make each site of CHANGES refuse as it says (routes are read when the local web starts)."""
    (root / "withdraw-robots.test" / "robots.txt").write_text("User-agent: *\nDisallow: /\n")
    (root / "withdraw-partial.test" / "robots.txt").write_text("User-agent: *\nDisallow: /b.html\n")
    (root / "withdraw-503.test" / "_routes.toml").write_text(
        '[[route]]\npath = "/robots.txt"\nstatus = 503\nbody = "Service unavailable"\n'
    )
    (root / "withdraw-aibots.test" / "robots.txt").write_text(
        "User-agent: *\nAllow: /\n\nUser-agent: GPTBot\nUser-agent: CCBot\nDisallow: /\n"
    )
    (root / "withdraw-tdmrep.test" / ".well-known").mkdir()
    (root / "withdraw-tdmrep.test" / ".well-known" / "tdmrep.json").write_text(
        '[{"location": "/a.html", "tdm-reservation": 1}, {"location": "/*", "tdm-reservation": 0}]'
    )
    shutil.copy(WEB / "challenge.test" / "p" / "1.html", root / "withdraw-captcha.test" / "challenge.html")
    (root / "withdraw-captcha.test" / "_routes.toml").write_text(
        '[[route]]\npath = "/"\nstatus = 403\nfile = "challenge.html"\n'
        'headers = { "cf-mitigated" = "challenge", "Server" = "cloudflare" }\n'
    )


@pytest.fixture(scope="module")
def withdrawal(tmp_path_factory):
    """Copies of withdraw.test crawled; then all but one refuse in some way (CHANGES), and all are crawled
    again into the same folder, from the same addresses, with a blocklist that lists one of them."""
    tmp = tmp_path_factory.mktemp("withdrawal")
    root, log = tmp / "web", tmp / "requests.jsonl"
    for host in HOSTS:
        shutil.copytree(WEB / "withdraw.test", root / host)
    out = tmp / "out"
    with LocalWeb(root, log_path=log) as web:
        port = web.port
        config = crawl_file(tmp / "crawl.toml", [web.url(host) for host in HOSTS])
        first = moisson("crawl", str(config), "--out", str(out), settings=FAST)
        assert first.returncode == 0, first.stderr[-3000:]
    before = read_rows(out, "documents")
    change_sites(root)
    (tmp / "blocklist.txt").write_text("withdraw-listed.test\n")
    blocklists = {"extra": [{"file": str(tmp / "blocklist.txt"), "category": "piracy"}]}
    config = crawl_file(tmp / "recrawl.toml", [f"http://{host}:{port}/" for host in HOSTS], blocklists=blocklists)
    with LocalWeb(root, log_path=log, port=port) as web:
        since = len(web.requests())
        second = moisson("crawl", str(config), "--out", str(out), settings=FAST)
        assert second.returncode == 0, second.stderr[-3000:]
        requests = web.requests()[since:]
    crawls = [c["crawl_id"] for c in json.loads((out / "manifest.json").read_text())["crawls"]]
    return {
        "out": out,
        "before": before,
        "after": read_rows(out, "documents"),
        "requests": requests,
        "crawls": crawls,
    }


def test_a_site_that_now_refuses_takes_back_what_earlier_crawls_kept(withdrawal):
    first = withdrawal["crawls"][0]
    assert {(host_of(r["url"]), path_of(r["url"])) for r in withdrawal["before"]} == {
        (h, p) for h in HOSTS for p in PAGES
    }
    left = {(host_of(r["url"]), path_of(r["url"])) for r in withdrawal["after"] if r["crawl_id"] == first}
    taken_back = {(host, page) for host, (_, pages, _) in CHANGES.items() for page in pages}
    assert left == {(h, p) for h in HOSTS for p in PAGES} - taken_back


def test_the_rows_a_withdrawal_leaves_are_untouched(withdrawal):
    first = withdrawal["crawls"][0]
    before = {r["url"]: r for r in withdrawal["before"]}
    after = {r["url"]: r for r in withdrawal["after"] if r["crawl_id"] == first}
    assert after and all(row == before[url] for url, row in after.items())


def test_the_recrawl_keeps_what_the_sites_still_allow(withdrawal):
    second = withdrawal["crawls"][1]
    kept = {(host_of(r["url"]), path_of(r["url"])) for r in withdrawal["after"] if r["crawl_id"] == second}
    assert kept == {(STAYS, p) for p in PAGES} | {("withdraw-partial.test", p) for p in ("/", "/a.html")} | {
        ("withdraw-tdmrep.test", p) for p in ("/", "/b.html")
    }


def test_the_withdrawal_is_in_the_purge_log_with_the_refusal_of_each_site(withdrawal):
    second = withdrawal["crawls"][1]
    (entry,) = [json.loads(line) for line in (withdrawal["out"] / "purge_log.jsonl").read_text().splitlines()]
    assert entry["by"] == f"crawl {second}: sites now refuse"
    removed = sum(len(pages) for _, pages, _ in CHANGES.values())
    assert (entry["rows_before"], entry["removed"]) == (3 * len(HOSTS), removed)
    reasons: dict[str, int] = {}
    for _, pages, reason in CHANGES.values():
        reasons[reason] = reasons.get(reason, 0) + len(pages)
    assert entry["removed_by_reason"] == reasons
    assert entry["removed_by_domain"] == {host: len(pages) for host, (_, pages, _) in CHANGES.items()}


def test_the_refusing_sites_got_no_refused_request_in_the_recrawl(withdrawal):
    def asked(host: str) -> list[str]:
        return [r["path"] for r in withdrawal["requests"] if r["host"] == host and r["path"] not in WELL_KNOWN]

    for host in ("withdraw-robots.test", "withdraw-503.test", "withdraw-aibots.test"):
        assert asked(host) == [], host
    assert [r for r in withdrawal["requests"] if r["host"] == "withdraw-listed.test"] == []
    assert asked("withdraw-captcha.test") == ["/"]
    assert "/b.html" not in asked("withdraw-partial.test")
    assert "/a.html" not in asked("withdraw-tdmrep.test")


# --- 6: bad input ----------------------------------------------------------------------------------------


def one_error_line(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 2, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("moisson: error: "), result.stderr
    return lines[0]


def test_a_url_given_as_a_domain_is_refused(tmp_path):
    line = one_error_line(optout("add", "--domain", "http://x/y", db=tmp_path / "r.sqlite"))
    assert "http://x/y" in line
    assert "0 request(s)" in optout("list", db=tmp_path / "r.sqlite").stdout


def test_the_same_domain_twice_is_one_request(tmp_path):
    db = tmp_path / "r.sqlite"
    first = optout("add", "--domain", "Example.ORG", db=db)
    again = optout("add", "--domain", "example.org.", db=db)
    assert first.returncode == again.returncode == 0
    assert "Recorded request 1: domain example.org" in first.stdout
    assert "Already recorded as request 1" in again.stdout
    listed = optout("list", db=db).stdout
    assert "1 request(s)" in listed and listed.count("example.org") == 1


def test_an_import_with_a_bad_line_records_nothing(tmp_path):
    db = tmp_path / "r.sqlite"
    assert optout("add", "--domain", "kept.example", db=db).returncode == 0
    before = optout("list", db=db).stdout
    csv = tmp_path / "requests.csv"
    csv.write_text("kind,value,reason\ndomain,a.example,x\nwebsite,b.example,y\ndomain,c.example,z\n")
    line = one_error_line(optout("import", str(csv), db=db, key_file=tmp_path / "pii.key"))
    assert "line 3" in line and "website" in line
    assert optout("list", db=db).stdout == before
    # A bad value (not a bad kind) on a later line rolls back the good ones before it too.
    csv.write_text("kind,value\ndomain,a.example\nurl_prefix,ftp://b.example/\n")
    one_error_line(optout("import", str(csv), db=db))
    assert optout("list", db=db).stdout == before


def test_removing_a_request_that_does_not_exist_is_an_error(tmp_path):
    db = tmp_path / "r.sqlite"
    assert optout("add", "--domain", "example.org", db=db).returncode == 0
    assert "999" in one_error_line(optout("remove", "999", db=db))
    removed = optout("remove", "1", db=db)
    assert removed.returncode == 0 and "example.org" in removed.stdout
    assert "0 request(s)" in optout("list", db=db).stdout


def test_a_purge_of_a_folder_that_is_not_a_dataset_or_a_bad_date_is_an_error(tmp_path):
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "readme.txt").write_text("not a dataset")
    one_error_line(purge(tmp_path / "notes", tmp_path / "r.sqlite"))
    one_error_line(purge(tmp_path / "missing", tmp_path / "r.sqlite"))
    assert (tmp_path / "notes" / "readme.txt").read_text() == "not a dataset"


def test_a_purge_as_of_nonsense_is_an_error(purge_crawl, dataset, tmp_path):
    files = file_digests(dataset / "documents")
    assert "nonsense" in one_error_line(purge(dataset, tmp_path / "r.sqlite", "--as-of", "nonsense"))
    assert file_digests(dataset / "documents") == files
    assert not (dataset / "purge_log.jsonl").exists()


def test_a_corrupt_registry_stops_list_purge_and_crawl(testweb, tmp_path, purge_crawl, dataset):
    db = tmp_path / "corrupt.sqlite"
    db.write_bytes(bytes(range(256)) * 16)
    one_error_line(optout("list", db=db))
    one_error_line(purge(dataset, db))
    config = crawl_file(tmp_path / "crawl.toml", [testweb.url("norobots.test")])
    since = len(testweb.requests())
    result = moisson("crawl", str(config), "--out", str(tmp_path / "out"), "--optout-db", str(db), settings=FAST)
    assert result.returncode == 2, result.stderr[-2000:]
    assert str(db) in result.stderr
    assert testweb.requests()[since:] == []


def test_a_crawl_with_another_key_than_the_registry_s_stops_before_any_request(testweb, tmp_path):
    db = tmp_path / "optout.sqlite"
    added = optout("add", "--name", NAME, db=db, key_file=tmp_path / "registry.key")
    assert added.returncode == 0, added.stderr
    # The crawl file's [pii] key_file is tmp_path/pii.key: another key, created by the crawl.
    config = crawl_file(tmp_path / "crawl.toml", [testweb.url("norobots.test")])
    since = len(testweb.requests())
    result = moisson("crawl", str(config), "--out", str(tmp_path / "out"), settings=FAST)
    assert result.returncode == 2, result.stderr[-2000:]
    assert "another key" in result.stderr
    assert [r for r in testweb.requests()[since:] if r["host"] == "norobots.test"] == []
    assert not (tmp_path / "out" / "documents").exists()


def test_adding_an_identifier_under_another_key_is_an_error(tmp_path):
    db = tmp_path / "optout.sqlite"
    assert optout("add", "--email", EMAIL, db=db, key_file=tmp_path / "a.key").returncode == 0
    line = one_error_line(optout("add", "--phone", PHONE, db=db, key_file=tmp_path / "b.key"))
    assert "another key" in line and leaks(line) == []
    assert "1 request(s)" in optout("list", db=db).stdout
