"""Pieces of error messages: a bounded ``repr`` (a quoted value never floods the terminal), where decoding failed."""

from __future__ import annotations

import reprlib
from typing import Any

LIMIT = 200  # characters of a quoted value


def _repr(limit: int) -> reprlib.Repr:
    r = reprlib.Repr()
    r.maxlevel, r.maxlist, r.maxtuple, r.maxdict, r.maxset = 3, 6, 6, 6, 6
    r.maxstring = r.maxother = r.maxlong = limit
    return r


_REPR = _repr(LIMIT)


def clip(value: Any, limit: int = LIMIT) -> str:
    """``repr(value)`` cut to about ``limit`` characters, without building the whole repr first
    (a shared YAML structure can stand for gigabytes of text)."""
    text = (_REPR if limit == LIMIT else _repr(limit)).repr(value)
    return text if len(text) <= limit + 3 else text[:limit] + "..."


def not_utf8(exc: UnicodeDecodeError) -> str:
    """``is not UTF-8 (byte 0xe9 at position 15)``: where decoding failed, for a message."""
    return f"is not UTF-8 (byte 0x{exc.object[exc.start]:02x} at position {exc.start})"
