"""What LanguageTool is sent: prose blocks with an offset map back into ``doc.text``.

Every block is built from ``doc.prose`` (non-prose already masked with U+FFFC): masked runs are
dropped (a single space keeps two words apart), blank lines and Markdown block starts split blocks,
and ş/ţ/Ş/Ţ (cedilla) become ș/ț/Ș/Ț. ``Block.offsets[i]`` is the ``doc.text`` offset of ``text[i]``.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from rolint.document import MASK, Document

CEDILLA = str.maketrans({"ş": "ș", "Ş": "Ș", "ţ": "ț", "Ţ": "Ț"})
BLANK_LINE_RE = regex.compile(r"(?:\r\n|\r|\n)(?:[ \t\u00a0" + MASK + r"]*(?:\r\n|\r|\n))+")
MD_BLOCK_START_RE = regex.compile(r"(?m)^[ \t]{0,3}(?:#{1,6}[ \t]|[-*+][ \t]|\d{1,9}[.)][ \t]|>|\|)")
#: Markdown emphasis runs and link brackets left in prose by the Markdown masker.
MD_MARKUP_RE = regex.compile(
    r"(?<![\p{L}\p{N}])[*_]{1,3}(?=[\p{L}\p{N}„\"«(])|(?<=[\p{L}\p{N}.,;:!?”\"»)])[*_]{1,3}(?![\p{L}\p{N}])"
    r"|!?\[(?=[^\]\n]*\](?:" + MASK + r"|\[))|\](?=" + MASK + r"|\[)"
)
HAS_LETTER_RE = regex.compile(r"\p{L}")


@dataclass(frozen=True, slots=True)
class Block:
    text: str
    offsets: tuple[int, ...]

    def span(self, offset: int, length: int) -> tuple[int, int]:
        """``doc.text`` [start, end) of ``text[offset:offset+length]``."""
        n = len(self.text)
        offset = max(0, min(offset, n))
        if length <= 0 or offset >= n:
            pos = self.offsets[offset] if offset < n else self.offsets[-1] + 1
            return pos, pos
        last = min(offset + length, n) - 1
        return self.offsets[offset], self.offsets[last] + 1


def lt_prose(doc: Document) -> str:
    """``doc.prose`` with cedillas mapped and (for Markdown) emphasis/link markup masked."""
    prose = doc.prose.translate(CEDILLA)
    if doc.format == "markdown":
        chars = list(prose)
        for m in MD_MARKUP_RE.finditer(prose):
            for i in range(m.start(), m.end()):
                chars[i] = MASK
        prose = "".join(chars)
    return prose


def _segments(doc: Document, prose: str) -> list[tuple[int, int]]:
    cuts = {0, len(prose)}
    for m in BLANK_LINE_RE.finditer(prose):
        cuts.update((m.start(), m.end()))
    if doc.format == "markdown":
        cuts.update(m.start() for m in MD_BLOCK_START_RE.finditer(doc.text))
    points = sorted(cuts)
    return [(a, b) for a, b in zip(points, points[1:], strict=False) if b > a]


def _build(prose: str, start: int, end: int) -> Block | None:
    out: list[str] = []
    offs: list[int] = []
    gap_at: int | None = None
    for i in range(start, end):
        c = prose[i]
        if c == MASK:
            if gap_at is None:
                gap_at = i
            continue
        if gap_at is not None:
            prev_space = not out or out[-1].isspace()
            if c.isspace() and prev_space:
                continue  # collapse the space after a dropped run
            if not c.isspace() and not prev_space and (c.isalnum() or out[-1].isalnum()):
                out.append(" ")
                offs.append(gap_at)
            gap_at = None
        out.append(c)
        offs.append(i)
    # trim surrounding whitespace
    lo, hi = 0, len(out)
    while lo < hi and out[lo].isspace():
        lo += 1
    while hi > lo and out[hi - 1].isspace():
        hi -= 1
    text = "".join(out[lo:hi])
    if not HAS_LETTER_RE.search(text):
        return None
    return Block(text, tuple(offs[lo:hi]))


def blocks(doc: Document) -> list[Block]:
    """The prose blocks of ``doc`` to send to LanguageTool, in document order."""
    prose = lt_prose(doc)
    found = (_build(prose, a, b) for a, b in _segments(doc, prose))
    return [b for b in found if b is not None]
