"""The list of sources of one or more datasets (see CONTRACT.md), in the form of the EU AI Act training-content
summary: every domain with kept documents, why and by whom they were collected, the signals honoured, and how to
opt out."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from pipelines.dataset import DatasetError, check_dataset_dir, read_manifest, read_part
from pipelines.purge import read_log

COLUMNS = ("domain", "documents", "bytes", "first_fetched", "last_fetched")
LEGAL_BASES = {
    "consent": "consent (GDPR Art. 6(1)(a))",
    "contract": "contract (GDPR Art. 6(1)(b))",
    "legal_obligation": "legal obligation (GDPR Art. 6(1)(c))",
    "public_interest": "public interest (GDPR Art. 6(1)(e))",
    "legitimate_interest": "legitimate interest (GDPR Art. 6(1)(f))",
}
AI_SIGNALS = {
    "robots_ai_crawlers": "robots.txt rules for AI training crawlers (GPTBot, CCBot, Google-Extended and others)",
    "content_signals": "Content-Signal and Content-Usage rules in robots.txt",
    "tdmrep": "TDMRep reservations (W3C)",
    "page_signals": "noai in robots meta tags and X-Robots-Tag headers, and Content-Usage headers",
}
_MD_SPECIAL = re.compile(r"([\\`*\[\]<>|])")


def publish(dirs: list[Path], fmt: str) -> str:
    """The list of sources of the datasets at `dirs`, as csv, json, md or html."""
    if fmt not in ("csv", "json", "md", "html"):
        raise ValueError(f"unknown format {fmt!r}: expected csv, json, md or html")
    if not dirs:
        raise DatasetError("no dataset given")
    manifests, documents = _read(dirs)
    rows = _rows(documents)
    if fmt == "csv":
        return _csv(rows)
    summary = _summary(rows, manifests, dirs)
    if fmt == "json":
        return json.dumps(summary, indent=2, ensure_ascii=False) + "\n"
    return _markdown(summary) if fmt == "md" else _html(summary)


def _read(dirs: list[Path]) -> tuple[list[dict[str, Any]], pa.Table]:
    manifests, tables = [], []
    for path in dirs:
        check_dataset_dir(path, must_exist=True)
        manifest = read_manifest(path)
        if not isinstance(manifest, dict):
            raise DatasetError(f"{path}: manifest.json is not a JSON object")
        manifests.append(manifest)
        tables.append(read_part(path, "documents", ["domain", "text_bytes", "fetched_at"]))
    return manifests, pa.concat_tables(tables)


def _rows(documents: pa.Table) -> list[dict[str, Any]]:
    """One row per domain, by bytes of text kept (most first) then domain."""
    sums = [("text_bytes", "sum"), ("fetched_at", "min"), ("fetched_at", "max")]
    counted = documents.group_by("domain").aggregate([("domain", "count", pc.CountOptions(mode="all")), *sums])
    names = {"domain_count": "documents", "text_bytes_sum": "bytes"}
    names |= {"fetched_at_min": "first_fetched", "fetched_at_max": "last_fetched"}
    table = counted.rename_columns([names.get(name, name) for name in counted.column_names])
    table = table.set_column(table.column_names.index("bytes"), "bytes", pc.fill_null(table["bytes"], 0))
    rows = table.sort_by([("bytes", "descending"), ("domain", "ascending")]).to_pylist()
    return [{c: _iso(row[c]) if c.endswith("_fetched") else row[c] for c in COLUMNS} for row in rows]


def _iso(value: datetime | str | None) -> str | None:
    """A UTC instant as ISO 8601 to the second, with a Z."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return None
    if not isinstance(value, datetime):
        return None
    # Moisson writes aware instants; a naive one (edited by hand) is read as UTC, not as local time.
    value = value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _summary(rows: list[dict[str, Any]], manifests: list[dict[str, Any]], dirs: list[Path]) -> dict[str, Any]:
    """Everything the published page states, as plain values (the JSON format)."""
    crawls = [crawl for m in manifests for crawl in (m.get("crawls") or [m]) if isinstance(crawl, dict)]
    user_agents = _distinct(m.get("user_agent") for m in manifests)
    effective = [m.get("effective") or {} for m in manifests]
    total = sum(row["bytes"] for row in rows)
    return {
        "purpose": _distinct(m.get("purpose") for m in manifests),
        "legal_basis": _distinct(m.get("legal_basis") for m in manifests),
        "controller": _distinct(m.get("controller") for m in manifests),
        "crawler": _distinct(f"Moisson {(m.get('software') or {}).get('version', '?')}" for m in manifests),
        "user_agent": user_agents,
        "product_token": _distinct(agent.split("/", 1)[0].strip() for agent in user_agents),
        "crawls": [
            {key: crawl.get(key) for key in ("name", "crawl_id", "started_at", "finished_at")} for crawl in crawls
        ],
        "collection_period": _period(rows, crawls),
        "retention_days": sorted({int(e["retention_days"]) for e in effective if e.get("retention_days")}),
        "rows_purged": sum(entry.get("removed", 0) for path in dirs for entry in read_log(path)),
        "totals": {"domains": len(rows), "documents": sum(row["documents"] for row in rows), "bytes": total},
        "top_domains": _top(rows, total),
        "signals_honoured": _merge([_signals(e) for e in effective], [m.get("name") or "?" for m in manifests]),
        "how_to_opt_out": _opt_out(manifests, effective),
        "sources": rows,
    }


