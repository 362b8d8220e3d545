"""Text from files and file names made safe to print: control characters shown as visible escapes.

File content, file names and the messages and replacements built from them may hold terminal escape
sequences (ESC, OSC ``\\x1b]0;title\\x07``, CSI ``\\x9b``), other C0/C1 control characters, bidi
overrides (U+202E…) and, in names that are not valid UTF-8, the lone surrogates of Python's
``surrogateescape`` (U+DC80–U+DCFF, one per undecodable byte). :func:`visible` replaces each by an
escape in Python's notation, so the report shows exactly which character is there:

* ``\\t`` ``\\n`` ``\\r`` for tab, line feed and carriage return (unless kept);
* ``\\xNN`` for the other C0 controls, DEL and the C1 controls (``\\x1b``, ``\\x07``, ``\\x9b``…),
  and for an undecodable byte of a file name (``caf\\xe9.txt``);
* ``\\uNNNN`` for bidi and other invisible direction marks (``\\u202e``), the line and paragraph
  separators U+2028/U+2029, and any other lone surrogate.

A backslash already in the text is left as it is.
"""

from __future__ import annotations

import os
import re

_SHORT = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}
_BIDI = "\u061c\u200e\u200f\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def _escape(c: str) -> str:
    if c in _SHORT:
        return _SHORT[c]
    n = ord(c)
    if n < 0x100:
        return f"\\x{n:02x}"
    if 0xDC80 <= n <= 0xDCFF:  # surrogateescape: the undecodable byte itself
        return f"\\x{n - 0xDC00:02x}"
    return f"\\u{n:04x}"


_TABLE = {n: _escape(chr(n)) for n in [*range(0x20), *range(0x7F, 0xA0), *map(ord, _BIDI), *range(0xD800, 0xE000)]}
UNSAFE_RE = re.compile("[\x00-\x1f\x7f-\x9f" + _BIDI + "\ud800-\udfff]")


def visible(s: str, keep: str = "") -> str:
    """``s`` with control, bidi and surrogate characters escaped; those in ``keep`` stay as they are."""
    if not UNSAFE_RE.search(s):
        return s
    if not keep:
        return s.translate(_TABLE)
    return "".join(c if c in keep else c.translate(_TABLE) for c in s)


def undecodable(path: str) -> bool:
    """True when ``path`` holds bytes that are not UTF-8 (lone surrogates from ``surrogateescape``)."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def path_bytes(path: str) -> bytes:
    """The bytes of a file name as the file system has them."""
    return os.fsencode(path)


_SURROGATES = {n: _TABLE[n] for n in range(0xD800, 0xE000)}


def without_surrogates(s: str) -> str:
    """``s`` with only its lone surrogates escapes (``caf\\xe9.txt``): valid UTF-8, controls untouched
    (for JSON, which escapes those itself)."""
    return s.translate(_SURROGATES) if undecodable(s) else s


_JSON_UNSAFE = re.compile("[\x7f-\x9f" + _BIDI + "]")


def json_escaped(dumped: str) -> str:
    """JSON text from ``json.dumps(..., ensure_ascii=False)`` with DEL, the C1 controls and the bidi
    marks as ``\\uNNNN`` escapes too (json escapes only C0): the same data, nothing a terminal acts on."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)
