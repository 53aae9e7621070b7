"""AI opt-out signals on a fetched page: noai, TDMRep header and meta, Content-Usage."""

from __future__ import annotations

import pytest

from filters.aisignals import MAX_HEAD_CHARS, check_page

TOKEN = "MoissonBot"


def page(*head: str, body: str = "<p>Some text.</p>") -> str:
    return f"<!DOCTYPE html><html><head><title>t</title>{''.join(head)}</head><body>{body}</body></html>"


def detail(headers: dict, html: str | None = None, **kwargs: str) -> str | None:
    """The refusal detail, None when the page is allowed."""
    decision = check_page(headers, html, **kwargs)
    if decision.allowed:
        return None
    assert decision.reason == "ai_optout"
    return decision.detail


def test_a_plain_page_is_allowed():
    assert detail({"Content-Type": "text/html"}, page('<meta name="robots" content="index, follow">')) is None
    assert detail({}, None) is None


# X-Robots-Tag


@pytest.mark.parametrize(
    "value",
    [
        "noai",
        "NoAI",
        "noindex, noai",
        "noai, noimageai",
        "noimageai,noai",
        "*: noai",
        "moissonbot: noai",
        "MoissonBot: noindex, noai",
    ],
)
def test_x_robots_tag_noai_refuses(value):
    assert detail({"X-Robots-Tag": value}, product_token=TOKEN) == "X-Robots-Tag noai"


@pytest.mark.parametrize(
    "value",
    [
        "noimageai",  # images only: text may still be used
        "noindex",
        "noindex, nofollow, noarchive",
        "otherbot: noai",
        "otherbot: noindex, noai",  # the scope runs to the end of the line
        "unavailable_after: 25 Jun 2010 15:00:00 PST",
        "noaix",
        "",
    ],
)
def test_x_robots_tag_without_noai_for_us_allows(value):
    assert detail({"X-Robots-Tag": value}, product_token=TOKEN) is None


def test_a_scoped_x_robots_tag_counts_only_with_our_token():
    assert detail({"X-Robots-Tag": "moissonbot: noai"}) is None
    assert detail({"X-Robots-Tag": "moissonbot: noai"}, product_token=TOKEN) == "X-Robots-Tag noai"


def test_x_robots_tag_lines_given_apart_keep_their_own_scopes():
    lines = ["otherbot: noindex", "noai"]
    assert detail({"x-robots-tag": lines}) == "X-Robots-Tag noai"
    assert detail({"x-robots-tag": [b"otherbot: noai", b"noindex"]}) is None


def test_header_names_are_case_insensitive():
    assert detail({"x-robots-tag": "noai"}) == "X-Robots-Tag noai"
    assert detail({"X-ROBOTS-TAG": "noai"}) == "X-Robots-Tag noai"
    assert detail({"TDM-Reservation": "1"}) == "tdm-reservation header"
    assert detail({"CONTENT-USAGE": "train-ai=n"}) == "Content-Usage train-ai=n"


# meta robots


@pytest.mark.parametrize(
    "meta",
    [
        '<meta name="robots" content="noai">',
        '<meta name="robots" content="noai, noimageai">',
        '<META NAME="Robots" CONTENT="NOAI">',
        "<meta name=robots content='noindex noai'>",
        '<meta content="noai" name="robots"/>',
        '<meta name="moissonbot" content="noai">',
    ],
)
def test_meta_robots_noai_refuses(meta):
    assert detail({}, page(meta), product_token=TOKEN) == "meta robots noai"


@pytest.mark.parametrize(
    "meta",
    [
        '<meta name="robots" content="noimageai">',
        '<meta name="robots" content="noindex, nofollow">',
        '<meta name="otherbot" content="noai">',
        '<meta name="description" content="noai">',
        '<meta property="robots" content="noai">',
        '<meta name="robots">',
    ],
)
def test_meta_without_noai_for_us_allows(meta):
    assert detail({}, page(meta), product_token=TOKEN) is None


def test_any_of_several_meta_robots_tags_counts():
    html = page('<meta name="robots" content="index">', '<meta name="robots" content="noai">')
    assert detail({}, html) == "meta robots noai"


