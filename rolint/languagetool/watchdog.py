"""The detached process that owns a LanguageTool server.

Started by :func:`rolint.languagetool.server.start`; it runs the JVM as its child, writes the state
file, and stops the JVM (and itself) when the server has been idle too long, when it receives
SIGTERM, or when the JVM dies. The JVM is tied to it with PR_SET_PDEATHSIG on Linux, so a killed
watchdog never leaves an orphaned server behind.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from rolint.private import write_private

MAIN_CLASS = "org.languagetool.server.HTTPServer"
#: Sized for small machines (2 cores): Romanian alone peaks well below 1 GB of heap.
JVM_OPTIONS = ["-Xms128m", "-Xmx1g", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dfile.encoding=UTF-8"]
SERVER_CONFIG = {"maxCheckThreads": "2", "cacheSize": "2000", "pipelineCaching": "true", "maxTextLength": "200000"}

_stop = False


def _on_signal(signum: int, frame: object) -> None:
    global _stop
    _stop = True


def _pdeathsig() -> None:
    """Child side: die with the watchdog (Linux only)."""
    with contextlib.suppress(Exception):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def java_command(java: str, classpath: Path, port: int, config: Path) -> list[str]:
    opts = os.environ.get("ROLINT_LT_JVM_OPTIONS")
    jvm = opts.split() if opts else JVM_OPTIONS
    cp = str(classpath / "*")
    return [java, *jvm, "-cp", cp, MAIN_CLASS, "--port", str(port), "--config", str(config)]


def write_config(path: Path) -> None:
    write_private(path, "".join(f"{k}={v}\n" for k, v in SERVER_CONFIG.items()).encode("utf-8"))


def _write_state(path: Path, state: dict[str, object]) -> None:
    write_private(path, json.dumps(state).encode("utf-8"))


def _answers(port: int) -> bool:
    from rolint.languagetool.net import urlopen

    try:
        with urlopen(f"http://127.0.0.1:{port}/v2/languages", timeout=2) as resp:
            return resp.status == 200
    except OSError:
        return False


def _idle_for(last_used: Path, started: float) -> float:
    try:
        return time.time() - max(last_used.stat().st_mtime, started)
    except OSError:
        return time.time() - started


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="rolint.languagetool.watchdog")
    p.add_argument("--java", required=True)
    p.add_argument("--classpath", required=True, type=Path)
    p.add_argument("--port", required=True, type=int)
    p.add_argument("--version", required=True)
    p.add_argument("--state", required=True, type=Path)
    p.add_argument("--last-used", required=True, type=Path)
    p.add_argument("--idle", type=float, default=1800.0)
    args = p.parse_args(argv)

    for name in ("SIGTERM", "SIGINT", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _on_signal)
    config = args.state.with_name("server.cfg")
    write_config(config)
    started = time.time()
    cmd = java_command(args.java, args.classpath, args.port, config)
    print(f"[watchdog {os.getpid()}] starting: {' '.join(cmd)}", flush=True)
    preexec = _pdeathsig if sys.platform.startswith("linux") else None
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, preexec_fn=preexec)  # noqa: PLW1509
    state = {
        "pid": os.getpid(),
        "java_pid": proc.pid,
        "port": args.port,
        "url": f"http://127.0.0.1:{args.port}",
        "version": args.version,
        "started": started,
        "idle_timeout": args.idle,
    }
    _write_state(args.state, state)
    reason = "stopped"
    ready_at: float | None = None
    try:
        while True:
            if _stop:
                reason = "signal"
                break
            code = proc.poll()
            if code is not None:
                reason = f"LanguageTool exited with code {code}"
                break
            if ready_at is None:
                if _answers(args.port):
                    ready_at = time.time()  # the idle clock starts once the server answers
            elif _idle_for(args.last_used, ready_at) > args.idle:
                reason = f"idle for more than {args.idle:.0f} s"
                break
            time.sleep(0.5)
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        with contextlib.suppress(OSError, ValueError):
            if json.loads(args.state.read_text("utf-8")).get("pid") == os.getpid():
                args.state.unlink()
        print(f"[watchdog {os.getpid()}] exit: {reason}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
