"""Reading blocklists: host normalisation, Moisson's category files, UT1 folders and plain domain lists.

Run as a script (``python -m filters._blocklist_import CORPORA``) to rebuild the imported part of the shipped
lists in ``blocklists/`` from the shared source corpora; hand-written entries are kept as they are.
"""

from __future__ import annotations

import gzip
import ipaddress
import logging
import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from contextlib import nullcontext, suppress
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

import tldextract

from filters.urls import registered_domain

logger = logging.getLogger(__name__)

# The order is the order of the shipped files and of `moisson blocklists`.
CATEGORIES: tuple[str, ...] = (
    "health",
    "sexuality",
    "dating",
    "religion",
    "politics",
    "union",
    "justice",
    "minors",
    "people_search",
    "data_broker",
    "adult",
    "piracy",
)

# UT1 category -> Moisson category. Left out on purpose: mixed_adult (general sites with some adult corners:
# vice.com, deviantart.com, mediafire.com...), lingerie (shops, not adult content), sexual_education (UT1's own
# list of sex-education sites NOT to block), gambling, drogue and the rest (not sensitive by nature).
UT1_MAPPING: dict[str, str] = {
    "adult": "adult",
    "dating": "dating",
    "sect": "religion",
    "associations_religieuses": "religion",
    "warez": "piracy",
}

_PLAIN_HOST = re.compile(r"[a-z0-9_-]+(?:\.[a-z0-9_-]+)+")
_LABEL = re.compile(r"[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?")
# Hosts files ("0.0.0.0 example.com") name the blocked host second.
_SINKHOLES = frozenset({"0.0.0.0", "127.0.0.1", "::", "::1"})


@dataclass(frozen=True, slots=True)
class Entry:
    """A blocked host (it and its subdomains), its category and the id of the source that listed it."""

    host: str
    category: str
    source: str

    def __post_init__(self) -> None:
        if self.category not in CATEGORIES:
            raise ValueError(f"unknown blocklist category {self.category!r}; expected one of {', '.join(CATEGORIES)}")
        host = normalize_host(self.host)
        if host is None:
            raise ValueError(f"not a host name that can be blocked: {self.host!r}")
        if host != self.host:
            object.__setattr__(self, "host", host)


def normalize_host(text: str) -> str | None:
    """The host as Moisson compares it: lower case, no trailing dot, no "www.", IDNA-encoded; None if invalid.

    Public suffixes ("co.uk", "gouv.fr", "github.io") and single labels are invalid: blocking one would block
    a whole registry. IP addresses are kept in their canonical form.
    """
    host = text.strip().lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    if not _PLAIN_HOST.fullmatch(host):
        host = _slow_normalize(host)
        if host is None or ":" in host:
            return host
    if host[-1].isdigit() and _is_ipv4(host):
        return host
    if len(host) > 253 or not all(_LABEL.fullmatch(label) for label in host.split(".")):
        return None
    if host.rpartition(".")[2].isdigit():
        return None
    if host in _public_suffixes() or "*." + host.partition(".")[2] in _public_suffixes():
        return None
    return host


def match_key(host: str) -> str:
    """A URL's host in the form entries are stored in (no validation: any host can be looked up)."""
    host = host.lower().rstrip(".")
    if not host.isascii():
        with suppress(UnicodeError):
            host = host.encode("idna").decode("ascii")
    return host


def _slow_normalize(host: str) -> str | None:
    try:
        return str(ipaddress.ip_address(host.strip("[]")))
    except ValueError:
        pass
    if host.isascii():
        return None
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return None


def _is_ipv4(host: str) -> bool:
    try:
        ipaddress.IPv4Address(host)
    except ValueError:
        return False
    return True


@lru_cache(maxsize=1)
def _public_suffixes() -> frozenset[str]:
    # The public suffix list snapshot that tldextract ships, private domains included (blogspot.com, github.io).
    extract = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, include_psl_private_domains=True)
    return frozenset(extract.tlds)


