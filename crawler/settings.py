"""Every default of a Moisson crawl, Scrapy's and Moisson's own, in one place.

The crawl file overrides some of these (see crawler.config.to_settings); tests and the demo override
a few more. Moisson's own settings are grouped by prefix, each documented in a line.
"""

from __future__ import annotations

from filters import _sensitive_model

BOT_NAME = "moisson"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

# --- Politeness -----------------------------------------------------------------------------
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
# Keep it above 0: with no delay, Scrapy 2.19's downloader starts all of a site's queued requests at once,
# past CONCURRENT_REQUESTS_PER_DOMAIN (a slot's transfers are counted only once each task has started).
DOWNLOAD_DELAY = 0.25
RETRY_TIMES = 1
# Breadth first, so that a site's trap (an endless calendar) is cut by depth before it eats the frontier.
DEPTH_PRIORITY = 1
SCHEDULER_DISK_QUEUE = "scrapy.squeues.PickleFifoDiskQueue"
SCHEDULER_MEMORY_QUEUE = "scrapy.squeues.FifoMemoryQueue"

# --- What we never send ---------------------------------------------------------------------
COOKIES_ENABLED = False
HTTPPROXY_ENABLED = False
TELNETCONSOLE_ENABLED = False
# Scrapy 2.19's remote control: an HTTP server on localhost that runs Python code sent to it, its token written to
# a job file in the user's home. Off, like the telnet console: a crawl takes no commands from outside.
REMOTE_CONTROL_ENABLED = False
# Log items by URL only: page text never goes to the logs.
LOG_FORMATTER = "crawler.logformatter.QuietLogFormatter"
DEFAULT_DROPITEM_LOG_LEVEL = "DEBUG"

# --- Limits (the crawl file's [limits] section sets them per crawl) -------------------------
DEPTH_LIMIT = 10
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024
DOWNLOAD_WARNSIZE = 5 * 1024 * 1024
DOWNLOAD_TIMEOUT = 30
REDIRECT_MAX_TIMES = 5
DNS_TIMEOUT = 20

# --- Components -----------------------------------------------------------------------------
DOWNLOAD_HANDLERS = {
    "http": "crawler.handlers.GuardedHTTPDownloadHandler",
    "https": "crawler.handlers.GuardedHTTPDownloadHandler",
}
TWISTED_DNS_RESOLVER = "crawler.resolver.GuardedResolver"
# process_request runs in increasing order, process_response in decreasing order.
DOWNLOADER_MIDDLEWARES = {
    # First of all: a blocked site, or a URL carrying credentials, gets no request at all.
    "crawler.middlewares.blocklist.BlocklistMiddleware": 50,
    # Then the opt-out registry's domains and URL prefixes: no request either.
    "crawler.middlewares.optout.OptoutMiddleware": 52,
    "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": None,
    "crawler.middlewares.access.AccessMiddleware": 55,
    # Before robots.txt, so that not even robots.txt is fetched from a refused address or a stopped site.
    "crawler.middlewares.network.PrivateNetworkMiddleware": 60,
    "crawler.middlewares.stops.SiteStopMiddleware": 70,
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawler.middlewares.robots.RobotsMiddleware": 100,
    "scrapy.downloadermiddlewares.httpauth.HttpAuthMiddleware": None,
    # The response side of these runs after decompression (590), on the decoded page; the challenge check
    # runs before retries (550), so a challenge answered with 429 or 503 is never asked again.
    "crawler.middlewares.captcha.CaptchaMiddleware": 580,
    "crawler.middlewares.aioptout.AiOptoutMiddleware": 570,
    # (The access middleware's response side runs at 55, after all of these.)
    "crawler.middlewares.content.ContentMiddleware": 560,
}
SPIDER_MIDDLEWARES = {
    # Spider output reaches it after DepthMiddleware (900) and UrlLengthMiddleware (800): a link those drop
    # takes no place under a cap.
    "crawler.middlewares.frontier.FrontierMiddleware": 750,
}
# At the end of a recrawl, rows of earlier crawls from sites that now refuse are purged.
EXTENSIONS = {
    "crawler.withdrawal.WithdrawalExtension": 500,
    # A distributed crawl (MOISSON_REDIS_URL): a worker stays while others may add work; the last one cleans up.
    "crawler.distributed.DistributedExtension": 510,
}
ITEM_PIPELINES = {
    "pipelines.extract.ExtractPipeline": 100,
    "pipelines.sensitive.SensitivePipeline": 200,
    "pipelines.pii.PiiPipeline": 300,
    # After pseudonymisation (it reads the keyed hashes found) and before dedup (a dropped page indexes nothing).
    "pipelines.optout.OptoutPipeline": 350,
    "pipelines.dedup.DedupPipeline": 400,
    "pipelines.dataset.DatasetPipeline": 900,
}

