"""The one way any component records that a URL or a document was not kept.

A component calls `record_exclusion` and then drops with the framework's own means (IgnoreRequest,
DropItem). The call counts the drop in stats as `compliance/<component>/<reason>` and sends the
`excluded` signal, which the dataset writer turns into a row of `exclusions/`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.exceptions import IgnoreRequest

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

    from filters.decision import Decision

# Signal sent with url=, reason=, detail=, component= for every exclusion.
excluded = object()


class Excluded(IgnoreRequest):
    """An IgnoreRequest whose exclusion is already recorded, so error handlers leave it alone."""


def record_exclusion(crawler: Crawler, url: str, decision: Decision, component: str) -> None:
    """Count the exclusion and send it to the exclusions log."""
    crawler.stats.inc_value(f"compliance/{component}/{decision.reason}")
    crawler.signals.send_catch_log(
        signal=excluded, url=url, reason=decision.reason, detail=decision.detail, component=component
    )


def exclude_request(crawler: Crawler, url: str, decision: Decision, component: str) -> Excluded:
    """Record the exclusion and return the exception that drops the request."""
    record_exclusion(crawler, url, decision, component)
    return Excluded(f"{decision.reason}: {decision.detail}" if decision.detail else decision.reason)


# Signal sent with host=, decision=, component= when a site must get no further request in this crawl.
site_stopped = object()


def stop_site(crawler: Crawler, host: str, decision: Decision, component: str) -> None:
    """Stop every further request to `host` for the rest of the crawl (see crawler.middlewares.stops)."""
    crawler.stats.inc_value(f"compliance/{component}/sites_stopped")
    crawler.signals.send_catch_log(signal=site_stopped, host=host, decision=decision, component=component)
