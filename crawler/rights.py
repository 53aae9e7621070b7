"""People's and sites' rights on the command line: `moisson optout ...` and `moisson purge`."""

from __future__ import annotations

import argparse
import csv
import os
import sys
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from filters._pii_keyed import Keyring, PiiKeyError, load_key
from filters.optout import IDENTIFIERS, KINDS, OptoutError, OptoutRules, Registry, load_rules
from pipelines import purge
from pipelines.dataset import check_dataset_dir, read_manifest

DEFAULT_DB = "data/optout.sqlite"
DEFAULT_KEY_FILE = "data/pii.key"


def add_parsers(commands: Any) -> None:
    """Add the `optout` and `purge` commands to the `moisson` parser."""
    optout = commands.add_parser("optout", help="record, list or withdraw opt-out requests")
    actions = optout.add_subparsers(dest="action", required=True, parser_class=type(optout))

    add = actions.add_parser("add", help="record one request")
    kind = add.add_mutually_exclusive_group(required=True)
    kind.add_argument("--domain", help="a domain and its subdomains, e.g. example.org")
    kind.add_argument("--url-prefix", help="every URL starting with this one (http and https alike)")
    kind.add_argument("--email", help="a person's e-mail address (stored as a keyed hash)")
    kind.add_argument("--phone", help="a person's phone number (stored as a keyed hash of its E.164 form)")
    kind.add_argument("--name", help="a person's full name (stored as a keyed hash of its folded form)")
    add.add_argument("--reason", default="", help="why, in a few words (never the person's identifiers)")
    add.add_argument("--source", default="cli", help="where the request came from (default: cli)")
    add.set_defaults(func=cmd_add)

    imported = actions.add_parser("import", help="record many requests from a CSV file")
    imported.add_argument("file", help="CSV with header kind,value[,reason]; kind: " + ", ".join(KINDS))
    imported.set_defaults(func=cmd_import)

    listed = actions.add_parser("list", help="list the requests (identifiers as stored: keyed hashes)")
    listed.set_defaults(func=cmd_list)

    remove = actions.add_parser("remove", help="withdraw a request")
    remove.add_argument("id", type=int, help="the request's number, as `optout list` shows it")
    remove.set_defaults(func=cmd_remove)

    for parser in (add, imported, listed, remove):
        _registry_options(parser)

    purging = commands.add_parser("purge", help="apply the opt-out registry and retention dates to a dataset")
    purging.add_argument("dir", help="dataset folder")
    purging.add_argument("--as-of", help="the instant retention is judged at (ISO 8601; default: now)")
    _registry_options(purging, key=False)
    purging.set_defaults(func=cmd_purge)


def _registry_options(parser: argparse.ArgumentParser, key: bool = True) -> None:
    parser.add_argument("--optout-db", default=DEFAULT_DB, help=f"the registry (SQLite; default {DEFAULT_DB})")
    if key:
        parser.add_argument(
            "--key-file",
            default=DEFAULT_KEY_FILE,
            help=f"the pseudonymisation key your crawls use (default {DEFAULT_KEY_FILE})",
        )
        parser.add_argument("--key-env", help="or: the environment variable that holds it")


