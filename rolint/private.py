"""Private files: rolint's cache and state hold the user's sentences, so only the user may read them.

Folders rolint creates under its cache root are 0700 and its files 0600, whatever the umask. An
existing folder or file that belongs to this user is tightened to those modes; one that belongs to
somebody else is left alone (and :func:`owned_by_me` lets callers refuse to trust it).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

DIR_MODE = 0o700
FILE_MODE = 0o600


def owned_by_me(st: os.stat_result) -> bool:
    return not hasattr(os, "geteuid") or st.st_uid == os.geteuid()


def private_dir(path: Path) -> Path:
    """Create ``path`` (and missing parents) as 0700; tighten it when it exists and is ours."""
    missing = []
    p = path
    while not p.exists() and p != p.parent:
        missing.append(p)
        p = p.parent
    for d in reversed(missing):
        with contextlib.suppress(FileExistsError):
            d.mkdir(mode=DIR_MODE)
    _tighten(path, DIR_MODE)
    return path


def private_file(path: Path) -> Path:
    """Make sure ``path`` exists as a 0600 file of ours (created empty when missing)."""
    private_dir(path.parent)
    with contextlib.suppress(OSError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), FILE_MODE))
    _tighten(path, FILE_MODE)
    return path


def open_private(path: Path, flags: int) -> int:
    """``os.open`` for a private file: created 0600, an existing one tightened; never through a symlink."""
    private_dir(path.parent)
    fd = os.open(path, flags | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), FILE_MODE)
    with contextlib.suppress(OSError):
        st = os.fstat(fd)
        if owned_by_me(st) and st.st_mode & 0o777 != FILE_MODE and hasattr(os, "fchmod"):
            os.fchmod(fd, FILE_MODE)
    return fd


def write_private(path: Path, data: bytes) -> None:
    """Replace ``path`` atomically by ``data`` in a 0600 file."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    fd = open_private(tmp, os.O_WRONLY | os.O_TRUNC | os.O_EXCL)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def _tighten(path: Path, mode: int) -> None:
    with contextlib.suppress(OSError):
        st = path.lstat()
        if owned_by_me(st) and (st.st_mode & 0o777) != mode and not path.is_symlink():
            path.chmod(mode)
