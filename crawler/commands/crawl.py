"""`scrapy crawl web -a config=FILE`: Scrapy's crawl command, reading the crawl file first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.exceptions import UsageError

from crawler.config import ConfigError, apply_config, load_config

if TYPE_CHECKING:
    import argparse


class Command(ScrapyCrawlCommand):
    """Scrapy's crawl command; for the `web` spider, the crawl file's settings apply to the whole process."""

    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        super().process_options(args, opts)
        if args[:1] != ["web"]:
            return
        path = opts.spargs.pop("config", None)
        if not path:
            raise UsageError("the web spider needs a crawl file: scrapy crawl web -a config=FILE")
        max_pages = opts.spargs.pop("max_pages", None)
        try:
            config = load_config(
                path,
                output_dir=opts.spargs.pop("out", None),
                max_pages=int(max_pages) if max_pages else None,
                allow_private_network=opts.spargs.pop("allow_private_network", "") in ("1", "true", "yes"),
                optout_db=opts.spargs.pop("optout_db", None),
            )
        except (ConfigError, ValueError) as exc:
            raise UsageError(str(exc)) from None
        assert self.settings is not None
        apply_config(self.settings, config)
