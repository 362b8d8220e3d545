"""Fixtures: one provisioned LanguageTool and one shared server per test session.

Real-server tests need Java 17+ and Maven (CI runs .ci/install-languagetool.sh first); without them
they are skipped, unless ROLINT_REQUIRE_LT=1 makes that a failure. Jars already installed in the user
cache are reused (symlinked) unless ROLINT_TEST_PROVISION=1 asks for a real provisioning run.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from rolint.languagetool import server
from rolint.languagetool.paths import install_dir, lt_version
from rolint.languagetool.provision import is_installed, provision


def _missing_tools() -> str | None:
    if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
        return "java not found"
    if not shutil.which("mvn"):
        return "mvn not found"
    return None


@pytest.fixture(scope="session")
def lt_install(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A session cache dir with LanguageTool provisioned in it (ROLINT_CACHE_DIR points to it)."""
    missing = _missing_tools()
    if missing:
        if os.environ.get("ROLINT_REQUIRE_LT") == "1":
            pytest.fail(f"LanguageTool tests required but {missing}")
        pytest.skip(f"LanguageTool tests need Java and Maven: {missing}")
    root = tmp_path_factory.mktemp("rolint-cache")
    user_install = install_dir()  # the user's cache (CI provisions it with .ci/install-languagetool.sh)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ROLINT_CACHE_DIR", str(root))
        mp.delenv("ROLINT_LT_URL", raising=False)
        if (user_install / ".complete").is_file() and os.environ.get("ROLINT_TEST_PROVISION") != "1":
            install_dir().parent.mkdir(parents=True)
            install_dir().symlink_to(user_install, target_is_directory=True)  # reuse the jars, own server
        else:
            provision()
        assert is_installed()
        yield root


@pytest.fixture(scope="session")
def lt_server(lt_install: Path) -> Iterator[server.ServerInfo]:
    """The shared managed server of the session cache dir (stopped at the end)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ROLINT_CACHE_DIR", str(lt_install))
        info = server.ensure_server()
        yield info
        server.stop()


@pytest.fixture
def lt_env(lt_server: server.ServerInfo, lt_install: Path, monkeypatch: pytest.MonkeyPatch) -> server.ServerInfo:
    """Run a test against the shared server (ROLINT_CACHE_DIR set for the test)."""
    monkeypatch.setenv("ROLINT_CACHE_DIR", str(lt_install))
    monkeypatch.delenv("ROLINT_LT_URL", raising=False)
    return lt_server


@pytest.fixture
def private_cache(lt_install: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh cache dir that reuses the session's installed jars (own server, own state)."""
    root = tmp_path / "cache"
    target = Path("languagetool") / lt_version()
    (root / target).parent.mkdir(parents=True)
    (root / target).symlink_to(lt_install / target, target_is_directory=True)
    monkeypatch.setenv("ROLINT_CACHE_DIR", str(root))
    monkeypatch.delenv("ROLINT_LT_URL", raising=False)
    yield root
    server.stop()
