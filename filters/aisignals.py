"""AI opt-out signals carried by a fetched page: `noai` robots directives, TDMRep, aipref's Content-Usage header.

`noai` is the de-facto directive of DeviantArt and Spawning, written like Google's robots directives
(`X-Robots-Tag: noai`, `X-Robots-Tag: somebot: noai`, `<meta name="robots" content="noai">`). TDMRep is the
W3C TDMRep report (see filters/tdmrep.py). Content-Usage is the IETF aipref header (draft-ietf-aipref-attach,
section 2), a Structured Fields Dictionary of draft-ietf-aipref-vocab usage categories set to the tokens y or n.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence

from lxml import etree, html as lxml_html

from filters.decision import ALLOW, Decision, refuse
from filters.tdmrep import check_declaration

logger = logging.getLogger(__name__)

# Meta tags live in <head>: its first 256 KiB is plenty, and parsing no more keeps this cheap on every page.
MAX_HEAD_CHARS = 256 * 1024
# Robots directives that carry their own "name: value", so their colon is not a user-agent scope.
_VALUED_DIRECTIVES = frozenset({"max-snippet", "max-image-preview", "max-video-preview", "unavailable_after"})
# train-ai is the current vocabulary's AI Training category; the others are earlier drafts' labels for it, for
# generative training, or for all automated processing (which contained training). Any of them at n refuses.
_TRAINING_LABELS = ("train-ai", "train-genai", "ai", "genai", "bots", "tdm")
_HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)
# lxml refuses a str that declares its encoding, as XHTML pages often do.
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*>")
_SEPARATORS = re.compile(r"[\s,]+")

# Header values as the crawler joins them ("a, b"), or each line apart, which keeps X-Robots-Tag scopes exact.
Headers = Mapping[str, str | bytes | Sequence[str | bytes]]


def check_page(headers: Headers, html: str | None, *, product_token: str = "") -> Decision:
    """ALLOW, or refuse("ai_optout", detail) when the page's headers or HTML refuse AI training.

    Un-scoped robots directives count, as do those scoped to `product_token` (our robots.txt product token).
    """
    fields = _lower_keys(headers)
    metas = _metas(html, product_token) if html else {}
    decisions = (
        _x_robots_noai(fields.get("x-robots-tag", []), product_token),
        _meta_noai(metas, product_token),
        check_declaration(", ".join(fields.get("tdm-reservation", [])), _first(fields, "tdm-policy"), "header"),
        check_declaration(", ".join(metas.get("tdm-reservation", [])), _first(metas, "tdm-policy"), "meta"),
        _content_usage(", ".join(fields.get("content-usage", []))),
    )
    return next((decision for decision in decisions if not decision.allowed), ALLOW)


def _lower_keys(headers: Headers) -> dict[str, list[str]]:
    """Header values by lower-case name, each line kept apart (a str, bytes, or a list of either)."""
    fields: dict[str, list[str]] = {}
    for name, value in headers.items():
        values = [value] if isinstance(value, (str, bytes)) else list(value)
        lines = [v.decode("latin-1") if isinstance(v, bytes) else str(v) for v in values]
        fields.setdefault(str(name).strip().lower(), []).extend(lines)
    return fields


def _first(fields: Mapping[str, list[str]], name: str) -> str:
    """The first value of a field or meta name, "" when absent."""
    values = fields.get(name)
    return values[0] if values else ""


def _x_robots_noai(lines: Sequence[str], product_token: str) -> Decision:
    """Refuse when an X-Robots-Tag line says noai to everyone, to "*", or to our product token.

    As in Google's X-Robots-Tag, "bot: a, b" scopes every directive after "bot:" on that line to that bot.
    """
    token = product_token.strip().lower()
    for line in lines:
        scope = ""
        for part in line.lower().split(","):
            head, colon, rest = part.partition(":")
            if colon and head.strip() not in _VALUED_DIRECTIVES and " " not in head.strip():
                scope, part = head.strip(), rest
            if scope in ("", "*", token) and "noai" in part.split():
                return refuse("ai_optout", "X-Robots-Tag noai")
    return ALLOW


def _meta_noai(metas: Mapping[str, list[str]], product_token: str) -> Decision:
    """Refuse when a robots meta tag, or one named after our product token, says noai."""
    names = ["robots"] + ([product_token.strip().lower()] if product_token.strip() else [])
    contents = [content for name in names for content in metas.get(name, [])]
    if any("noai" in _SEPARATORS.split(content.lower()) for content in contents):
        return refuse("ai_optout", "meta robots noai")
    return ALLOW


def _metas(html: str, product_token: str) -> dict[str, list[str]]:
    """The content of the <head>'s meta tags we read, by lower-case name; {} for HTML lxml cannot parse.

    A page whose HTML cannot be parsed at all is allowed here: no signal can be read from it, and
    extraction will fail on it too and drop it.
    """
    head = html[:MAX_HEAD_CHARS]
    end = _HEAD_END.search(head)
    head = head[: end.end()] if end else head
    wanted = {"robots", "tdm-reservation", "tdm-policy"} | ({product_token.strip().lower()} - {""})
    lowered = head.lower()
    # Most pages carry none of these names: skip the parse then.
    if not any(name in lowered for name in wanted):
        return {}
    try:
        root = lxml_html.document_fromstring(_XML_DECLARATION.sub("", head, count=1))
    except (etree.LxmlError, ValueError) as exc:
        logger.debug("page HTML not parsed for meta tags: %s", exc)
        return {}
    metas: dict[str, list[str]] = {}
    for meta in root.iter("meta"):
        name = (meta.get("name") or "").strip().lower()
        if name in wanted:
            metas.setdefault(name, []).append((meta.get("content") or "").strip())
    return metas


def _content_usage(value: str) -> Decision:
    """Refuse when a Content-Usage value sets AI training (or a category that contains it) to n."""
    prefs = _sf_dictionary(value.strip())
    if prefs is None:
        # Not a valid Dictionary (the draft then reads no preference): still honour a plain "label=n".
        logger.debug("Content-Usage is not a Structured Fields Dictionary: %.200r", value)
        prefs = _loose_dictionary(value)
    for label in _TRAINING_LABELS:
        if prefs.get(label) == "n":
            return refuse("ai_optout", f"Content-Usage {label}=n")
    return ALLOW


_KEY = r"[a-z*][a-z0-9_.*-]*"
_BARE_ITEM = (
    r'(?:-?\d{1,15}(?:\.\d{1,3})?|"(?:[\x20\x21\x23-\x5b\x5d-\x7e]|\\["\\])*"|[A-Za-z*][!#$%&\'*+.^_`|~:/0-9A-Za-z-]*'
    r'|:[A-Za-z0-9+/=]*:|\?[01]|@-?\d{1,15}|%"(?:[\x20\x21\x23\x24\x26-\x5b\x5d-\x7e]|%[0-9a-f]{2})*")'
)
_PARAMS = rf"(?:;[ ]*{_KEY}(?:={_BARE_ITEM})?)*"
_INNER_LIST = rf"\([ ]*(?:{_BARE_ITEM}{_PARAMS}(?:[ ]+{_BARE_ITEM}{_PARAMS})*)?[ ]*\)"
_MEMBER = re.compile(rf"({_KEY})(?:=({_BARE_ITEM}|{_INNER_LIST}))?{_PARAMS}")
_COMMA = re.compile(r"[ \t]*,[ \t]*")


def _sf_dictionary(value: str) -> dict[str, str] | None:
    """A Structured Fields Dictionary (RFC 9651, section 4.2.2) as key -> value text, the last of a key winning.

    A bare key (Boolean true) maps to "?1"; None when the value does not parse, as the draft has it.
    """
    members: dict[str, str] = {}
    position = 0
    while position < len(value):
        match = _MEMBER.match(value, position)
        if not match:
            return None
        members[match.group(1)] = match.group(2) or "?1"
        position = match.end()
        if position == len(value):
            break
        comma = _COMMA.match(value, position)
        if not comma or comma.end() == len(value):
            return None
        position = comma.end()
    return members


def _loose_dictionary(value: str) -> dict[str, str]:
    """A lenient reading of a malformed Content-Usage: comma-separated "label=value", case and quotes ignored."""
    members: dict[str, str] = {}
    for member in value.split(","):
        key, _, item = member.split(";", 1)[0].partition("=")
        members[key.strip().lower()] = item.strip().strip('"').lower()
    return members
