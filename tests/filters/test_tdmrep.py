"""TDMRep: tdmrep.json rules, and the tdm-reservation header or meta value."""

from __future__ import annotations

import json

import pytest

from filters.tdmrep import MAX_FILE_BYTES, WELL_KNOWN_PATH, TdmRep, check_declaration

SITE = "https://provider.test"
# The example of the TDMRep report, section "TDM File on the Origin Server".
SPEC_EXAMPLE = [
    {"location": "/directory-a/", "tdm-reservation": 1},
    {"location": "/directory-b/html/", "tdm-reservation": 1, "tdm-policy": "https://provider.com/policies/policy.json"},
    {"location": "/directory-b/images/*.jpg", "tdm-reservation": 0},
]


def rules(*entries: object) -> TdmRep:
    return TdmRep.parse(json.dumps(list(entries)).encode())


def detail(rep: TdmRep, path: str) -> str | None:
    """The refusal detail for a path of the site, None when allowed."""
    decision = rep.check(SITE + path)
    if decision.allowed:
        return None
    assert decision.reason == "ai_optout"
    return decision.detail


def test_well_known_path():
    assert WELL_KNOWN_PATH == "/.well-known/tdmrep.json"


def test_a_site_wide_reservation_refuses_every_url():
    rep = rules({"location": "/", "tdm-reservation": 1})
    assert detail(rep, "/") == "tdmrep.json reservation"
    assert detail(rep, "/any/page.html?x=1") == "tdmrep.json reservation"


def test_the_spec_example():
    rep = TdmRep.parse(json.dumps(SPEC_EXAMPLE).encode())
    assert detail(rep, "/directory-a/report.pdf") == "tdmrep.json reservation"
    assert detail(rep, "/directory-b/html/page.html") == (
        "tdmrep.json reservation (policy: https://provider.com/policies/policy.json)"
    )
    assert detail(rep, "/directory-b/images/photo.jpg") is None
    assert detail(rep, "/elsewhere.html") is None


def test_no_file_and_an_empty_file_reserve_nothing():
    assert TdmRep.empty().check(SITE + "/x").allowed
    assert TdmRep.parse(b"[]").check(SITE + "/x").allowed


def test_the_first_matching_rule_wins():
    reserve_then_free = rules({"location": "/a/", "tdm-reservation": 1}, {"location": "/", "tdm-reservation": 0})
    assert detail(reserve_then_free, "/a/page") == "tdmrep.json reservation"
    assert detail(reserve_then_free, "/b/page") is None
    free_then_reserve = rules({"location": "/a/", "tdm-reservation": 0}, {"location": "/", "tdm-reservation": 1})
    assert detail(free_then_reserve, "/a/page") is None
    assert detail(free_then_reserve, "/b/page") == "tdmrep.json reservation"


@pytest.mark.parametrize(
    ("location", "path", "matches"),
    [
        ("/fish", "/fish", True),
        ("/fish", "/fish.html", True),
        ("/fish", "/fishheads/yummy.html", True),
        ("/fish", "/Fish.asp", False),  # case sensitive
        ("/fish", "/catfish", False),
        ("/fish/", "/fish", False),
        ("/*.php", "/folder/filename.php", True),
        ("/*.php", "/filename.php?parameters", True),
        ("/*.php$", "/filename.php", True),
        ("/*.php$", "/filename.php?parameters", False),
        ("/*.php$", "/filename.php5", False),
        ("/fish*.php", "/fishheads/catfish.php?parameters", True),
        ("/fish*.php", "/Fish.PHP", False),
        ("/exactly$", "/exactly", True),
        ("/exactly$", "/exactly/not", False),
        ("*", "/anything", True),
        ("/a/*/c", "/a/b/c/d", True),
        ("/a/*/c", "/a/b/d", False),
        ("/path/foo-%24", "/path/foo-$", True),  # the report's escaped "$"
        ("/%7Euser/", "/~user/page", True),  # unreserved characters compare decoded
        ("/~user/", "/%7euser/page", True),
        ("/caf\u00e9/", "/caf%C3%A9/menu", True),  # non-ASCII compares percent-encoded
        ("/caf%c3%a9/", "/caf\u00e9/menu", True),
        ("directory/", "/directory/page", True),  # a missing leading "/" is added
        ("https://provider.test/private/", "/private/page", True),  # a full URL is read as its path
    ],
)
def test_location_patterns(location, path, matches):
    rep = rules({"location": location, "tdm-reservation": 1})
    assert (detail(rep, path) is not None) is matches


