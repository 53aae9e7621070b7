"""The crawl file (TOML): load it, check every key, and turn it into Scrapy settings."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from filters._sensitive_model import THRESHOLD as SENSITIVE_THRESHOLD
from pipelines.dataset import DatasetError, check_dataset_dir

if TYPE_CHECKING:
    from scrapy.settings import Settings

LEGAL_BASES = ("consent", "contract", "legal_obligation", "public_interest", "legitimate_interest")
FOLLOW_LINKS = ("same_domain", "any")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
# RFC 9309 section 2.2.1: a product token is made of letters, "_" and "-".
_PRODUCT_TOKEN = re.compile(r"^[A-Za-z_-]+$")


class ConfigError(ValueError):
    """A crawl file that cannot run; the message is one line and names the key."""


@dataclass(frozen=True)
class Key:
    """What one key of the crawl file accepts."""

    kind: type
    required: bool = False
    default: Any = None
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None


SCHEMA: dict[str, dict[str, Key]] = {
    "crawl": {
        "name": Key(str, required=True),
        "purpose": Key(str, required=True),
        "legal_basis": Key(str, required=True, choices=LEGAL_BASES),
        "controller": Key(str, required=True),
        "user_agent": Key(str, required=True),
        "seeds": Key(list, default=[]),
        "seeds_file": Key(str),
        "retention_days": Key(int, required=True, minimum=1),
        "max_pages": Key(int, minimum=1),
        "follow_links": Key(str, default="same_domain", choices=FOLLOW_LINKS),
        "allow_private_network": Key(bool, default=False),
    },
    "output": {
        "dir": Key(str),
    },
    "limits": {
        "max_depth": Key(int, default=10, minimum=1),
        "max_pages_per_site": Key(int, default=5000, minimum=1),
        "max_page_bytes": Key(int, default=10 * 1024 * 1024, minimum=1024),
        "download_timeout": Key(float, default=30.0, minimum=1),
    },
    "ai_optout": {
        "robots_ai_crawlers": Key(bool, default=True),
        "content_signals": Key(bool, default=True),
        "tdmrep": Key(bool, default=True),
        "page_signals": Key(bool, default=True),
    },
    "captcha": {
        "cooldown_days": Key(float, default=7.0, minimum=0),
    },
    "sensitive": {
        "enabled": Key(bool, default=True),
        "mode": Key(str, default="document", choices=("document", "passage")),
        "site_share": Key(float, default=0.5, minimum=0.01),
        "site_min_pages": Key(int, default=10, minimum=1),
        "model": Key(bool, default=True),
        "threshold": Key(float, default=SENSITIVE_THRESHOLD, minimum=0.01, maximum=0.99),
    },
    "dedup": {
        "enabled": Key(bool, default=True),
        "threshold": Key(float, default=0.8, minimum=0.5, maximum=0.99),
        "min_words": Key(int, default=50, minimum=5),
    },
    "pii": {
        "enabled": Key(bool, default=True),
        "key_file": Key(str, default="data/pii.key"),
        "key_env": Key(str),
    },
    "optout": {
        "db": Key(str, default="data/optout.sqlite"),
    },
    "blocklists": {
        "disabled": Key(list, default=[]),
        "exceptions": Key(list, default=[]),
        "extra": Key(list, default=[]),
    },
}


@dataclass(frozen=True)
class CrawlConfig:
    """A checked crawl file, with the command-line overrides applied."""

    name: str
    purpose: str
    legal_basis: str
    controller: str
    user_agent: str
    seeds: tuple[str, ...]
    retention_days: int
    max_pages: int | None
    follow_links: str
    allow_private_network: bool
    output_dir: Path
    limits: dict[str, Any]
    ai_optout: dict[str, bool]
    captcha: dict[str, Any]
    blocklists: dict[str, Any]
    sensitive: dict[str, Any]
    pii: dict[str, Any]
    dedup: dict[str, Any]
    optout_db: Path
    path: Path
    text: str = field(repr=False)

    @property
    def product_token(self) -> str:
        """The User-Agent's product token, the name matched against robots.txt groups."""
        return self.user_agent.split("/", 1)[0].strip()


