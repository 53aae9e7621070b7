"""Recognise CAPTCHA, challenge and anti-bot block pages, so that the crawl stops there: never solve, never evade.

A site merely served by a CDN, or a page that talks about CAPTCHAs, is ordinary content. So a rule fires only on
headers, statuses and markup that a challenge emits, and a marker that also turns up inside ordinary pages (a
vendor's sensor script, a CAPTCHA widget in a sign-up form) only counts on a bare page: little visible text and no
form a person types into. Rules are data (`RULES`), tried in order; the first that fires names the vendor.

Google's consent interstitial ("Before you continue to Google") is refused as `captcha:google-consent`: it is not
a CAPTCHA, but it stands in place of the content, and clicking "Accept all" on nobody's behalf is not ours to do.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

from filters.decision import ALLOW, Decision, refuse

logger = logging.getLogger(__name__)

# Markers sit at the top of a challenge page; a few pad their head with a big inline image and put the form last.
HEAD_BYTES = 64 * 1024
TAIL_BYTES = 8 * 1024
# How much of the body is read at first to judge whether a page is bare (only once a marker has matched); a page
# that shows few letters there is read whole (a page can open with hundreds of KB of inline CSS).
TEXT_BYTES = 256 * 1024
# Challenge pages show at most ~700 letters (Cloudflare's "Attention Required!" explains itself at length).
BARE_LETTERS = 1000
# Statuses a challenge or block comes with; an ordinary error page with them has none of the markers.
WALL_STATUSES = frozenset({401, 403, 429, 503})

# A rule's `needs`: how much the response must look like a wall for the rule to count.
ANY = "any"  # decisive alone: a header, status or form only a challenge sends
WALL = "wall"  # challenge-only markup: needs an error status or a bare page, so an article quoting it is safe
BARE = "bare"  # markup also seen in ordinary pages: needs a bare page with no form a person types into


@dataclass(frozen=True)
class Rule:
    """One sign of a challenge: every condition given must hold, and the response must meet `needs`."""

    vendor: str
    title: re.Pattern[bytes] | None = None  # must match the whole lower-cased <title>
    needle: bytes = b""  # lower-case ASCII to find in the body's head (a fast pre-check)
    pattern: re.Pattern[bytes] | None = None  # regex searched in the lower-cased head
    header: str = ""  # a response header that must be present ...
    value: str = ""  # ... with this lower-case text in its value ("" = any value)
    statuses: frozenset[int] = frozenset()  # the rule applies to these statuses only (empty = any)
    needs: str = WALL


def _re(pattern: bytes) -> re.Pattern[bytes]:
    # Patterns run on the lower-cased raw bytes: every marker is ASCII, and searching bytes spares decoding.
    return re.compile(pattern, re.S)


def _status(*codes: int) -> frozenset[int]:
    return frozenset(codes)


RULES: tuple[Rule, ...] = (
    # Cloudflare.
    Rule("cloudflare", header="cf-mitigated", value="challenge", needs=ANY),
    Rule("cloudflare", header="cf-chl-bypass", needs=ANY),
    Rule("cloudflare", needle=b"_cf_chl_opt"),
    # Not any /cdn-cgi/challenge-platform/ path: ordinary pages load its bot-detection script (scripts/jsd).
    Rule("cloudflare", needle=b"/cdn-cgi/challenge-platform/", pattern=_re(rb"/challenge-platform/h/\w/orchestrate/")),
    Rule("cloudflare", needle=b'name="jschl_vc"'),  # the old IUAM form
    Rule("cloudflare", needle=b"cf-browser-verification"),
    Rule("cloudflare", needle=b"/cdn-cgi/l/chk_captcha"),
    Rule("cloudflare", title=_re(rb"attention required! \| cloudflare")),
    Rule("cloudflare", title=_re(rb"access denied \| .* used cloudflare to restrict access")),
    Rule("cloudflare", title=_re(rb"just a moment\.\.\."), pattern=_re(rb"cloudflare|cdn-cgi|cf-|_cf_")),
    # Firewall, ban and rate-limit errors only: Cloudflare's 52x pages are the origin's failures.
    Rule("cloudflare", needle=b"cf-error-code", pattern=_re(rb'"cf-error-code">\s*10(?:0[5-9]|1[0-2]|15|20)\s*<')),
    Rule("vercel", header="x-vercel-mitigated", value="challenge", needs=ANY),
    # DataDome: its challenge and block pages load from captcha-delivery.com, its ordinary tag does not.
    Rule("datadome", needle=b"captcha-delivery.com"),
    Rule("datadome", header="x-datadome", statuses=_status(403, 429), needs=ANY),
    Rule("datadome", header="set-cookie", value="datadome=", statuses=_status(403), needs=ANY),
    # PerimeterX / HUMAN: its sensor (_pxAppId) is in ordinary pages, the "Press & Hold" box is not.
    Rule("perimeterx", needle=b"px-captcha", pattern=_re(rb"""id=["']?px-captcha\b""")),
    Rule("perimeterx", title=_re(rb"access to this page has been denied\.?"), pattern=_re(rb"_px|perimeterx")),
    # Akamai (its Bot Manager sensor, bmak, runs in ordinary pages too).
    Rule("akamai", title=_re(rb"access denied"), pattern=_re(
        rb"errors(?:\.|&#46;)edgesuite(?:\.|&#46;)net|reference(?:\s|&#32;)(?:#|&#35;)"
    )),
    Rule("akamai", needle=b"/_sec/cp_challenge/"),
    Rule("akamai", needle=b"sec-if-cpt-container"),
    Rule("akamai", header="akamai-grn", statuses=_status(403), needs=ANY),
    Rule("akamai", needle=b"bmak.", pattern=_re(rb"\bbmak\.\w"), needs=BARE),
    # Imperva / Incapsula: its resource script is in every page it serves; the challenge page is only that.
    Rule("imperva", needle=b"incapsula incident id"),
    Rule("imperva", needle=b"_incapsula_resource?cwudnsai="),
    Rule("imperva", needle=b"_incapsula_resource", pattern=_re(
        rb"""<meta name=["']?robots["']? content=["']?noindex,\s*nofollow["']?\s*/?>"""
        rb"""\s*<script[^>]*/_incapsula_resource"""
    )),
    # AWS WAF: its SDK loads in ordinary pages too; the challenge and CAPTCHA interstitials set gokuProps.
    Rule("aws-waf", header="x-amzn-waf-action", needs=ANY),
    Rule("aws-waf", needle=b"gokuprops"),
    Rule("aws-waf", needle=b"awswafcaptcha.rendercaptcha"),
    # Sucuri.
    Rule("sucuri", header="x-sucuri-block", needs=ANY),
    Rule("sucuri", needle=b"sucuri_cloudproxy_js"),
    Rule("sucuri", needle=b"sucuri-firewall-block.css"),
    Rule("sucuri", title=_re(rb"sucuri website firewall.*access denied.*")),
    # Anubis proof of work.
    Rule("anubis", needle=b"anubis_challenge", pattern=_re(rb"""<script[^>]*id=["']?anubis_challenge""")),
    Rule("anubis", needle=b"/.within.website/x/cmd/anubis/"),
    # Site walls seen in the corpus. The consent page is long, so its form alone decides (any language).
    Rule("google-consent", needle=b"https://consent.", pattern=_re(
        rb"""<form[^>]*action=["']?https://consent\.(?:google|youtube)\.[a-z.]+/save"""
    ), needs=ANY),
    Rule("google-consent", title=_re(rb"before you continue to (?:google|youtube).*")),
    Rule("google", needle=b"captcha-form", pattern=_re(rb"""<form[^>]*id=["']?captcha-form.*?(?:recaptcha|/sorry/)""")),
    Rule("google", needle=b"our systems have detected unusual traffic"),
    Rule("youtube", title=_re(rb"- youtube")),  # a watch page served without its video: the bot shell
    Rule("reddit", title=_re(rb"reddit - prove your humanity")),
    Rule("reddit", needle=b"blocked by network security"),
    Rule("weibo", title=_re(rb"sina visitor system")),
    Rule("linkedin", statuses=_status(999), needs=ANY),
    Rule("douban", header="server", value="marco", statuses=_status(418), needs=ANY),
    Rule("http-418", statuses=_status(418), needs=ANY),
    # CAPTCHA widgets: a wall only when the page is nothing but the widget, not a form it guards.
    Rule("recaptcha", needle=b"g-recaptcha", pattern=_re(rb"""class=["'][^"']*\bg-recaptcha\b"""), needs=BARE),
    Rule("hcaptcha", needle=b"h-captcha", pattern=_re(rb"""class=["'][^"']*\bh-captcha\b"""), needs=BARE),
    Rule("hcaptcha", needle=b"hcaptcha.com/1/api.js", needs=BARE),
    Rule("cloudflare", needle=b"cf-turnstile", pattern=_re(rb"""class=["'][^"']*\bcf-turnstile\b"""), needs=BARE),
    Rule("cloudflare", needle=b"challenges.cloudflare.com/turnstile", needs=BARE),
    # Statuses that refuse a crawler whoever sends them, once no vendor was recognised.
    # A plain 402 is a paywall (filters/paywall.py); Cloudflare's pay-per-crawl names its price.
    Rule("pay-per-crawl", header="crawler-price", needs=ANY),
    Rule("rate-limit", statuses=_status(429), needs=ANY),
)

