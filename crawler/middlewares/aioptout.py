"""AI opt-outs outside robots.txt: TDMRep (before fetching), and the headers and HTML of each page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.exceptions import NotConfigured
from scrapy.http import HtmlResponse

from crawler.config import product_token
from crawler.exclusions import exclude_request
from crawler.hostfiles import HOSTFILE, HostCache, HostFileFetcher
from crawler.http import header_lists
from filters.aisignals import check_page
from filters.tdmrep import WELL_KNOWN_PATH, TdmRep
from filters.urls import origin_of

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response

    from filters.decision import Decision


class AiOptoutMiddleware:
    """Refuses what a site reserves from text and data mining or AI training (reason `ai_optout`).

    With `tdmrep`, each host's /.well-known/tdmrep.json is read before its first page and a reserved URL is
    never fetched; a missing or unreachable file reserves nothing (the page's own signals still count).
    With `page_signals`, each page's `noai` (meta robots, X-Robots-Tag), tdm-reservation header or meta, and
    Content-Usage header are checked before the page goes further.
    """

    def __init__(
        self, crawler: Crawler, tdmrep: bool, page_signals: bool, product_token: str, cache_seconds: float, max_bytes: int
    ) -> None:
        self.crawler = crawler
        self.tdmrep = tdmrep
        self.page_signals = page_signals
        self.product_token = product_token
        self.fetcher = HostFileFetcher(crawler, max_bytes)
        self.cache: HostCache[TdmRep] = HostCache(cache_seconds)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> AiOptoutMiddleware:
        settings = crawler.settings
        tdmrep = settings.getbool("MOISSON_AI_OPTOUT_TDMREP")
        page_signals = settings.getbool("MOISSON_AI_OPTOUT_PAGE")
        if not (tdmrep or page_signals):
            raise NotConfigured("TDMRep and page signals are both off")
        return cls(
            crawler,
            tdmrep,
            page_signals,
            product_token(settings),
            settings.getfloat("MOISSON_ROBOTS_CACHE_SECONDS"),
            settings.getint("MOISSON_ROBOTS_MAX_BYTES"),
        )

    async def process_request(self, request: Request) -> None:
        if not self.tdmrep or request.meta.get(HOSTFILE):
            return
        origin = origin_of(request.url)
        rules = await self.cache.get(origin, lambda: self._load(origin))
        decision = rules.check(request.url)
        if not decision.allowed:
            raise exclude_request(self.crawler, request.url, decision, "aioptout")

    def known_decision(self, url: str) -> Decision | None:
        """What the TDMRep file this crawl read for `url`'s site says of it; None if it read none."""
        rules = self.cache.peek(origin_of(url)) if self.tdmrep else None
        return None if rules is None else rules.check(url)

    def process_response(self, request: Request, response: Response) -> Response:
        if not self.page_signals or request.meta.get(HOSTFILE) or response.status != 200:
            return response
        html = response.text if isinstance(response, HtmlResponse) else None
        decision = check_page(header_lists(response.headers), html, product_token=self.product_token)
        if not decision.allowed:
            raise exclude_request(self.crawler, request.url, decision, "aioptout")
        return response

    async def _load(self, origin: str) -> tuple[TdmRep, float]:
        fetched = await self.fetcher.fetch(origin + WELL_KNOWN_PATH)
        if fetched.status is not None and 200 <= fetched.status < 300:
            return TdmRep.parse(fetched.body), float("inf")
        return TdmRep.empty(), float("inf")
