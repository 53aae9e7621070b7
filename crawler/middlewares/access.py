"""Only what any visitor sees: no login walls, no paywalls, no credentials."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.exceptions import NotConfigured
from scrapy.http import HtmlResponse

from crawler.exclusions import exclude_request
from crawler.hostfiles import HOSTFILE
from crawler.http import header_lists
from filters import login, paywall

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response


class AccessMiddleware:
    """Excludes content behind a login (reason `login`) or a paywall (reason `paywall`).

    Before sending: a URL carrying credentials, or a redirect to a sign-in page. On the response: 401/407
    with an authentication challenge, 402, a page whose main content is a sign-in form, and a page whose
    schema.org data says it is not free (the whole page is dropped, not only its paywalled parts).
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> AccessMiddleware:
        if not crawler.settings.getbool("MOISSON_ACCESS_ENABLED"):
            raise NotConfigured("MOISSON_ACCESS_ENABLED is off")
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        decision = login.check_credentials(request.url)
        redirects = request.meta.get("redirect_urls")
        if decision.allowed and redirects:
            decision = login.check_redirect(redirects[-1], request.url)
        if not decision.allowed:
            raise exclude_request(self.crawler, redirects[0] if redirects else request.url, decision, "access")

    def process_response(self, request: Request, response: Response) -> Response:
        if request.meta.get(HOSTFILE):
            return response
        headers = header_lists(response.headers)
        decision = login.check_response(response.status, headers)
        if decision.allowed:
            decision = paywall.check_response(response.status, headers)
        if decision.allowed and response.status == 200 and isinstance(response, HtmlResponse):
            decision = login.check_page(response.text, response.url)
            if decision.allowed:
                decision = paywall.check_page(response.text)
        if not decision.allowed:
            raise exclude_request(self.crawler, request.url, decision, "access")
        return response
