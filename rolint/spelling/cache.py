"""A small on-disk cache for indexes built from shipped or installed data files.

Building the .dic flag index or loading wordfreq's lists costs 0.3-0.9 s a run; the built index,
written with :mod:`marshal` to ``platformdirs.user_cache_dir("rolint")``, loads in a few ms.
The file name carries a key made of the sources' path, size and modification time (and a schema
version), so a changed dictionary or wordfreq upgrade rebuilds it. Any failure to read or write
the cache falls back to building in memory: the cache is never required.
``ROLINT_CACHE_DIR`` overrides the directory; ``ROLINT_NO_CACHE=1`` disables it.

Big flat arrays (the candidate index: ~40 MB) go through :func:`cached_sections` instead: raw
binary sections in one file, memory-mapped, so loading reads a small header and the pages a
look-up touches, not the whole file.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import mmap
import os
import struct
import sys
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


def _cache_path(name: str, sources: Iterable[Path], suffix: str) -> Path | None:
    """Where ``name`` built from ``sources`` is cached (None: no cache dir, or a source is unreadable)."""
    d = cache_dir()
    try:
        return d / f"{name}-{_key(name, list(sources))}{suffix}" if d else None
    except OSError:
        return None


def cached(name: str, sources: Iterable[Path], build: Callable[[], Any]) -> Any:
    """``build()``'s result (marshal-able data), cached on disk while ``sources`` are unchanged."""
    path = _cache_path(name, sources, ".marshal")
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


SECTIONS_MAGIC = b"RLSECT01"
_HEAD = struct.Struct("<8sQ")  # magic, header length
_ALIGN = 8


def write_sections(path: Path, sections: dict[str, bytes | int | float | str]) -> None:
    """``sections`` (byte strings and small scalars) as one binary file: see :func:`read_sections`."""
    blobs = {k: v for k, v in sections.items() if isinstance(v, bytes | bytearray | memoryview)}
    scalars = {k: v for k, v in sections.items() if k not in blobs}
    offsets: dict[str, tuple[int, int]] = {}
    pos = 0
    for k, v in blobs.items():
        offsets[k] = (pos, len(v))
        pos += -(-len(v) // _ALIGN) * _ALIGN
    header = marshal.dumps({"byteorder": sys.byteorder, "size": pos, "sections": offsets, "scalars": scalars})
    start = -(-(_HEAD.size + len(header)) // _ALIGN) * _ALIGN
    with open(path, "wb") as f:
        f.write(_HEAD.pack(SECTIONS_MAGIC, len(header)) + header)
        f.write(b"\0" * (start - _HEAD.size - len(header)))
        for v in blobs.values():
            f.write(v)
            f.write(b"\0" * (-len(v) % _ALIGN))


def read_sections(path: Path) -> dict[str, memoryview | int | float | str]:
    """The sections :func:`write_sections` wrote: byte strings as zero-copy views of the mapped
    file, scalars as they were. ``ValueError`` when the file is not a whole, valid sections file."""
    with open(path, "rb") as f:
        size = os.fstat(f.fileno()).st_size
        magic, n = _HEAD.unpack(f.read(_HEAD.size))
        if magic != SECTIONS_MAGIC or _HEAD.size + n > size:
            raise ValueError("not a sections file")
        header = marshal.loads(f.read(n))
        if not isinstance(header, dict) or header.get("byteorder") != sys.byteorder:
            raise ValueError("a sections file of another machine")
        start = -(-(_HEAD.size + n) // _ALIGN) * _ALIGN
        if size != start + header["size"]:
            raise ValueError("a truncated sections file")
        mm = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    view = memoryview(mm)  # the views keep the map open; it is unmapped with the last one
    out: dict[str, memoryview | int | float | str] = dict(header["scalars"])
    for k, (off, length) in header["sections"].items():
        if not (0 <= off and 0 <= length and off + length <= header["size"]):
            raise ValueError("a section outside the file")
        out[k] = view[start + off : start + off + length]
    return out


def cached_sections(
    name: str, sources: Iterable[Path], build: Callable[[], dict[str, bytes | int | float | str]]
) -> dict[str, memoryview | bytes | int | float | str]:
    """Like :func:`cached` for ``build()``'s flat dict of byte strings and scalars, stored raw and
    memory-mapped (:func:`read_sections`). A missing, short or garbled file is rebuilt."""
    path = _cache_path(name, sources, ".bin")
    if path is not None:
        try:
            return read_sections(path)  # type: ignore[return-value]
        except Exception:  # missing, short or garbled in any way: the cache is never required
            pass
    value = build()
    if path is not None:
        tmp: str | None = None
        try:
            private_dir(path.parent)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{name}-")
            os.close(fd)
            write_sections(Path(tmp), value)
            os.replace(tmp, path)
        except OSError:
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
    return value  # type: ignore[return-value]


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
            d = self._parsed[b] = _parse_bucket(self._raw.get(b, ""))
        return d.get(key, default)


def _parse_bucket(raw: str) -> dict[str, str]:
    """A bucket's ``key\\tvalue`` lines (:func:`to_buckets`: none empty) as a dict: split in one pass when
    there are as many tabs as lines (one a line: keys and values hold none), else line by line (a value
    keeps any further tab)."""
    if not raw:
        return {}
    if raw.count("\t") != raw.count("\n") + 1:
        return dict(line.split("\t", 1) for line in raw.split("\n") if line)
    parts = raw.replace("\n", "\t").split("\t")
    return dict(zip(parts[::2], parts[1::2], strict=True))


def cached_table(name: str, sources: Iterable[Path], build: Callable[[], dict[str, str]]) -> BucketTable:
    """A cached str → str table (see :func:`cached`), loaded as lazily parsed buckets."""
    return BucketTable(cached(name, sources, lambda: to_buckets(build())))
