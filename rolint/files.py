"""Which files to check: paths given, folders recursed (include/exclude globs), stdin."""

from __future__ import annotations

import fnmatch
import os
import stat
from pathlib import Path

from rolint.config import Config


def regular(path: Path) -> bool:
    """False for what os.walk lists as a file but cannot be read as one: a FIFO, a socket, a device
    (or a link to one). A broken link stays in, to be reported as unreadable."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return True


def expand(paths: list[str], config_for: callable) -> list[str]:  # type: ignore[valid-type]
    """Files to check, in a stable order. Files named explicitly are always checked (and refused when
    they are not regular files); in folders, only regular files are taken, others skipped silently."""
    out: list[str] = []
    seen: set[str] = set()
    for p in paths:
        if p == "-":
            out.append(p)
            continue
        path = Path(p)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                cfg: Config = config_for(Path(root))
                dirs[:] = sorted(d for d in dirs if not cfg.excluded(Path(root, d).relative_to(path)) and d not in
                                 (".git",))
                for name in sorted(files):
                    f = Path(root, name)
                    rel = f.relative_to(path)
                    if cfg.excluded(rel) or not any(fnmatch.fnmatch(name, g) for g in cfg.include):
                        continue
                    if not regular(f):
                        continue
                    key = os.path.realpath(f)
                    if key not in seen:
                        seen.add(key)
                        out.append(str(f))
        else:
            key = os.path.realpath(path)
            if key not in seen:
                seen.add(key)
                out.append(p)
    return out
