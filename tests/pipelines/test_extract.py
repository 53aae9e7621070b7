"""Tests for pipelines.extract: main text kept, boilerplate dropped, bad input tolerated."""

from __future__ import annotations

import pytest

from pipelines.extract import Extracted, extract

PARAGRAPHS = [
    "The river rose slowly through the night, and by morning the lower town was under water.",
    "Volunteers stacked sandbags along the quay while the ferry kept running every half hour.",
    "By noon the water had started to fall, leaving a line of mud on every door in the square.",
]


def article_page(lang: str = "en") -> str:
    """A small article page wrapped in typical site navigation and footer."""
    body = "\n".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><title>Flood in the lower town</title></head>
<body>
  <nav><ul><li><a href="/">Home</a></li><li><a href="/news">News desk</a></li>
  <li><a href="/subscribe">Subscribe to our newsletter</a></li></ul></nav>
  <article><h1>Flood in the lower town</h1>{body}</article>
  <footer><p>Copyright 2024 Example Gazette. All rights reserved. Privacy policy.</p></footer>
</body></html>"""


def test_article_text_title_without_boilerplate() -> None:
    result = extract(article_page(), "https://example.org/flood")
    assert isinstance(result, Extracted)
    assert result.text.split("\n")[-3:] == PARAGRAPHS
    assert result.title == "Flood in the lower town"
    for boilerplate in ("Subscribe to our newsletter", "News desk", "All rights reserved"):
        assert boilerplate not in result.text


@pytest.mark.parametrize(
    "body",
    [
        "",
        "<div id='root'></div><script>window.app = {render: true, text: 'client side only'};</script>",
        "<nav><ul><li><a href='/'>Home</a></li><li><a href='/news'>News</a></li></ul></nav>"
        "<footer><p>Copyright 2024 Example Gazette. All rights reserved.</p></footer>",
    ],
    ids=["empty-body", "script-shell", "nav-and-footer"],
)
def test_page_without_content_gives_none(body: str) -> None:
    html = f"<html><head><title>Nothing here</title></head><body>{body}</body></html>"
    assert extract(html, "https://example.org/empty") is None


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   \n\t",
        "\x00" * 512,
        bytes(range(256)).decode("latin-1") * 20,
        "<div>" * 20000 + "deep" + "</div>" * 20000,
        "<html><body><p>\udcff broken \ud800 encoding</p></body>",
    ],
    ids=["empty", "whitespace", "nul", "binary", "deep-nesting", "lone-surrogates"],
)
def test_garbage_gives_none_without_raising(html: str) -> None:
    assert extract(html, "https://example.org/garbage") is None


def test_encoding_declaration_in_decoded_text_is_tolerated() -> None:
    # lxml refuses str input that declares an encoding; Scrapy hands us such str.
    html = "<?xml version='1.0' encoding='latin-1'?>" + article_page()
    result = extract(html, "https://example.org/xml")
    assert result is not None
    assert PARAGRAPHS[0] in result.text


def test_non_string_input_gives_none() -> None:
    assert extract(12345, "https://example.org/int") is None  # type: ignore[arg-type]


@pytest.mark.parametrize(("lang", "expected"), [("fr", "fr"), ("fr-FR", "fr"), ("", ""), ("french", "")])
def test_language_from_html_lang(lang: str, expected: str) -> None:
    result = extract(article_page(lang), "https://example.org/crue")
    assert result is not None
    assert result.language == expected