def test_only_the_head_is_read():
    assert detail({}, page(body='<meta name="robots" content="noai">')) is None
    late = page(body="x" * MAX_HEAD_CHARS + '<meta name="robots" content="noai">').replace("</head>", "")
    assert detail({}, late) is None  # past the cap, with no </head> to stop at


def test_a_page_without_a_closing_head_is_still_read():
    assert detail({}, '<html><head><meta name="robots" content="noai"><body>text') == "meta robots noai"


def test_an_xhtml_page_with_an_xml_declaration_is_read():
    html = '<?xml version="1.0" encoding="UTF-8"?>\n' + page('<meta name="robots" content="noai" />')
    assert detail({}, html) == "meta robots noai"


@pytest.mark.parametrize(
    "html", ["", "   ", "\x00\x01\x02 robots", "<<<>>>robots", "<meta name='robots' content='", "\ud800 robots"]
)
def test_garbage_html_does_not_raise(html):
    assert detail({}, html) is None


# TDMRep header and meta


def test_tdm_reservation_header_refuses():
    assert detail({"tdm-reservation": "1"}) == "tdm-reservation header"
    assert detail({"tdm-reservation": "1", "tdm-policy": "https://provider.com/policy.json"}) == (
        "tdm-reservation header (policy: https://provider.com/policy.json)"
    )


@pytest.mark.parametrize("value", ["0", "2", "true", ""])
def test_tdm_reservation_header_other_values_allow(value):
    assert detail({"tdm-reservation": value}) is None


def test_tdm_reservation_meta_refuses():
    html = page('<meta name="tdm-reservation" content="1">', '<meta name="tdm-policy" content="https://p.test/p.json">')
    assert detail({}, html) == "tdm-reservation meta (policy: https://p.test/p.json)"
    assert detail({}, page('<meta name="TDM-Reservation" content=" 1 ">')) == "tdm-reservation meta"


def test_tdm_reservation_meta_zero_allows():
    assert detail({}, page('<meta name="tdm-reservation" content="0">')) is None


def test_a_later_zero_does_not_lift_an_earlier_reservation():
    # The report lets meta supersede the header; we keep the reservation, since either statement refuses.
    html = page('<meta name="tdm-reservation" content="0">')
    assert detail({"tdm-reservation": "1"}, html) == "tdm-reservation header"


# Content-Usage (IETF aipref)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("train-ai=n", "Content-Usage train-ai=n"),
        ("train-ai=n, search=y", "Content-Usage train-ai=n"),
        ("search=y,train-ai=n;reason=\"x\"", "Content-Usage train-ai=n"),
        ("train-ai=y, train-ai=n", "Content-Usage train-ai=n"),  # the last value of a key wins
        ("ai-use=y, train-genai=n", "Content-Usage train-genai=n"),  # earlier drafts' labels still count
        ("bots=n", "Content-Usage bots=n"),
        ("Train-AI=N", "Content-Usage train-ai=n"),  # not a valid Dictionary, but its meaning is plain
        ("train-ai = n", "Content-Usage train-ai=n"),
    ],
)
def test_content_usage_refusals(value, expected):
    assert detail({"Content-Usage": value}) == expected


@pytest.mark.parametrize(
    "value",
    [
        "train-ai=y",
        "train-ai=n, train-ai=y",
        "search=n",
        "ai-use=n",
        'train-ai="n"',  # a String, not the Token n: no preference
        "train-ai=?0",
        "train-ai",
        "train-ai=(n)",
        "",
        "unknown-label=n",
    ],
)
def test_content_usage_without_a_training_refusal_allows(value):
    assert detail({"Content-Usage": value}) is None


def test_signals_are_reported_in_order():
    headers = {"X-Robots-Tag": "noai", "tdm-reservation": "1", "Content-Usage": "train-ai=n"}
    html = page('<meta name="robots" content="noai">')
    assert detail(headers, html) == "X-Robots-Tag noai"
    del headers["X-Robots-Tag"]
    assert detail(headers, html) == "meta robots noai"
    assert detail(headers, page()) == "tdm-reservation header"
    assert detail({"Content-Usage": "train-ai=n"}, page('<meta name="tdm-reservation" content="1">')) == (
        "tdm-reservation meta"
    )
