"""Content behind a paywall: HTTP 402, and pages whose schema.org data says they are not free.

Publishers mark paywalled (and registration-walled) articles for search engines with `isAccessibleForFree: false`
on the article, in JSON-LD or microdata, often with `hasPart` WebPageElements naming the walled parts by
cssSelector. The whole page is dropped then, even when only some parts are named: paywalled text must never reach
the dataset, and cutting a page by selectors would trust the markup to be complete. Event and Place also take the
property (a paid concert, a museum fee) and are not content, so only creative works count.

A JSON-LD block json cannot read, even once trailing commas and HTML comments are mended, is logged at DEBUG and
searched as text for the property set to false, so that an unescaped quote in an "articleBody" does not let a
paywall through. Otherwise an unreadable block is skipped: the page is allowed unless other markup says not free.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator, Mapping

from lxml import etree, html as lxml_html

from filters.decision import ALLOW, Decision, refuse

logger = logging.getLogger(__name__)

# The property is looked for in the whole page; only a page that has it is parsed, up to this much.
MAX_HTML_CHARS = 2 * 1024 * 1024
# Creative works, by the end of their schema.org type name: Article, NewsArticle, BlogPosting, WebPage, FAQPage,
# WebPageElement, Book, Recipe, ...
_WORK_SUFFIXES = tuple("""article posting page pageelement creativework blog book chapter review report recipe howto
    course thesis periodical publicationissue publicationvolume guide comment question answer manuscript""".split())
_NEEDLE = "isaccessibleforfree"
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*>")
_TRAILING_COMMA = re.compile(r",\s*([}\]])")
# The property set to false, as written in JSON-LD (read in blocks json cannot read).
_FALSE_IN_TEXT = re.compile(r'"isAccessibleForFree"\s*:\s*(?:false|"(?:https?://schema\.org/)?false")', re.IGNORECASE)
_VOCABULARY = re.compile(r"[/#:]")
_COMMENT_WRAPPER = re.compile(r"\A\s*(?:<!--|//\s*<!\[CDATA\[)|(?:-->|//\s*\]\]>)\s*\Z")


def check_response(status: int, headers: Mapping[str, str | list[str]]) -> Decision:
    """refuse("paywall", "HTTP 402") for 402 Payment Required; ALLOW otherwise.

    A 402 with a `crawler-price` header is Cloudflare's pay-per-crawl, which the anti-bot detector handles.
    """
    if status != 402:
        return ALLOW
    names = {
        (name.decode("latin-1") if isinstance(name, bytes) else str(name)).strip().lower()
        for name in (headers if isinstance(headers, Mapping) else ())
    }
    return ALLOW if "crawler-price" in names else refuse("paywall", "HTTP 402")


def check_page(html: str) -> Decision:
    """refuse("paywall", "isAccessibleForFree false") when the page's schema.org data marks its work not free.

    The work is a top-level creative work in JSON-LD or microdata, its main entity, or a walled section of it.
    """
    if isinstance(html, bytes):
        html = html.decode("utf-8", "replace")
    if not isinstance(html, str) or _NEEDLE not in html.lower():
        return ALLOW
    try:
        root = lxml_html.document_fromstring(_XML_DECLARATION.sub("", html[:MAX_HTML_CHARS], count=1))
    except (etree.LxmlError, ValueError) as exc:
        logger.debug("page HTML not parsed for isAccessibleForFree: %s", exc)
        return ALLOW
    if _json_ld_not_free(root) or _microdata_not_free(root):
        return refuse("paywall", "isAccessibleForFree false")
    return ALLOW


def _json_ld_not_free(root: lxml_html.HtmlElement) -> bool:
    """Whether a JSON-LD block marks a top-level work (the block, or an item of its list or @graph) not free."""
    for script in root.iter("script"):
        text = script.text or ""
        if (script.get("type") or "").strip().lower() != "application/ld+json" or _NEEDLE not in text.lower():
            continue
        value = _load(text)
        if (value is None and _FALSE_IN_TEXT.search(text)) or any(_not_free(node) for node in _top_nodes(value)):
            return True
    return False


def _load(text: str) -> object:
    """The JSON value of a JSON-LD block, mending the usual slips; None when it still cannot be read."""
    text = _COMMENT_WRAPPER.sub("", text)
    for candidate in (text, _TRAILING_COMMA.sub(r"\1", text)):
        for wrapped in (candidate, f"[{candidate}]"):  # "[...]" reads several objects separated by commas
            try:
                return json.loads(wrapped, strict=False)
            except (ValueError, RecursionError):
                continue
    logger.debug("JSON-LD block of %d characters not readable as JSON", len(text))
    return None


def _top_nodes(value: object) -> Iterator[dict]:
    if isinstance(value, list):
        for item in value:
            yield from _top_nodes(item)
    elif isinstance(value, dict):
        graph = value.get("@graph")
        yield from _top_nodes(graph) if isinstance(graph, (list, dict)) else (value,)


def _not_free(node: dict, depth: int = 0) -> bool:
    """Whether a creative work, one of its walled sections, or a page's main entity is marked not free."""
    if not _is_work(node.get("@type")):
        return False
    properties = {_name(key): value for key, value in node.items() if isinstance(key, str)}
    if _false(properties.get("isaccessibleforfree")):
        return True
    # A list page's parts may be whole articles, walled or not: only sections of this page (cssSelector) count.
    sections = [p for p in _as_list(properties.get("haspart")) if isinstance(p, dict) and _is_section(p)]
    entities = [e for e in _as_list(properties.get("mainentity")) if isinstance(e, dict)]
    return depth < 2 and any(_not_free(part, depth + 1) for part in sections + entities)


