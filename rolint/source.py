"""Source: bytes → text. UTF-8 (BOM kept aside), line endings remembered; other encodings refused."""

from __future__ import annotations

import codecs
import hashlib
import sys
from dataclasses import dataclass, field
from pathlib import Path


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
    return b"\x00" in data[:8192]


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
            raise InputError(f"{path}: not valid {encoding}: {exc.reason} at byte {exc.start}") from None
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
        msg = f"{path}: not UTF-8 (detected {detect(data)}); convert it or pass --encoding ENCODING"
        raise InputError(msg) from exc
    return Source(path, text, "utf-8", bom, dominant_newline(text)).remember(raw)


def detect(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    return best.encoding if best is not None else "unknown encoding"


def read_path(path: str | Path, encoding: str | None = None) -> Source:
    p = Path(path)
    try:
        data = p.read_bytes()
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from None
    return decode(data, str(path), encoding)
