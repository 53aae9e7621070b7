"""Keep HTML pages only, stop other downloads early, and note when each response arrived."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import TYPE_CHECKING

from scrapy import signals
from scrapy.exceptions import StopDownload
from scrapy.http import HtmlResponse

from crawler.exclusions import exclude_request, record_exclusion
from filters.content import check_content_type
from filters.decision import refuse

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Headers, Response


class ContentMiddleware:
    """Refuses non-HTML responses (reason `unsupported`) as soon as their headers arrive."""

    def __init__(self, crawler: Crawler, html_types: frozenset[str]) -> None:
        self.crawler = crawler
        self.html_types = html_types

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ContentMiddleware:
        html_types = frozenset(t.lower() for t in crawler.settings.getlist("MOISSON_HTML_TYPES"))
        middleware = cls(crawler, html_types)
        crawler.signals.connect(middleware.headers_received, signal=signals.headers_received)
        return middleware

    def headers_received(self, headers: Headers, request: Request) -> None:
        # Redirects and robots.txt are not pages; their type says nothing.
        if request.meta.get("dont_obey_robotstxt") or b"Location" in headers:
            return
        decision = check_content_type(headers.get(b"Content-Type"), self.html_types)
        if not decision.allowed:
            record_exclusion(self.crawler, request.url, decision, "content")
            raise StopDownload(fail=True)

    def process_response(self, request: Request, response: Response) -> Response:
        request.meta["moisson_fetched_at"] = datetime.now(timezone.utc)
        if request.meta.get("dont_obey_robotstxt") or response.status != 200:
            return response
        if not isinstance(response, HtmlResponse):
            decision = check_content_type(response.headers.get(b"Content-Type"), self.html_types)
            if decision.allowed:  # no type given, and the body does not look like HTML
                decision = refuse("unsupported", "not html")
            raise exclude_request(self.crawler, request.url, decision, "content")
        return response
