"""robots.txt rules for our product token, the AI crawlers it names, and the content signals in it."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from filters.decision import ALLOW, refuse
from filters.robots import RobotsRules, load_ai_training_tokens

URL = "https://example.test/page"
TOKEN = "MoissonBot"
AI_CRAWLERS = Path(__file__).resolve().parents[2].parent / "shared/corpora/ai-crawlers/robots.json"


def rules(text: str) -> RobotsRules:
    return RobotsRules.parse(text.encode())


# Fetch outcomes (RFC 9309 section 2.3.1)


def test_allow_all_allows_everything():
    allow = RobotsRules.allow_all("robots.txt answered 404")
    assert allow.check(URL, TOKEN) == ALLOW
    assert allow.crawl_delay(TOKEN) is None
    assert allow.ai_optout(URL, ["GPTBot"]) == ALLOW
    assert allow.content_signals(URL, TOKEN) == ALLOW


def test_disallow_all_refuses_everything_with_the_reason_given():
    unreachable = RobotsRules.disallow_all("robots.txt answered 503")
    assert unreachable.check(URL, TOKEN) == refuse("robots", "robots.txt answered 503")
    assert unreachable.check("https://example.test/robots.txt", TOKEN).reason == "robots"
    assert unreachable.crawl_delay(TOKEN) is None


# Matching (RFC 9309 section 2.2)


def test_disallowed_url_is_refused_and_others_allowed():
    robots = rules("User-agent: *\nDisallow: /private/\n")
    assert robots.check("https://example.test/private/a.html", TOKEN) == refuse("robots", "disallowed")
    assert robots.check("https://example.test/public.html", TOKEN) == ALLOW
    assert robots.check("https://example.test/robots.txt", TOKEN) == ALLOW


def test_a_group_for_our_token_replaces_the_star_group():
    robots = rules("User-agent: *\nDisallow: /\n\nUser-agent: moissonbot\nDisallow: /private/\n")
    assert robots.check(URL, TOKEN) == ALLOW
    assert not robots.check("https://example.test/private/x", TOKEN)
    assert not robots.check(URL, "OtherBot")


def test_groups_for_the_same_token_are_merged():
    robots = rules(
        "User-agent: MoissonBot\nDisallow: /a\n\nUser-agent: other\nDisallow: /\n\nUser-agent: MoissonBot\nDisallow: /b\n"
    )
    assert not robots.check("https://example.test/a", TOKEN)
    assert not robots.check("https://example.test/b", TOKEN)
    assert robots.check("https://example.test/c", TOKEN)


def test_the_product_token_is_matched_not_a_full_user_agent_string():
    robots = rules("User-agent: MoissonBot/2.1 (+https://moisson.invalid)\nDisallow: /\n")
    assert not robots.check(URL, TOKEN)
    assert robots.check(URL, "MoissonBot/1.0")  # Callers pass the product token, as RFC 9309 says.
    assert robots.check(URL, "Moisson")


def test_longest_match_wins_and_allow_wins_ties():
    robots = rules("User-agent: *\nDisallow: /a\nAllow: /a/b\nAllow: /c\nDisallow: /c\nDisallow: /*.pdf$\n")
    assert not robots.check("https://example.test/a/c", TOKEN)
    assert robots.check("https://example.test/a/b/c", TOKEN)
    assert robots.check("https://example.test/c", TOKEN)
    assert not robots.check("https://example.test/x/y.pdf", TOKEN)
    assert robots.check("https://example.test/x/y.pdf?v=1", TOKEN)


def test_an_empty_disallow_disallows_nothing():
    assert rules("User-agent: *\nDisallow:\n").check(URL, TOKEN) == ALLOW


def test_a_crawl_delay_between_user_agent_lines_does_not_split_the_group():
    robots = rules("User-agent: MoissonBot\nCrawl-delay: 5\nUser-agent: other\nDisallow: /\n")
    assert not robots.check(URL, TOKEN)
    assert robots.crawl_delay(TOKEN) == 5


def test_records_other_than_rules_do_not_end_the_user_agent_lines():
    # RFC 9309 section 2.2.4 and Google's parser: a Crawl-delay or Content-Signal line does not close the
    # list of user-agent lines, so the next user-agent line joins the same group.
    robots = rules("User-agent: *\nContent-Signal: ai-train=no\n\nUser-agent: GPTBot\nDisallow: /\n")
    assert not robots.check(URL, TOKEN)
    assert robots.content_signals(URL, "GPTBot").reason == "ai_optout"


def test_byte_order_mark_and_any_line_ending_are_read():
    assert not RobotsRules.parse(b"\xef\xbb\xbfUser-agent: *\rDisallow: /\r").check(URL, TOKEN)
    assert not RobotsRules.parse(b"User-agent: *\r\nDisallow: /\r\n").check(URL, TOKEN)


def test_only_the_first_500_kib_are_read():
    head = b"User-agent: *\nDisallow: /early\n"
    padding = b"# padding\n" * ((512_000 - len(head)) // 10)
    body = head + padding + b"\n" * (512_000 - len(head) - len(padding)) + b"Disallow: /late\n"
    robots = RobotsRules.parse(body)
    assert not robots.check("https://example.test/early", TOKEN)
    assert robots.check("https://example.test/late", TOKEN)


def test_a_line_cut_by_the_500_kib_limit_is_dropped_not_read_short():
    head = b"User-agent: *\n"
    body = head + b"#" * (512_000 - len(head) - 12) + b"\nDisallow: /abcdef\n"
    robots = RobotsRules.parse(body)  # Read short, the line would be "Disallow: /a" and refuse all of /a...
    assert robots.check("https://example.test/axyz", TOKEN) == ALLOW
    assert robots.check("https://example.test/abcdef", TOKEN) == ALLOW


@pytest.mark.parametrize(
    "body",
    [
        b"",
        os.urandom(4096),
        b"\x00\xff\xfe" * 1000,
        b"<!doctype html><html><body><h1>Not found</h1></body></html>",
        b"User-agent: *\nDisallow /a /b\nAllow\n: /x\n:::\n\xc3\x28\n" + b"x" * 100_000,
    ],
)
def test_garbage_is_no_rules_and_never_raises(body):
    robots = RobotsRules.parse(body)
    assert robots.check(URL, TOKEN) == ALLOW
    assert robots.ai_optout(URL, load_ai_training_tokens()) == ALLOW
    assert robots.content_signals(URL, TOKEN) == ALLOW
    assert robots.crawl_delay(TOKEN) is None


# Crawl-delay


def test_crawl_delay_comes_from_the_group_that_applies():
    robots = rules(
        "User-agent: *\nCrawl-delay: 2\nDisallow: /tmp\n\nUser-agent: MoissonBot\nCrawl-delay: 7.5\nDisallow: /x\n"
    )
    assert robots.crawl_delay(TOKEN) == 7.5
    assert robots.crawl_delay("OtherBot") == 2
    assert rules("User-agent: MoissonBot\nDisallow: /x\n").crawl_delay(TOKEN) is None


def test_crawl_delay_takes_the_longest_of_merged_groups_and_ignores_malformed_values():
    robots = rules(
        "User-agent: MoissonBot\nCrawl-delay: 3\nCrawl-delay: soon\nCrawl-delay: -1\nCrawl-delay: inf\n"
        "Disallow: /x\n\nUser-agent: MoissonBot\nCrawl-delay: 4\n"
    )
    assert robots.crawl_delay(TOKEN) == 4


# AI training crawlers named in robots.txt


AIBOTS = "User-agent: *\nAllow: /\n\nUser-agent: GPTBot\nUser-agent: CCBot\nDisallow: /\n"


def test_a_group_shutting_out_an_ai_crawler_is_an_ai_optout():
    robots = rules(AIBOTS)
    assert robots.check(URL, TOKEN) == ALLOW
    assert robots.ai_optout(URL, load_ai_training_tokens()) == refuse("ai_optout", "robots.txt disallows GPTBot")


def test_only_the_urls_the_ai_crawler_group_disallows_are_refused():
    robots = rules("User-agent: *\nDisallow: /tmp/\n\nUser-agent: gptbot\nDisallow: /articles/\n")
    tokens = load_ai_training_tokens()
    assert robots.ai_optout("https://example.test/articles/1", tokens) == refuse(
        "ai_optout", "robots.txt disallows GPTBot"
    )
    assert robots.ai_optout("https://example.test/about", tokens) == ALLOW
    # The * group speaks to every crawler, not to AI training ones.
    assert robots.ai_optout("https://example.test/tmp/x", tokens) == ALLOW


@pytest.mark.parametrize(
    ("line", "token"),
    [
        ("User-agent: AI2Bot", "AI2Bot"),
        ("User-agent: Kangaroo Bot", "Kangaroo Bot"),
        ("User-agent: Google-Extended", "Google-Extended"),
        ("User-agent: GPTBot/1.1", "GPTBot"),
        ("User-agent: CCBot*", "CCBot"),
    ],
)
def test_ai_crawler_tokens_are_found_however_the_line_writes_them(line, token):
    robots = rules(f"{line}\nDisallow: /\n")
    assert robots.ai_optout(URL, load_ai_training_tokens()) == refuse("ai_optout", f"robots.txt disallows {token}")


def test_training_crawler_list_selects_trainers_not_search_or_assistants():
    tokens = set(load_ai_training_tokens())
    assert {"GPTBot", "CCBot", "Google-Extended", "ClaudeBot", "anthropic-ai", "Applebot-Extended"} <= tokens
    assert {"Bytespider", "meta-externalagent", "cohere-training-data-crawler", "AI2Bot", "Diffbot"} <= tokens
    assert not tokens & {"OAI-SearchBot", "ChatGPT-User", "PerplexityBot", "Claude-User", "Applebot", "Googlebot"}


def test_training_crawler_list_keeps_its_source_and_licence():
    data = Path(__file__).resolve().parents[2] / "filters/data"
    listing = json.loads((data / "ai_training_crawlers.json").read_text(encoding="utf-8"))
    assert listing["source"] == "ai-robots-txt/ai.robots.txt @ 738c80d, MIT"
    assert "MIT License" in (data / "LICENSE-ai-robots-txt").read_text(encoding="utf-8")


@pytest.mark.skipif(not AI_CRAWLERS.is_file(), reason="ai-robots-txt corpus not found")
def test_every_selected_token_is_an_agent_of_the_source_list():
    agents = json.loads(AI_CRAWLERS.read_text(encoding="utf-8"))
    assert set(load_ai_training_tokens()) <= set(agents)


# Content signals


def test_cloudflare_content_signal_refusing_ai_training():
    robots = rules("User-Agent: *\nContent-Signal: search=yes, ai-train=no\nAllow: /\n")
    assert robots.check(URL, TOKEN) == ALLOW
    assert robots.content_signals(URL, TOKEN) == refuse("ai_optout", "content-signal ai-train=no")


@pytest.mark.parametrize(
    "signal", ["search=yes, ai-train=yes", "search=no", "ai-input=no", "ai-train = maybe", "garbage", ""]
)
def test_content_signals_that_do_not_refuse_training(signal):
    assert rules(f"User-Agent: *\nContent-Signal: {signal}\n").content_signals(URL, TOKEN) == ALLOW


def test_content_signal_applies_to_its_group_only():
    text = "User-agent: *\nContent-Signal: ai-train=no\nAllow: /\n\nUser-agent: MoissonBot\nAllow: /\n"
    assert rules(text).content_signals(URL, TOKEN) == ALLOW
    assert rules(text).content_signals(URL, "OtherBot") == refuse("ai_optout", "content-signal ai-train=no")


def test_content_signal_with_a_path_applies_under_that_path():
    robots = rules("User-agent: *\nContent-Signal: /blog/ ai-train=no\nContent-Signal: search=yes\n")
    assert robots.content_signals("https://example.test/blog/post", TOKEN).reason == "ai_optout"
    assert robots.content_signals("https://example.test/shop", TOKEN) == ALLOW


def test_content_usage_example_of_the_aipref_attach_draft():
    robots = rules(
        "User-Agent: *\nAllow: /\nDisallow: /never/\nContent-Usage: train-ai=n\nContent-Usage: /ai-ok/ train-ai=y\n"
        "\nUser-Agent: ExampleBot\nAllow: /\nContent-Usage: train-ai=y\n"
    )
    assert robots.content_signals("https://example.test/test", TOKEN) == refuse("ai_optout", "content-usage train-ai=n")
    assert robots.content_signals("https://example.test/ai-ok/test", TOKEN) == ALLOW
    assert robots.content_signals("https://example.test/test", "ExampleBot") == ALLOW


@pytest.mark.parametrize(
    ("usage", "label"),
    [
        ("train-ai=n", "train-ai"),
        ("/ train-ai=n, search=y", "train-ai"),
        ("train-genai=n", "train-genai"),
        ("all=n", "all"),
        ("tdm=n", "tdm"),
        ("train-ai=y, train-genai=n", "train-genai"),
        ("TRAIN-AI = N", "train-ai"),
    ],
)
def test_content_usage_refusing_training_or_a_category_containing_it(usage, label):
    robots = rules(f"User-agent: *\nContent-Usage: {usage}\n")
    assert robots.content_signals(URL, TOKEN) == refuse("ai_optout", f"content-usage {label}=n")


@pytest.mark.parametrize("usage", ["all=n, train-ai=y", "search=n", "train-ai=y", "train-ai", "/only/here train-ai=n"])
def test_content_usage_that_leaves_training_of_this_url_allowed(usage):
    assert rules(f"User-agent: *\nContent-Usage: {usage}\n").content_signals(URL, TOKEN) == ALLOW


def test_a_longer_content_usage_path_without_a_word_on_training_does_not_hide_a_refusal():
    robots = rules("User-agent: *\nContent-Usage: / train-ai=n\nContent-Usage: /page search=y\n")
    assert robots.content_signals(URL, TOKEN) == refuse("ai_optout", "content-usage train-ai=n")


def test_equally_long_content_usage_paths_combine_to_the_most_restrictive():
    robots = rules("User-agent: *\nContent-Usage: /page train-ai=y\nContent-Usage: /page train-ai=n\n")
    assert robots.content_signals(URL, TOKEN).reason == "ai_optout"


def test_content_usage_ends_the_user_agent_lines_of_a_group_like_a_rule():
    robots = rules("User-agent: MoissonBot\nContent-Usage: train-ai=n\nUser-agent: other\nDisallow: /\n")
    assert robots.check(URL, TOKEN) == ALLOW
    assert robots.content_signals(URL, TOKEN).reason == "ai_optout"
    assert robots.content_signals(URL, "other") == ALLOW


@pytest.mark.parametrize("line", ["Content-Usage:", "Content-Usage: /x", "Content-Signal: ,,,", "Content-Usage: =n"])
def test_malformed_signal_lines_are_ignored(line, caplog):
    with caplog.at_level("DEBUG", logger="filters._robots_parse"):
        robots = rules(f"User-agent: *\n{line}\nDisallow: /private\n")
    assert robots.content_signals(URL, TOKEN) == ALLOW
    assert not robots.check("https://example.test/private", TOKEN)
    assert "malformed" in caplog.text
