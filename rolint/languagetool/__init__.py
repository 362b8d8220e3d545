"""LanguageTool integration: provisioning, a managed local server, a cached client and the check."""

from __future__ import annotations

from rolint.languagetool.errors import LanguageToolUnavailable, ProvisionError

__all__ = ["LanguageToolUnavailable", "ProvisionError", "LanguageToolCheck", "cli_install", "cli_server"]


def __getattr__(name: str) -> object:
    # Lazy: importing rolint.languagetool must stay cheap for runs that do not use LanguageTool.
    if name == "LanguageToolCheck":
        from rolint.languagetool.check import LanguageToolCheck

        return LanguageToolCheck
    if name in ("cli_install", "cli_server"):
        from rolint.languagetool import server

        return getattr(server, name)
    raise AttributeError(name)