def _entry(token: str, category: str, source: str, where: str) -> Entry | None:
    try:
        return Entry(token, category, source)
    except ValueError:
        logger.debug("Blocklist %s: skipped %r, not a host that can be blocked", where, token[:100])
        return None


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    # `path` may also be a package resource (importlib.resources.abc.Traversable).
    with path.open("rb") as raw, gzip.open(raw) if path.name.endswith(".gz") else nullcontext(raw) as binary:
        for number, line in enumerate(binary, 1):
            text = line.decode("utf-8", "replace").strip()
            if text and not text.startswith("#"):
                yield number, text


def read_domain_list(path: Path, category: str, source: str) -> Iterator[Entry]:
    """A plain list: one host (or URL, reduced to its host) a line, '#' comments; hosts-file lines accepted.

    Lines that hold no valid host are skipped and logged at DEBUG.
    """
    for number, line in _lines(Path(path) if isinstance(path, str) else path):
        tokens = line.split()
        token = tokens[1] if len(tokens) > 1 and tokens[0] in _SINKHOLES else tokens[0]
        if "/" in token:
            token = _url_host(token)
        entry = _entry(token, category, source, f"{path}:{number}")
        if entry is not None:
            yield entry


def _url_host(token: str) -> str:
    try:
        return urlsplit(token if "://" in token else "//" + token).hostname or ""
    except ValueError:
        return ""


def read_ut1(directory: Path, mapping: Mapping[str, str] | None = None, source: str = "ut1") -> Iterator[Entry]:
    """The UT1 categories of `mapping` (default `UT1_MAPPING`) found in `directory`, as Moisson categories.

    Reads UT1's own layout, `<directory>/<category>/domains` (or `domains.gz`), and flat `<category>.txt`
    files. UT1's `urls` files are not read: a page of a site is not the site.
    """
    mapping = UT1_MAPPING if mapping is None else mapping
    for category in mapping.values():
        if category not in CATEGORIES:
            raise ValueError(f"UT1 mapping: {category!r} is not one of {', '.join(CATEGORIES)}")
    directory = Path(directory)
    for ut1_category, category in mapping.items():
        for candidate in (
            directory / ut1_category / "domains",
            directory / ut1_category / "domains.gz",
            directory / f"{ut1_category}.txt",
        ):
            if candidate.is_file():
                yield from read_domain_list(candidate, category, source)
                break


def read_category_file(path: Path, category: str) -> Iterator[Entry]:
    """A Moisson category file: `host<TAB>source[<TAB>note]` lines and '#' comments (see blocklists/README.md).

    A line without a source is credited to the file itself (`file:<name>`).
    """
    path = Path(path) if isinstance(path, str) else path
    yield from _category_lines(_lines(path), category, f"file:{path.name}", str(path))


def _category_lines(lines: Iterable[tuple[int, str]], category: str, default: str, where: str) -> Iterator[Entry]:
    for number, line in lines:
        host, _, rest = line.partition("\t")
        source = rest.partition("\t")[0].strip() or default
        entry = _entry(host, category, source, f"{where}:{number}")
        if entry is not None:
            yield entry


# --- Rebuilding the shipped lists (maintainers only) -------------------------------------------------------

BLOCKLISTS = Path(__file__).resolve().parent.parent / "blocklists"
MARKER = "# --- imported entries below: regenerated by `python -m filters._blocklist_import`; edit review.tsv ---"
# adult_urls lists pages; a line names a whole site only when it points at the site's root or language root.
_SITE_ROOT = re.compile(r"/*(?:(?:[a-z]{2}|index\.(?:html?|php)|home|splash|enter|main_page)/?)?(?:[#?].*)?")
# (original host, category, source, host to block unless the review says otherwise)
_Raw = tuple[str, str, str, str]


