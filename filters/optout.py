"""The opt-out registry: people and sites who asked to be left out, honoured by every crawl and every purge.

A request names a domain (and its subdomains), a URL prefix, or a person by e-mail, phone or name. Domains
and prefixes are stored as given (host lower-cased); identifiers are stored only as keyed hashes of their
normal form, made with the pseudonymiser's key, so they match the `pii_hashes` of the rows that name them.
The registry is a SQLite file; `OptoutRules` is what a crawl or a purge reads from it.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

from filters._pii_keyed import Keyring, normalise
from filters.decision import ALLOW, Decision, refuse
from filters.urls import host_of, is_ip

KINDS = ("domain", "url_prefix", "email", "phone", "name")
# The Presidio entity type each identifier kind is hashed under (filters.pii.HASHED).
IDENTIFIERS = {"email": "EMAIL_ADDRESS", "phone": "PHONE_NUMBER", "name": "PERSON"}
_HOST = re.compile(r"^(?=.{1,253}$)(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?\.)*[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_APPLICATION_ID = 0x4D4F4F50  # "MOOP": tells a Moisson registry from any other SQLite file
_SCHEMA = """
CREATE TABLE IF NOT EXISTS requests (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL CHECK (kind IN ('domain', 'url_prefix', 'email', 'phone', 'name')),
    value TEXT NOT NULL,
    received_at TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT '',
    UNIQUE (kind, value)
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


class OptoutError(ValueError):
    """A bad request, or a registry that cannot be read; the message is one line."""


@dataclass(frozen=True)
class OptoutRequest:
    """One request as stored: identifiers appear as keyed hashes, never in plaintext."""

    id: int
    kind: str
    value: str
    received_at: str
    reason: str
    source: str


def stored_value(kind: str, value: str, keyring: Keyring | None) -> str:
    """What the registry stores for a request: the checked domain or prefix, or the identifier's keyed hash."""
    value = value.strip()
    if kind == "domain":
        return normal_domain(value)
    if kind == "url_prefix":
        return normal_prefix(value)
    if kind not in IDENTIFIERS:
        raise OptoutError(f"unknown kind {kind!r} (one of {', '.join(KINDS)})")
    if not value:
        raise OptoutError(f"{kind}: empty value")
    if kind == "email" and not _EMAIL.match(normalise("EMAIL_ADDRESS", value)):
        raise OptoutError(f"email: {value!r} is not an e-mail address")
    if kind == "phone" and len(re.sub(r"\D", "", value)) < 6:
        raise OptoutError(f"phone: {value!r} is not a phone number")
    if kind == "name" and not normalise("PERSON", value):
        raise OptoutError(f"name: {value!r} holds no name")
    if keyring is None:
        raise OptoutError(f"{kind}: hashing an identifier needs the pseudonymisation key")
    return keyring.digest(IDENTIFIERS[kind], value)


def normal_domain(value: str) -> str:
    """A host name, lower-cased, without a trailing dot; a URL or a path is refused."""
    host = value.strip().lower().rstrip(".")
    if host.startswith("*."):
        host = host[2:]  # "*.example.org" means what "example.org" means: the domain and its subdomains
    try:
        host = host.encode("idna").decode("ascii") if not host.isascii() else host
    except UnicodeError:
        raise OptoutError(f"domain: {value!r} is not a host name") from None
    if not (is_ip(host) or _HOST.match(host)):
        raise OptoutError(f"domain: {value!r} is not a host name (give example.org, not a URL)")
    return host


def normal_prefix(value: str) -> str:
    """An http(s) URL prefix with its scheme and host lower-cased."""
    try:
        parts = urlsplit(value.strip())
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        raise OptoutError(f"url_prefix: {value!r} is not a URL") from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise OptoutError(f"url_prefix: {value!r} is not an http(s) URL")
    return parts._replace(scheme=parts.scheme.lower(), netloc=parts.netloc.lower()).geturl()


def url_key(url: str) -> str:
    """A URL without its scheme and default port, host lower-cased: a prefix covers http and https alike."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url
    host = (parts.hostname or "").lower()
    if port and port not in (80, 443):
        host = f"{host}:{port}"
    path = parts.path or "/"
    return host + path + (f"?{parts.query}" if parts.query else "")


class OptoutRules:
    """The requests of a registry, as a crawl or a purge applies them."""

    def __init__(self, requests: list[OptoutRequest], key_id: str | None) -> None:
        self.key_id = key_id
        self.domains = {r.value: r for r in requests if r.kind == "domain"}
        self.prefixes = sorted(((url_key(r.value), r) for r in requests if r.kind == "url_prefix"), key=lambda p: p[0])
        self.hashes = {r.value: r for r in requests if r.kind in IDENTIFIERS}

    def __len__(self) -> int:
        return len(self.domains) + len(self.prefixes) + len(self.hashes)

    def match_url(self, url: str) -> OptoutRequest | None:
        """The domain or prefix request that covers `url`, if any."""
        host = host_of(url)
        labels = host.split(".")
        for i in range(len(labels)):
            request = self.domains.get(".".join(labels[i:]))
            if request is not None:
                return request
        key = url_key(url)
        for prefix, request in self.prefixes:
            if key.startswith(prefix):
                return request
        return None

    def match_hashes(self, hashes: list[str] | tuple[str, ...] | None) -> OptoutRequest | None:
        """The person request whose keyed hash is among `hashes`, if any."""
        for digest in hashes or ():
            request = self.hashes.get(digest)
            if request is not None:
                return request
        return None

    def check_url(self, url: str) -> Decision:
        """Refuse (`optout`) a URL a domain or prefix request covers."""
        request = self.match_url(url)
        return ALLOW if request is None else refuse("optout", f"{request.kind} (request {request.id})")

    def check_hashes(self, hashes: list[str] | tuple[str, ...] | None) -> Decision:
        """Refuse (`optout`) a document naming an opted-out person; the detail names no identifier."""
        request = self.match_hashes(hashes)
        return ALLOW if request is None else refuse("optout", f"person ({request.kind}, request {request.id})")


class Registry:
    """The SQLite file of opt-out requests, created on first use."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(path, timeout=30, isolation_level=None)
            self._init()
        except sqlite3.DatabaseError as exc:
            raise OptoutError(f"{path}: not an opt-out registry ({exc})") from None
        except OSError as exc:
            raise OptoutError(f"{path}: cannot open the opt-out registry ({exc.strerror})") from None

    def _init(self) -> None:
        (app,) = self.db.execute("PRAGMA application_id").fetchone()
        tables = {row[0] for row in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if app != _APPLICATION_ID and tables - {"sqlite_sequence"}:
            raise OptoutError(f"{self.path}: a SQLite file that is not a Moisson opt-out registry")
        if app != _APPLICATION_ID:
            self.db.executescript(f"PRAGMA application_id = {_APPLICATION_ID}; PRAGMA user_version = 1;" + _SCHEMA)

    def close(self) -> None:
        """Close the file."""
        self.db.close()

    def __enter__(self) -> Registry:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def key_id(self) -> str | None:
        """The fingerprint of the key the registry's identifiers are hashed with (None before the first)."""
        row = self.db.execute("SELECT value FROM meta WHERE key = 'key_id'").fetchone()
        return row[0] if row else None

    def add(
        self,
        entries: list[tuple[str, str, str]],
        source: str,
        keyring: Keyring | None = None,
        received_at: datetime | None = None,
    ) -> list[tuple[OptoutRequest, bool]]:
        """Record (kind, value, reason) requests in one transaction: all or, on a bad entry, none.

        Returns each request with whether it is new (an existing one is left as it was).
        """
        at = (received_at or datetime.now(timezone.utc)).isoformat(timespec="seconds")
        stored = [(kind, stored_value(kind, value, keyring), reason.strip()) for kind, value, reason in entries]
        if keyring is not None and any(kind in IDENTIFIERS for kind, _, _ in entries):
            self._bind_key(keyring.key_id())
        results = []
        try:
            self.db.execute("BEGIN IMMEDIATE")
            for kind, value, reason in stored:
                select = ("SELECT * FROM requests WHERE kind = ? AND value = ?", (kind, value))
                row = self.db.execute(*select).fetchone()
                if row is None:
                    self.db.execute(
                        "INSERT INTO requests (kind, value, received_at, reason, source) VALUES (?, ?, ?, ?, ?)",
                        (kind, value, at, reason, source),
                    )
                results.append((OptoutRequest(*(row or self.db.execute(*select).fetchone())), row is None))
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        return results

    def _bind_key(self, key_id: str) -> None:
        current = self.key_id
        if current is None:
            self.db.execute("INSERT INTO meta (key, value) VALUES ('key_id', ?)", (key_id,))
        elif current != key_id:
            raise OptoutError(
                f"{self.path}: its identifiers are hashed with another key (key id {current}, this key {key_id}); "
                "use the key file your crawls use"
            )

    def requests(self) -> list[OptoutRequest]:
        """Every request, oldest first."""
        return [OptoutRequest(*row) for row in self.db.execute("SELECT * FROM requests ORDER BY id")]

    def remove(self, request_id: int) -> OptoutRequest:
        """Withdraw a request."""
        row = self.db.execute("SELECT * FROM requests WHERE id = ?", (request_id,)).fetchone()
        if row is None:
            raise OptoutError(f"no request {request_id} in {self.path}")
        self.db.execute("DELETE FROM requests WHERE id = ?", (request_id,))
        return OptoutRequest(*row)

    def rules(self) -> OptoutRules:
        """The requests as a crawl or a purge applies them."""
        return OptoutRules(self.requests(), self.key_id)


def check_key(rules: OptoutRules, keyring: Keyring, path: Path) -> None:
    """Refuse a crawl whose key differs from the one the registry's identifiers are hashed with: none of
    them would ever match."""
    if rules.hashes and rules.key_id and rules.key_id != keyring.key_id():
        raise OptoutError(
            f"{path}: its identifiers are hashed with another key (key id {rules.key_id}) than this crawl's "
            f"({keyring.key_id()}); give [pii] the key the registry was filled with"
        )


def load_rules(path: Path) -> OptoutRules:
    """The rules of the registry at `path` (created empty if absent)."""
    with Registry(path) as registry:
        try:
            return registry.rules()
        except sqlite3.DatabaseError as exc:
            raise OptoutError(f"{path}: unreadable opt-out registry ({exc})") from None
