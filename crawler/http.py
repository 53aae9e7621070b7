"""Small helpers over Scrapy's HTTP objects."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scrapy.http import Headers


def header_lists(headers: Headers) -> dict[str, list[str]]:
    """Response headers as lower-case names and the list of their values, one per header line."""
    return {
        name.decode("latin-1").lower(): [value.decode("latin-1") for value in values]
        for name, values in headers.items()
    }


def header_dict(headers: Headers) -> dict[str, str]:
    """Response headers as lower-case names and str values, repeated values joined by ", "."""
    return {name: ", ".join(values) for name, values in header_lists(headers).items()}
