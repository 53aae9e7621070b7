"""One crawl shared by several workers through Redis (scrapy-redis), with the same guarantees as one.

`moisson crawl FILE --redis URL` publishes the crawl (the crawl file's path and the command's options) as the
*job*, seeds the shared frontier and works on it; `moisson worker --redis URL` reads the job and works on the same
frontier. What one worker learns, every worker honours:

- scrapy-redis's scheduler and duplicate filter: one frontier, one set of request fingerprints, so no URL is
  requested twice;
- the sites stopped (a CAPTCHA, a site made of disclosures) and the robots.txt and TDMRep fetches, so a site's
  refusal found by one worker stops every worker, and its robots.txt is fetched once;
- the page caps (max_pages, max_pages_per_site) and the duplicate index (exact keys, and MinHash LSH on
  datasketch's Redis storage);
- one dataset folder (shared by every worker, so on one machine or a shared file system): each worker writes its
  own part files, under the crawl's one crawl_id, and records itself in the manifest.

Everything of a crawl lives under `moisson:<crawl_id>:` and is deleted by the last worker to finish; the job stays
(marked finished) so that a late worker knows there is nothing left to do.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.exceptions import DontCloseSpider, NotConfigured

if TYPE_CHECKING:
    import redis
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

JOB_KEY = "moisson:job"
# A worker that has not said it is alive for this long is taken for dead (its heartbeat is every 2 s).
WORKER_TIMEOUT = 30.0
HEARTBEAT_SECONDS = 2.0


class DistributedError(Exception):
    """Redis cannot be reached, or holds no crawl to work on: a one-line error."""


def connect(url: str) -> redis.Redis:
    """A client of the Redis server at `url`, checked to answer."""
    import redis

    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=5, socket_timeout=30)
        client.ping()
    except ValueError as exc:
        raise DistributedError(f"--redis {url!r}: {exc}") from None
    except redis.RedisError as exc:
        raise DistributedError(f"--redis {url}: cannot reach Redis ({exc.__class__.__name__}: {exc})") from None
    return client


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def publish_job(client: redis.Redis, job: dict[str, Any]) -> None:
    """Make `job` the crawl every worker on this Redis works on."""
    current = read_job(client)
    if current and not current.get("finished") and _live_workers(client, current["crawl_id"]):
        raise DistributedError(
            f"crawl {current['crawl_id']} is still running on this Redis with live workers; "
            "wait for it to end, or use another Redis database (redis://host:port/N)"
        )
    client.set(JOB_KEY, json.dumps(job))


def read_job(client: redis.Redis) -> dict[str, Any] | None:
    raw = client.get(JOB_KEY)
    return json.loads(raw) if raw else None


def prefix(crawl_id: str) -> str:
    """The prefix of every Redis key of one crawl."""
    return f"moisson:{crawl_id}:"


def scrapy_settings(url: str, crawl_id: str, worker: str) -> dict[str, Any]:
    """The settings that put a worker on the shared frontier (scrapy-redis) of crawl `crawl_id`."""
    keys = prefix(crawl_id)
    return {
        "MOISSON_REDIS_URL": url,
        "MOISSON_CRAWL_ID": crawl_id,
        "MOISSON_WORKER": worker,
        "SCHEDULER": "scrapy_redis.scheduler.Scheduler",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "REDIS_URL": url,
        # The frontier outlives any one worker; the last one deletes it (DistributedExtension).
        "SCHEDULER_PERSIST": True,
        "SCHEDULER_QUEUE_KEY": keys + "requests",
        "SCHEDULER_DUPEFILTER_KEY": keys + "seen",
        # JSON, not pickle: a request is data, and no worker runs what another one wrote.
        "SCHEDULER_SERIALIZER": "crawler.distributed_json",
    }


def worker_name() -> str:
    """This worker: host name and process id."""
    return f"{socket.gethostname()}-{os.getpid()}"


class Shared:
    """A crawler's view of the crawl's shared state on Redis (None when the crawl is not distributed)."""

    def __init__(self, client: redis.Redis, crawl_id: str, worker: str) -> None:
        self.client = client
        self.crawl_id = crawl_id
        self.worker = worker
        self.prefix = prefix(crawl_id)

    @classmethod
    def of(cls, crawler: Crawler) -> Shared | None:
        url = crawler.settings.get("MOISSON_REDIS_URL")
        if not url:
            return None
        shared = getattr(crawler, "_moisson_shared", None)
        if shared is None:
            settings = crawler.settings
            shared = cls(connect(url), settings.get("MOISSON_CRAWL_ID"), settings.get("MOISSON_WORKER"))
            crawler._moisson_shared = shared  # one connection pool per crawler
        return shared

    def key(self, name: str) -> str:
        return self.prefix + name

    def redis_storage(self) -> dict[str, Any]:
        """datasketch's storage_config for an LSH index on this Redis, under this crawl's keys."""
        kwargs = self.client.connection_pool.connection_kwargs
        config = {"host": kwargs.get("host", "localhost"), "port": kwargs.get("port", 6379), "db": kwargs.get("db", 0)}
        if kwargs.get("password"):
            config["password"] = kwargs["password"]
        return {"type": "redis", "basename": self.key("lsh").encode(), "redis": config}

    def first(self, name: str) -> bool:
        """True for the one worker that asks first (per crawl): for work done once, such as loading the index."""
        return bool(self.client.set(self.key(name), self.worker, nx=True))


def _live_workers(client: redis.Redis, crawl_id: str, now: float | None = None) -> dict[str, dict[str, Any]]:
    now = time.time() if now is None else now
    workers = {}
    for name, raw in client.hgetall(prefix(crawl_id) + "workers").items():
        state = json.loads(raw)
        if now - state["seen"] < WORKER_TIMEOUT:
            workers[name.decode()] = state
    return workers


class DistributedExtension:
    """Keeps a worker alive while the others may still add to the frontier, and cleans up after the last one.

    Each worker says every 2 s whether it is busy (requests in flight or pages in the pipelines). A worker
    with nothing to do does not close while another live worker is busy: that one may still find links.
    """

    def __init__(self, crawler: Crawler, shared: Shared) -> None:
        self.crawler = crawler
        self.shared = shared
        self.heartbeat = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DistributedExtension:
        shared = Shared.of(crawler)
        if shared is None:
            raise NotConfigured("not a distributed crawl")
        extension = cls(crawler, shared)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_opened(self) -> None:
        from twisted.internet import task

        self._say(busy=True)
        self.heartbeat = task.LoopingCall(lambda: self._say(busy=self._busy()))
        self.heartbeat.start(HEARTBEAT_SECONDS, now=False)
        logger.info("Worker %s on crawl %s", self.shared.worker, self.shared.crawl_id)

    def spider_idle(self) -> None:
        self._say(busy=False)
        others = {n: s for n, s in _live_workers(self.shared.client, self.shared.crawl_id).items() if s["busy"]}
        others.pop(self.shared.worker, None)
        if others or self.shared.client.zcard(self.shared.key("requests")):
            raise DontCloseSpider

    def spider_closed(self, reason: str) -> None:
        if self.heartbeat is not None and self.heartbeat.running:
            self.heartbeat.stop()
        client, crawl_id = self.shared.client, self.shared.crawl_id
        client.hdel(self.shared.key("workers"), self.shared.worker)
        client.sadd(self.shared.key("finished"), self.shared.worker)
        if (
            reason == "finished"
            and not _live_workers(client, crawl_id)
            and not client.zcard(self.shared.key("requests"))
        ):
            self._clean_up()

    def _clean_up(self) -> None:
        """The last worker: delete the crawl's keys and mark the job finished."""
        client = self.shared.client
        keys = list(client.scan_iter(match=self.shared.prefix + "*", count=1000))
        for start in range(0, len(keys), 500):
            client.delete(*keys[start : start + 500])
        job = read_job(client)
        if job and job.get("crawl_id") == self.shared.crawl_id:
            client.set(JOB_KEY, json.dumps({**job, "finished": True}))
        logger.info("Last worker of crawl %s: shared state deleted", self.shared.crawl_id)

    def _busy(self) -> bool:
        engine = self.crawler.engine
        try:
            return engine is not None and not engine.spider_is_idle()
        except RuntimeError:  # the engine is not running a spider (yet, or any more)
            return False

    def _say(self, busy: bool) -> None:
        state = {"busy": busy, "seen": time.time(), "pid": os.getpid(), "host": socket.gethostname()}
        self.shared.client.hset(self.shared.key("workers"), self.shared.worker, json.dumps(state))


@contextmanager
def dataset_lock(output_dir: Path) -> Iterator[None]:
    """An exclusive lock on a dataset folder (flock on the folder itself: no lock file is left behind), for what
    several workers rewrite: the manifest, the CAPTCHA cool-downs, purges."""
    output_dir.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(output_dir, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # closing releases the lock
