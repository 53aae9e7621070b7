"""The opt-out registry: what it stores for each kind of request, what its rules cover, and its key."""

from __future__ import annotations

import sqlite3

import pytest

from filters._pii_keyed import Keyring
from filters.optout import (
    OptoutError,
    OptoutRequest,
    OptoutRules,
    Registry,
    check_key,
    load_rules,
    normal_domain,
    normal_prefix,
    stored_value,
    url_key,
)

KEY = bytes(range(32))
OTHER_KEY = bytes(range(32, 64))


@pytest.fixture
def keyring() -> Keyring:
    return Keyring(KEY)


def rules_of(*entries: tuple[str, str], keyring: Keyring | None = None) -> OptoutRules:
    """Rules holding one request per (kind, value), numbered from 1, as a registry would give them."""
    requests = [
        OptoutRequest(i, kind, stored_value(kind, value, keyring), "2026-01-01T00:00:00+00:00", "", "test")
        for i, (kind, value) in enumerate(entries, 1)
    ]
    return OptoutRules(requests, keyring.key_id() if keyring else None)


# --- what is stored ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("Example.ORG", "example.org"),
        ("  example.org.  ", "example.org"),
        ("*.example.org", "example.org"),
        ("WWW.Example.org", "www.example.org"),
        ("café.example", "xn--caf-dma.example"),
        ("192.0.2.7", "192.0.2.7"),
    ],
)
def test_a_domain_is_stored_lower_cased_and_bare(given, stored):
    assert normal_domain(given) == stored
    assert stored_value("domain", given, None) == stored


@pytest.mark.parametrize("given", ["http://x/y", "example.org/path", "", "exa mple.org", "-bad-.org", "a..b"])
def test_what_is_not_a_host_name_is_refused_as_a_domain(given):
    with pytest.raises(OptoutError, match="domain"):
        normal_domain(given)


def test_a_url_prefix_is_stored_with_its_scheme_and_host_lower_cased_and_its_path_as_given():
    assert normal_prefix("HTTPS://Forum.Example.ORG:8443/Threads/") == "https://forum.example.org:8443/Threads/"
    assert normal_prefix(" http://example.org/a?b=C ") == "http://example.org/a?b=C"


@pytest.mark.parametrize("given", ["ftp://example.org/", "example.org/forum/", "http:///forum/", "http://x:99999/"])
def test_what_is_not_an_http_url_is_refused_as_a_prefix(given):
    with pytest.raises(OptoutError, match="url_prefix"):
        normal_prefix(given)


@pytest.mark.parametrize(
    ("kind", "spellings"),
    [
        ("email", ["jean.dupont@Example.org", "JEAN.DUPONT@example.org", " jean.dupont@example.org "]),
        ("phone", ["06 12 34 56 78", "+33 6 12 34 56 78", "0033612345678", "06.12.34.56.78"]),
        ("name", ["Élodie Marchand", "elodie marchand", "Mme Élodie Marchand", "ÉLODIE  MARCHAND"]),
    ],
)
def test_spellings_of_one_identifier_are_stored_as_one_hash(keyring, kind, spellings):
    stored = {stored_value(kind, spelling, keyring) for spelling in spellings}
    assert len(stored) == 1
    (digest,) = stored
    assert len(digest) == 64 and int(digest, 16) >= 0
    assert not any(part.lower() in digest for part in ("jean", "dupont", "elodie", "marchand", "0612345678"))


def test_an_identifier_hashes_as_the_pseudonymiser_hashes_it(keyring):
    # The registry's hashes must equal the pii_hashes the PII stage writes, under the same entity types.
    assert stored_value("email", "Jean.Dupont@example.org", keyring) == keyring.digest(
        "EMAIL_ADDRESS", "jean.dupont@example.org"
    )
    assert stored_value("phone", "+33 6 12 34 56 78", keyring) == keyring.digest("PHONE_NUMBER", "06 12 34 56 78", "FR")
    assert stored_value("name", "M. Karim Benali", keyring) == keyring.digest("PERSON", "Karim Benali")


