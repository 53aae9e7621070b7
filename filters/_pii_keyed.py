"""Keyed pseudonyms: the secret key, the normal form of each kind of identifier, and its HMAC-SHA256."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import os
import re
import secrets
import stat
import unicodedata
from pathlib import Path

import phonenumbers

TOKEN_HEX = 8
# Titles are not part of who someone is: "M. Dupont", "Monsieur Dupont" and "Dupont" are the same name.
TITLE_WORDS = frozenset(
    {
        "m", "mm", "mme", "mmes", "mlle", "me", "mr", "mrs", "ms", "miss", "dr", "pr", "prof", "mgr", "st",
        "monsieur", "madame", "mademoiselle", "docteur", "maître", "maitre", "professeur", "sir", "dame", "lord",
        "lady",
    }
)  # fmt: skip
_TITLES = re.compile(rf"^(?:(?:{'|'.join(sorted(TITLE_WORDS, key=len, reverse=True))})\.?\s+)+", re.IGNORECASE)
# "jean [at] free [dot] fr" is jean@free.fr.
_EMAIL_AT = re.compile(r"\s*(?:\[at\]|\(at\)|\{at\}|@)\s*", re.IGNORECASE)
_EMAIL_DOT = re.compile(r"\s*(?:\[dot\]|\(dot\)|\{dot\}|\.)\s*", re.IGNORECASE)
_NOT_ALNUM = re.compile(r"[^0-9A-Za-z]+")
_SPACES = re.compile(r"[\s\-‐‑’'`.]+")


class PiiKeyError(ValueError):
    """The pseudonymisation key cannot be read or created; the message is one line."""


class Keyring:
    """Turns an identifier into its keyed hash and its token; the key itself never leaves this object."""

    def __init__(self, key: bytes) -> None:
        if len(key) < 16:
            raise PiiKeyError("the pseudonymisation key must be at least 16 bytes")
        self._key = key

    def __repr__(self) -> str:
        return "Keyring(<key hidden>)"

    def digest(self, entity_type: str, value: str, region: str | None = None) -> str:
        """The HMAC-SHA256 (hex) of the normal form of `value`, with its type as domain separator."""
        message = f"{entity_type}\x1f{normalise(entity_type, value, region)}".encode()
        return hmac.new(self._key, message, hashlib.sha256).hexdigest()

    def token(self, entity_type: str, value: str, region: str | None = None) -> str:
        """The typed pseudonym that replaces `value` in the text, e.g. `<PERSON_3f9a2c1d>`."""
        return f"<{entity_type}_{self.digest(entity_type, value, region)[:TOKEN_HEX]}>"

    def key_id(self) -> str:
        """A fingerprint that tells two keys apart without revealing either."""
        return hmac.new(self._key, b"moisson key id", hashlib.sha256).hexdigest()[:16]


def normalise(entity_type: str, value: str, region: str | None = None) -> str:
    """The form under which two spellings of one identifier hash alike (e-mail lower-cased, phone E.164,
    name case- and accent-folded without titles, codes without separators)."""
    value = unicodedata.normalize("NFKC", value).strip()
    if entity_type == "EMAIL_ADDRESS":
        return _EMAIL_DOT.sub(".", _EMAIL_AT.sub("@", value)).lower()
    if entity_type == "PHONE_NUMBER":
        return normalise_phone(value, region)
    if entity_type == "PERSON":
        return normalise_name(value)
    if entity_type == "IP_ADDRESS":
        try:
            return ipaddress.ip_address(value).compressed
        except ValueError:
            return value.lower()
    if entity_type == "STREET_ADDRESS":
        return " ".join(_fold(value).replace(",", " ").split())
    return _NOT_ALNUM.sub("", value).upper()


def normalise_name(value: str) -> str:
    """A person's name without titles, accents, case, hyphens or a possessive `'s`."""
    value = _TITLES.sub("", value.strip())
    value = re.sub(r"['’]s$", "", value)
    return " ".join(_SPACES.sub(" ", _fold(value)).split())


def normalise_phone(value: str, region: str | None = None) -> str:
    """E.164 where the number parses (national numbers in `region`, else France, the US, the UK), else its digits."""
    regions = [region] if region else []
    for candidate in [*regions, "FR", "US", "GB"]:
        try:
            number = phonenumbers.parse(value, candidate)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    digits = re.sub(r"\D", "", value)
    return "+" + digits if value.lstrip().startswith("+") else digits


def _fold(value: str) -> str:
    decomposed = unicodedata.normalize("NFKD", value)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def load_key(key_file: Path | None = None, key_env: str | None = None) -> tuple[bytes, bool]:
    """The key from the environment variable `key_env`, or from `key_file`, created (mode 0600) when absent.

    Returns the key and whether it was just created.
    """
    if key_env:
        value = os.environ.get(key_env, "")
        if len(value) < 32:
            raise PiiKeyError(f"the environment variable {key_env} must hold the key (at least 32 characters)")
        return _decode(value), False
    if key_file is None:
        raise PiiKeyError("no pseudonymisation key: name a key_file or a key_env in [pii]")
    try:
        return _read_key_file(key_file), False
    except FileNotFoundError:
        pass
    key_file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    key = secrets.token_bytes(32)
    try:
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process created it meanwhile: use theirs
        return _read_key_file(key_file), False
    except OSError as exc:
        raise PiiKeyError(f"cannot create the key file {key_file}: {exc.strerror}") from None
    with os.fdopen(fd, "w") as sink:
        sink.write(key.hex() + "\n")
    return key, True


def _read_key_file(path: Path) -> bytes:
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise PiiKeyError(f"cannot read the key file {path}: {exc.strerror}") from None
    if not stat.S_ISREG(mode):
        raise PiiKeyError(f"the key file {path} is not a regular file")
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise PiiKeyError(f"the key file {path} is readable by others (mode {mode & 0o777:o}): chmod 600 it")
    try:
        value = path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise PiiKeyError(f"cannot read the key file {path}: {exc}") from None
    if len(value) < 32:
        raise PiiKeyError(f"the key file {path} must hold the key (at least 32 characters)")
    return _decode(value)


def _decode(value: str) -> bytes:
    value = value.strip()
    try:
        return bytes.fromhex(value)
    except ValueError:
        return value.encode("utf-8")
