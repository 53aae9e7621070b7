"""Refuse requests to loopback, private, link-local, multicast and reserved addresses."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from scrapy.exceptions import NotConfigured
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.error import DNSLookupError

from crawler.exclusions import exclude_request
from crawler.resolver import test_host_address
from filters.network import check_address
from filters.urls import host_of, is_ip

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


class PrivateNetworkMiddleware:
    """Resolves each request's host before anything is sent to it, and refuses non-public addresses.

    Redirects come back through here as new requests, so a public page redirecting to a private one is
    refused too. Off when the crawl allows private networks.
    """

    def __init__(self, crawler: Crawler, test_hosts: dict[str, str]) -> None:
        self.crawler = crawler
        self.test_hosts = test_hosts

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PrivateNetworkMiddleware:
        if crawler.settings.getbool("MOISSON_ALLOW_PRIVATE_NETWORK"):
            raise NotConfigured("private networks allowed by the crawl")
        return cls(crawler, crawler.settings.getdict("MOISSON_TEST_HOSTS"))

    async def process_request(self, request: Request) -> None:
        host = host_of(request.url)
        if not host or test_host_address(host, self.test_hosts) is not None:
            return
        address = host
        if not is_ip(host):
            from twisted.internet import reactor

            try:
                address = await maybe_deferred_to_future(reactor.resolver.lookup(host))
            except DNSLookupError:
                return  # the download fails on its own and is recorded as an error
        decision = check_address(address)
        if not decision.allowed:
            raise exclude_request(self.crawler, request.url, decision, "network")
