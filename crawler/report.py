"""The compliance summary of a dataset: what was kept, what was excluded and why."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pyarrow.compute as pc

from filters.decision import REASONS
from pipelines.dataset import check_dataset_dir, read_manifest, read_part
from pipelines.purge import read_log


def summary(path: Path, top: int = 10) -> str:
    """A plain-text compliance summary of the dataset at `path`."""
    check_dataset_dir(path, must_exist=True)
    manifest = read_manifest(path)
    documents = read_part(path, "documents", ["domain", "text_bytes", "sensitive_removed", "pii_counts"])
    exclusions = read_part(path, "exclusions", ["domain", "reason_code", "detail"])
    crawls = manifest.get("crawls", [])
    lines = [
        f"Dataset {path}  ({len(crawls)} crawl{'s' if len(crawls) != 1 else ''}; latest {manifest.get('crawl_id')})",
        f"Purpose: {manifest.get('purpose')}  [{manifest.get('legal_basis')}]",
        f"Controller: {manifest.get('controller')}   User agent: {manifest.get('user_agent')}",
        "",
        f"Kept        {documents.num_rows:>7} documents from {len(set(documents['domain'].to_pylist()))} domain(s), "
        f"{_size(pc.sum(documents['text_bytes']).as_py() or 0)} of text",
        f"Excluded    {exclusions.num_rows:>7}",
    ]
    capped = manifest.get("counts", {}).get("links_not_followed", {})
    by_reason = Counter(exclusions["reason_code"].to_pylist())
    details: dict[str, Counter[str]] = {}
    for reason, detail in zip(exclusions["reason_code"].to_pylist(), exclusions["detail"].to_pylist()):
        details.setdefault(reason, Counter())[detail or ""] += 1
    for reason, meaning in REASONS.items():
        count = by_reason.get(reason, 0)
        top_details = ", ".join(f"{d}: {n}" for d, n in details.get(reason, Counter()).most_common(3) if d)
        lines.append(f"  {reason:<16}{count:>7}  {meaning}" + (f"  ({top_details})" if top_details else ""))
    removed = pc.sum(documents["sensitive_removed"]).as_py() or 0
    if removed:
        lines.append(f"Passages   {removed:>7}  disclosing sentences removed from kept documents (passage mode)")
    pii: Counter[str] = Counter()
    pii_documents = 0
    for counts in documents["pii_counts"].to_pylist():
        pii.update(dict(counts or []))
        pii_documents += bool(counts)
    if pii:
        lines.append(
            f"PII        {sum(pii.values()):>7}  values replaced by keyed pseudonyms in {pii_documents} document(s) ("
            + ", ".join(f"{entity} {count}" for entity, count in pii.most_common())
            + ")"
        )
    purged: Counter[str] = Counter()
    for entry in read_log(path):
        purged.update(entry.get("removed_by_reason", {}))
    if purged:
        lines.append(
            f"Purged     {sum(purged.values()):>7}  rows removed after collection (opt-out requests, retention, sites "
            "that now refuse): " + ", ".join(f"{reason} {count}" for reason, count in purged.most_common(5))
        )
    if any(capped.values()):
        lines.append(
            f"Not followed{sum(capped.values()):>7}  links over the crawl's caps (latest crawl: "
            + ", ".join(f"{cap} {count}" for cap, count in capped.items() if count)
            + ")"
        )
    workers = manifest.get("workers")
    if workers:
        running = sum(1 for w in workers.values() if not w.get("finished_at"))
        lines.append(
            f"Workers    {len(workers):>7}  shared the latest crawl through Redis"
            + (f" ({running} still running)" if running else "")
            + ": "
            + ", ".join(f"{name} {w['counts']['documents']} kept" for name, w in sorted(workers.items()))
        )
    lines += ["", "Top domains (kept / excluded):"]
    kept = Counter(documents["domain"].to_pylist())
    dropped = Counter(exclusions["domain"].to_pylist())
    for domain in sorted(set(kept) | set(dropped), key=lambda d: (-kept[d], -dropped[d], d))[:top]:
        lines.append(f"  {domain:<40}{kept[domain]:>7} / {dropped[domain]}")
    lines += ["", f"The list of sources, to publish: moisson sources {path} --format html --output sources.html"]
    return "\n".join(lines)


def _size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} B"
