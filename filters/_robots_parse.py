"""robots.txt bytes read into groups of records, as RFC 9309 and Google's reference parser read them.

Protego gets path matching right (percent-encoding, `*`, `$`, longest match, allow on ties, index.html,
/robots.txt), so the allow and disallow rules that apply to an agent are matched by a Protego instance of
their own. It does not read groups as RFC 9309 does: it finds a user-agent value anywhere inside the caller's
string instead of comparing product tokens ("Foo Bar" or "AB42bot" lines, "barbarbot-prod" queries), ends a
group at any record (a Crawl-delay between two user-agent lines splits them, which RFC 9309 section 2.2.4
forbids), splits lines on Unicode separators that are not EOL, and takes text, so a BOM is left to its
caller. Those steps are done here. On Google's spec suite (bench/robots_conformance.py) Protego alone fails
22 of 400 expectations; with this layer, only the 7 where Google's parser departs from RFC 9309 fail.
One Protego reading is kept though the RFC differs: an escaped reserved character other than "/" (e.g. %3F)
matches the character itself. It errs both ways, rarely matters, and fixing it means forking its matcher.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from protego import Protego

logger = logging.getLogger(__name__)

# RFC 9309 section 2.5: a parsing limit of at least 500 KiB; we read exactly that much.
MAX_BYTES = 512_000

_BOM = b"\xef\xbb\xbf"
_EOL = re.compile(r"\r\n|\r|\n")
# RFC 9309 section 2.2.1: a product token is letters, "-" and "_"; Google reads a user-agent value up to the
# first other character, so "Foo Bar" and "Foo2" both name "Foo".
_PRODUCT_TOKEN = re.compile(r"[A-Za-z_-]*")
_WORDS = re.compile(r"[\s,]+")

# Keys as Google's parser accepts them, common misspellings included (RFC 9309 section 2.2.4 allows it).
_KEYS = {
    "user-agent": "user-agent",
    "useragent": "user-agent",
    "user agent": "user-agent",
    "allow": "allow",
    "disallow": "disallow",
    "dissallow": "disallow",
    "dissalow": "disallow",
    "disalow": "disallow",
    "diasllow": "disallow",
    "disallaw": "disallow",
    "crawl-delay": "crawl-delay",
    "crawl delay": "crawl-delay",
    "content-signal": "content-signal",
    "content-usage": "content-usage",
}
# Records that end a run of user-agent lines: the RFC's rules, and Content-Usage, which
# draft-ietf-aipref-attach adds to them. Other records (Crawl-delay, Content-Signal, Sitemap) must not
# interfere with grouping (RFC 9309 section 2.2.4).
_RULE_KEYS = frozenset({"allow", "disallow", "content-usage"})


def decode(body: bytes) -> str:
    """The text of a robots.txt body: its first MAX_BYTES, without a UTF-8 byte order mark."""
    if len(body) > MAX_BYTES:
        body = body[:MAX_BYTES]
        # The last line is cut short: a cut path would be a shorter, wider rule, so the line is dropped.
        end = max(body.rfind(b"\n"), body.rfind(b"\r"))
        body = body[: end + 1]
    # Like Google's parser, skip a BOM or any leading part of one.
    for expected in _BOM:
        if not body or body[0] != expected:
            break
        body = body[1:]
    # Invalid bytes become U+FFFD on both sides of a comparison (Protego decodes URLs the same way).
    return body.decode("utf-8", errors="replace")


def records(text: str) -> Iterator[tuple[str, str]]:
    """The (key, value) records of robots.txt text that we read, in order; other lines are skipped."""
    for line in _EOL.split(text):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        pair = _split(line)
        if pair is None:
            continue
        key = _KEYS.get(pair[0].lower())
        if key is not None:  # Sitemap, Host and the like mean nothing to a crawl's rules.
            yield key, pair[1]


def _split(line: str) -> tuple[str, str] | None:
    key, colon, value = line.partition(":")
    if colon:
        return key.strip(), value.strip()
    # Google's leniency: "Disallow /x" is read as "Disallow: /x", but only when there are exactly two words.
    words = line.split()
    return (words[0], words[1]) if len(words) == 2 else None


def is_global(agent: str) -> bool:
    """Whether a user-agent value is the `*` of RFC 9309 ("* anything" counts too, as in Google's parser)."""
    return agent[:1] == "*" and (len(agent) == 1 or agent[1].isspace())


def product_token(agent: str) -> str:
    """The lower-cased product token a user-agent value names, as Google reads it ("" for none)."""
    match = _PRODUCT_TOKEN.match(agent)
    return match.group().lower() if match else ""


def names(agent: str) -> set[str]:
    """Every name a user-agent value could mean, lower-cased: its product token, the whole value, each word
    without version or wildcard. Used to find AI crawlers, whose tokens may hold digits, spaces or a "/"."""
    found = {product_token(agent), agent.lower()}
    for word in _WORDS.split(agent.lower()):
        found.add(word.split("/", 1)[0].rstrip("*"))
    found.discard("")
    return found


@dataclass(frozen=True)
class Signal:
    """One Content-Signal or Content-Usage record: an optional path and the key=value preferences after it."""

    kind: str
    path: str
    prefs: dict[str, str]

    def matches(self, url: str) -> bool:
        """Whether the record's path covers the URL (no path: every URL), matched like a Disallow rule."""
        return not self.path or not _path_matcher(self.path).can_fetch(url, "*")

    @property
    def length(self) -> int:
        """The specificity of the path, in octets, for longest-match."""
        return len(self.path.encode())


# draft-ietf-aipref-attach: a value starting with "/" begins with a path, which ends at the first SP or HTAB.
_PATH = re.compile(r"(/[^ \t]*|)[ \t]*(.*)", re.DOTALL)
_SF_MEMBER = re.compile(r'\s*([^\s,=;]+)\s*(?:=\s*("[^"]*"|[^,;]*))?[^,]*')


def parse_signal(kind: str, value: str) -> Signal | None:
    """A Content-Signal or Content-Usage value, read leniently: keys and values lower-cased, quotes dropped,
    a bad member skipped rather than voiding the line, since an evident refusal must not be lost to syntax."""
    match = _PATH.fullmatch(value)
    path, value = match.groups() if match else ("", value)
    prefs: dict[str, str] = {}
    for match in _SF_MEMBER.finditer(value):
        key, val = match.group(1), match.group(2)
        if val is not None:  # Later members win, as in an RFC 9651 dictionary.
            prefs[key.lower()] = val.strip().strip('"').strip().lower()
    if not prefs:
        logger.debug("robots.txt: ignoring malformed %s record %r", kind, value[:80])
        return None
    return Signal(kind, path, prefs)


def _crawl_delay(value: str) -> float | None:
    try:
        delay = float(value)
    except ValueError:
        delay = math.nan
    if not math.isfinite(delay) or delay < 0:
        logger.debug("robots.txt: ignoring malformed crawl-delay %r", value[:40])
        return None
    return delay


@dataclass
class RuleSet:
    """The records of every group that applies to one agent, merged (RFC 9309 section 2.2.1)."""

    rules: list[tuple[str, str]] = field(default_factory=list)
    delays: list[float] = field(default_factory=list)
    signals: list[Signal] = field(default_factory=list)

    def add(self, records: Iterable[tuple[str, str]]) -> None:
        """Take in the records of one more group."""
        for key, value in records:
            if key in ("allow", "disallow"):
                if value:  # An empty Allow or Disallow matches nothing.
                    self.rules.append((key, value))
            elif key == "crawl-delay":
                delay = _crawl_delay(value)
                if delay is not None:
                    self.delays.append(delay)
            else:
                signal = parse_signal(key, value)
                if signal is not None:
                    self.signals.append(signal)

    def allows(self, url: str) -> bool:
        """Whether the allow and disallow rules let the URL be crawled."""
        return not self.rules or self._matcher.can_fetch(url, "*")

    @cached_property
    def _matcher(self) -> Protego:
        lines = "".join(f"{key}: {value}\n" for key, value in self.rules)
        return Protego.parse(f"User-agent: *\n{lines}")


@lru_cache(maxsize=1024)
def _path_matcher(path: str) -> Protego:
    # The same matcher as Allow and Disallow, as draft-ietf-aipref-attach asks of Content-Usage paths.
    return Protego.parse(f"User-agent: *\nDisallow: {path}\n")


@dataclass
class Groups:
    """A robots.txt's groups, merged by who they apply to."""

    by_token: dict[str, RuleSet] = field(default_factory=dict)
    by_name: dict[str, RuleSet] = field(default_factory=dict)
    everyone: RuleSet | None = None

    def for_token(self, token: str) -> RuleSet | None:
        """The rules for a product token: its own groups if any name it, else the `*` groups, else none."""
        return self.by_token.get(token.lower(), self.everyone)

    def rule_sets_for(self, agent: str) -> Iterator[RuleSet]:
        """The rule sets a group with this user-agent value feeds, created as needed."""
        if is_global(agent):
            self.everyone = self.everyone or RuleSet()
            yield self.everyone
            return
        token = product_token(agent)
        if token:
            yield self.by_token.setdefault(token, RuleSet())
        for name in names(agent):
            yield self.by_name.setdefault(name, RuleSet())


def parse_groups(text: str) -> Groups:
    """Read robots.txt text into groups; records before the first user-agent line belong to none."""
    groups = Groups()
    for agents, group_records in _raw_groups(records(text)):
        # A group naming the same agent twice still counts once.
        targets = {id(rule_set): rule_set for agent in agents for rule_set in groups.rule_sets_for(agent)}
        for rule_set in targets.values():
            rule_set.add(group_records)
    return groups


def _raw_groups(lines: Iterable[tuple[str, str]]) -> Iterator[tuple[list[str], list[tuple[str, str]]]]:
    # A group is a run of user-agent lines and the records after them; the run ends at the first rule.
    agents: list[str] = []
    group_records: list[tuple[str, str]] = []
    in_agents = False
    for key, value in lines:
        if key == "user-agent":
            if not in_agents and agents:
                yield agents, group_records
                agents, group_records = [], []
            agents.append(value)
            in_agents = True
        elif agents:
            group_records.append((key, value))
            in_agents = in_agents and key not in _RULE_KEYS
    if agents:
        yield agents, group_records
