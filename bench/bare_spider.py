"""The baseline of crawl_overhead.py: a plain Scrapy spider that follows every link of one site, with no Moisson part.

    python bench/bare_spider.py http://eval.test:PORT/ --out pages.jsonl [-s NAME=VALUE ...]

It stays on the seed's host, writes one JSON line per page (url, status, bytes) and reads no project settings
(run it from any folder; Scrapy's defaults apply, plus the `-s` ones). Hosts under .test resolve to 127.0.0.1,
as Moisson's MOISSON_TEST_HOSTS makes them.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator, Sequence
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.crawler import CrawlerProcess
from scrapy.http import Response
from scrapy.linkextractors import LinkExtractor
from scrapy.resolver import CachingThreadedResolver
from twisted.internet import defer


class TestHostsResolver(CachingThreadedResolver):
    """Scrapy's resolver, with every host under .test on loopback."""

    def getHostByName(self, name: str, timeout: Sequence[int] = ()) -> defer.Deferred[str]:
        if name == "test" or name.endswith(".test"):
            return defer.succeed("127.0.0.1")
        return super().getHostByName(name, timeout)


class BareSpider(scrapy.Spider):
    """Follows every link of the seed's host and yields one small item per page."""

    name = "bare"

    def __init__(self, seed: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.start_urls = [seed]
        self.allowed_domains = [urlsplit(seed).hostname]
        self.links = LinkExtractor(unique=True)

    def parse(self, response: Response) -> Iterator[dict | scrapy.Request]:
        yield {"url": response.url, "status": response.status, "bytes": len(response.body)}
        for link in self.links.extract_links(response):
            yield scrapy.Request(link.url, callback=self.parse)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seed", help="start URL")
    parser.add_argument("--out", required=True, help="JSON-lines file of the pages fetched")
    parser.add_argument("-s", "--set", action="append", default=[], metavar="NAME=VALUE", help="a Scrapy setting")
    args = parser.parse_args(argv)
    settings: dict[str, Any] = {
        "TWISTED_DNS_RESOLVER": TestHostsResolver,
        "FEEDS": {args.out: {"format": "jsonlines", "overwrite": True}},
        "TELNETCONSOLE_ENABLED": False,
        "LOG_LEVEL": "INFO",
    }
    for assignment in args.set:
        name, sep, value = assignment.partition("=")
        if not sep:
            parser.error(f"-s {assignment!r}: expected NAME=VALUE")
        settings[name] = value
    process = CrawlerProcess(settings)
    process.crawl(BareSpider, seed=args.seed)
    process.start()


if __name__ == "__main__":
    main()
