"""Sites that get no further request: stopped in this crawl, or still cooling down from an earlier one."""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from scrapy import signals

from crawler.distributed import Shared, dataset_lock
from crawler.exclusions import exclude_request, site_stopped
from filters.decision import refuse
from filters.urls import host_of

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler

    from filters.decision import Decision

logger = logging.getLogger(__name__)

STATE_FILE = "stopped_sites.json"


@dataclass(frozen=True)
class Stop:
    """Why a site is stopped, since when, and (for challenges) until when the next crawls leave it alone."""

    reason: str
    detail: str
    at: str
    until: str = ""


class SiteStopMiddleware:
    """Refuses requests to stopped sites, with the reason that stopped them.

    A site stopped for a challenge (`captcha`) is remembered in the dataset folder, so that the next crawls
    into it leave the site alone for `cooldown`; other stops last for the current crawl only. In a distributed
    crawl, a site one worker stops is stopped for every worker (`shared`).
    """

    def __init__(self, crawler: Crawler, state_path: Path, cooldown: timedelta, shared: Shared | None = None) -> None:
        self.crawler = crawler
        self.shared = shared
        self.state_path = state_path
        self.cooldown = cooldown
        self.stops: dict[str, Stop] = {}
        self.remembered: dict[str, Stop] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SiteStopMiddleware:
        settings = crawler.settings
        state = Path(settings.get("MOISSON_OUTPUT_DIR")) / STATE_FILE
        cooldown = timedelta(days=settings.getfloat("MOISSON_CAPTCHA_COOLDOWN_DAYS"))
        middleware = cls(crawler, state, cooldown, Shared.of(crawler))
        crawler.signals.connect(middleware.stop, signal=site_stopped)
        crawler.signals.connect(middleware.load, signal=signals.spider_opened)
        crawler.signals.connect(middleware.save, signal=signals.spider_closed)
        return middleware

    def stop(self, host: str, decision: Decision, component: str) -> None:
        """Stop a site for the rest of this crawl (and, for a challenge, the cool-down)."""
        if host in self.stops:
            return
        now = datetime.now(timezone.utc)
        until = (now + self.cooldown).isoformat(timespec="seconds") if decision.reason == "captcha" else ""
        self.stops[host] = Stop(decision.reason, decision.detail, now.isoformat(timespec="seconds"), until)
        if self.shared is not None:
            self.shared.client.hsetnx(self.shared.key("stops"), host, json.dumps(asdict(self.stops[host])))
        logger.info("Stopping %s for the rest of the crawl (%s: %s)", host, decision.reason, decision.detail)

    def process_request(self, request: Request) -> None:
        host = host_of(request.url)
        stop = self.stops.get(host) or self._shared_stop(host)
        if stop is not None:
            decision = refuse(stop.reason, f"{stop.detail}; site stopped" if stop.detail else "site stopped")
            raise exclude_request(self.crawler, request.url, decision, "stops")
        stop = self.remembered.get(host)
        if stop is not None:
            decision = refuse(stop.reason, f"{stop.detail}; cooling down until {stop.until}")
            raise exclude_request(self.crawler, request.url, decision, "stops")

    def _shared_stop(self, host: str) -> Stop | None:
        """A stop another worker of this crawl made, kept as this worker's own from then on."""
        if self.shared is None:
            return None
        raw = self.shared.client.hget(self.shared.key("stops"), host)
        if raw is None:
            return None
        self.stops[host] = Stop(**json.loads(raw))
        return self.stops[host]

    def load(self) -> None:
        """Read the stops of earlier crawls that are still cooling down."""
        self.remembered = self._cooling()

    def save(self) -> None:
        """Write the cool-downs still running, this crawl's included, atomically."""
        if not self.state_path.parent.is_dir():
            return
        # Read again under the lock: another worker of a distributed crawl may have saved its own since.
        with dataset_lock(self.state_path.parent):
            keep = {**self._cooling(), **self.remembered, **{h: s for h, s in self.stops.items() if s.until}}
            tmp = self.state_path.with_name(f".{STATE_FILE}.tmp")
            tmp.write_text(json.dumps({h: asdict(s) for h, s in sorted(keep.items())}, indent=2) + "\n")
            os.replace(tmp, self.state_path)

    def _cooling(self) -> dict[str, Stop]:
        """The stops in the state file still cooling down."""
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        return {host: stop for host, stop in self._read().items() if stop.until > now}

    def _read(self) -> dict[str, Stop]:
        try:
            raw = json.loads(self.state_path.read_text(encoding="utf-8"))
            return {host: Stop(**entry) for host, entry in raw.items()}
        except FileNotFoundError:
            return {}
        except (OSError, ValueError, TypeError) as exc:
            # Reported, not fatal: the crawl goes on and save() writes a sound file again.
            logger.warning("Ignoring unreadable %s (%s)", self.state_path, exc.__class__.__name__)
            return {}