def test_different_people_and_different_keys_hash_apart(keyring):
    assert stored_value("name", "Jean Dupont", keyring) != stored_value("name", "Jean Dupond", keyring)
    assert stored_value("email", "a@example.org", keyring) != stored_value("name", "a@example.org", keyring)
    assert stored_value("name", "Jean Dupont", keyring) != stored_value("name", "Jean Dupont", Keyring(OTHER_KEY))


@pytest.mark.parametrize(
    ("kind", "value"),
    [("email", "not-an-address"), ("email", "a@b"), ("phone", "12"), ("phone", "call me"), ("name", "  "),
     ("fax", "0612345678")],
)  # fmt: skip
def test_a_bad_identifier_is_refused(keyring, kind, value):
    with pytest.raises(OptoutError):
        stored_value(kind, value, keyring)


def test_an_identifier_cannot_be_stored_without_the_key():
    with pytest.raises(OptoutError, match="key"):
        stored_value("email", "jean.dupont@example.org", None)


# --- what the rules cover ---------------------------------------------------------------------------------


def test_a_domain_covers_itself_and_its_subdomains_only():
    rules = rules_of(("domain", "Example.org"))
    for url in (
        "http://example.org/",
        "https://EXAMPLE.ORG/a",
        "http://www.example.org/",
        "http://a.b.example.org:8080/x",
    ):
        assert rules.match_url(url) is not None, url
    for url in ("http://notexample.org/", "http://example.org.evil.test/", "http://org/", "http://example.com/"):
        assert rules.match_url(url) is None, url


@pytest.mark.parametrize(
    "url",
    [
        "http://forum.example.org/threads/12",
        "https://forum.example.org/threads/12",
        "HTTP://FORUM.EXAMPLE.ORG/threads/",
        "http://forum.example.org:80/threads/a?b=c",
        "https://forum.example.org:443/threads/a",
    ],
)
def test_a_prefix_covers_http_and_https_alike(url):
    assert rules_of(("url_prefix", "https://forum.example.org/threads/")).match_url(url) is not None


@pytest.mark.parametrize(
    "url",
    [
        "http://forum.example.org/",
        "http://forum.example.org/Threads/12",
        "http://forum.example.org:8080/threads/12",
        "http://www.forum.example.org/threads/12",
        "http://example.org/threads/12",
    ],
)
def test_a_prefix_covers_nothing_outside_it(url):
    assert rules_of(("url_prefix", "http://forum.example.org/threads/")).match_url(url) is None


def test_url_key_drops_the_scheme_and_default_ports():
    assert url_key("https://Example.org:443/a?b=1") == url_key("http://example.org/a?b=1") == "example.org/a?b=1"
    assert url_key("http://example.org:8080") == "example.org:8080/"


def test_refusals_name_the_request_but_never_the_identifier(keyring):
    rules = rules_of(("domain", "example.org"), ("url_prefix", "http://a.test/x/"), ("name", "Jean Dupont"),
                     keyring=keyring)  # fmt: skip
    assert rules.check_url("http://www.example.org/").reason == "optout"
    assert rules.check_url("http://www.example.org/").detail == "domain (request 1)"
    assert rules.check_url("https://a.test/x/1").detail == "url_prefix (request 2)"
    assert rules.check_url("https://a.test/y/1").allowed
    digest = keyring.digest("PERSON", "Jean Dupont")
    decision = rules.check_hashes(["0" * 64, digest])
    assert (decision.reason, decision.detail) == ("optout", "person (name, request 3)")
    assert digest not in decision.detail and digest[:8] not in decision.detail
    assert rules.check_hashes([keyring.digest("PERSON", "Jean Dupond")]).allowed
    assert rules.check_hashes(None).allowed and rules.check_hashes([]).allowed
    assert len(rules) == 3


# --- the registry file ------------------------------------------------------------------------------------