_TITLE = re.compile(rb"<title[^>]*>(.*?)</title", re.S)
_SPACES = re.compile(rb"\s+")
# What a reader does not see, in lower-cased bytes; an element cut off by the end of the window is dropped whole.
# (Unrolled loops, "[^<]*(?:<(?!/x)[^<]*)*", run much faster than ".*?</x" on long scripts and inline images.)
_HIDDEN_TAGS = (b"script", b"style", b"svg", b"noscript", b"template")
_HIDDEN = re.compile(
    b"|".join(rb"<%s\b[^<]*(?:<(?!/%s)[^<]*)*" % (tag, tag) for tag in _HIDDEN_TAGS)
    + rb"|<!--[^-]*(?:-(?!->)[^-]*)*|<[^>]*"
)
# ASCII letters and the first byte of each non-ASCII character (so a CJK character counts once).
_NOT_LETTERS = re.compile(rb"[^a-z\xc0-\xff]+")
# Fields a person types into: a CAPTCHA next to them guards a login, sign-up or contact form, not the site.
_USER_FORM = re.compile(
    rb"""<input[^>]*type=["']?(?:password|email)\b|<textarea(?![^>]*(?:g-recaptcha|h-captcha)-response)"""
)


def detect_challenge(status: int, headers: Mapping[str, str], body: bytes | str) -> Decision:
    """ALLOW for ordinary content; refuse("captcha", vendor) for a challenge or anti-bot block page."""
    response = _Response(status, headers, body)
    for rule in RULES:
        if response.matches(rule):
            logger.debug("challenge from %s (status %s)", rule.vendor, response.status)
            return refuse("captcha", rule.vendor)
    return ALLOW