def load_config(
    path: str | Path,
    *,
    output_dir: str | Path | None = None,
    max_pages: int | None = None,
    allow_private_network: bool | None = None,
    optout_db: str | Path | None = None,
) -> CrawlConfig:
    """Read and check a crawl file; raise ConfigError with a one-line message on any problem."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read crawl file ({exc.__class__.__name__})") from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    values = _check_schema(raw)
    crawl, limits = values["crawl"], values["limits"]
    _check_crawl(crawl)
    seeds = _seeds(crawl, path.parent)
    if max_pages is not None:
        if max_pages < 1:
            raise ConfigError(f"--max-pages: must be at least 1, not {max_pages}")
        crawl["max_pages"] = max_pages
    if allow_private_network:
        crawl["allow_private_network"] = True
    out = Path(output_dir or values["output"]["dir"] or Path("data") / crawl["name"])
    try:
        check_dataset_dir(out)
    except DatasetError as exc:
        raise ConfigError(f"output.dir: {exc}") from None
    return CrawlConfig(
        name=crawl["name"],
        purpose=crawl["purpose"].strip(),
        legal_basis=crawl["legal_basis"],
        controller=crawl["controller"].strip(),
        user_agent=crawl["user_agent"].strip(),
        seeds=seeds,
        retention_days=crawl["retention_days"],
        max_pages=crawl["max_pages"],
        follow_links=crawl["follow_links"],
        allow_private_network=crawl["allow_private_network"],
        output_dir=Path(out),
        limits=limits,
        ai_optout=values["ai_optout"],
        captcha=values["captcha"],
        blocklists=_blocklists(values["blocklists"], path.parent),
        sensitive=values["sensitive"],
        pii=_pii(values["pii"], Path(out)),
        dedup=values["dedup"],
        optout_db=Path(optout_db or values["optout"]["db"]).expanduser(),
        path=path,
        text=text,
    )


def _pii(pii: dict[str, Any], output_dir: Path) -> dict[str, Any]:
    """The key file must stay out of the dataset it protects, which may be published."""
    if pii["key_env"] is None:
        key_file = Path(pii["key_file"]).expanduser()
        if key_file.resolve().is_relative_to(output_dir.expanduser().resolve()):
            raise ConfigError(f"pii.key_file: {pii['key_file']} is inside the output directory; keep the key out of the dataset")
        pii = {**pii, "key_file": str(key_file)}
    return pii


def _check_schema(raw: dict[str, Any]) -> dict[str, dict[str, Any]]:
    for section, value in raw.items():
        if section not in SCHEMA:
            raise ConfigError(f"[{section}]: unknown section (known: {', '.join(SCHEMA)})")
        if not isinstance(value, dict):
            raise ConfigError(f"{section}: must be a [{section}] section")
    values: dict[str, dict[str, Any]] = {}
    for section, keys in SCHEMA.items():
        given = raw.get(section, {})
        for key in given:
            if key not in keys:
                raise ConfigError(f"{section}.{key}: unknown key")
        values[section] = {key: _check_key(f"{section}.{key}", spec, given) for key, spec in keys.items()}
    return values


def _check_key(name: str, spec: Key, given: dict[str, Any]) -> Any:
    key = name.split(".", 1)[1]
    if key not in given:
        if spec.required:
            raise ConfigError(f"{name}: required key missing")
        return spec.default
    value = given[key]
    if spec.kind is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    # bool is an int in Python; a crawl file's `true` is not a number.
    if not isinstance(value, spec.kind) or (spec.kind is not bool and isinstance(value, bool)):
        raise ConfigError(f"{name}: expected {spec.kind.__name__}, got {type(value).__name__} {value!r}")
    if spec.kind is str and not value.strip():
        raise ConfigError(f"{name}: must not be empty")
    if spec.choices and value not in spec.choices:
        raise ConfigError(f"{name}: {value!r} is not one of {', '.join(spec.choices)}")
    if spec.minimum is not None and value < spec.minimum:
        raise ConfigError(f"{name}: must be at least {spec.minimum:g}, not {value!r}")
    if spec.maximum is not None and value > spec.maximum:
        raise ConfigError(f"{name}: must be at most {spec.maximum:g}, not {value!r}")
    return value


def _check_crawl(crawl: dict[str, Any]) -> None:
    if not _NAME.match(crawl["name"]):
        raise ConfigError(f"crawl.name: {crawl['name']!r} must be letters, digits, '.', '_' or '-' (at most 100)")
    if len(crawl["purpose"].split()) < 3:
        raise ConfigError("crawl.purpose: state the purpose as a sentence")
    token = crawl["user_agent"].split("/", 1)[0].strip()
    if not _PRODUCT_TOKEN.match(token):
        raise ConfigError(
            f"crawl.user_agent: product token {token!r} must be letters, '_' or '-' (e.g. 'ExampleBot/1.0 (+URL)')"
        )


def _seeds(crawl: dict[str, Any], base: Path) -> tuple[str, ...]:
    seeds = [(f"crawl.seeds[{i}]", seed) for i, seed in enumerate(crawl["seeds"])]
    if crawl["seeds_file"]:
        seeds_path = base / crawl["seeds_file"]
        try:
            lines = seeds_path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"crawl.seeds_file: cannot read {seeds_path} ({exc.__class__.__name__})") from None
        for number, line in enumerate(lines, 1):
            line = line.strip()
            if line and not line.startswith("#"):
                seeds.append((f"crawl.seeds_file line {number}", line))
    if not seeds:
        raise ConfigError("crawl.seeds: required key missing (give seeds and/or seeds_file)")
    for name, seed in seeds:
        _check_url(name, seed)
    return tuple(dict.fromkeys(seed for _, seed in seeds))


def _blocklists(section: dict[str, Any], base: Path) -> dict[str, Any]:
    from filters.blocklist import CATEGORIES

    for i, category in enumerate(section["disabled"]):
        if category not in CATEGORIES:
            raise ConfigError(f"blocklists.disabled[{i}]: {category!r} is not one of {', '.join(CATEGORIES)}")
    for i, host in enumerate(section["exceptions"]):
        if not isinstance(host, str) or not host.strip() or "/" in host:
            raise ConfigError(f"blocklists.exceptions[{i}]: expected a host name, got {host!r}")
    extra = []
    for i, source in enumerate(section["extra"]):
        name = f"blocklists.extra[{i}]"
        if not isinstance(source, dict) or not ({"file", "category"} == set(source) or {"ut1"} == set(source)):
            raise ConfigError(f"{name}: expected {{ file = PATH, category = NAME }} or {{ ut1 = DIRECTORY }}")
        if "category" in source and source["category"] not in CATEGORIES:
            raise ConfigError(f"{name}.category: {source['category']!r} is not one of {', '.join(CATEGORIES)}")
        key = "file" if "file" in source else "ut1"
        location = base / str(source[key])
        if not (location.is_file() if key == "file" else location.is_dir()):
            raise ConfigError(f"{name}.{key}: {location} not found")
        extra.append({**source, key: str(location)})
    categories = [c for c in CATEGORIES if c not in section["disabled"]]
    return {"categories": categories, "exceptions": list(section["exceptions"]), "extra": extra}


def _check_url(name: str, url: Any) -> None:
    if not isinstance(url, str):
        raise ConfigError(f"{name}: expected a URL string, got {type(url).__name__}")
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        raise ConfigError(f"{name}: {url!r} is not a valid URL") from None
    if parts.scheme not in ("http", "https") or not host:
        raise ConfigError(f"{name}: {url!r} is not an http(s) URL")
    if parts.username is not None or parts.password is not None:
        raise ConfigError(f"{name}: URL carries credentials; Moisson never sends any")


def to_settings(config: CrawlConfig) -> dict[str, Any]:
    """The Scrapy settings a crawl file stands for."""
    limits = config.limits
    return {
        "USER_AGENT": config.user_agent,
        "ROBOTSTXT_USER_AGENT": config.product_token,
        "DEPTH_LIMIT": limits["max_depth"],
        "DOWNLOAD_MAXSIZE": limits["max_page_bytes"],
        "DOWNLOAD_WARNSIZE": limits["max_page_bytes"] // 2,
        "DOWNLOAD_TIMEOUT": limits["download_timeout"],
        "MOISSON_SEEDS": list(config.seeds),
        "MOISSON_FOLLOW_LINKS": config.follow_links,
        "MOISSON_MAX_PAGES": config.max_pages or 0,
        "MOISSON_MAX_PAGES_PER_SITE": limits["max_pages_per_site"],
        "MOISSON_ALLOW_PRIVATE_NETWORK": config.allow_private_network,
        "MOISSON_OUTPUT_DIR": str(config.output_dir),
        "MOISSON_RETENTION_DAYS": config.retention_days,
        "MOISSON_AI_OPTOUT_ROBOTS": config.ai_optout["robots_ai_crawlers"],
        "MOISSON_AI_OPTOUT_CONTENT_SIGNALS": config.ai_optout["content_signals"],
        "MOISSON_AI_OPTOUT_TDMREP": config.ai_optout["tdmrep"],
        "MOISSON_AI_OPTOUT_PAGE": config.ai_optout["page_signals"],
        "MOISSON_CAPTCHA_COOLDOWN_DAYS": config.captcha["cooldown_days"],
        "MOISSON_SENSITIVE_ENABLED": config.sensitive["enabled"],
        "MOISSON_SENSITIVE_MODE": config.sensitive["mode"],
        "MOISSON_SENSITIVE_SITE_SHARE": config.sensitive["site_share"],
        "MOISSON_SENSITIVE_SITE_MIN_PAGES": config.sensitive["site_min_pages"],
        "MOISSON_SENSITIVE_MODEL": config.sensitive["model"],
        "MOISSON_SENSITIVE_THRESHOLD": config.sensitive["threshold"],
        "MOISSON_DEDUP_ENABLED": config.dedup["enabled"],
        "MOISSON_DEDUP_THRESHOLD": config.dedup["threshold"],
        "MOISSON_DEDUP_MIN_WORDS": config.dedup["min_words"],
        "MOISSON_OPTOUT_DB": str(config.optout_db),
        "MOISSON_PII_ENABLED": config.pii["enabled"],
        "MOISSON_PII_KEY_FILE": config.pii["key_file"],
        "MOISSON_PII_KEY_ENV": config.pii["key_env"],
        "MOISSON_BLOCKLIST_CATEGORIES": config.blocklists["categories"],
        "MOISSON_BLOCKLIST_EXCEPTIONS": config.blocklists["exceptions"],
        "MOISSON_BLOCKLIST_EXTRA": config.blocklists["extra"],
        "MOISSON_CRAWL": {
            "name": config.name,
            "purpose": config.purpose,
            "legal_basis": config.legal_basis,
            "controller": config.controller,
            "user_agent": config.user_agent,
            "crawl_file": {"path": str(config.path), "text": config.text},
            "effective": {
                "seeds": list(config.seeds),
                "retention_days": config.retention_days,
                "max_pages": config.max_pages,
                "follow_links": config.follow_links,
                "allow_private_network": config.allow_private_network,
                "output_dir": str(config.output_dir),
                "limits": dict(limits),
                "ai_optout": dict(config.ai_optout),
                "captcha": dict(config.captcha),
                "blocklists": config.blocklists,
                "sensitive": dict(config.sensitive),
                "pii": dict(config.pii),
                "dedup": dict(config.dedup),
                "optout": {"db": str(config.optout_db)},
            },
        },
    }


def product_token(settings: Settings) -> str:
    """The crawl's product token: ROBOTSTXT_USER_AGENT, else the User-Agent before its first '/'."""
    return settings.get("ROBOTSTXT_USER_AGENT") or settings.get("USER_AGENT", "").split("/", 1)[0].strip()


def apply_config(settings: Settings, config: CrawlConfig) -> None:
    """Set a crawl file's settings above the project's defaults and below `-s` options."""
    settings.setdict(to_settings(config), priority="spider")
