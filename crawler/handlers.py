"""Scrapy's HTTP download handler, asking once more, just before sending, whether the site is stopped."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler

from crawler.middlewares.stops import SiteStopMiddleware

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.http import Response


class GuardedHTTPDownloadHandler(HTTP11DownloadHandler):
    """Requests pass the downloader middlewares before they wait in their site's download slot; a site
    stopped meanwhile (a challenge) must not get them, so the stop is checked again here, at sending time.
    """

    async def download_request(self, request: Request) -> Response:
        stops = self._crawler.get_downloader_middleware(SiteStopMiddleware)
        if stops is not None:
            stops.process_request(request)
        return await super().download_request(request)
