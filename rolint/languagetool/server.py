"""Lifecycle of the shared local LanguageTool server.

One server per user cache dir, on 127.0.0.1 and a free port. A state file (JSON: pid, java_pid, port,
url, version, started) plus a file lock let concurrent rolint processes share it; a detached watchdog
(:mod:`rolint.languagetool.watchdog`) owns the JVM and stops it after ``idle_timeout`` seconds without use
(every check touches ``server.last-used``). An existing server can be used instead via the config key
``languagetool.url`` or the env var ``ROLINT_LT_URL``; rolint never starts or stops that one.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock, Timeout
from rich.console import Console

from rolint.languagetool.errors import LanguageToolUnavailable
from rolint.languagetool.identity import serves_port
from rolint.languagetool.net import urlopen
from rolint.languagetool.paths import lt_root, lt_version, private_lt_root
from rolint.languagetool.provision import ensure_installed, find_java, install_info, is_installed, provision
from rolint.private import FILE_MODE, open_private, owned_by_me, private_file

DEFAULT_IDLE = 1800.0
START_TIMEOUT = 120.0


@dataclass(frozen=True, slots=True)
class ServerInfo:
    url: str
    version: str | None
    managed: bool
    pid: int | None = None
    java_pid: int | None = None
    port: int | None = None
    started: float | None = None
    idle_timeout: float | None = None


def state_path() -> Path:
    return lt_root() / "server.json"


def _lock() -> FileLock:
    private_lt_root()
    return FileLock(str(lt_root() / "server.lock"), mode=FILE_MODE)


def _last_used_path() -> Path:
    return lt_root() / "server.last-used"


def log_path() -> Path:
    return lt_root() / "server.log"


def touch() -> None:
    """Record use now (the watchdog measures idleness from this file's mtime)."""
    path = _last_used_path()
    with contextlib.suppress(OSError):
        private_file(path)
        os.utime(path)


def external_url(options: Mapping[str, object] | None = None) -> str | None:
    """The user's own server (env ``ROLINT_LT_URL`` wins over config ``languagetool.url``)."""
    url = os.environ.get("ROLINT_LT_URL") or (options or {}).get("url")
    if not url:
        return None
    url = str(url).rstrip("/")
    return url[: -len("/v2")] if url.endswith("/v2") else url


def idle_timeout(options: Mapping[str, object] | None = None) -> float:
    value = os.environ.get("ROLINT_LT_IDLE") or (options or {}).get("idle_timeout") or DEFAULT_IDLE
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return DEFAULT_IDLE


def healthy(url: str, timeout: float = 3.0) -> bool:
    """True when ``url`` answers GET /v2/languages with a list that has Romanian."""
    try:
        with urlopen(f"{url}/v2/languages", timeout=timeout) as resp:
            langs = json.load(resp)
    except (OSError, ValueError, urllib.error.URLError):
        return False
    return isinstance(langs, list) and any(isinstance(x, dict) and x.get("code") == "ro" for x in langs)


def _pid_alive(pid: int | None, marker: str) -> bool:
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    cmdline = Path(f"/proc/{pid}/cmdline")
    if cmdline.exists():  # guard against pid reuse where /proc exists
        try:
            return marker in cmdline.read_bytes().decode(errors="replace")
        except OSError:
            return False
    return True


def read_state() -> dict[str, object] | None:
    """The state file, when it is a regular file of ours that nobody else can write (else None)."""
    path = state_path()
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not (owned_by_me(st) and os.path.isfile(path)) or st.st_mode & 0o022:
            return None
        with os.fdopen(fd, "rb", closefd=False) as fh:
            state = json.loads(fh.read(65536))
    except (OSError, ValueError):
        return None
    finally:
        os.close(fd)
    if not isinstance(state, dict) or not isinstance(state.get("port"), int) or isinstance(state["port"], bool):
        return None
    # the URL is rebuilt from the port: the server rolint starts listens on 127.0.0.1 and nowhere else
    state["url"] = f"http://127.0.0.1:{state['port']}"
    return state


def _info(state: Mapping[str, object]) -> ServerInfo:
    return ServerInfo(
        url=str(state["url"]),
        version=str(state.get("version")),
        managed=True,
        pid=state.get("pid"),  # type: ignore[arg-type]
        java_pid=state.get("java_pid"),  # type: ignore[arg-type]
        port=state.get("port"),  # type: ignore[arg-type]
        started=state.get("started"),  # type: ignore[arg-type]
        idle_timeout=state.get("idle_timeout"),  # type: ignore[arg-type]
    )


def _live(state: Mapping[str, object] | None) -> ServerInfo | None:
    """The managed server described by ``state``, if it is the one rolint started and it answers.

    Identified, not assumed: the watchdog process is alive and was started for this state file, the
    JVM is its child, and the socket listening on the recorded port belongs to that JVM (Linux: read
    from /proc). Anything else on that port (a stale state after a crash, a port taken by another
    program or user, an edited state file) is not sent a single word.
    """
    if not state or "url" not in state:
        return None
    pid, java_pid, port = state.get("pid"), state.get("java_pid"), state.get("port")
    if not _pid_alive(pid, "rolint.languagetool.watchdog"):  # type: ignore[arg-type]
        return None
    if not _pid_alive(java_pid, "HTTPServer") or not _started_by(java_pid, pid):  # type: ignore[arg-type]
        return None
    if not _cmdline_has(pid, str(state_path())):  # type: ignore[arg-type]
        return None
    if serves_port(java_pid, port) is False:  # type: ignore[arg-type]
        return None
    if not healthy(str(state["url"])):
        return None
    return _info(state)


def _cmdline_has(pid: int, needle: str) -> bool:
    cmdline = Path(f"/proc/{pid}/cmdline")
    if not cmdline.parent.exists():
        return True  # no /proc: the marker check in _pid_alive is all there is
    try:
        return needle in cmdline.read_bytes().decode(errors="replace").split("\0")
    except OSError:
        return False


def _started_by(child: int, parent: int) -> bool:
    """True when ``child``'s parent process is ``parent`` (or when /proc cannot tell)."""
    stat_file = Path(f"/proc/{child}/stat")
    if not stat_file.parent.exists():
        return True
    try:
        fields = stat_file.read_text().rsplit(")", 1)[1].split()
        return int(fields[1]) == parent
    except (OSError, IndexError, ValueError):
        return False


def status(options: Mapping[str, object] | None = None) -> ServerInfo | None:
    """The running server (external or managed) or None."""
    url = external_url(options)
    if url:
        return ServerInfo(url=url, version=None, managed=False) if healthy(url) else None
    return _live(read_state())


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _kill(pid: int | None, marker: str, sig: int = signal.SIGTERM) -> None:
    if _pid_alive(pid, marker):
        with contextlib.suppress(OSError):
            os.kill(pid, sig)  # type: ignore[arg-type]


def _wait_dead(pid: int | None, marker: str, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while _pid_alive(pid, marker):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def _clear_stale(state: Mapping[str, object] | None) -> None:
    if state:
        _kill(state.get("pid"), "rolint.languagetool.watchdog")  # type: ignore[arg-type]
        _kill(state.get("java_pid"), "HTTPServer", getattr(signal, "SIGKILL", signal.SIGTERM))  # type: ignore[arg-type]
    with contextlib.suppress(OSError):
        state_path().unlink()


def ensure_server(options: Mapping[str, object] | None = None, console: Console | None = None) -> ServerInfo:
    """A healthy server to talk to: the external one, the shared live one, or a newly started one."""
    url = external_url(options)
    if url:
        if healthy(url, timeout=10):
            return ServerInfo(url=url, version=None, managed=False)
        raise LanguageToolUnavailable(f"LanguageTool server at {url} does not answer (ROLINT_LT_URL/languagetool.url)")
    touch()
    info = _live(read_state())
    if info:
        return info
    lock = _lock()
    try:
        lock.acquire(timeout=START_TIMEOUT + 30)
    except Timeout:
        raise LanguageToolUnavailable("timed out waiting for another rolint process to start LanguageTool") from None
    try:
        info = _live(read_state())
        if info:
            return info
        _clear_stale(read_state())
        return _start_locked(options, console or Console(stderr=True))
    finally:
        lock.release()


def _start_locked(options: Mapping[str, object] | None, console: Console) -> ServerInfo:
    classpath = ensure_installed(console=console)
    java = find_java()
    version = lt_version()
    last_error = ""
    with console.status(f"Starting LanguageTool {version} server…"):
        for _attempt in range(2):  # a second try covers losing the free port to another process
            port = _free_port()
            cmd = [
                sys.executable,
                "-m",
                "rolint.languagetool.watchdog",
                "--java",
                java,
                "--classpath",
                str(classpath),
                "--port",
                str(port),
                "--version",
                version,
                "--state",
                str(state_path()),
                "--last-used",
                str(_last_used_path()),
                "--idle",
                str(idle_timeout(options)),
            ]
            touch()
            log = os.fdopen(open_private(log_path(), os.O_WRONLY | os.O_APPEND), "ab")
            try:
                proc = subprocess.Popen(
                    cmd, stdin=subprocess.DEVNULL, stdout=log, stderr=log, start_new_session=True, close_fds=True
                )
            finally:
                log.close()
            url = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + START_TIMEOUT
            while time.monotonic() < deadline:
                if proc.poll() is not None:
                    last_error = f"the server process exited (code {proc.returncode})"
                    break
                if healthy(url, timeout=2):
                    state = read_state()
                    if state and state.get("pid") == proc.pid:
                        return _info(state)
                time.sleep(0.2)
            else:
                last_error = f"no answer within {START_TIMEOUT:.0f} s"
                with contextlib.suppress(OSError):
                    proc.terminate()
    raise LanguageToolUnavailable(f"could not start LanguageTool: {last_error}; see {log_path()}:\n{_log_tail()}")


def _log_tail(lines: int = 15) -> str:
    try:
        return "\n".join(log_path().read_text("utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def start(options: Mapping[str, object] | None = None, console: Console | None = None) -> ServerInfo:
    return ensure_server(options, console)


def stop() -> bool:
    """Stop the managed server; True when one was running."""
    with _lock():
        state = read_state()
        if not state:
            return False
        pid = state.get("pid")
        java_pid = state.get("java_pid")
        was_alive = _pid_alive(pid, "rolint.languagetool.watchdog")  # type: ignore[arg-type]
        _kill(pid, "rolint.languagetool.watchdog")  # type: ignore[arg-type]
        if not _wait_dead(pid, "rolint.languagetool.watchdog", 15):  # type: ignore[arg-type]
            _kill(pid, "rolint.languagetool.watchdog", getattr(signal, "SIGKILL", signal.SIGTERM))  # type: ignore[arg-type]
        if not _wait_dead(java_pid, "HTTPServer", 5):  # type: ignore[arg-type]
            _kill(java_pid, "HTTPServer", getattr(signal, "SIGKILL", signal.SIGTERM))  # type: ignore[arg-type]
        with contextlib.suppress(OSError):
            state_path().unlink()
        return was_alive


def restart(options: Mapping[str, object] | None = None, console: Console | None = None) -> ServerInfo:
    if not external_url(options):
        stop()
    return ensure_server(options, console)


def _rss_mb(pid: int | None) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return None


def _describe(info: ServerInfo) -> str:
    if not info.managed:
        return f"external LanguageTool server at {info.url} (not managed by rolint)"
    parts = [f"LanguageTool {info.version} running at {info.url}", f"pid {info.java_pid} (watchdog {info.pid})"]
    if info.started:
        parts.append(f"up {time.time() - info.started:.0f} s")
    rss = _rss_mb(info.java_pid)
    if rss:
        parts.append(f"{rss:.0f} MB resident")
    with contextlib.suppress(OSError):
        idle = time.time() - _last_used_path().stat().st_mtime
        parts.append(f"idle {idle:.0f} s of {info.idle_timeout or DEFAULT_IDLE:.0f} s")
    return ", ".join(parts)


def cli_server(action: str, options: Mapping[str, object] | None = None) -> int:
    """``rolint server start|stop|status|restart``; returns the exit code."""
    console = Console(stderr=True)
    out = Console()
    try:
        if action == "start":
            out.print(_describe(ensure_server(options, console)))
            return 0
        if action == "restart":
            out.print(_describe(restart(options, console)))
            return 0
        if action == "stop":
            if external_url(options):
                out.print("Using an external server (ROLINT_LT_URL/languagetool.url): nothing to stop.")
                return 0
            out.print("LanguageTool server stopped." if stop() else "No LanguageTool server was running.")
            return 0
        if action == "status":
            info = status(options)
            if info:
                out.print(_describe(info))
                return 0
            installed = "installed" if is_installed() else "not installed (run `rolint languagetool install`)"
            out.print(f"No LanguageTool server running; LanguageTool {lt_version()} {installed}.")
            return 1
    except LanguageToolUnavailable as e:
        console.print(f"[red]error:[/] {e.reason}")
        return 2
    console.print(f"[red]error:[/] unknown server action {action!r} (start, stop, status, restart)")
    return 2


def cli_install(force: bool = False) -> int:
    """``rolint languagetool install``: provision LanguageTool now; returns the exit code."""
    console = Console(stderr=True)
    try:
        if is_installed() and not force:
            info = install_info() or {}
            jars = info.get("jars", "?")
            console.print(f"LanguageTool {lt_version()} already installed ({jars} jars) in {lt_root()}")
            return 0
        provision(console=console, force=force)
        find_java()
        return 0
    except LanguageToolUnavailable as e:
        console.print(f"[red]error:[/] {e.reason}")
        return 2
