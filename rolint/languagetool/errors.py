"""Typed errors of the LanguageTool integration."""

from __future__ import annotations


class LanguageToolUnavailable(RuntimeError):
    """LanguageTool could not be used; ``reason`` is a one-line explanation for the user."""

    def __init__(self, reason: str, *, timed_out: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.timed_out = timed_out  # the server was reached but too slow: asking again would wait as long


class ProvisionError(LanguageToolUnavailable):
    """LanguageTool could not be installed (no Java, no Maven, resolution failed)."""
