"""Managed server lifecycle: start, reuse, status, stop, restart after kill -9, idle shutdown."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rolint.checks import CheckContext
from rolint.document import Document
from rolint.languagetool import LanguageToolCheck, server
from rolint.languagetool.cache import ResultCache

pytestmark = pytest.mark.usefixtures("private_cache")


def _gone(pid: int, timeout: float = 15.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        # a zombie counts as gone
        try:
            if Path(f"/proc/{pid}/stat").read_text().split()[2] == "Z":
                return True
        except OSError:
            return True
        time.sleep(0.1)
    return False


def test_start_status_reuse_stop() -> None:
    assert server.status() is None
    info = server.start()
    assert info.managed and info.url.startswith("http://127.0.0.1:")
    assert server.healthy(info.url)
    assert server.status() == info
    assert server.ensure_server().java_pid == info.java_pid  # reuse in-process
    code = "from rolint.languagetool import server; print(server.ensure_server().java_pid)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=os.environ, check=True)
    assert int(out.stdout) == info.java_pid  # reuse from another process
    assert server.stop() is True
    assert _gone(info.java_pid) and _gone(info.pid)  # type: ignore[arg-type]
    assert server.status() is None
    assert server.stop() is False


def test_concurrent_processes_share_one_server() -> None:
    code = "from rolint.languagetool import server; print(server.ensure_server().java_pid)"
    procs = [
        subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, env=os.environ)
        for _ in range(3)
    ]
    pids = {int(p.communicate(timeout=180)[0]) for p in procs}
    assert len(pids) == 1


def test_restart_after_kill_9_of_java() -> None:
    info = server.start()
    os.kill(info.java_pid, signal.SIGKILL)  # type: ignore[arg-type]
    assert _gone(info.pid)  # type: ignore[arg-type]  # the watchdog notices and exits
    again = server.ensure_server()
    assert again.java_pid != info.java_pid
    assert server.healthy(again.url)


def test_killing_the_watchdog_takes_java_down() -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("PR_SET_PDEATHSIG is Linux only")
    info = server.start()
    os.kill(info.pid, signal.SIGKILL)  # type: ignore[arg-type]
    assert _gone(info.java_pid)  # type: ignore[arg-type]
    assert server.status() is None
    assert server.healthy(server.ensure_server().url)


def test_check_survives_crash_mid_run(tmp_path: Path) -> None:
    check = LanguageToolCheck(cache=ResultCache(tmp_path / "c.sqlite3"))
    ctx = CheckContext()
    assert check.run(Document.from_text("Sunt cei mai bun dintre toți."), ctx)
    info = server.status()
    assert info is not None
    os.kill(info.java_pid, signal.SIGKILL)  # type: ignore[arg-type]
    _gone(info.java_pid)  # type: ignore[arg-type]
    diags = check.run(Document.from_text("Erau cei mai bun dintre noi."), ctx)
    assert any(d.rule == "lt.CEI_MAI_SUBST_PLURAL" for d in diags)
    assert server.status() is not None and server.status().java_pid != info.java_pid  # type: ignore[union-attr]


def test_idle_shutdown(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROLINT_LT_IDLE", "2")
    info = server.start()
    assert info.idle_timeout == 2
    assert _gone(info.pid, timeout=20)  # type: ignore[arg-type]
    assert _gone(info.java_pid, timeout=10)  # type: ignore[arg-type]
    assert not server.state_path().exists()


def test_cli_server(capsys: pytest.CaptureFixture[str]) -> None:
    assert server.cli_server("status") == 1
    assert server.cli_server("start") == 0
    assert "running at http://127.0.0.1:" in capsys.readouterr().out
    assert server.cli_server("status") == 0
    assert server.cli_server("stop") == 0
    assert "stopped" in capsys.readouterr().out
    assert server.cli_server("bogus") == 2


def test_languagetool_install_command_runs(lt_env: server.ServerInfo, capsys: pytest.CaptureFixture[str]) -> None:
    """`rolint languagetool install`, which rolint's own messages recommend, works (it crashed on an import)."""
    from rolint.cli import main

    assert main(["languagetool", "install"]) == 0
    assert "already installed" in capsys.readouterr().err
