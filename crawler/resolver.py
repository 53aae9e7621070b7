"""Name resolution that never hands a private address to the downloader, and knows the test hosts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from twisted.internet import defer
from twisted.internet.error import DNSLookupError

from filters.network import check_address
from scrapy.resolver import CachingThreadedResolver

if TYPE_CHECKING:
    from collections.abc import Sequence

    from scrapy.crawler import Crawler
    from twisted.internet.base import ReactorBase


def test_host_address(host: str, test_hosts: dict[str, str]) -> str | None:
    """The address MOISSON_TEST_HOSTS gives a host, or None when it is not a test host."""
    for suffix, address in test_hosts.items():
        suffix = suffix.lower().strip(".")
        if host == suffix or host.endswith("." + suffix):
            return address
    return None


class GuardedResolver(CachingThreadedResolver):
    """Scrapy's caching resolver, plus the test hosts, refusing private addresses at connection time.

    The private-network middleware refuses such hosts first and records why; this is the last line,
    so that a name that changes its address between the check and the connection is still refused.
    """

    def __init__(
        self,
        reactor: ReactorBase,
        cache_size: int,
        timeout: float,
        test_hosts: dict[str, str],
        allow_private: bool,
    ) -> None:
        super().__init__(reactor, cache_size, timeout)
        self.test_hosts = dict(test_hosts)
        self.allow_private = allow_private

    @classmethod
    def from_crawler(cls, crawler: Crawler, reactor: ReactorBase) -> GuardedResolver:
        settings = crawler.settings
        cache_size = settings.getint("DNSCACHE_SIZE") if settings.getbool("DNSCACHE_ENABLED") else 0
        return cls(
            reactor,
            cache_size,
            settings.getfloat("DNS_TIMEOUT"),
            settings.getdict("MOISSON_TEST_HOSTS"),
            settings.getbool("MOISSON_ALLOW_PRIVATE_NETWORK"),
        )

    def lookup(self, name: str) -> defer.Deferred[str]:
        """The address of a name, unguarded: the test map first, then the system's resolver (cached)."""
        address = test_host_address(name.lower(), self.test_hosts)
        if address is not None:
            return defer.succeed(address)
        return super().getHostByName(name)

    def getHostByName(self, name: str, timeout: Sequence[int] = ()) -> defer.Deferred[str]:
        d = self.lookup(name)
        if not self.allow_private and test_host_address(name.lower(), self.test_hosts) is None:
            d.addCallback(self._refuse_private, name)
        return d

    @staticmethod
    def _refuse_private(address: str, name: str) -> str:
        decision = check_address(address)
        if not decision.allowed:
            raise DNSLookupError(f"{name} resolves to a {decision.detail} address, refused")
        return address