def _is_section(part: dict) -> bool:
    types = [_name(t) for t in _as_list(part.get("@type")) if isinstance(t, str)]
    return not types or "webpageelement" in types or "cssSelector" in part or "xpath" in part


def _microdata_not_free(root: lxml_html.HtmlElement) -> bool:
    """Whether an itemprop="isAccessibleForFree" says false for the page, a top-level work, or a part of one."""
    for element in root.xpath("//*[@itemprop]"):
        names = {_name(token) for token in element.get("itemprop", "").split()}
        if "isaccessibleforfree" not in names or element.get("itemscope") is not None:
            continue
        value = element.get("content") or element.get("href") or element.text_content()
        item = next((parent for parent in element.iterancestors() if parent.get("itemscope") is not None), None)
        # A nested item is some other thing's property (the publisher, a related story) unless it is a part.
        if _false(value) and (item is None or _is_work(item.get("itemtype")) and _is_main(item)):
            return True
    return False


def _is_main(item: lxml_html.HtmlElement) -> bool:
    roles = {_name(token) for token in (item.get("itemprop") or "").split()}
    return not roles or not roles.isdisjoint({"haspart", "mainentity"})


def _is_work(types: object) -> bool:
    """Whether a @type or itemtype names a creative work; a node without a type counts, to fail closed."""
    names = [_name(name) for value in _as_list(types) if isinstance(value, str) for name in value.split()]
    return not names or any(name.endswith(_WORK_SUFFIXES) for name in names)


def _false(value: object) -> bool:
    """Whether a property value says false: false, "False", "false", "https://schema.org/False", {"@value": false}."""
    if isinstance(value, dict):
        value = value.get("@value")
    if isinstance(value, list):
        return any(_false(item) for item in value)
    return value is False or isinstance(value, str) and _name(value) == "false"


def _name(value: str) -> str:
    """A property or type name without its vocabulary ("schema:", "http://schema.org/"), lower-cased."""
    return _VOCABULARY.split(value.strip())[-1].lower()


def _as_list(value: object) -> list:
    return value if isinstance(value, list) else [value]
