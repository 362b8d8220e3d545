"""A small on-disk cache for indexes built from shipped or installed data files.

Building the .dic flag index or loading wordfreq's lists costs 0.3-0.9 s a run; the built index,
written with :mod:`marshal` to ``platformdirs.user_cache_dir("rolint")``, loads in a few ms.
The file name carries a key made of the sources' path, size and modification time (and a schema
version), so a changed dictionary or wordfreq upgrade rebuilds it. Any failure to read or write
the cache falls back to building in memory: the cache is never required.
``ROLINT_CACHE_DIR`` overrides the directory; ``ROLINT_NO_CACHE=1`` disables it.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from rolint.private import private_dir

SCHEMA = 1


def cache_dir() -> Path | None:
    if os.environ.get("ROLINT_NO_CACHE"):
        return None
    env = os.environ.get("ROLINT_CACHE_DIR")
    if env:
        return Path(env)
    try:
        from platformdirs import user_cache_dir

        return Path(user_cache_dir("rolint", appauthor=False))
    except Exception:  # pragma: no cover - platformdirs is a dependency
        return None


def _key(name: str, sources: Iterable[Path]) -> str:
    h = hashlib.sha1(f"{name}:{SCHEMA}".encode())
    for p in sources:
        st = p.stat()
        h.update(f"|{p.resolve()}:{st.st_size}:{st.st_mtime_ns}".encode())
    return h.hexdigest()[:16]


def cached(name: str, sources: Iterable[Path], build: Callable[[], Any]) -> Any:
    """``build()``'s result (marshal-able data), cached on disk while ``sources`` are unchanged."""
    d = cache_dir()
    try:
        path = d / f"{name}-{_key(name, list(sources))}.marshal" if d else None
    except OSError:
        path = None
    if path is not None:
        try:
            with open(path, "rb") as f:
                return marshal.load(f)
        except (OSError, EOFError, ValueError, TypeError):
            pass
    value = build()
    if path is not None:
        try:
            private_dir(path.parent)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{name}-")
            with os.fdopen(fd, "wb") as f:
                marshal.dump(value, f)
            os.replace(tmp, path)
        except OSError:
            pass
    return value


def _bucket_key(word: str) -> str:
    return word[:2]


def to_buckets(table: dict[str, str]) -> dict[str, str]:
    """``table`` as buckets of ``key\\tvalue`` lines by the key's first letters (cheap to unmarshal)."""
    buckets: dict[str, list[str]] = {}
    for k, v in table.items():
        buckets.setdefault(_bucket_key(k), []).append(f"{k}\t{v}")
    return {b: "\n".join(lines) for b, lines in buckets.items()}


class BucketTable:
    """A str → str lookup over :func:`to_buckets` data; each bucket is parsed on first use."""

    __slots__ = ("_raw", "_parsed")

    def __init__(self, raw: dict[str, str]) -> None:
        self._raw = raw
        self._parsed: dict[str, dict[str, str]] = {}

    def get(self, key: str, default: str | None = None) -> str | None:
        b = _bucket_key(key)
        d = self._parsed.get(b)
        if d is None:
            d = dict(line.split("\t", 1) for line in self._raw.get(b, "").split("\n") if line)
            self._parsed[b] = d
        return d.get(key, default)


def cached_table(name: str, sources: Iterable[Path], build: Callable[[], dict[str, str]]) -> BucketTable:
    """A cached str → str table (see :func:`cached`), loaded as lazily parsed buckets."""
    return BucketTable(cached(name, sources, lambda: to_buckets(build())))
