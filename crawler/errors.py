"""Why a request brought no page: Scrapy's and Twisted's failures mapped to the contract's reasons."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
    IgnoreRequest,
    StopDownload,
)
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import error as twisted_errors

from crawler.exclusions import Excluded
from filters.decision import Decision, refuse

if TYPE_CHECKING:
    from twisted.python.failure import Failure

_ERRORS: tuple[tuple[tuple[type[BaseException], ...], str], ...] = (
    ((CannotResolveHostError, twisted_errors.DNSLookupError), "dns"),
    ((DownloadTimeoutError, twisted_errors.TimeoutError), "timeout"),
    ((DownloadConnectionRefusedError, twisted_errors.ConnectionRefusedError), "connection_refused"),
)


def classify_failure(failure: Failure) -> Decision | None:
    """The exclusion a failed request stands for, or None when a middleware has recorded it already."""
    exc = failure.value
    if isinstance(exc, (Excluded, StopDownload)):
        return None
    if isinstance(exc, HttpError):
        return refuse("error", f"http {exc.response.status}")
    # Scrapy enforces DOWNLOAD_MAXSIZE on the wire (cancelled download) and while decompressing.
    if isinstance(exc, DownloadCancelledError) or (isinstance(exc, IgnoreRequest) and "DOWNLOAD_MAXSIZE" in str(exc)):
        return refuse("too_large")
    if isinstance(exc, IgnoreRequest):
        # RedirectMiddleware's way of saying REDIRECT_MAX_TIMES was reached: a loop, or a very long chain.
        if "max redirections" in str(exc):
            return refuse("error", "too many redirects")
        return refuse("error", str(exc)[:200] or "ignored")
    for types, detail in _ERRORS:
        if isinstance(exc, types):
            return refuse("error", detail)
    return refuse("error", type(exc).__name__)
