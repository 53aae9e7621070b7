"""robots.txt, through Scrapy's own middleware, with every refusal recorded as an exclusion."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest

from crawler.exclusions import exclude_request
from filters.decision import refuse

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.robotstxt import RobotParser


class RobotsMiddleware(RobotsTxtMiddleware):
    """Scrapy's robots.txt middleware matched on the crawl's product token; refusals go to the exclusions log."""

    def process_request_2(self, rp: RobotParser | None, request: Request) -> None:
        try:
            super().process_request_2(rp, request)
        except IgnoreRequest:
            raise exclude_request(self.crawler, request.url, refuse("robots", "disallowed"), "robots") from None
