"""Source: bytes → text. UTF-8 (BOM kept aside), line endings remembered; other encodings refused.

Only regular files are read (a FIFO, a device or a socket is refused without blocking), and at most
``max_size`` bytes of them (``--max-file-size``; 0: no limit), so that no input hangs a run or fills
the memory."""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

DEFAULT_MAX_SIZE = 50 * 1024**2  # bytes; --max-file-size


class InputError(Exception):
    """An input that cannot be checked (exit 2)."""


@dataclass(slots=True)
class Source:
    path: str  # as given by the user ("-" for stdin, or the --stdin-filename)
    text: str  # decoded text, BOM excluded, line endings as in the file
    encoding: str = "utf-8"
    bom: bool = False
    newline: str = "\n"  # the dominant line ending: "\n", "\r\n" or "\r"
    raw_digest: bytes | None = field(default=None, repr=False, compare=False)  # SHA-256 of the bytes read

    def encode(self, text: str) -> bytes:
        """``text`` as the file holds it: same encoding, byte order and BOM (see ``remember``)."""
        name = _codec_name(self.encoding)
        data = text.encode("utf-8" if name == "utf-8-sig" else name)  # the BOM is ``bom``'s business
        if self.bom:
            data = _BOMS.get(name, codecs.BOM_UTF8) + data
        return data

    def remember(self, raw: bytes) -> Source:
        """Note what was read: its digest (the writer's "changed on disk?" check) and, for utf-16/utf-32,
        whose decoder picks the byte order from the BOM (or the machine's), that byte order and BOM."""
        self.raw_digest = hashlib.sha256(raw).digest()
        name = _codec_name(self.encoding)
        if name in ("utf-16", "utf-32"):
            boms = {"-le": _BOMS[name + "-le"], "-be": _BOMS[name + "-be"]}
            order = next((o for o, b in boms.items() if raw.startswith(b)), None)
            self.bom = order is not None
            self.encoding = name + (order or ("-le" if sys.byteorder == "little" else "-be"))
        return self


_BOMS = {
    "utf-8": codecs.BOM_UTF8, "utf-8-sig": codecs.BOM_UTF8,
    "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE,
    "utf-32-le": codecs.BOM_UTF32_LE, "utf-32-be": codecs.BOM_UTF32_BE,
}


def _codec_name(encoding: str) -> str:
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return encoding


def dominant_newline(text: str) -> str:
    crlf = text.count("\r\n")
    lf = text.count("\n") - crlf
    cr = text.count("\r") - crlf
    best = max((crlf, "\r\n"), (lf, "\n"), (cr, "\r"), key=lambda t: t[0])
    return best[1] if best[0] else "\n"


def looks_binary(data: bytes) -> bool:
    return b"\x00" in data