def _distinct(values: Any) -> list[str]:
    return list(dict.fromkeys(str(value) for value in values if value))


def _period(rows: list[dict[str, Any]], crawls: list[dict[str, Any]]) -> dict[str, str | None]:
    """From the first to the last fetch of a kept document; the crawls' own span when none was kept."""
    first = [row["first_fetched"] for row in rows if row["first_fetched"]]
    last = [row["last_fetched"] for row in rows if row["last_fetched"]]
    if not first:
        first = [_iso(crawl["started_at"]) for crawl in crawls if crawl.get("started_at")]
        last = [_iso(crawl["finished_at"]) for crawl in crawls if crawl.get("finished_at")]
    return {"from": min(first, default=None), "to": max(last, default=None)}


def _top(rows: list[dict[str, Any]], total: int) -> dict[str, Any]:
    """The top 10% of domains by bytes (at least one), and the share of all bytes they hold."""
    top = rows[: max(1, -(-len(rows) // 10))] if rows else []
    held = sum(row["bytes"] for row in top)
    percent = round(100 * held / total, 2) if total else None
    return {"count": len(top), "bytes": held, "percent": percent, "domains": [row["domain"] for row in top]}


def _signals(effective: dict[str, Any]) -> list[str]:
    """What a crawl honoured, with what its crawl file switched off (missing settings are Moisson's defaults)."""
    ai = effective.get("ai_optout") or {}
    on = [label for key, label in AI_SIGNALS.items() if ai.get(key, True)]
    off = [label for key, label in AI_SIGNALS.items() if not ai.get(key, True)]
    days = (effective.get("captcha") or {}).get("cooldown_days", 7)
    signals = [
        "robots.txt, per RFC 9309: a robots.txt that answers with a server error or cannot be reached means "
        "nothing may be fetched from the site.",
        f"AI training opt-outs: {'; '.join(on) if on else 'none'}."
        + (f" Not checked (switched off in the crawl file): {'; '.join(off)}." if off else ""),
        f"CAPTCHAs and anti-bot challenges: the site is stopped{f' and left alone for {days:g} days' if days else ''}"
        "; a challenge is never solved nor evaded.",
        _blocklists(effective.get("blocklists") or {}),
        "Content behind a login or a paywall is not collected; no credentials and no cookies are sent.",
        "The opt-out registry (domains, URL prefixes, and people by e-mail address, phone number or name) is "
        "applied before every crawl and to the data already stored.",
    ]
    sensitive = effective.get("sensitive") or {}
    if sensitive.get("enabled", True):
        passage = sensitive.get("mode") == "passage"
        dropped = "sentences that disclose it are removed" if passage else "pages that disclose it are dropped"
        signals.append(f"Special-category data (health, sexual life, religion, political opinions...): {dropped}.")
    if (effective.get("pii") or {}).get("enabled", True):
        signals.append("Personal data: e-mail addresses, phone numbers and names are replaced by keyed pseudonyms.")
    return signals


def _blocklists(blocklists: dict[str, Any]) -> str:
    categories, exceptions = blocklists.get("categories"), blocklists.get("exceptions") or []
    if categories is None:
        return "Blocklists: sites in Moisson's default blocklist categories are not fetched."
    if not categories:
        return "Blocklists: none in force (switched off in the crawl file)."
    excepted = f" (exceptions: {', '.join(exceptions)})" if exceptions else ""
    return f"Blocklists: sites listed in the categories {', '.join(categories)} are not fetched{excepted}."


def _merge(per_dataset: list[list[str]], names: list[str]) -> list[str]:
    """The statements every dataset shares, then the others, each prefixed with its crawl's name."""
    common = [s for s in per_dataset[0] if all(s in signals for signals in per_dataset)]
    rest = [f"In {name}: {s}" for name, signals in zip(names, per_dataset) for s in signals if s not in common]
    return common + list(dict.fromkeys(rest))


def _opt_out(manifests: list[dict[str, Any]], effective: list[dict[str, Any]]) -> list[str]:
    """How site owners and people refuse the crawl, naming only the means every crawl honoured."""
    controllers = _distinct(m.get("controller") for m in manifests) or ["(not stated)"]
    tokens = _distinct(str(m.get("user_agent") or "").split("/", 1)[0].strip() for m in manifests)
    means = [f"robots.txt (a group for {' or '.join(tokens) or 'the crawler'} or for *, with Disallow: /)"]
    if all((e.get("ai_optout") or {}).get("tdmrep", True) for e in effective):
        means.append("TDMRep (tdm-reservation: 1)")
    if all((e.get("ai_optout") or {}).get("page_signals", True) for e in effective):
        means.append("a noai robots meta tag (or X-Robots-Tag header)")
    return [
        f"Write to the controller: {' / '.join(controllers)}.",
        f"Site owners can refuse the crawler with {', '.join(means[:-1]) + ' or ' if len(means) > 1 else ''}"
        f"{means[-1]}.",
        "People and sites can ask the controller to add them to the opt-out registry, by domain, URL prefix, "
        "e-mail address, phone number or name: it is honoured before every recrawl and applied to the data "
        "already stored.",
    ]


def _facts(summary: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """The summary as labelled statements (each with one value or more), shared by the Markdown and HTML pages."""
    period, totals, top = summary["collection_period"], summary["totals"], summary["top_domains"]
    share = "none (no text kept)"
    if top["percent"] is not None:
        share = f"{top['percent']:g}% of the bytes of text kept come from the top {top['count']} of "
        share += f"{totals['domains']} domains: {', '.join(top['domains'])}"
    content = f"{totals['documents']:,} documents, {totals['bytes']:,} bytes of text kept (UTF-8), "
    content += f"from {totals['domains']:,} domains"
    crawls = [
        f"{c['name'] or '?'} ({c['crawl_id'] or '?'}), {_iso(c['started_at']) or '?'} to "
        f"{_iso(c['finished_at']) or 'not finished'}"
        for c in summary["crawls"]
    ]
    facts = [
        ("Purpose", summary["purpose"]),
        ("Legal basis", [LEGAL_BASES.get(basis, basis) for basis in summary["legal_basis"]]),
        ("Controller", summary["controller"]),
        ("Crawler", summary["crawler"]),
        ("User agent", summary["user_agent"]),
        ("Product token (robots.txt)", summary["product_token"]),
        ("Crawls", crawls),
        ("Collection period", [f"{period['from']} to {period['to']}" if period["from"] else "unknown"]),
        (
            "Retention",
            [f"each document is kept at most {days} days after it was fetched" for days in summary["retention_days"]],
        ),
        ("Content", [content]),
        (
            "Removed since collection",
            [f"{summary['rows_purged']:,} documents (opt-out requests, retention, sites that withdrew)"]
            if summary["rows_purged"]
            else ["nothing"],
        ),
        ("Top 10% of domains", [share]),
    ]
    return [(label, values or ["not stated"]) for label, values in facts]


def _title(summary: dict[str, Any]) -> str:
    return "Sources of the dataset " + ", ".join(_distinct(c["name"] for c in summary["crawls"]) or ["?"])


def _markdown(summary: dict[str, Any]) -> str:
    out = [f"# {_md(_title(summary))}", ""]
    for label, values in _facts(summary):
        if len(values) == 1:
            out.append(f"- **{label}:** {_md(values[0])}")
        else:
            out += [f"- **{label}:**", *(f"  - {_md(value)}" for value in values)]
    out += ["", "## Signals honoured", "", *(f"- {_md(s)}" for s in summary["signals_honoured"])]
    out += ["", "## How to opt out", ""] + [line for p in summary["how_to_opt_out"] for line in (_md(p), "")]
    out += ["## Domains", "", "| " + " | ".join(COLUMNS) + " |", "|---|---:|---:|---|---|"]
    out += ["| " + " | ".join(_md(row[c] or "") for c in COLUMNS) + " |" for row in summary["sources"]]
    return "\n".join(out) + "\n"


def _md(text: Any) -> str:
    """Text from a crawl file or a dataset, on one line and inert in Markdown."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


_STYLE = (
    "body{font:16px/1.5 system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 1em;color:#222}"
    "dt{font-weight:bold;margin-top:.5em}dd{margin-left:1.5em}table{border-collapse:collapse;width:100%}"
    "th,td{border-bottom:1px solid #ccc;padding:.25em .5em;text-align:left}td.n{text-align:right}"
)


def _html(summary: dict[str, Any]) -> str:
    e, title = html.escape, html.escape(_title(summary))
    out = ['<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">', f"<title>{title}</title>"]
    out += [f"<style>{_STYLE}</style>\n</head>\n<body>", f"<h1>{title}</h1>", "<dl>"]
    for label, values in _facts(summary):
        value = e(values[0]) if len(values) == 1 else "<ul>" + "".join(f"<li>{e(v)}</li>" for v in values) + "</ul>"
        out.append(f"<dt>{e(label)}</dt><dd>{value}</dd>")
    out += ["</dl>", "<h2>Signals honoured</h2>", "<ul>", *(f"<li>{e(s)}</li>" for s in summary["signals_honoured"])]
    out += ["</ul>", "<h2>How to opt out</h2>", *(f"<p>{e(p)}</p>" for p in summary["how_to_opt_out"])]
    out += ["<h2>Domains</h2>", "<table>", "<tr>" + "".join(f"<th>{c}</th>" for c in COLUMNS) + "</tr>"]
    for row in summary["sources"]:
        cells = "".join(
            f'<td class="n">{row[c]}</td>' if c in ("documents", "bytes") else f"<td>{e(row[c] or '')}</td>"
            for c in COLUMNS
        )
        out.append(f"<tr>{cells}</tr>")
    return "\n".join([*out, "</table>", "</body>", "</html>"]) + "\n"


def _csv(rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows([row[c] for c in COLUMNS] for row in rows)
    return buffer.getvalue()
