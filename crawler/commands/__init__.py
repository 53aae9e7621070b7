"""Scrapy commands of the project: `scrapy crawl web -a config=FILE` reads the crawl file."""
