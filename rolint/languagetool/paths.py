"""Where rolint keeps LanguageTool: the user cache dir (``ROLINT_CACHE_DIR`` overrides it)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

#: Newest 6.x served by Maven Central for both languagetool-server and language-ro (checked with mvn).
LT_VERSION = "6.8"


def lt_version() -> str:
    return os.environ.get("ROLINT_LT_VERSION", LT_VERSION)


def cache_root() -> Path:
    env = os.environ.get("ROLINT_CACHE_DIR")
    return Path(env) if env else Path(platformdirs.user_cache_dir("rolint"))


def lt_root() -> Path:
    """``<cache>/languagetool``: install dirs per version, server state, result cache."""
    return cache_root() / "languagetool"


def private_lt_root() -> Path:
    """:func:`lt_root`, created (or tightened) with the cache root as folders only the user can open."""
    from rolint.private import private_dir

    private_dir(cache_root())
    return private_dir(lt_root())


def install_dir(version: str | None = None) -> Path:
    return lt_root() / (version or lt_version())


def classpath_dir(version: str | None = None) -> Path:
    return install_dir(version) / "lib"