def decode(data: bytes, path: str, encoding: str | None = None) -> Source:
    """Decode ``data``; refuse anything that is not UTF-8 unless ``encoding`` is given."""
    raw = data  # for Source.remember
    if encoding:
        enc = encoding.lower().replace("_", "-")
        bom = False
        if enc in ("utf-8", "utf8", "utf-8-sig") and data.startswith(codecs.BOM_UTF8):
            data, bom, enc = data[len(codecs.BOM_UTF8) :], True, "utf-8"
        try:
            text = data.decode(enc)
        except LookupError:
            raise InputError(f"{path}: unknown encoding {encoding!r}") from None
        except UnicodeDecodeError as exc:
            where = invalid_at(data, exc, enc, 3 if bom else 0)
            raise InputError(f"{path}: not valid {encoding}: {where} ({exc.reason})") from None
        return Source(path, text, enc, bom, dominant_newline(text)).remember(raw)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise InputError(f"{path}: UTF-16/32 text is not supported; convert it to UTF-8 or pass --encoding")
    if looks_binary(data):
        raise InputError(f"{path}: binary file (NUL bytes), not checked")
    bom = data.startswith(codecs.BOM_UTF8)
    if bom:
        data = data[len(codecs.BOM_UTF8) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        where = invalid_at(data, exc, "utf-8", 3 if bom else 0)
        raise InputError(f"{path}: not UTF-8: {where}; {encoding_hint(data)}") from None
    return Source(path, text, "utf-8", bom, dominant_newline(text)).remember(raw)


def invalid_at(data: bytes, exc: UnicodeDecodeError, encoding: str, skipped: int = 0) -> str:
    """Where decoding failed: ``byte 0xE9 at offset 17 (line 3, column 6)``; the offset counts from the
    start of the file (``skipped``: a BOM already removed), lines and columns as in the reports."""
    bad = " ".join(f"0x{b:02X}" for b in data[exc.start : exc.end])
    before = data[: exc.start].decode(encoding, "replace")
    line = before.count("\n") + before.count("\r") - before.count("\r\n") + 1
    column = len(before) - max(before.rfind("\n"), before.rfind("\r")) if line > 1 else len(before) + 1
    return f"byte{'s' if exc.end - exc.start > 1 else ''} {bad} at offset {exc.start + skipped} " \
           f"(line {line}, column {column})"


# encodings a Romanian text may come in (charset_normalizer's names), with what to call them
ROMANIAN_ENCODINGS = {
    "cp1250": "Windows Romanian",
    "iso8859_16": "ISO Latin-10 (Romanian)",
    "iso8859_2": "ISO Latin-2",
    "cp852": "DOS Latin-2",
    "mac_latin2": "Mac Central European",
    "cp1252": "Windows Western (no ș ț)",
    "latin_1": "ISO Latin-1 (no ș ț)",
    "iso8859_15": "ISO Latin-9 (no ș ț)",
}


def encoding_hint(data: bytes) -> str:
    """What to pass: the detected encoding when it is one a Romanian text may be in and decodes the
    whole input, the usual candidates otherwise (a guess like mac_iceland or cp1006 is not named)."""
    guess = detect(data)
    if guess in ROMANIAN_ENCODINGS:
        try:
            data.decode(guess)
        except UnicodeDecodeError:
            pass
        else:
            return f"detected {guess}: pass --encoding {guess} if it is {ROMANIAN_ENCODINGS[guess]}, or convert it"
    return ("no Romanian encoding detected: convert it to UTF-8 or pass --encoding ENCODING "
            "(cp1250 for Windows Romanian, iso-8859-16 or iso-8859-2 for ISO Latin)")


def detect(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    return best.encoding if best is not None else "unknown encoding"


# -- reading ------------------------------------------------------------------------------

_UNITS = {"": 1, "b": 1, "k": 1024, "kb": 1024, "kib": 1024, "m": 1024**2, "mb": 1024**2, "mib": 1024**2,
          "g": 1024**3, "gb": 1024**3, "gib": 1024**3}
_SIZE_RE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*", re.IGNORECASE)


def parse_size(text: str) -> int:
    """Bytes from ``1234``, ``500k``, ``10MB``, ``1.5 MiB``, ``2G`` (units of 1024; ``0``: no limit)."""
    m = _SIZE_RE.fullmatch(text)
    unit = m.group(2).lower() if m else ""
    if m is None or unit not in _UNITS:
        raise ValueError(f"not a size: {text!r} (bytes, or a number with k, MB, G…)")
    return int(float(m.group(1)) * _UNITS[unit])


def format_size(n: int) -> str:
    for unit, factor in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if n >= factor:
            return f"{n / factor:.3g} {unit}"
    return f"{n} bytes"


def _too_big(path: str, size: str, max_size: int) -> InputError:
    return InputError(f"{path}: {size} is over the size limit of {format_size(max_size)}, not checked; "
                      f"pass --max-file-size to raise it (0: no limit)")


def read_limited(stream: BinaryIO, path: str, max_size: int = DEFAULT_MAX_SIZE) -> bytes:
    """All of ``stream``, refused when it holds more than ``max_size`` bytes (read: at most one more)."""
    if not max_size:
        return stream.read()
    data = stream.read(max_size + 1)
    if len(data) > max_size:
        raise _too_big(path, f"more than {max_size} bytes", max_size)
    return data


def read_stream(stream: BinaryIO, path: str, encoding: str | None = None,
                max_size: int = DEFAULT_MAX_SIZE) -> Source:
    """Standard input (or any stream), under the same size limit as files."""
    return decode(read_limited(stream, path, max_size), path, encoding)


_KINDS = ((stat.S_ISFIFO, "FIFO"), (stat.S_ISCHR, "character device"), (stat.S_ISBLK, "block device"),
          (stat.S_ISSOCK, "socket"))


def special_kind(mode: int) -> str:
    """What a file that is not a regular file is ("FIFO", "character device"…)."""
    return next((name for test, name in _KINDS if test(mode)), "special file")


def read_path(path: str | Path, encoding: str | None = None, max_size: int = DEFAULT_MAX_SIZE) -> Source:
    """A regular file's text. Opened non-blocking and checked with fstat (no race with a stat first):
    a FIFO, device or socket is refused without waiting on it; a file over ``max_size`` is not read."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise InputError(f"{path}: is a directory")
        if not stat.S_ISREG(st.st_mode):
            raise InputError(f"{path}: not a regular file ({special_kind(st.st_mode)}), not checked")
        if max_size and st.st_size > max_size:
            raise _too_big(str(path), f"{st.st_size} bytes", max_size)
        with open(fd, "rb", closefd=False) as f:
            data = read_limited(f, str(path), max_size)
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from None
    finally:
        os.close(fd)
    return decode(data, str(path), encoding)