# --- Moisson --------------------------------------------------------------------------------
# Where the dataset goes (the crawl file's [output] dir, or --out).
MOISSON_OUTPUT_DIR = "data/crawl"
# The crawl file's [crawl] metadata and text, recorded in the manifest.
MOISSON_CRAWL: dict = {}
# How long kept rows may be stored, in days (the crawl file's retention_days).
MOISSON_RETENTION_DAYS = 365
# Start URLs.
MOISSON_SEEDS: list[str] = []
# Which links to follow: "same_domain" (the seeds' registered domains) or "any".
MOISSON_FOLLOW_LINKS = "same_domain"
# Cap on pages requested in the whole crawl; 0 means no cap.
MOISSON_MAX_PAGES = 0
# Cap on pages requested from one host, so that endless sites (calendars, faceted search) end.
MOISSON_MAX_PAGES_PER_SITE = 5000
# Let requests reach loopback, private, link-local and reserved addresses.
MOISSON_ALLOW_PRIVATE_NETWORK = False
# Tests and demo only: {"suffix": "address"}; hosts under a suffix resolve to the address and stand for
# public hosts (the private-network guard lets them through). Never set it for a real crawl.
MOISSON_TEST_HOSTS: dict[str, str] = {}
# robots.txt: how long rules are cached, how soon a failed fetch (5xx, 429, unreachable) is tried again,
# how much of the file is read (RFC 9309 asks for at least 500 KiB), and the longest Crawl-delay honoured
# (a site asking for more is not crawled).
MOISSON_ROBOTS_CACHE_SECONDS = 24 * 3600
MOISSON_ROBOTS_RETRY_SECONDS = 600
MOISSON_ROBOTS_MAX_BYTES = 500 * 1024
MOISSON_MAX_CRAWL_DELAY = 60.0
# AI opt-out signals (the crawl file's [ai_optout] section): robots.txt groups naming AI training crawlers,
# content signals in robots.txt, TDMRep (/.well-known/tdmrep.json), and page signals (noai, tdm-reservation,
# Content-Usage headers).
MOISSON_AI_OPTOUT_ROBOTS = True
MOISSON_AI_OPTOUT_CONTENT_SIGNALS = True
MOISSON_AI_OPTOUT_TDMREP = True
MOISSON_AI_OPTOUT_PAGE = True
# Stop a site at its first CAPTCHA or anti-bot challenge, and leave it alone this many days in later crawls.
MOISSON_CAPTCHA_ENABLED = True
MOISSON_CAPTCHA_COOLDOWN_DAYS = 7.0
# Blocklists (the crawl file's [blocklists] section): categories in force (None: all shipped ones), hosts
# excepted (a licence), and the crawl's own lists ({"file": path, "category": c} or {"ut1": directory}).
MOISSON_BLOCKLIST_ENABLED = True
MOISSON_BLOCKLIST_CATEGORIES: list[str] | None = None
MOISSON_BLOCKLIST_EXCEPTIONS: list[str] = []
MOISSON_BLOCKLIST_EXTRA: list[dict] = []
# Login walls, paywalls and credentials in URLs are refused.
MOISSON_ACCESS_ENABLED = True
# Special-category data (the crawl file's [sensitive] section): drop the "document" or only the disclosing
# "passage"s; a site is stopped once `SITE_SHARE` of at least `SITE_MIN_PAGES` of its pages disclose.
MOISSON_SENSITIVE_ENABLED = True
MOISSON_SENSITIVE_MODE = "document"
MOISSON_SENSITIVE_SITE_SHARE = 0.5
MOISSON_SENSITIVE_SITE_MIN_PAGES = 10
# The trained passage classifier runs after the rules; a passage it finds disclosing with a probability of at
# least THRESHOLD is refused (higher keeps more text and refuses fewer disclosures).
MOISSON_SENSITIVE_MODEL = True
MOISSON_SENSITIVE_THRESHOLD = _sensitive_model.THRESHOLD
# Personal data (the crawl file's [pii] section): replaced by keyed pseudonyms. The key is read from the
# environment variable MOISSON_PII_KEY_ENV names, if set, else from MOISSON_PII_KEY_FILE (created, mode 0600).
# Duplicates (the crawl file's [dedup] section): exact by normalised text, near by MinHash LSH over word
# 5-grams from this Jaccard similarity; texts under MIN_WORDS words are judged by the exact key only.
MOISSON_DEDUP_ENABLED = True
MOISSON_DEDUP_THRESHOLD = 0.8
MOISSON_DEDUP_MIN_WORDS = 50
MOISSON_PII_ENABLED = True
MOISSON_PII_KEY_FILE = "data/pii.key"
MOISSON_PII_KEY_ENV = None
# The opt-out registry (SQLite; the crawl file's [optout] db, or --optout-db), read before the first request.
MOISSON_OPTOUT_DB = "data/optout.sqlite"
# Content types kept as pages; anything else is excluded as "unsupported".
MOISSON_HTML_TYPES = ["text/html", "application/xhtml+xml"]
# A page whose main text is shorter than this (a lone menu, a placeholder) has no main text.
MOISSON_MIN_TEXT_CHARS = 50
# Worker processes for the CPU-heavy page stages (extraction, sensitive data, PII): "auto" is one per core,
# 0 runs them in the crawl's own process (see crawler.offload).
MOISSON_PROCESSES = "auto"
# Responses whose pages wait for the pool are held here, parsed, up to this many bytes of body (Scrapy's default is
# 5 MB: thousands of small pages, hundreds of MB); downloads pause above it. 2 MB keeps the pool as busy
# (bench/crawl_cpu.py) and lowered the crawl process's peak from 843 to 648 MB on 20,000 small pages
# (bench/crawl_memory.py).
SCRAPER_SLOT_MAX_ACTIVE_SIZE = 2_000_000
# Rows buffered before a dataset part file is written, and the longest a row waits in the buffer.
MOISSON_PART_ROWS = 2000
MOISSON_PART_SECONDS = 60.0

# A distributed crawl: the Redis server its workers share, the crawl's id and this worker's name (set by
# `moisson crawl --redis` and `moisson worker`; see crawler.distributed).
MOISSON_REDIS_URL = ""
MOISSON_CRAWL_ID = ""
MOISSON_WORKER = ""

# `scrapy crawl web -a config=FILE` reads the crawl file through the project's own crawl command.
COMMANDS_MODULE = "crawler.commands"
