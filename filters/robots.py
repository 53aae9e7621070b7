"""robots.txt as RFC 9309 says, and the AI training opt-outs written in it.

Three questions are asked of one host's robots.txt: may our product token crawl this URL (RFC 9309), does
the file refuse this URL to a known AI training crawler by name, and does the group that applies to us carry
a content signal refusing AI training (Cloudflare's Content-Signal, the IETF aipref Content-Usage rule).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files

from filters._robots_parse import Groups, RuleSet, Signal, decode, parse_groups
from filters.decision import ALLOW, Decision, refuse

logger = logging.getLogger(__name__)

# draft-ietf-aipref-vocab: a preference stated for a category covers its subsets unless they state their own.
# Moisson's datasets train generative models, so we read the most specific category first. Labels of
# earlier drafts (-01: genai, ai, tdm; -02: train-genai, train-ai, all) are read as well.
_TRAINING_LEVELS = (("train-genai", "genai"), ("train-ai", "ai"), ("all", "tdm"))
_CONTENT_SIGNAL_VALUES = {"yes": "y", "y": "y", "no": "n", "n": "n"}

# (preference, label): "y" or "n", and the key that stated it.
Stated = tuple[str, str]


@dataclass(frozen=True)
class RobotsRules:
    """What one host's robots.txt says, for the fetch outcome it came from."""

    groups: Groups = field(default_factory=Groups, repr=False)
    # Non-empty for a complete disallow (RFC 9309 section 2.3.1.4): the refusal's detail.
    unreachable: str = ""
    # Why there are no rules at all, for logs (allow_all).
    note: str = ""

    @classmethod
    def parse(cls, body: bytes) -> RobotsRules:
        """The rules of a robots.txt fetched with a 2xx status; only its first 500 KiB are read."""
        groups = parse_groups(decode(body))
        logger.debug(
            "robots.txt: %d product tokens, %s * group, %d bytes",
            len(groups.by_token),
            "a" if groups.everyone else "no",
            len(body),
        )
        return cls(groups)

    @classmethod
    def allow_all(cls, why: str) -> RobotsRules:
        """No rules: robots.txt is unavailable (4xx), so everything may be crawled (RFC 9309 section 2.3.1.3)."""
        return cls(note=why)

    @classmethod
    def disallow_all(cls, why: str) -> RobotsRules:
        """Complete disallow: robots.txt is unreachable (5xx, 429, network error, too many redirects), RFC 9309
        section 2.3.1.4; `why` (e.g. "robots.txt answered 503") becomes the refusal's detail."""
        return cls(unreachable=why or "robots.txt unreachable")

    def check(self, url: str, product_token: str) -> Decision:
        """ALLOW, or a "robots" refusal if the rules for our product token disallow the URL.

        The token is compared case-insensitively with the product token of each user-agent line, as given: a
        full User-Agent string matches no group, as in Google's matcher."""
        if self.unreachable:
            return refuse("robots", self.unreachable)
        rules = self.groups.for_token(product_token)
        if rules is None or rules.allows(url):
            return ALLOW
        return refuse("robots", "disallowed")

    def crawl_delay(self, product_token: str) -> float | None:
        """The Crawl-delay, in seconds, of the groups that apply to our product token, if any says one."""
        rules = self.groups.for_token(product_token)
        # Merged groups may each say one; the longest is the politest reading.
        return max(rules.delays) if rules and rules.delays else None

    def ai_optout(self, url: str, ai_tokens: Iterable[str]) -> Decision:
        """An "ai_optout" refusal if a group naming an AI training crawler (not `*`) disallows the URL.

        A site that lets everyone in but shuts out GPTBot has refused AI training for those URLs. The first
        such crawler in file order is named in the detail."""
        wanted = {token.lower(): token for token in ai_tokens}
        for name, rules in self.groups.by_name.items():
            token = wanted.get(name)
            if token is not None and not rules.allows(url):
                return refuse("ai_optout", f"robots.txt disallows {token}")
        return ALLOW

    def content_signals(self, url: str, product_token: str) -> Decision:
        """An "ai_optout" refusal if the group that applies to our product token refuses AI training for the
        URL, with `Content-Signal: ai-train=no` or `Content-Usage: train-ai=n` (or a category containing it)."""
        rules = self.groups.for_token(product_token)
        if rules is None:
            return ALLOW
        label = _refusing_label(rules, "content-signal", url, _content_signal_training)
        if label:
            return refuse("ai_optout", f"content-signal {label}=no")
        label = _refusing_label(rules, "content-usage", url, _content_usage_training)
        if label:
            return refuse("ai_optout", f"content-usage {label}=n")
        return ALLOW


def _content_signal_training(prefs: dict[str, str]) -> Stated | None:
    value = _CONTENT_SIGNAL_VALUES.get(prefs.get("ai-train", ""))
    return (value, "ai-train") if value else None


def _content_usage_training(prefs: dict[str, str]) -> Stated | None:
    for labels in _TRAINING_LEVELS:
        stated = [(prefs[label], label) for label in labels if prefs.get(label) in ("y", "n")]
        if stated:
            return min(stated)  # "n" sorts before "y": a refusal wins within a level.
    return None


def _refusing_label(
    rules: RuleSet, kind: str, url: str, read: Callable[[dict[str, str]], Stated | None]
) -> str | None:
    """The label refusing training in the longest-matching records of one kind that have a say on it.

    Records saying nothing about training are passed over rather than let a longer path hide a refusal, and
    equally long records combine to the most restrictive (draft-ietf-aipref-attach, section 3.1)."""
    stated = [(signal.length, said) for signal, said in _stating(rules.signals, kind, read) if signal.matches(url)]
    if not stated:
        return None
    longest = max(length for length, _ in stated)
    refusals = [label for length, (value, label) in stated if length == longest and value == "n"]
    return refusals[0] if refusals else None


def _stating(
    signals: Iterable[Signal], kind: str, read: Callable[[dict[str, str]], Stated | None]
) -> Iterable[tuple[Signal, Stated]]:
    for signal in signals:
        said = read(signal.prefs) if signal.kind == kind else None
        if said is not None:
            yield signal, said


@cache
def load_ai_training_tokens() -> tuple[str, ...]:
    """The product tokens of known AI training crawlers (filters/data/ai_training_crawlers.json)."""
    data = files("filters") / "data" / "ai_training_crawlers.json"
    return tuple(json.loads(data.read_text(encoding="utf-8"))["tokens"])