class _Response:
    """The parts of a response the rules look at, each computed once and only when a rule asks."""

    def __init__(self, status: object, headers: object, body: object) -> None:
        self.status = _as_status(status)
        self.headers = _as_headers(headers)
        self.body = body if isinstance(body, (bytes, bytearray, memoryview, str)) else b""

    def matches(self, rule: Rule) -> bool:
        """Whether every condition of the rule holds, cheapest first."""
        if rule.statuses and self.status not in rule.statuses:
            return False
        if rule.header and (rule.header not in self.headers or rule.value not in self.headers[rule.header].lower()):
            return False
        if rule.title is not None and rule.title.fullmatch(self.title) is None:
            return False
        if rule.needle and rule.needle not in self.head:
            return False
        if rule.pattern is not None and rule.pattern.search(self.head) is None:
            return False
        return self.meets(rule.needs)

    def meets(self, needs: str) -> bool:
        if needs == ANY:
            return True
        if needs == WALL:
            return self.status in WALL_STATUSES or self.bare
        return self.bare and not self.has_user_form

    @cached_property
    def head(self) -> bytes:
        """The lower-cased start of the body (and its end, when it is long), undecoded."""
        head = _encode(self.body[:HEAD_BYTES])
        if len(self.body) > HEAD_BYTES:
            head += b"\n" + _encode(self.body[max(HEAD_BYTES, len(self.body) - TAIL_BYTES) :])
        return head.lower()

    @cached_property
    def title(self) -> bytes:
        """The document's first <title>, lower case, spaces collapsed ("" when there is none)."""
        match = _TITLE.search(self.head)
        return _SPACES.sub(b" ", match.group(1)).strip() if match else b""

    @cached_property
    def bare(self) -> bool:
        """Little visible text: an interstitial rather than a page of content."""
        # A prefix never shows more letters than the whole page, so a page of content is settled early.
        for size in (16 * 1024, 64 * 1024, TEXT_BYTES, len(self.body)):
            if _visible_letters(_encode(self.body[:size]).lower()) >= BARE_LETTERS:
                return False
            if len(self.body) <= size:
                break
        return True

    @cached_property
    def has_user_form(self) -> bool:
        return _USER_FORM.search(_encode(self.body).lower()) is not None


def _encode(data: bytes | bytearray | memoryview | str) -> bytes:
    return data.encode("utf-8", "replace") if isinstance(data, str) else bytes(data)


def _visible_letters(html: bytes) -> int:
    return len(_NOT_LETTERS.sub(b"", _HIDDEN.sub(b" ", html)))


def _as_status(status: object) -> int:
    try:
        return int(status)  # type: ignore[call-overload]
    except (TypeError, ValueError, OverflowError):
        logger.debug("unreadable status %r", status)
        return 0


def _as_headers(headers: object) -> dict[str, str]:
    """Lower-case names and str values, whatever the caller handed over."""
    if not isinstance(headers, Mapping):
        return {}
    normalised: dict[str, str] = {}
    for name, value in headers.items():
        if isinstance(value, (list, tuple)):
            value = ", ".join(_text(item) for item in value)
        normalised[_text(name).strip().lower()] = _text(value)
    return normalised


def _text(value: object) -> str:
    return bytes(value).decode("latin-1") if isinstance(value, (bytes, bytearray)) else str(value)
