"""Compliance decisions as plain Python: given a URL, headers, a body or a text, say yes or no and why."""

from filters.decision import ALLOW, REASONS, Decision, refuse

__all__ = ["ALLOW", "REASONS", "Decision", "refuse"]
