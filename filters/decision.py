"""The value every compliance filter returns."""

from __future__ import annotations

from dataclasses import dataclass

# The contract's reason codes (../shared/CONTRACT.md) and what each means; an exclusion's reason is one
# of these, optionally followed by ":" and a detail.
REASONS: dict[str, str] = {
    "robots": "robots.txt refuses the URL to our user agent",
    "ai_optout": "the site refuses AI training (AI crawler rules, TDMRep, noai, content signals)",
    "captcha": "the site answered with a CAPTCHA or anti-bot challenge; we stopped there",
    "blocklist": "the site is on a blocklist (sensitive by nature, data broker, adult, piracy)",
    "login": "the content is behind a login",
    "paywall": "the content is behind a paywall",
    "private_network": "the host is on a loopback, private, link-local or reserved network",
    "sensitive": "the page discloses special-category personal data (GDPR art. 9, 10)",
    "duplicate": "exact copy of a document already kept",
    "near_duplicate": "near copy of a document already kept",
    "optout": "a person or site asked to be left out (opt-out registry)",
    "too_large": "the response exceeded the size cap (raw or decompressed)",
    "unsupported": "not an HTML page, or no main text in it",
    "error": "the fetch failed (HTTP error status, DNS, timeout, redirect loop)",
}


@dataclass(frozen=True)
class Decision:
    """Whether something may be collected, and if not, the contract reason and a short detail."""

    allowed: bool
    reason: str = ""
    detail: str = ""

    def __post_init__(self) -> None:
        if not self.allowed and self.reason not in REASONS:
            raise ValueError(f"unknown exclusion reason {self.reason!r}")

    def __bool__(self) -> bool:
        return self.allowed


ALLOW = Decision(True)


def refuse(reason: str, detail: str = "") -> Decision:
    """A refusal with one of the contract's reasons."""
    return Decision(False, reason, detail)
