"""Which process listens on a TCP port (Linux, from /proc): the managed server is identified, not assumed."""

from __future__ import annotations

import os
from pathlib import Path

LISTEN = "0A"  # TCP state code of a listening socket in /proc/net/tcp*


def listening_inodes(port: int, proc: Path = Path("/proc")) -> set[int] | None:
    """Socket inodes listening on ``port`` (any address), or None where /proc/net cannot be read."""
    found: set[int] = set()
    readable = False
    for name in ("tcp", "tcp6"):
        try:
            lines = (proc / "net" / name).read_text().splitlines()[1:]
        except OSError:
            continue
        readable = True
        for line in lines:
            fields = line.split()
            if len(fields) < 10 or fields[3] != LISTEN:
                continue
            try:
                if int(fields[1].rsplit(":", 1)[1], 16) == port:
                    found.add(int(fields[9]))
            except (IndexError, ValueError):
                continue
    return found if readable else None


def socket_inodes(pid: int, proc: Path = Path("/proc")) -> set[int] | None:
    """Inodes of the sockets process ``pid`` holds open, or None when its fds cannot be listed."""
    fd_dir = proc / str(pid) / "fd"
    try:
        names = os.listdir(fd_dir)
    except OSError:
        return None
    out: set[int] = set()
    for n in names:
        try:
            target = os.readlink(fd_dir / n)
        except OSError:
            continue
        if target.startswith("socket:[") and target.endswith("]"):
            out.add(int(target[8:-1]))
    return out


def serves_port(pid: int | None, port: int | None) -> bool | None:
    """True when ``pid`` owns the socket listening on ``port``; False when another one does or none
    listens; None where this system cannot tell (no /proc)."""
    if not isinstance(pid, int) or not isinstance(port, int):
        return False
    listening = listening_inodes(port)
    if listening is None:
        return None
    if not listening:
        return False
    held = socket_inodes(pid)
    if held is None:
        return None if not Path("/proc/self/fd").exists() else False
    return bool(listening & held)