def test_a_request_is_recorded_once(tmp_path, keyring):
    with Registry(tmp_path / "r.sqlite") as registry:
        [(first, new)] = registry.add([("domain", "Example.ORG", "asked by e-mail")], "cli")
        [(again, again_new)] = registry.add([("domain", "example.org.", "asked twice")], "cli")
        [(person, _)] = registry.add([("email", "Jean.Dupont@example.org", "")], "cli", keyring)
        [(same, same_new)] = registry.add([("email", "jean.dupont@EXAMPLE.org", "")], "cli", keyring)
        assert new and not again_new and not same_new
        assert again == first and same == person
        assert first.reason == "asked by e-mail"
        assert [(r.kind, r.value) for r in registry.requests()] == [
            ("domain", "example.org"),
            ("email", keyring.digest("EMAIL_ADDRESS", "jean.dupont@example.org")),
        ]


def test_requests_outlive_the_process_and_can_be_withdrawn(tmp_path):
    path = tmp_path / "sub" / "r.sqlite"
    with Registry(path) as registry:
        registry.add([("domain", "a.example", ""), ("domain", "b.example", "")], "cli")
    assert set(load_rules(path).domains) == {"a.example", "b.example"}
    with Registry(path) as registry:
        withdrawn = registry.remove(1)
        assert withdrawn.value == "a.example"
        with pytest.raises(OptoutError, match="no request 1"):
            registry.remove(1)
        with pytest.raises(OptoutError, match="no request 999"):
            registry.remove(999)
    rules = load_rules(path)
    assert set(rules.domains) == {"b.example"}
    assert rules.match_url("http://a.example/") is None


def test_a_batch_with_one_bad_entry_records_nothing(tmp_path, keyring):
    with Registry(tmp_path / "r.sqlite") as registry:
        registry.add([("domain", "kept.example", "")], "cli")
        with pytest.raises(OptoutError):
            registry.add([("domain", "a.example", ""), ("email", "a@b.example", ""), ("domain", "http://x/", "")],
                         "import", keyring)  # fmt: skip
        assert [r.value for r in registry.requests()] == ["kept.example"]
        assert registry.key_id is None  # nothing recorded, not even the key binding


def test_the_registry_binds_to_the_key_of_its_first_identifier(tmp_path, keyring):
    other = Keyring(OTHER_KEY)
    path = tmp_path / "r.sqlite"
    with Registry(path) as registry:
        registry.add([("domain", "a.example", "")], "cli", other)  # a domain needs no key, binds none
        assert registry.key_id is None
        registry.add([("name", "Jean Dupont", "")], "cli", keyring)
        assert registry.key_id == keyring.key_id()
        with pytest.raises(OptoutError, match="another key"):
            registry.add([("phone", "06 12 34 56 78", "")], "cli", other)
        registry.add([("domain", "b.example", "")], "cli", other)  # domains still go in under any key
        assert len(registry.requests()) == 3
    rules = load_rules(path)
    assert rules.key_id == keyring.key_id()
    check_key(rules, keyring, path)
    with pytest.raises(OptoutError, match="another key"):
        check_key(rules, other, path)


def test_a_registry_without_identifiers_suits_any_key(tmp_path):
    path = tmp_path / "r.sqlite"
    with Registry(path) as registry:
        registry.add([("domain", "a.example", "")], "cli")
    check_key(load_rules(path), Keyring(OTHER_KEY), path)


def test_a_file_that_is_not_a_registry_is_refused(tmp_path):
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(OptoutError, match="not an opt-out registry"):
        load_rules(garbage)
    other_app = tmp_path / "other.sqlite"
    with sqlite3.connect(other_app) as db:
        db.execute("CREATE TABLE notes (text TEXT)")
    with pytest.raises(OptoutError, match="not a Moisson opt-out registry"):
        Registry(other_app)
    with sqlite3.connect(other_app) as db:
        assert db.execute("SELECT name FROM sqlite_master").fetchall() == [("notes",)]


def test_an_absent_registry_is_created_empty(tmp_path):
    rules = load_rules(tmp_path / "new" / "optout.sqlite")
    assert len(rules) == 0 and rules.key_id is None
    assert rules.match_url("http://example.org/") is None
    assert (tmp_path / "new" / "optout.sqlite").exists()
