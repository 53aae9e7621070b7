"""Main-text extraction from HTML pages (trafilatura), and the pipeline that applies it to each page."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from scrapy.exceptions import DropItem
from trafilatura import bare_extraction, load_html

from crawler.exclusions import record_exclusion
from crawler.offload import Offload
from filters.decision import refuse

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

    from crawler.spiders.web import Page

logger = logging.getLogger(__name__)
# trafilatura and htmldate log at WARNING/ERROR for every page they cannot use, which for a crawler is routine.
for _name in ("trafilatura", "htmldate", "justext"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)

# Chosen with bench/extraction.py (bench/RESULTS-extraction.md). favor_precision ties the
# balanced default on F1 (0.964/0.919 vs 0.960/0.923) but lets less nav/footer boilerplate
# through, which hurts training data more than a missed paragraph. Tables hold real content
# (dropping them costs recall); comments are third-party text of low quality. No deduplicate:
# its cache is shared across calls, so results would depend on crawl order.
_OPTIONS: dict[str, Any] = {
    "favor_precision": True,
    "include_tables": True,
    "include_comments": False,
}

# Main text shorter than this (characters) from the main extractor alone sends the page through the fallbacks:
# 1,000 scores as the fallbacks on every page do, to 0.001 (bench/RESULTS-extraction.md), 1.3 times faster.
FALLBACK_BELOW = 1000

_LANG_RE = re.compile(r"^([a-z]{2})(?:[-_].*)?$")
# Fallbacks when <html lang> is missing; same places trafilatura checks.
_LANG_XPATHS = (
    "//meta[@http-equiv='content-language' or @http-equiv='Content-Language']/@content",
    "//meta[@property='og:locale']/@content",
)


@dataclass(frozen=True)
class Extracted:
    """Main text of a page with its title and declared language."""

    text: str  # main text, paragraphs separated by "\n"
    title: str  # "" if none
    language: str  # ISO 639-1 from <html lang> or page metadata, "" if unknown


def _language(tree: Any) -> str:
    """ISO 639-1 code declared by the page, "" when absent or not a two-letter code."""
    candidates = [tree.get("lang") or tree.get("xml:lang") or ""]
    for xpath in _LANG_XPATHS:
        candidates.extend(str(value) for value in tree.xpath(xpath))
    for candidate in candidates:
        match = _LANG_RE.match(candidate.strip().lower())
        if match:
            return match.group(1)
    return ""


def _title(tree: Any) -> str:
    """The page's <title>, else its og:title; whitespace folded."""
    title = tree.findtext(".//title") or "".join(tree.xpath("//meta[@property='og:title']/@content")[:1])
    return " ".join(title.split())


def extract(html: str, url: str) -> Extracted | None:
    """Main text of an HTML page with trafilatura; None when the page has no main text."""
    # Hostile pages can make lxml or trafilatura fail in many ways (RecursionError,
    # ValueError, lxml errors...): one bad page must never stop the crawl.
    try:
        if not html or not html.strip():
            return None
        tree = load_html(html)
        if tree is None:
            return None
        # Read before extraction, which prunes the tree. trafilatura's own metadata step (dates, authors)
        # took about 40% of the extraction time for a title we can read directly.
        title, language = _title(tree), _language(tree)
        # trafilatura's main extractor alone first; its fallbacks (readability, jusText), a third of the time,
        # only for a page where it finds little.
        doc = bare_extraction(tree, url=url, with_metadata=False, fast=True, **_OPTIONS)
        if doc is None or len((doc.text or "").strip()) < FALLBACK_BELOW:
            tree = load_html(html)
            doc = bare_extraction(tree, url=url, with_metadata=False, **_OPTIONS)
        if doc is None or not (doc.text or "").strip():
            return None
        return Extracted(text=doc.text.strip(), title=title, language=language)
    except Exception as exc:  # noqa: BLE001 - see above
        logger.debug("extraction failed for %s: %s", url, type(exc).__name__)
        return None


class ExtractPipeline:
    """Replaces each page's HTML by its main text; a page with no main text is excluded as `unsupported`."""

    def __init__(self, crawler: Crawler, min_chars: int) -> None:
        self.crawler = crawler
        self.min_chars = min_chars
        self.offload = Offload.of(crawler)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ExtractPipeline:
        return cls(crawler, crawler.settings.getint("MOISSON_MIN_TEXT_CHARS"))

    async def process_item(self, item: Page) -> Page:
        extracted = await self.offload.run(extract, item.html, item.url)
        item.html = ""  # markup is not kept past this point
        # trafilatura falls back to whatever text a page has, such as a lone menu.
        if extracted is None or len(extracted.text) < self.min_chars:
            record_exclusion(self.crawler, item.url, refuse("unsupported", "no main text"), "extract")
            raise DropItem("no main text")
        item.text, item.title, item.language = extracted.text, extracted.title, extracted.language
        return item
