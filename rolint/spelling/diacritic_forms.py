"""Every dictionary form by stripped spelling: a sorted file searched in place, not loaded.

``rolint/data/diacritics/forms.txt.xz`` (built by ``bench/fit_diacritics.py``, 1.4 MB) holds, for every
stripped lowercase spelling whose forms in Hunspell ro_RO (all the forms its .dic/.aff generate) are
not that spelling alone, and that the context model's own map lacks, one line
``key<TAB>diff diff…``, sorted by UTF-8 bytes. A diff gives a form as the key's letters changed at
some positions (``9ț`` : the tenth letter is ț; ``=``: the key itself; several joined by commas).
The file is decompressed once into rolint's cache folder (13 MB) and memory-mapped
(``rolint.spelling.cache.cached_sections``); a look-up is a binary search over its lines. A spelling
it lacks has no form with diacritics in the dictionary: restoration never needs Hunspell.
"""

from __future__ import annotations

import functools
import lzma
import threading
from pathlib import Path

FORMS_PATH = Path(__file__).resolve().parent.parent / "data" / "diacritics" / "forms.txt.xz"
WINDOW = 256  # bytes read around a probe: longer than any line


class SortedLines:
    """Binary search over the lines of a byte buffer sorted by their first field."""

    def __init__(self, data: bytes | memoryview) -> None:
        self.data = data
        self.size = len(data)

    def _line_at(self, pos: int) -> tuple[int, bytes]:
        """The line containing ``pos``: (its start, its bytes without the newline)."""
        lo = max(0, pos - WINDOW)
        start = lo + bytes(self.data[lo:pos]).rfind(b"\n") + 1  # lines are shorter than WINDOW
        chunk = bytes(self.data[start : start + WINDOW])
        end = chunk.find(b"\n")
        return start, chunk if end < 0 else chunk[:end]

    def get(self, key: str) -> str | None:
        """The rest of the line whose first field is ``key`` ('' when the line is the key alone)."""
        k = key.encode("utf-8")
        lo, hi = 0, self.size
        while lo < hi:
            mid = (lo + hi) // 2
            start, line = self._line_at(mid)
            field, _, rest = line.partition(b"\t")
            if field == k:
                return rest.decode("utf-8")
            if field < k:
                lo = start + len(line) + 1
            else:
                hi = start
        return None


_LINES: SortedLines | None = None
_LOCK = threading.Lock()


def _decompressed(path: Path) -> dict[str, bytes | int | float | str]:
    return {"lines": lzma.decompress(path.read_bytes())}


def encode_form(key: str, form: str) -> str:
    """``form`` as changes to ``key`` (same length): ``9ț,11ă``; ``=`` when they are equal."""
    return ",".join(f"{i}{b}" for i, (a, b) in enumerate(zip(key, form, strict=True)) if a != b) or "="


def decode_form(key: str, diff: str) -> str:
    if diff == "=":
        return key
    letters = list(key)
    for change in diff.split(","):
        letters[int(change[:-1])] = change[-1]
    return "".join(letters)


def _lines() -> SortedLines:
    global _LINES
    if _LINES is None:
        with _LOCK:
            if _LINES is None:
                from rolint.spelling.cache import cached_sections

                data = cached_sections("diacritic-forms-v2", [FORMS_PATH], lambda: _decompressed(FORMS_PATH))
                _LINES = SortedLines(data["lines"])  # type: ignore[arg-type]
    return _LINES


@functools.lru_cache(maxsize=50_000)
def forms_of(key: str) -> tuple[str, ...] | None:
    """The dictionary forms (lowercase) whose stripped spelling is ``key``, or None: the dictionary
    has no form of it with diacritics (it is its own only form, or no word)."""
    rest = _lines().get(key)
    if rest is None:
        return None
    return tuple(decode_form(key, d) for d in rest.split(" "))