def cmd_add(args: argparse.Namespace) -> int:
    kind = next(k for k in KINDS if getattr(args, k) is not None)
    keyring = _keyring(args) if kind in IDENTIFIERS else None
    with Registry(Path(args.optout_db)) as registry:
        [(request, new)] = registry.add([(kind, getattr(args, kind), args.reason)], args.source, keyring)
    shown = _shown(request.kind, request.value)
    if new:
        print(f"Recorded request {request.id}: {request.kind} {shown}")
    else:
        print(f"Already recorded as request {request.id} ({request.received_at}): {request.kind} {shown}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    path = Path(args.file)
    entries = _read_csv(path)
    keyring = _keyring(args) if any(kind in IDENTIFIERS for kind, _, _ in entries) else None
    with Registry(Path(args.optout_db)) as registry:
        try:
            results = registry.add(entries, f"import:{path.name}", keyring)
        except OptoutError as exc:
            raise OptoutError(f"{path}: {exc}; nothing imported") from None
    new = Counter(request.kind for request, created in results if created)
    known = len(results) - sum(new.values())
    print(
        f"Imported {sum(new.values())} request(s) from {path}"
        + (f" ({', '.join(f'{k} {n}' for k, n in sorted(new.items()))})" if new else "")
        + (f"; {known} already recorded" if known else "")
    )
    return 0


def _read_csv(path: Path) -> list[tuple[str, str, str]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as source:
            rows = list(csv.reader(source))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise OptoutError(f"{path}: cannot read the CSV file ({exc.__class__.__name__})") from None
    if not rows or [c.strip().lower() for c in rows[0]] not in (["kind", "value"], ["kind", "value", "reason"]):
        raise OptoutError(f"{path}: the first line must be the header kind,value[,reason]")
    entries = []
    for number, row in enumerate(rows[1:], 2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) not in (2, 3) or len(row) > len(rows[0]):
            raise OptoutError(f"{path} line {number}: expected {len(rows[0])} fields, got {len(row)}; nothing imported")
        kind = row[0].strip().lower()
        if kind not in KINDS:
            raise OptoutError(
                f"{path} line {number}: kind {row[0]!r} is not one of {', '.join(KINDS)}; nothing imported"
            )
        entries.append((kind, row[1], row[2] if len(row) == 3 else ""))
    return entries


def fill_registry(csv_file: Path, db: Path, key_file: Path) -> None:
    """Record the requests of a CSV file (the demo's) under the key in `key_file`."""
    key, _ = load_key(key_file)
    with Registry(db) as registry:
        registry.add(_read_csv(csv_file), f"import:{csv_file.name}", Keyring(key))


def cmd_list(args: argparse.Namespace) -> int:
    with Registry(Path(args.optout_db)) as registry:
        requests, key_id = registry.requests(), registry.key_id
    print(
        f"{len(requests)} request(s) in {args.optout_db}"
        + (f" (identifiers hashed with key id {key_id})" if key_id else "")
    )
    if requests:
        print(f"{'id':>5}  {'kind':<10}  {'received':<25}  {'source':<16}  {'value':<40}  reason")
    for r in requests:
        print(
            f"{r.id:>5}  {r.kind:<10}  {r.received_at:<25}  {r.source:<16}  {_shown(r.kind, r.value):<40}  {r.reason}"
        )
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    with Registry(Path(args.optout_db)) as registry:
        request = registry.remove(args.id)
    print(f"Withdrew request {request.id}: {request.kind} {_shown(request.kind, request.value)}")
    return 0


def _shown(kind: str, value: str) -> str:
    return f"hmac-sha256:{value}" if kind in IDENTIFIERS else value


def _keyring(args: argparse.Namespace) -> Keyring:
    try:
        key, created = load_key(Path(args.key_file) if args.key_file else None, args.key_env)
    except PiiKeyError as exc:
        raise OptoutError(str(exc)) from None
    if created:
        print(f"moisson: created the pseudonymisation key file {args.key_file} (mode 0600): crawls must use it too")
    return Keyring(key)


def cmd_purge(args: argparse.Namespace) -> int:
    dataset = Path(args.dir)
    check_dataset_dir(dataset, must_exist=True)
    as_of = parse_instant(args.as_of) if args.as_of else datetime.now(timezone.utc)
    rules = load_rules(Path(args.optout_db))
    other_key = _crawls_with_other_key(dataset, rules)
    started = datetime.now(timezone.utc)
    decide, columns = purge.either(purge.registry_decider(rules, other_key), purge.retention_decider(as_of))
    result = purge.purge_rows(dataset, decide, columns)
    purge.append_log(
        dataset,
        purge.log_entry(
            result, "moisson purge", started, as_of=as_of.isoformat(), registry=str(args.optout_db), requests=len(rules)
        ),
    )
    print(
        f"Purged {result.total} of {result.rows_before} row(s) from {dataset} "
        f"(retention as of {as_of.isoformat(timespec='seconds')}; {len(rules)} opt-out request(s) applied; "
        f"{result.files_rewritten} file(s) rewritten, {result.files_deleted} deleted)"
    )
    for reason, count in sorted(result.removed.items()):
        print(f"  {reason:<20}{count:>7}")
    if other_key:
        print(
            f"moisson: warning: {len(other_key)} crawl(s) of {dataset} hashed identifiers with another key than "
            f"the registry's (key id {rules.key_id}): person requests could not be applied to their rows",
            file=sys.stderr,
        )
        return 1
    return 0


def _crawls_with_other_key(dataset: Path, rules: OptoutRules) -> set[str]:
    """The crawls whose rows' identifier hashes were made with another key than the registry's."""
    if not rules.hashes or rules.key_id is None:
        return set()
    crawls = read_manifest(dataset).get("crawls", [])
    return {c["crawl_id"] for c in crawls if c.get("pii_key_id") not in (None, rules.key_id)}


def parse_instant(value: str) -> datetime:
    """An ISO 8601 instant; a date or a time without offset is taken as UTC."""
    try:
        instant = datetime.fromisoformat(value.strip())
    except ValueError:
        raise OptoutError(
            f"--as-of: {value!r} is not an ISO 8601 date or instant (e.g. 2027-01-31T00:00:00Z)"
        ) from None
    return instant if instant.tzinfo else instant.replace(tzinfo=timezone.utc)


def write_text_atomically(path: Path, text: str) -> None:
    """Write a whole file through a temporary name, so a reader never sees half of it."""
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OptoutError(f"{path}: cannot write ({exc.strerror})") from None