def _ut1(directory: Path) -> Iterator[_Raw]:
    # UT1's adult list (4.6 M hosts) is not in the corpora and would not fit the package: users import it.
    mapping = {ut1: category for ut1, category in UT1_MAPPING.items() if category != "adult"}
    for entry in read_ut1(directory, mapping):
        yield entry.host, entry.category, entry.source, entry.host
    for _, line in _lines(directory / "adult_urls.txt"):
        host, slash, path = line.partition("/")
        if slash and _SITE_ROOT.fullmatch(path):
            yield host, "adult", "ut1", host


def _registry(path: Path) -> Iterator[_Raw]:
    # The registry gives the host of each broker's opt-out page; by default the broker is its registered domain.
    for _, host in _lines(path):
        yield host, "data_broker", "ca-registry-2025", registered_domain(host)


def _read_review(path: Path) -> dict[tuple[str, str], str]:
    review = {}
    for number, line in _lines(path):
        fields = line.split("\t")
        if len(fields) < 3:
            raise ValueError(f"{path}:{number}: expected source<TAB>host<TAB>action[<TAB>note]")
        review[(fields[0], fields[1])] = fields[2].strip()
    return review


def _raw(corpora: Path) -> list[_Raw]:
    sources = corpora / "blocklist-sources"
    return [*_ut1(sources / "ut1"), *_registry(sources / "brokers" / "ca_registry_2025_themarkup_domains.txt")]


def imported_entries(corpora: Path, review: Mapping[tuple[str, str], str]) -> Iterator[Entry]:
    """The entries imported from the shared corpora, after the review's decisions: `skip`, or `CATEGORY [HOST]`."""
    for original, category, source, host in _raw(corpora):
        action = review.get((source, original), "")
        if action == "skip":
            continue
        if action:
            category, _, target = action.partition(" ")
            host = target.strip() or host
        entry = _entry(host, category, source, f"{source} import")
        if entry is not None:
            yield entry


def rebuild(corpora: Path, directory: Path = BLOCKLISTS) -> dict[str, int]:
    """Rewrite the imported part of each category file; return how many imported entries each now holds."""
    review = _read_review(directory / "review.tsv")
    for source, host in review.keys() - {(source, original) for original, _, source, _ in _raw(corpora)}:
        logger.warning("review.tsv names %s from %s, which the source no longer lists", host, source)
    heads: dict[str, str] = {}
    hand_written: dict[str, str] = {}
    for category in CATEGORIES:
        path = directory / f"{category}.tsv"
        heads[category] = path.read_text(encoding="utf-8").split(MARKER, 1)[0].rstrip("\n")
        lines = [(n, line.strip()) for n, line in enumerate(heads[category].splitlines(), 1)]
        lines = [(n, line) for n, line in lines if line and not line.startswith("#")]
        hand_written.update((entry.host, category) for entry in _category_lines(lines, category, "", str(path)))
    imported: dict[str, Entry] = {}
    for entry in imported_entries(corpora, review):
        # Hand-written entries win (they may set another category), and the first import over later ones.
        if hand_written.get(entry.host) == entry.category:
            logger.warning("%s is both hand-written and imported from %s: keep one", entry.host, entry.source)
        if entry.host not in hand_written and entry.host not in imported:
            imported[entry.host] = entry
    counts = {}
    for category in CATEGORIES:
        rows = sorted((e.source, e.host) for e in imported.values() if e.category == category)
        body = "".join(f"{host}\t{source}\n" for source, host in rows)
        (directory / f"{category}.tsv").write_text(f"{heads[category]}\n\n{MARKER}\n{body}", encoding="utf-8")
        counts[category] = len(rows)
    return counts


def main(argv: list[str] | None = None) -> int:
    """Command line of the rebuild: one argument, the corpora folder that holds blocklist-sources/."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or not Path(args[0], "blocklist-sources").is_dir():
        print("usage: python -m filters._blocklist_import CORPORA  (the folder that holds blocklist-sources/)")
        return 2
    logging.basicConfig(format="%(levelname)s: %(message)s")
    for category, count in rebuild(Path(args[0])).items():
        print(f"{category}\t{count} imported")
    return 0


if __name__ == "__main__":
    sys.exit(main())
