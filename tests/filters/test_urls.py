"""Registered domains, offline, as the contract defines them."""

from __future__ import annotations

import pytest

from filters.urls import domain_of, host_of


@pytest.mark.parametrize(
    ("url", "domain"),
    [
        ("https://www.bbc.co.uk/news", "bbc.co.uk"),
        ("http://User:pw@WWW.Example.CO.UK:8080/", "example.co.uk"),
        ("https://a.b.example.org/", "example.org"),
        ("http://site.test:8080/", "site.test"),
        ("http://news.site.test/", "news.site.test"),
        ("http://127.0.0.1:80/", "127.0.0.1"),
        ("http://[::1]:80/", "::1"),
        ("not a url", ""),
    ],
)
def test_registered_domain(url, domain):
    assert domain_of(url) == domain


def test_host_of_tolerates_garbage():
    assert host_of("http://[broken/") == ""
