"""Hosts and registered domains of URLs, offline."""

from __future__ import annotations

import ipaddress
from functools import lru_cache
from urllib.parse import urlsplit

import tldextract

# An empty suffix_list_urls makes tldextract use the snapshot it ships and never go to the network.
_EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def host_of(url: str) -> str:
    """The lower-cased host of a URL, without port or brackets; "" when there is none."""
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def is_ip(host: str) -> bool:
    """Whether a host is an IPv4 or IPv6 literal."""
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


@lru_cache(maxsize=65536)
def registered_domain(host: str) -> str:
    """The registered domain of a host (public suffix list), or the host itself where the list knows no suffix."""
    host = host.lower().rstrip(".")
    if not host or is_ip(host):
        return host
    parts = _EXTRACT(host)
    if not parts.suffix or not parts.domain:
        return host
    return f"{parts.domain}.{parts.suffix}"


def has_public_suffix(host: str) -> bool:
    """Whether `host` is a name under a known public suffix (`mail.example.fr`, not `localhost` or `a.b`)."""
    return bool(_EXTRACT(host).fqdn)


def domain_of(url: str) -> str:
    """The registered domain of a URL's host."""
    return registered_domain(host_of(url))


def origin_of(url: str) -> str:
    """scheme://host[:port] of a URL: the scope of robots.txt and tdmrep.json."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
