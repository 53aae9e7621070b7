"""Sites refused before any request because of what they are.

The CNIL's 2025 recommendations ask crawlers for AI to leave out sites that by nature hold sensitive data or
aggregate personal data; the GPAI code of practice adds piracy sites. The lists, by category, are data in
`blocklists/` (see its README for the sources, their licences and the format).
"""

from __future__ import annotations

import ipaddress
import logging
import re
import tomllib
from collections import Counter
from collections.abc import Iterable
from contextlib import suppress
from importlib.resources import files
from pathlib import Path

from filters._blocklist_import import (
    CATEGORIES,
    UT1_MAPPING,
    Entry,
    match_key,
    normalize_host,
    read_category_file,
    read_domain_list,
    read_ut1,
)
from filters.decision import ALLOW, Decision, refuse
from filters.urls import host_of

__all__ = [
    "CATEGORIES",
    "UT1_MAPPING",
    "Blocklist",
    "Entry",
    "normalize_host",
    "read_category_file",
    "read_domain_list",
    "read_sources",
    "read_ut1",
]

logger = logging.getLogger(__name__)

# The host of an ordinary http(s) URL, without urlsplit's cost; anything unusual (IPv6 literals, several "@",
# odd characters) is left to urlsplit.
_URL_HOST = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://(?:[^/?#@\[\]]*@)?([^/?#@:\[\]\\]+)(?::\d*)?(?:[/?#]|$)")


class Blocklist:
    """Hosts refused by category, matched on the host and all its subdomains."""

    def __init__(self, categories: Iterable[str] | None = None, exceptions: Iterable[str] = ()) -> None:
        self.categories: tuple[str, ...] = _checked_categories(categories)
        self.exceptions: frozenset[str] = frozenset(_exception(host) for host in exceptions)
        self._enabled = frozenset(self.categories)
        self._hosts: dict[str, Entry] = {}

    @classmethod
    def load(
        cls,
        directory: Path | None = None,
        *,
        categories: Iterable[str] | None = None,
        exceptions: Iterable[str] = (),
    ) -> Blocklist:
        """The lists of `directory` (default: the shipped ones) for `categories` (None: all), minus `exceptions`.

        `directory` holds one `<category>.tsv` file per category; a missing file is an empty category. An
        exception excepts its host and all the host's subdomains.
        """
        blocklist = cls(categories, exceptions)
        root = files("blocklists") if directory is None else Path(directory)
        for category in blocklist.categories:
            path = root / f"{category}.tsv"
            if path.is_file():
                blocklist.add(read_category_file(path, category))  # type: ignore[arg-type]
        logger.debug("Blocklists loaded from %s: %s", root, blocklist.counts())
        return blocklist

    def add(self, entries: Iterable[Entry]) -> None:
        """Add entries in place; those of disabled categories are ignored, and the first entry for a host wins."""
        hosts, enabled = self._hosts, self._enabled
        for entry in entries:
            if entry.category in enabled and entry.host not in hosts:
                hosts[entry.host] = entry

    def check(self, url_or_host: str) -> Decision:
        """Refuse (`blocklist`, with the category as detail) a URL or host that is, or is under, a listed host."""
        entry = self.match(url_or_host)
        return ALLOW if entry is None else refuse("blocklist", entry.category)

    def match(self, url_or_host: str) -> Entry | None:
        """The entry that blocks a URL or host (the most specific one), or None if it is not blocked."""
        host = _host(url_or_host)
        if not host:
            return None
        hosts, exceptions = self._hosts, self.exceptions
        if ":" in host or host[-1].isdigit():
            # IP addresses (and hosts ending in a number, which no TLD does) compare exactly.
            return None if host in exceptions else hosts.get(host)
        found = None
        suffix = host
        dot = suffix.find(".")
        while dot > 0:  # the bare TLD is never looked up: no entry or exception is a single label
            if exceptions and suffix in exceptions:
                return None
            if found is None:
                found = hosts.get(suffix)
                if found is not None and not exceptions:
                    return found
            suffix = suffix[dot + 1 :]
            dot = suffix.find(".")
        return found

    def counts(self) -> dict[str, int]:
        """Entries per enabled category, in the order of `CATEGORIES`."""
        counted = Counter(entry.category for entry in self._hosts.values())
        return {category: counted[category] for category in self.categories}

    def sources(self) -> dict[str, list[str]]:
        """The source ids of each enabled category's entries, in the order they were added."""
        found: dict[str, dict[str, None]] = {category: {} for category in self.categories}
        for entry in self._hosts.values():
            found[entry.category][entry.source] = None
        return {category: list(ids) for category, ids in found.items()}

    def __len__(self) -> int:
        return len(self._hosts)


def read_sources(directory: Path | None = None) -> dict[str, dict[str, str]]:
    """What each source id stands for (name, url, licence, retrieved, import), from `sources.toml`."""
    path = (files("blocklists") if directory is None else Path(directory)) / "sources.toml"
    if not path.is_file():
        return {}
    with path.open("rb") as toml:
        return tomllib.load(toml)


def _checked_categories(categories: Iterable[str] | None) -> tuple[str, ...]:
    if categories is None:
        return CATEGORIES
    wanted = set(categories)
    unknown = sorted(wanted.difference(CATEGORIES))
    if unknown:
        raise ValueError(f"unknown blocklist categories {unknown}; expected some of {', '.join(CATEGORIES)}")
    return tuple(category for category in CATEGORIES if category in wanted)


def _exception(text: str) -> str:
    # Unlike an entry, an exception may be a public suffix ("gouv.fr": never block a French government site).
    host = match_key(text.strip().strip("[]")).removeprefix("www.")
    with suppress(ValueError):
        return str(ipaddress.ip_address(host))
    if "." not in host or not all(host.split(".")) or any(c in host for c in "/@ \t"):
        raise ValueError(f"blocklist exception {text!r} is not a host name")
    return host


def _host(url_or_host: str) -> str:
    text = url_or_host.strip()
    if "://" in text:
        plain = _URL_HOST.match(text)
        host = plain.group(1) if plain else host_of(text)
    elif "/" in text or "@" in text or ":" in text:
        if text.count(":") > 1 and "[" not in text and "/" not in text:
            return _canonical_ip(text.lower())  # a bare IPv6 address
        host = host_of("//" + text.removeprefix("//"))
    else:
        return match_key(text)
    return _canonical_ip(host) if ":" in host else match_key(host)


def _canonical_ip(host: str) -> str:
    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        return host
