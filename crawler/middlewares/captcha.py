"""Stop at the first CAPTCHA, challenge or anti-bot block a site answers with: never solve, never evade."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.exceptions import NotConfigured

from crawler.exclusions import exclude_request, stop_site
from crawler.hostfiles import HOSTFILE
from crawler.http import header_dict
from filters.captcha import detect_challenge
from filters.urls import host_of

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response


class CaptchaMiddleware:
    """Excludes a challenge page (reason `captcha`, detail the vendor) and stops its site for the crawl.

    It sits before the retry middleware, so a challenge answered with 403, 429 or 503 is never retried.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CaptchaMiddleware:
        if not crawler.settings.getbool("MOISSON_CAPTCHA_ENABLED"):
            raise NotConfigured("MOISSON_CAPTCHA_ENABLED is off")
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        if request.meta.get(HOSTFILE):
            return response
        decision = detect_challenge(response.status, header_dict(response.headers), response.body)
        if decision.allowed:
            return response
        stop_site(self.crawler, host_of(request.url), decision, "captcha")
        raise exclude_request(self.crawler, request.url, decision, "captcha")
