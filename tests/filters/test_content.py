"""HTML only."""

from __future__ import annotations

from filters.content import check_content_type

HTML = frozenset({"text/html", "application/xhtml+xml"})


def test_html_and_unknown_types_pass():
    assert check_content_type(b"text/html; charset=utf-8", HTML).allowed
    assert check_content_type("Application/XHTML+XML", HTML).allowed
    assert check_content_type(None, HTML).allowed


def test_other_types_are_unsupported_with_the_type_as_detail():
    decision = check_content_type(b"application/pdf", HTML)
    assert (decision.allowed, decision.reason, decision.detail) == (False, "unsupported", "application/pdf")
