"""Content behind a paywall: HTTP 402, and schema.org isAccessibleForFree in JSON-LD and microdata."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest

from filters.paywall import check_page, check_response

CORPORA = Path(__file__).resolve().parents[2].parent / "shared" / "corpora" / "html"
ARTICLE = "<p>The river rose two metres after the storm, and the council met on Tuesday.</p>" * 5
SECTION = {"@type": "WebPageElement", "isAccessibleForFree": False, "cssSelector": ".paywall"}


def page(head: str = "", body: str = "") -> str:
    return (
        f"<!DOCTYPE html><html><head><title>Flood</title>{head}</head>"
        f"<body><article><h1>Flood</h1>{ARTICLE}<div class='paywall'>{ARTICLE}</div>{body}</article></body></html>"
    )


def json_ld(value: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(value)}</script>'


def article(**properties: object) -> dict:
    return {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Flood", **properties}


def refused(html: object) -> bool:
    decision = check_page(html)  # type: ignore[arg-type]
    if not decision.allowed:
        assert (decision.reason, decision.detail) == ("paywall", "isAccessibleForFree false")
    return not decision.allowed


# HTTP 402


@pytest.mark.parametrize("headers", [{}, {"Content-Type": "text/html"}, None, "garbage"])
def test_402_is_a_paywall(headers):
    decision = check_response(402, headers)
    assert (decision.allowed, decision.reason, decision.detail) == (False, "paywall", "HTTP 402")


@pytest.mark.parametrize(
    "headers",
    [{"crawler-price": "USD 0.01"}, {"Crawler-Price": ["USD 0.01"]}, {b"Crawler-Price": [b"USD 0.01"]}],
)
def test_cloudflare_pay_per_crawl_is_left_to_the_anti_bot_detector(headers):
    assert check_response(402, headers).allowed


@pytest.mark.parametrize("status", [200, 401, 403, 404, 500])
def test_other_statuses_are_allowed(status):
    assert check_response(status, {"crawler-price": "USD 0.01"}).allowed
    assert check_response(status, {}).allowed


# JSON-LD


@pytest.mark.parametrize("value", [False, "False", "false", "http://schema.org/False", "https://schema.org/False"])
def test_an_article_marked_not_free_is_refused(value):
    assert refused(page(json_ld(article(isAccessibleForFree=value))))


@pytest.mark.parametrize("value", [True, "True", "true", "http://schema.org/True", "", None, "maybe"])
def test_an_article_marked_free_or_unmarked_is_allowed(value):
    assert not refused(page(json_ld(article(isAccessibleForFree=value))))
    assert not refused(page(json_ld(article())))
    assert not refused(page())


def test_googles_example_with_has_part_is_refused():
    assert refused(page(json_ld(article(isAccessibleForFree=False, hasPart=SECTION))))


def test_a_free_article_with_a_walled_section_is_refused_whole():
    # The page says it is free but names a paywalled part: the whole page goes, not only the part.
    assert refused(page(json_ld(article(isAccessibleForFree="http://schema.org/True", hasPart=SECTION))))
    assert refused(page(json_ld(article(hasPart=[{"@type": "WebPageElement", "cssSelector": ".a"}, SECTION]))))
    free_section = {**SECTION, "isAccessibleForFree": True}
    assert not refused(page(json_ld(article(isAccessibleForFree=True, hasPart=free_section))))


@pytest.mark.parametrize(
    "kind", ["Article", "BlogPosting", "WebPage", "Report", "ScholarlyArticle", "http://schema.org/NewsArticle",
             "schema:OpinionNewsArticle", ["NewsArticle", "Product"], ["CreativeWork", "Product"], None],
)
def test_every_kind_of_creative_work_counts(kind):
    node = {"@context": "https://schema.org", "isAccessibleForFree": False}
    if kind is not None:
        node["@type"] = kind
    assert refused(page(json_ld(node)))


@pytest.mark.parametrize("kind", ["Event", "MusicEvent", "Place", "Museum", "TouristAttraction", "Product", "Offer"])
def test_things_that_are_not_content_do_not_count(kind):
    # A paid concert or a museum with an entrance fee is not a paywall.
    assert not refused(page(json_ld({"@context": "https://schema.org", "@type": kind, "isAccessibleForFree": False})))


def test_json_ld_in_a_graph_is_read():
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "Organization", "@id": "#org", "name": "Courier"},
            {"@type": "WebSite", "@id": "#site"},
            {"@type": "NewsArticle", "headline": "Flood", "isAccessibleForFree": "False", "hasPart": SECTION},
        ],
    }
    assert refused(page(json_ld(graph)))
    graph["@graph"][2]["isAccessibleForFree"] = "True"
    graph["@graph"][2].pop("hasPart")
    assert not refused(page(json_ld(graph)))


def test_json_ld_in_a_list_and_in_several_scripts_is_read():
    assert refused(page(json_ld([{"@type": "WebSite", "name": "Courier"}, article(isAccessibleForFree=False)])))
    scripts = json_ld({"@type": "BreadcrumbList"}) + json_ld(article(isAccessibleForFree=False))
    assert refused(page(scripts))


def test_a_pages_main_entity_counts():
    web_page = {"@type": "WebPage", "mainEntity": article(isAccessibleForFree=False)}
    assert refused(page(json_ld(web_page)))


def test_other_works_the_page_merely_mentions_do_not_count():
    front = {
        "@type": "CollectionPage",
        "hasPart": [article(isAccessibleForFree=False, url="/a"), article(isAccessibleForFree=False, url="/b")],
    }
    item = {"@type": "ListItem", "item": article(isAccessibleForFree=False)}
    listing = {"@type": "ItemList", "itemListElement": [item]}
    related = article(isAccessibleForFree=True, isBasedOn=article(isAccessibleForFree=False))
    for node in (front, listing, related):
        assert not refused(page(json_ld(node)))


@pytest.mark.parametrize(
    "script",
    [
        # Trailing commas.
        '{"@type": "NewsArticle", "isAccessibleForFree": false, "hasPart": {"@type": "WebPageElement",},}',
        # Wrapped in an HTML comment, or in CDATA.
        '<!-- {"@type": "NewsArticle", "isAccessibleForFree": "False"} -->',
        '//<![CDATA[\n{"@type": "NewsArticle", "isAccessibleForFree": "False"}\n//]]>',
        # Two objects with a comma between them, and a raw newline inside a string.
        '{"@type": "WebSite"}, {"@type": "NewsArticle", "headline": "Two\nlines", "isAccessibleForFree": false}',
        # Unescaped quotes in an HTML value: not JSON at all, but it says false.
        '{"@type": "NewsArticle", "image": "<img src="x.jpg" />", "isAccessibleForFree": "false"}',
    ],
)
def test_malformed_json_ld_that_says_not_free_is_refused(script):
    assert refused(page(f'<script type="application/ld+json">{script}</script>'))


@pytest.mark.parametrize(
    "script",
    [
        '{"@type": "NewsArticle", "isAccessibleForFree": true, "image": "<img src="x.jpg">"}',
        '{"@type": "NewsArticle", "isAccessibleForFree": ',
        "{{{{ isAccessibleForFree ]]]",
        "[" * 100_000 + '"isAccessibleForFree"' + "]" * 100_000,
    ],
)
def test_unreadable_json_ld_is_skipped(script):
    assert not refused(page(f'<script type="application/ld+json">{script}</script>'))


def test_the_property_outside_json_ld_and_microdata_does_not_count():
    talk = "<p>Set <code>isAccessibleForFree</code> to false on paywalled articles.</p>"
    js = '<script>var config = {"isAccessibleForFree": false};</script>'
    assert not refused(page(js, talk))


# Microdata


def test_microdata_on_the_article_is_read():
    meta = '<meta itemprop="isAccessibleForFree" content="false">'
    assert refused(f'<html><body><article itemscope itemtype="http://schema.org/NewsArticle">{meta}</article></body>')
    assert refused(f"<html><head>{meta}</head><body><p>x</p></body></html>")  # no item: the page's
    assert refused(
        '<html><body><div itemscope itemtype="https://schema.org/Article">'
        '<link itemprop="isAccessibleForFree" href="http://schema.org/False"></div></body></html>'
    )


def test_microdata_on_a_walled_section_is_read():
    nyt = (
        '<article itemscope itemtype="http://schema.org/NewsArticle"><h1>Flood</h1>'
        '<span itemprop="isPartOf" itemscope itemtype="http://schema.org/CreativeWork http://schema.org/Product">'
        '<meta itemprop="name" content="The Courier"></span>'
        '<span itemprop="hasPart" itemscope itemtype="http://schema.org/WebPageElement">'
        '<meta itemprop="isAccessibleForFree" content="False"><meta itemprop="cssSelector" content=".paywall"></span>'
        "</article>"
    )
    assert refused(f"<html><body>{nyt}</body></html>")


@pytest.mark.parametrize(
    "body",
    [
        '<article itemscope itemtype="http://schema.org/NewsArticle"><meta itemprop="isAccessibleForFree" '
        'content="true"><div itemprop="articleBody">Text.</div></article>',
        '<div itemscope itemtype="http://schema.org/Event"><meta itemprop="isAccessibleForFree" content="false"></div>',
        '<article itemscope itemtype="http://schema.org/NewsArticle"><div itemprop="isRelatedTo" itemscope '
        'itemtype="http://schema.org/NewsArticle"><meta itemprop="isAccessibleForFree" content="false"></div>'
        "</article>",
        '<article itemscope itemtype="http://schema.org/NewsArticle"><span itemprop="publisher" itemscope '
        'itemtype="http://schema.org/Organization"><meta itemprop="isAccessibleForFree" content="false"></span>'
        "</article>",
    ],
)
def test_microdata_that_does_not_wall_the_page_is_allowed(body):
    assert not refused(f"<html><body>{body}</body></html>")


@pytest.mark.parametrize(
    "html",
    [None, "", 42, b"", "isAccessibleForFree", "<html", "\x00isAccessibleForFree\ud800",
     "<?xml version='1.0' encoding='utf-8'?><html><body><meta itemprop='isAccessibleForFree' content='x'></body>"],
)
def test_garbage_never_raises(html):
    assert not refused(html)


def test_bytes_and_xml_declarations_are_read():
    walled = page(json_ld(article(isAccessibleForFree=False)))
    assert refused(walled.encode("utf-8"))
    assert refused("<?xml version='1.0' encoding='utf-8'?>" + walled)


def test_a_large_page_is_read():
    filler = "<p>word</p>" * 300_000
    assert refused(page(json_ld(article(isAccessibleForFree=False)), filler))
    assert not refused(page(json_ld(article(isAccessibleForFree=True)), filler))


def test_the_html_corpora():
    """Every corpus page that marks anything not free is refused, and no other page is."""
    pages = sorted(CORPORA.glob("*/**/*.html.gz"))
    if not pages:
        pytest.skip(f"HTML corpora not found at {CORPORA}")
    says_false = re.compile(r"""isAccessibleForFree["']?\s*(?::|content=)\s*["']?(?:https?://schema\.org/)?false""",
                            re.IGNORECASE)
    texts = {path.name: gzip.decompress(path.read_bytes()).decode("utf-8", "replace") for path in pages}
    expected = {name for name, text in texts.items() if says_false.search(text)}
    assert len(expected) >= 30  # WSJ, NYT, LA Times, Wired, AOC, Sciences et Avenir, ...
    assert {name for name, text in texts.items() if refused(text)} == expected
