"""Moisson's Scrapy glue: spider, middlewares, settings and the command line."""

__version__ = "0.1.0"
