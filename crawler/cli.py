"""The `moisson` command line (see CONTRACT.md): crawl, demo, report, sources, optout, purge, blocklists."""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from importlib import resources
from pathlib import Path
from typing import Any, NoReturn

from crawler import distributed, offload, rights
from crawler.config import ConfigError, CrawlConfig, apply_config, load_config
from crawler.offload import processes_setting
from filters._pii_keyed import Keyring
from filters._sensitive_model import ModelMissing
from filters._sensitive_model import load as load_sensitive_model
from filters.optout import OptoutError, check_key, load_rules
from pipelines.dataset import DatasetError, check_dataset_dir, new_crawl_id, read_manifest

EXIT_USAGE = 2


class CliError(Exception):
    """Bad usage or input: printed on one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # argparse prints the whole usage; the contract wants one line, the same for every command.
        self.exit(EXIT_USAGE, f"moisson: error: {message} (see {self.prog} --help)\n")


def run_crawl(config: CrawlConfig, extra_settings: dict[str, Any] | None = None) -> int:
    """Run one crawl in this process (Scrapy's reactor runs once per process) and return its exit status."""
    from scrapy.crawler import CrawlerProcess
    from scrapy.settings import Settings

    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    apply_config(settings, config)
    settings.setdict(extra_settings or {}, priority="cmdline")
    offload.prestart(settings.get("MOISSON_PROCESSES"))  # the workers' models load while this process starts
    if settings.getbool("MOISSON_SENSITIVE_ENABLED") and settings.getbool("MOISSON_SENSITIVE_MODEL"):
        # Loaded once per process: the pipeline finds it ready. Missing, it is a one-line error before any request.
        load_sensitive_model()
    rules = load_rules(Path(settings.get("MOISSON_OPTOUT_DB")))
    if settings.getbool("MOISSON_PII_ENABLED") or rules.hashes:
        # Person requests need the key and the analyzer even with pseudonymisation off: they find the people.
        keyring = _prepare_pii(settings.get("MOISSON_PII_KEY_FILE"), settings.get("MOISSON_PII_KEY_ENV"))
        check_key(rules, keyring, Path(settings.get("MOISSON_OPTOUT_DB")))
    process = CrawlerProcess(settings)
    crawler = process.create_crawler("web")
    process.crawl(crawler)
    process.start()
    reason = crawler.stats.get_value("finish_reason")
    if reason == "shutdown":
        return 130
    return 0 if reason == "finished" else 1


def _prepare_pii(key_file: str | None, key_env: str | None) -> Keyring:
    """Read (or create) the key and load the spaCy pipelines now: a problem is a one-line error before any
    request, and the pipeline finds them ready."""
    from filters import pii

    key = _prepare_key(key_file, key_env)
    pii.shared_analyzer()  # a missing pipeline is a ModelMissing, which main() reports
    return pii.Keyring(key)


def _prepare_key(key_file: str | None, key_env: str | None = None) -> bytes:
    """The pseudonymisation key, read, or created and said so (the pipeline would say it, but the key exists by
    the time it starts)."""
    from filters import pii

    try:
        key, created = pii.load_key(Path(key_file) if key_file else None, key_env)
    except pii.PiiKeyError as exc:
        raise CliError(str(exc)) from None
    if created:
        print(f"moisson: created the pseudonymisation key file {key_file} (mode 0600): keep it, recrawls need it")
    return key


def cmd_crawl(args: argparse.Namespace) -> int:
    config = load_config(
        args.file,
        output_dir=args.out,
        max_pages=args.max_pages,
        allow_private_network=args.allow_private_network,
        optout_db=args.optout_db,
    )
    settings = _assignments(args.set)
    if args.redis:
        settings.update(_publish(args.redis, config, settings))
    status = run_crawl(config, {"LOG_LEVEL": args.log_level, **settings})
    _print_summary(config.output_dir)
    return status


def _assignments(assignments: list[str]) -> dict[str, Any]:
    settings: dict[str, Any] = {}
    for assignment in assignments:
        name, sep, value = assignment.partition("=")
        if not sep or not name:
            raise CliError(f"-s {assignment!r}: expected NAME=VALUE")
        if name == "MOISSON_PROCESSES":
            try:
                processes_setting(value)
            except ValueError as exc:
                raise CliError(str(exc)) from None
        settings[name] = value
    return settings


def _publish(url: str, config: CrawlConfig, settings: dict[str, Any]) -> dict[str, Any]:
    """Publish `config` as the job of the Redis at `url`; the settings that make this process its first worker."""
    from datetime import datetime, timezone

    client = distributed.connect(url)
    crawl_id = new_crawl_id(config.name, datetime.now(timezone.utc))
    key_file = config.pii.get("key_file")
    if key_file and not config.pii.get("key_env"):
        # Made now, before any worker can look for it.
        _prepare_key(key_file)
    job = {
        "crawl_id": crawl_id,
        "crawl_file": str(config.path.resolve()),
        "crawl_file_sha256": distributed.file_digest(config.path),
        "output_dir": str(config.output_dir.resolve()),
        "max_pages": config.max_pages,
        "allow_private_network": config.allow_private_network,
        "optout_db": str(config.optout_db.resolve()),
        # Every worker uses the same key file, wherever it runs from.
        "settings": {**settings, **({"MOISSON_PII_KEY_FILE": str(Path(key_file).resolve())} if key_file else {})},
    }
    distributed.publish_job(client, job)
    print(f"Crawl {crawl_id} published on {url}: add workers with `moisson worker --redis {url}`", flush=True)
    return {**job["settings"], **distributed.scrapy_settings(url, crawl_id, distributed.worker_name())}


def cmd_worker(args: argparse.Namespace) -> int:
    client = distributed.connect(args.redis)
    job = distributed.read_job(client)
    if job is None or job.get("finished"):
        what = f"crawl {job['crawl_id']} has ended" if job else "no crawl is published"
        raise CliError(f"{args.redis}: {what}; start one with `moisson crawl FILE --redis {args.redis}`")
    path = Path(job["crawl_file"])
    if not path.is_file() or distributed.file_digest(path) != job["crawl_file_sha256"]:
        raise CliError(f"{path}: this worker must see the crawl file the crawl was started with, unchanged")
    config = load_config(
        path,
        output_dir=job["output_dir"],
        max_pages=job["max_pages"],
        allow_private_network=job["allow_private_network"],
        optout_db=job["optout_db"],
    )
    settings = {**job["settings"], **_assignments(args.set), "LOG_LEVEL": args.log_level}
    settings.update(distributed.scrapy_settings(args.redis, job["crawl_id"], distributed.worker_name()))
    print(f"Worker on crawl {job['crawl_id']}, writing to {config.output_dir}", flush=True)
    status = run_crawl(config, settings)
    _print_summary(config.output_dir)
    return status


def cmd_demo(args: argparse.Namespace) -> int:
    from crawler.localweb import LocalWeb

    out = Path(args.out)
    _clear_previous_demo(out)
    demo = resources.files("crawler") / "demo"
    with tempfile.TemporaryDirectory(prefix="moisson-demo-") as tmp, resources.as_file(demo) as demo_dir:
        with LocalWeb(demo_dir / "web", log_path=Path(tmp) / "requests.jsonl") as web:
            crawl_file = Path(tmp) / "demo.toml"
            text = (
                (demo_dir / "demo.toml")
                .read_text(encoding="utf-8")
                .replace("@PORT@", str(web.port))
                .replace("@TMP@", tmp)
            )
            crawl_file.write_text(text, encoding="utf-8")
            for extra in demo_dir.glob("demo-blocklist-*.txt"):
                shutil.copy(extra, Path(tmp) / extra.name)
            config = load_config(crawl_file, output_dir=out)
            rights.fill_registry(demo_dir / "demo-optout.csv", config.optout_db, Path(config.pii["key_file"]))
            print(f"Demo web on 127.0.0.1:{web.port}; crawling it into {out} ...", flush=True)
            settings: dict[str, Any] = {
                "LOG_LEVEL": args.log_level,
                # The demo's .test hosts stand for public sites, so the private-network guard stays on.
                "MOISSON_TEST_HOSTS": {"test": "127.0.0.1"},
                "AUTOTHROTTLE_START_DELAY": 0.1,
                "DOWNLOAD_DELAY": 0.02,
            }
            worker = None
            if args.redis:  # this process and one `moisson worker` share the crawl
                settings.update(_publish(args.redis, config, settings))
                command = [
                    sys.executable,
                    "-m",
                    "crawler.cli",
                    "worker",
                    "--redis",
                    args.redis,
                    "--log-level",
                    args.log_level,
                ]
                worker = subprocess.Popen(command, stdout=subprocess.DEVNULL)
            status = run_crawl(config, settings)
            if worker is not None:
                status = status or worker.wait()
    _print_summary(out)
    return status


def _clear_previous_demo(out: Path) -> None:
    if not out.exists():
        return
    check_dataset_dir(out)
    if any(out.iterdir()):
        if read_manifest(out).get("name") != "demo":
            raise CliError(f"{out}: holds a dataset that is not the demo's; choose another --out")
        shutil.rmtree(out)


def cmd_report(args: argparse.Namespace) -> int:
    _print_summary(Path(args.dir))
    return 0


def cmd_blocklists(args: argparse.Namespace) -> int:
    from filters.blocklist import Blocklist
    from filters.urls import host_of

    blocklist = Blocklist.load()
    if args.action == "check":
        url = args.url if "://" in args.url else f"http://{args.url}"
        if not host_of(url) or any(c.isspace() for c in args.url):
            raise CliError(f"{args.url!r} is not a URL or host name")
        entry = blocklist.match(url)
        if entry is None:
            print(f"{args.url}: not blocked")
        else:
            print(f"{args.url}: blocked, category {entry.category} (listed: {entry.host}; source: {entry.source})")
        return 0
    counts, sources = blocklist.counts(), blocklist.sources()
    print(f"{'category':<16}{'hosts':>8}  sources")
    for category in sorted(counts):
        print(f"{category:<16}{counts[category]:>8}  {', '.join(sources.get(category, []))}")
    print("Sources, licences and dates: blocklists/README.md and blocklists/sources.toml")
    return 0


def cmd_sources(args: argparse.Namespace) -> int:
    from crawler.sources import publish

    text = publish([Path(d) for d in args.dirs], args.format)
    if args.output:
        rights.write_text_atomically(Path(args.output), text)
    else:
        sys.stdout.write(text)
    return 0


def _print_summary(path: Path) -> None:
    from crawler.report import summary

    print(summary(path))


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every `moisson` command."""
    parser = _Parser(prog="moisson", description="A compliant crawler for AI training datasets.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    crawl = commands.add_parser("crawl", help="run the crawl a crawl file describes")
    crawl.add_argument("file", help="crawl file (TOML)")
    crawl.add_argument("--out", help="dataset folder (overrides [output] dir)")
    crawl.add_argument("--max-pages", type=int, help="cap on fetched pages (overrides max_pages)")
    crawl.add_argument("--allow-private-network", action="store_true", help="let requests reach private addresses")
    crawl.add_argument("--optout-db", metavar="PATH", help="the opt-out registry (overrides [optout] db)")
    crawl.add_argument("--log-level", default="INFO", choices=["DEBUG", "INFO", "WARNING", "ERROR"])
    crawl.add_argument(
        "-s",
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="set a Scrapy or Moisson setting, as `scrapy crawl -s` does",
    )
    crawl.add_argument(
        "--redis",
        metavar="URL",
        help="share the crawl through this Redis (redis://host:port/db) with `moisson worker`s",
    )
    crawl.set_defaults(func=cmd_crawl)

    worker = commands.add_parser("worker", help="work on the crawl published on a Redis by `moisson crawl --redis`")
    worker.add_argument("--redis", metavar="URL", required=True, help="the Redis the crawl was published on")
    worker.add_argument("--log-level", default="INFO", choices=["DEBUG", "INFO", "WARNING", "ERROR"])
    worker.add_argument(
        "-s",
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="set a Scrapy or Moisson setting for this worker only",
    )
    worker.set_defaults(func=cmd_worker)

    demo = commands.add_parser("demo", help="crawl the bundled demo web on loopback and print the summary")
    demo.add_argument("--out", default="data/demo", help="dataset folder (default data/demo)")
    demo.add_argument("--log-level", default="ERROR", choices=["DEBUG", "INFO", "WARNING", "ERROR"])
    demo.add_argument("--redis", metavar="URL", help="share the demo crawl with a second worker through this Redis")
    demo.set_defaults(func=cmd_demo)

    report = commands.add_parser("report", help="print the compliance summary of a dataset")
    report.add_argument("dir", help="dataset folder")
    report.set_defaults(func=cmd_report)

    sources = commands.add_parser("sources", help="publish the list of sources of one or more datasets")
    sources.add_argument("dirs", nargs="+", metavar="DIR", help="dataset folder(s)")
    sources.add_argument(
        "--format",
        default="csv",
        choices=["csv", "json", "md", "html"],
        help="csv (default), json, md (Markdown) or html (a self-contained page to publish)",
    )
    sources.add_argument("--output", metavar="FILE", help="write to FILE instead of standard output")
    sources.set_defaults(func=cmd_sources)

    rights.add_parsers(commands)

    blocklists = commands.add_parser("blocklists", help="list the blocklist categories, or check a URL")
    blocklists.set_defaults(func=cmd_blocklists, action=None)
    actions = blocklists.add_subparsers(dest="action", parser_class=_Parser)
    check = actions.add_parser("check", help="say whether and why a URL is blocked")
    check.add_argument("url", help="URL or host name")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `moisson` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except (CliError, ConfigError, DatasetError, ModelMissing, OptoutError, distributed.DistributedError) as exc:
        print(f"moisson: error: {exc}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
