"""Fetching and caching a per-host file (robots.txt, tdmrep.json) the way RFC 9309 fetches robots.txt."""

from __future__ import annotations

import asyncio
import base64
import json
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar
from urllib.parse import urljoin

from scrapy import Request, signals
from scrapy.exceptions import StopDownload
from scrapy.http.request import NO_CALLBACK

from crawler.distributed import Shared

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

T = TypeVar("T")

# Meta key marking our own fetches, which the page middlewares (content, captcha, AI signals) leave alone.
HOSTFILE = "moisson_hostfile"


@dataclass(frozen=True)
class Fetched:
    """The outcome of fetching a per-host file: a status and body, or the error that prevented it."""

    status: int | None
    body: bytes = b""
    error: str = ""


class HostFileFetcher:
    """Downloads a file through the crawl's own downloader, following up to `max_redirects` redirects.

    The body is cut at `max_bytes` while it streams in (RFC 9309 asks parsers to read at least 500 KiB and
    lets them ignore the rest), so a huge file neither fails nor fills memory. In a distributed crawl, one worker
    fetches a file and the others read the outcome from Redis (kept as long as a robots.txt is cached, or as
    long as a failed fetch waits before a new try).
    """

    def __init__(self, crawler: Crawler, max_bytes: int, max_redirects: int = 5) -> None:
        self.crawler = crawler
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.shared = Shared.of(crawler)
        settings = crawler.settings
        self.keep_seconds = settings.getfloat("MOISSON_ROBOTS_CACHE_SECONDS")
        self.retry_seconds = settings.getfloat("MOISSON_ROBOTS_RETRY_SECONDS")
        crawler.signals.connect(self._bytes_received, signal=signals.bytes_received)

    async def fetch(self, url: str) -> Fetched:
        """Fetch `url` (or, in a distributed crawl, read what another worker fetched)."""
        if self.shared is None:
            return await self._download(url)
        client, key = self.shared.client, self.shared.key(f"hostfile:{url}")
        while True:
            raw = client.get(key)
            if raw is not None:
                entry = json.loads(raw)
                return Fetched(entry["status"], base64.b64decode(entry["body"]), entry["error"])
            # One worker fetches; the others wait for its outcome (or for its claim to lapse).
            if client.set(key + ":fetching", self.shared.worker, nx=True, ex=120):
                break
            await asyncio.sleep(0.1)
        try:
            fetched = await self._download(url)
            failed = fetched.status is None or fetched.status == 429 or fetched.status >= 500
            entry = {"status": fetched.status, "body": base64.b64encode(fetched.body).decode(), "error": fetched.error}
            ttl = self.retry_seconds if failed else self.keep_seconds
            client.set(key, json.dumps(entry), ex=max(1, int(min(ttl, 30 * 86400))))
            return fetched
        finally:
            client.delete(key + ":fetching")

    async def _download(self, url: str) -> Fetched:
        """Fetch `url`; redirects are followed, each hop through every downloader middleware."""
        for _ in range(self.max_redirects + 1):
            request = Request(
                url,
                callback=NO_CALLBACK,
                priority=1000,
                dont_filter=True,
                meta={
                    HOSTFILE: True,
                    "dont_obey_robotstxt": True,
                    "dont_redirect": True,
                    "dont_retry": True,
                    "handle_httpstatus_all": True,
                    "moisson_fetcher": id(self),
                    "moisson_received": 0,
                },
            )
            try:
                response = await self.crawler.engine.download_async(request)
            except Exception as exc:  # noqa: BLE001 - any failure to fetch is "unreachable"
                logger.debug("Could not fetch %s: %r", url, exc)
                return Fetched(None, error=type(exc).__name__)
            location = response.headers.get(b"Location")
            if 300 <= response.status < 400 and location:
                url = urljoin(url, location.decode("latin-1"))
                continue
            return Fetched(response.status, response.body[: self.max_bytes])
        return Fetched(None, error="too many redirects")

    def _bytes_received(self, data: bytes, request: Request) -> None:
        if request.meta.get("moisson_fetcher") != id(self):
            return
        request.meta["moisson_received"] += len(data)
        if request.meta["moisson_received"] > self.max_bytes:
            raise StopDownload(fail=False)


class HostCache(Generic[T]):
    """Per-host values kept at most `ttl` seconds; callers asking for the same host share one fetch."""

    def __init__(self, ttl: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl = ttl
        self.clock = clock
        self._values: dict[str, tuple[float, T]] = {}
        self._pending: dict[str, asyncio.Future[T]] = {}

    def peek(self, key: str) -> T | None:
        """The value last loaded for `key`, expired or not; None if it never was."""
        cached = self._values.get(key)
        return None if cached is None else cached[1]

    async def get(self, key: str, load: Callable[[], Awaitable[tuple[T, float]]]) -> T:
        """The cached value for `key`, or the one `load` returns with its own time to live (capped at `ttl`)."""
        cached = self._values.get(key)
        if cached is not None and cached[0] > self.clock():
            return cached[1]
        if key in self._pending:
            return await asyncio.shield(self._pending[key])
        future: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        self._pending[key] = future
        try:
            value, ttl = await load()
            self._values[key] = (self.clock() + min(ttl, self.ttl), value)
            future.set_result(value)
            return value
        except BaseException as exc:
            future.set_exception(exc)
            raise
        finally:
            del self._pending[key]
