"""The W3C TDM Reservation Protocol (TDMRep): a site's /.well-known/tdmrep.json, and the tdm-reservation header or meta.

Follows the TDMRep Final Community Group Report (W3C TDMRep CG, 2024): a rule file is a JSON array of
`{"location": pattern, "tdm-reservation": 0|1, "tdm-policy": URL}`, the first rule whose location matches
wins, and locations match like robots.txt paths (prefix, `*` for any run of characters, `$` at the end).
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit

from filters.decision import ALLOW, Decision, refuse

logger = logging.getLogger(__name__)

WELL_KNOWN_PATH = "/.well-known/tdmrep.json"
# The robots.txt size cap of RFC 9309 (section 2.5), which TDMRep's file of path rules mirrors.
MAX_FILE_BYTES = 500 * 1024
# A policy URL goes into the exclusions log: keep it to one reasonable line.
_MAX_POLICY_CHARS = 300
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
_PRINTABLE_ASCII = "".join(chr(c) for c in range(0x21, 0x7F))
_ESCAPE = re.compile(r"%([0-9A-Fa-f]{2})")


@dataclass(frozen=True)
class Rule:
    """One tdmrep.json entry: a location pattern, whether it reserves TDM rights, and its policy URL."""

    location: str
    reserved: bool
    policy: str = ""


@dataclass(frozen=True)
class TdmRep:
    """A site's /.well-known/tdmrep.json rules (TDMRep), first matching rule wins."""

    rules: tuple[Rule, ...] = ()

    @classmethod
    def parse(cls, body: bytes) -> TdmRep:
        """The rules of a tdmrep.json body; never raises, and a file that is not a JSON array of rules has none."""
        try:
            data = json.loads(body[:MAX_FILE_BYTES].decode("utf-8-sig", errors="replace"))
        except (ValueError, RecursionError) as exc:
            logger.debug("tdmrep.json is not JSON: %s", exc)
            return cls.empty()
        # The spec insists on the array brackets because publishers forget them; a lone rule still reserves.
        entries = [data] if isinstance(data, dict) else data
        if not isinstance(entries, list):
            logger.debug("tdmrep.json is a JSON %s, not an array of rules", type(data).__name__)
            return cls.empty()
        return cls(tuple(rule for rule in map(_rule, entries) if rule is not None))

    @classmethod
    def empty(cls) -> TdmRep:
        """No rules: the site has no tdmrep.json (404), or it could not be read."""
        return cls()

    def check(self, url: str) -> Decision:
        """Refuse a URL if its first matching rule reserves TDM rights, else allow it."""
        if not self.rules:
            return ALLOW
        target = _target(url)
        for rule in self.rules:
            if _glob_match(rule.location, target):
                return _refusal(rule.policy, "tdmrep.json reservation") if rule.reserved else ALLOW
        return ALLOW


def check_declaration(reservation_value: str | None, policy: str | None, source: str) -> Decision:
    """Refuse when a tdm-reservation header or meta value (several may be joined by ",") says 1.

    `source` names where it was read ("header", "meta"); the detail is "tdm-reservation <source>".
    """
    values = (reservation_value or "").split(",")
    # Other values are protocol errors the spec reads as unset; several values where one is 1 still reserve.
    if not any(value.strip() == "1" for value in values):
        return ALLOW
    return _refusal(policy or "", f"tdm-reservation {source}")


def _refusal(policy: str, detail: str) -> Decision:
    """A reservation's refusal, with its policy URL (if any) recorded in the detail."""
    policy = " ".join(policy.split())[:_MAX_POLICY_CHARS]
    return refuse("ai_optout", f"{detail} (policy: {policy})" if policy else detail)


def _rule(entry: Any) -> Rule | None:
    """One valid rule, or None (logged) for an entry the spec would not accept."""
    if not isinstance(entry, dict):
        logger.debug("tdmrep.json entry is not an object: %r", entry)
        return None
    location, value, policy = entry.get("location"), entry.get("tdm-reservation"), entry.get("tdm-policy")
    reserved = _reservation_value(value)
    try:
        pattern = _pattern(location.strip()) if isinstance(location, str) and location.strip() else None
    except ValueError:
        pattern = None
    if pattern is None or reserved is None:
        # Skipping a broken entry lets a later, broader rule apply: a broken entry never lifts a reservation.
        logger.debug("tdmrep.json entry skipped: location=%r tdm-reservation=%r", location, value)
        return None
    return Rule(pattern, reserved, policy.strip() if isinstance(policy, str) else "")


def _reservation_value(value: Any) -> bool | None:
    """1 (or "1", true) reserves, 0 (or "0", false) does not; anything else is a protocol error (None)."""
    if isinstance(value, str):
        value = value.strip()
    if value in (1, "1"):  # True == 1
        return True
    if value in (0, "0"):  # False == 0
        return False
    return None


def _pattern(location: str) -> str:
    """A location as a path pattern: full URLs reduced to their path, a missing leading "/" added."""
    if "://" in location:
        parts = urlsplit(location)
        location = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    if not location.startswith(("/", "*")):
        location = "/" + location
    anchored = location.endswith("$")
    # Only a final "$" anchors; elsewhere it is a literal, compared in its escaped form like the URL's.
    body = _normalise(location[:-1] if anchored else location).replace("$", "%24")
    return body + "$" if anchored else body


def _target(url: str) -> str:
    """The part of a URL a location is matched against: its path and query, as robots.txt matching does."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "/"
    target = _normalise((parts.path or "/") + (f"?{parts.query}" if parts.query else ""))
    # A pattern names a literal "$" or "*" as %24 or %2A (TDMRep, "Use of regular expressions").
    return target.replace("$", "%24").replace("*", "%2A")


def _normalise(path: str) -> str:
    """Percent-encode non-ASCII, decode escaped unreserved characters, upper-case other escapes (TDMRep, RFC 3986)."""
    path = quote(path, safe=_PRINTABLE_ASCII, errors="replace")

    def unescape(match: re.Match[str]) -> str:
        char = chr(int(match.group(1), 16))
        return char if char in _UNRESERVED else match.group(0).upper()

    return _ESCAPE.sub(unescape, path)


def _glob_match(pattern: str, text: str) -> bool:
    """Whether `pattern` matches the start of `text` ("$" at its end: all of it), `*` matching any run.

    Iterative with one backtrack point, so hostile patterns cost at most len(pattern) * len(text) steps.
    """
    if pattern.endswith("$"):
        pattern = pattern[:-1]
    else:
        pattern += "*"
    p = t = 0
    star, resume = -1, 0
    while t < len(text):
        if p < len(pattern) and pattern[p] == "*":
            star, resume, p = p, t, p + 1
        elif p < len(pattern) and pattern[p] == text[t]:
            p, t = p + 1, t + 1
        elif star >= 0:
            resume += 1
            p, t = star + 1, resume
        else:
            return False
    return all(char == "*" for char in pattern[p:])
