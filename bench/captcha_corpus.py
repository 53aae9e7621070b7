"""Load the labelled CAPTCHA / anti-bot corpus (../shared/corpora/captcha) as responses with an expected verdict.

Each manifest row becomes one sample (status, lower-case headers, body, expected positive or not, expected
vendor), except that a `.meta.json` row is not a response of its own: it is the status and headers of the
`.body.html` beside it, so it is merged into that sample; the `.jsonl` row holds one record per line, each a
sample. Used by tests/filters/test_captcha.py and bench/captcha_eval.py.
"""

from __future__ import annotations

import base64
import csv
import json
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "captcha"

POSITIVE_LABELS = frozenset({"challenge", "block", "challenge/block"})
NEGATIVE_LABELS = frozenset({"negative"})

# A bare HTML fixture carries no status: use the one its source served it with (the cloudscraper tests replay
# IUAM pages as 503 and the "Attention Required!" CAPTCHA and 1006 "Access denied" pages as 403, as Cloudflare
# does; Sucuri's JS redirect page comes with 200; the two is-antibot index.html files take their HAR's status).
# First matching file-name fragment wins; anything else (ordinary pages) is assumed 200.
ASSUMED_STATUS: tuple[tuple[str, int], ...] = (
    ("js_challenge", 503),
    ("invalid_js_challenge", 503),
    ("cf_recaptcha", 403),
    ("recaptcha_challenge", 403),
    ("fixtures/captcha.html", 403),
    ("access_denied.html", 403),
    ("domains_zara_index.html", 403),
)

# Where the manifest's label and the fixture's own source disagree, the source wins (and the report says so).
RELABEL: dict[str, tuple[bool | None, str]] = {
    # The cloudscraper test that uses it is "should not trigger any error if recaptcha is present in page not
    # protected by CF": an HLTV.org news page whose sign-up dialog embeds a reCAPTCHA widget. Ordinary content.
    "cloudscraper_node/test/fixtures/page_with_recaptcha.html": (
        False,
        "relabelled negative: content page with a reCAPTCHA in its sign-up form (the source's own test says so)",
    ),
}

# Vendor the detector should name, by path fragment; "" when the manifest does not make it obvious.
EXPECTED_VENDOR: tuple[tuple[str, str], ...] = (
    ("sucuri_waf", "sucuri"),
    ("cloudscraper_", "cloudflare"),
    ("embed_php_cache/", "cloudflare"),
    ("sucuri_waf", "sucuri"),
    ("linkedin", "linkedin"),
    ("domains_reddit", "reddit"),
    ("domains_zara", "akamai"),
    ("providers/anubis/", "anubis"),
    ("providers/douban/", "douban"),
    ("providers/google/", "google-consent"),
    ("providers/recaptcha/", "google"),
    ("providers/reddit/", "rate-limit"),
    ("providers/weibo/", "weibo"),
    ("providers/youtube/", "youtube"),
)
JSONL_VENDOR = {"cloudflare-turnstile": "cloudflare"}


@dataclass(frozen=True)
class Sample:
    """One labelled response; `expected` is None when the label is ambiguous (left out of precision and recall)."""

    path: str
    label: str
    status: int
    headers: dict[str, str]
    body: bytes
    expected: bool | None
    vendor: str = ""
    status_assumed: bool = False
    note: str = ""


def load_corpus(root: Path = CORPUS) -> list[Sample]:
    """Every sample of the corpus, in manifest order."""
    samples: list[Sample] = []
    with (root / "manifest.tsv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            samples.extend(_samples_of(root, row["path"], row["label"]))
    return samples


def with_status(samples: Iterable[Sample], status: int) -> list[Sample]:
    """The same samples with their status forced (body-only detection)."""
    return [replace(sample, status=status) for sample in samples]


def _samples_of(root: Path, path: str, label: str) -> list[Sample]:
    if path.endswith(".meta.json"):
        return []  # merged into the .body.html sample beside it
    if path.endswith(".jsonl"):
        return list(_jsonl_samples(root, path, label))
    if path.endswith(".json"):
        status, headers, body = _har_response(root, path)
        return [_labelled(path, label, status, headers, body)]
    body = (root / path).read_bytes()
    meta = root / path.replace(".body.html", ".meta.json")
    if path.endswith(".body.html") and meta.is_file():
        data = json.loads(meta.read_text(encoding="utf-8"))
        return [_labelled(path, label, int(data["status"]), _join_headers(data["headers"]), body)]
    status = next((code for fragment, code in ASSUMED_STATUS if fragment.lower() in path.lower()), 200)
    return [replace(_labelled(path, label, status, {}, body), status_assumed=True)]


def _labelled(path: str, label: str, status: int, headers: dict[str, str], body: bytes, vendor: str = "") -> Sample:
    expected: bool | None = True if label in POSITIVE_LABELS else False if label in NEGATIVE_LABELS else None
    note = ""
    if path in RELABEL:
        expected, note = RELABEL[path]
    if not vendor and expected:
        vendor = next((name for fragment, name in EXPECTED_VENDOR if fragment in path), "")
    if label == "challenge_or_beacon":
        note = "ambiguous label: a bot-management beacon stub, not counted"
    return Sample(path, label, status, headers, body, expected, vendor if expected else "", note=note)


def _jsonl_samples(root: Path, path: str, label: str) -> Iterable[Sample]:
    for line in (root / path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        vendor = JSONL_VENDOR.get(record["vendor"], record["vendor"])
        headers = _join_headers(record.get("headers") or {})
        body = (record.get("body") or "").encode("utf-8")
        yield _labelled(f"{path}#{record['vendor']}", label, int(record["status"]), headers, body, vendor)


def _har_response(root: Path, path: str) -> tuple[int, dict[str, str], bytes]:
    """Status, headers and body of a HAR 1.2 file's first entry; an empty body is taken from its index.html."""
    response = json.loads((root / path).read_text(encoding="utf-8"))["log"]["entries"][0]["response"]
    headers: dict[str, list[str]] = {}
    for header in response.get("headers", []):
        headers.setdefault(header["name"].lower(), []).append(header["value"])
    content = response.get("content", {})
    text = content.get("text") or ""
    body = base64.b64decode(text) if content.get("encoding") == "base64" else text.encode("utf-8")
    sibling = root / path.replace("_har.json", "_index.html")
    if not body and path.endswith("_har.json") and sibling.is_file():
        # is-antibot keeps the body of these captures in the index.html next to the HAR.
        body = sibling.read_bytes()
    return int(response["status"]), _join_headers(headers), body


def _join_headers(headers: dict[str, str | list[str]]) -> dict[str, str]:
    """Lower-case names, repeated values joined by ", ", as the crawler's middleware hands them over."""
    joined: dict[str, str] = {}
    for name, value in headers.items():
        values = value if isinstance(value, list) else [value]
        key = name.lower()
        joined[key] = ", ".join(([joined[key]] if key in joined else []) + [str(v) for v in values])
    return joined
