"""Which responses are pages Moisson keeps: HTML only."""

from __future__ import annotations

from filters.decision import ALLOW, Decision, refuse


def media_type(content_type: str | bytes | None) -> str:
    """The lower-cased media type of a Content-Type value, without parameters; "" when absent."""
    if isinstance(content_type, bytes):
        content_type = content_type.decode("latin-1")
    return (content_type or "").split(";", 1)[0].strip().lower()


def check_content_type(content_type: str | bytes | None, html_types: frozenset[str]) -> Decision:
    """Allow HTML media types and an absent type (the body is sniffed later); refuse the rest."""
    media = media_type(content_type)
    if not media or media in html_types:
        return ALLOW
    return refuse("unsupported", media)