def test_hostile_patterns_stay_fast():
    rep = rules({"location": "/" + "*a" * 200 + "b", "tdm-reservation": 1})
    assert detail(rep, "/" + "a" * 5000) is None


@pytest.mark.parametrize("body", [b"", b"not json", b"{", b'"a string"', b"42", b"null", b"[1, 2]", b"\xff\xfe\x00"])
def test_malformed_files_have_no_rules(body):
    rep = TdmRep.parse(body)
    assert rep.rules == ()
    assert rep.check(SITE + "/x").allowed


def test_a_lone_rule_without_the_array_brackets_still_reserves():
    rep = TdmRep.parse(b'{"location": "/", "tdm-reservation": 1}')
    assert detail(rep, "/x") == "tdmrep.json reservation"


def test_a_malformed_entry_is_skipped_and_never_lifts_a_later_reservation():
    rep = rules(
        {"location": "/a/", "tdm-reservation": 2},  # a protocol error
        {"location": "/a/", "tdm-reservation": "maybe"},
        {"location": 5, "tdm-reservation": 0},
        {"tdm-reservation": 0},
        {"location": "", "tdm-reservation": 0},
        "not an object",
        {"location": "/", "tdm-reservation": 1},
    )
    assert len(rep.rules) == 1
    assert detail(rep, "/a/page") == "tdmrep.json reservation"


@pytest.mark.parametrize(
    ("value", "reserved"), [(1, True), ("1", True), (" 1 ", True), (True, True), (0, False), ("0", False)]
)
def test_reservation_values(value, reserved):
    rep = rules({"location": "/", "tdm-reservation": value})
    assert (detail(rep, "/x") is not None) is reserved


def test_a_byte_order_mark_is_accepted():
    rep = TdmRep.parse(b"\xef\xbb\xbf" + json.dumps([{"location": "/", "tdm-reservation": 1}]).encode())
    assert detail(rep, "/x") == "tdmrep.json reservation"


def test_the_body_is_capped():
    # A reserving rule placed past the cap is never read: the truncated file is not JSON, so it has no rules.
    padding = [{"location": f"/p{i}/", "tdm-reservation": 0} for i in range(MAX_FILE_BYTES // 30)]
    body = json.dumps([*padding, {"location": "/", "tdm-reservation": 1}]).encode()
    assert len(body) > MAX_FILE_BYTES
    assert TdmRep.parse(body).rules == ()


def test_an_unparsable_url_does_not_raise():
    rep = rules({"location": "/", "tdm-reservation": 1})
    assert not rep.check("http://[::1").allowed


@pytest.mark.parametrize(
    ("value", "policy", "expected"),
    [
        ("1", None, "tdm-reservation header"),
        (" 1 ", "", "tdm-reservation header"),
        ("1", "https://provider.com/policy.json", "tdm-reservation header (policy: https://provider.com/policy.json)"),
        ("0, 1", None, "tdm-reservation header"),  # repeated fields joined: any 1 reserves
        ("0", "https://provider.com/policy", None),
        ("2", None, None),  # a protocol error reads as unset
        ("yes", None, None),
        ("", None, None),
        (None, None, None),
    ],
)
def test_declarations(value, policy, expected):
    decision = check_declaration(value, policy, "header")
    assert (None if decision.allowed else decision.detail) == expected
