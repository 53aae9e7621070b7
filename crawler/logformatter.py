"""Scrapy's log messages without the items, so that page text never reaches the logs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scrapy.logformatter import LogFormatter

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.http import Response
    from scrapy.logformatter import LogFormatterResult
    from twisted.python.failure import Failure


def _url(item: Any) -> str:
    return getattr(item, "url", "") or "?"


class QuietLogFormatter(LogFormatter):
    """Logs a kept, dropped or failed item by its URL only."""

    def scraped(self, item: Any, response: Response | Failure | None, spider: Spider) -> LogFormatterResult:
        result = super().scraped(item, response, spider)
        return {**result, "msg": "Kept %(url)s", "args": {"url": _url(item)}}

    def dropped(
        self, item: Any, exception: BaseException, response: Response | Failure | None, spider: Spider
    ) -> LogFormatterResult:
        result = super().dropped(item, exception, response, spider)
        return {**result, "msg": "Dropped %(url)s: %(exception)s", "args": {"url": _url(item), "exception": exception}}

    def item_error(
        self, item: Any, exception: BaseException, response: Response | Failure | None, spider: Spider
    ) -> LogFormatterResult:
        result = super().item_error(item, exception, response, spider)
        return {**result, "msg": "Error processing %(url)s", "args": {"url": _url(item)}}
