"""Tokens for sequence rules: words, numbers and single punctuation marks of the prose.

Built once per document (cached in ``doc.cache``) with an index from lowercase text to token
positions, so that a rule looks only where its anchor word occurs.
"""

from __future__ import annotations

from typing import NamedTuple

import regex

from rolint.document import MASK, Document

TOKEN_RE = regex.compile(r"\p{L}[\p{L}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*|\d+(?:[.,]\d+)*|[^\s\ufffc]")
BREAK_RE = regex.compile(r"\n[ \t]*\n|\ufffc")


class Token(NamedTuple):
    text: str
    start: int
    end: int
    lower: str
    joined: bool  # True when only spaces (no paragraph break or masked text) separate it from the previous token

    @property
    def is_word(self) -> bool:
        return self.text[0].isalpha()


def tokenize(doc: Document) -> list[Token]:
    cached = doc.cache.get("tokens")
    if cached is not None:
        return cached  # type: ignore[return-value]
    prose = doc.prose
    out: list[Token] = []
    append = out.append
    prev_end = -1
    for m in TOKEN_RE.finditer(prose):
        text = m.group()
        start = m.start()
        lower = text.lower()
        if lower == text:
            lower = text  # share the string
        if prev_end < 0:
            joined = False
        elif start - prev_end <= 1:
            joined = prose[prev_end:start] != MASK  # the common case: one space or nothing
        else:
            gap = prose[prev_end:start]
            joined = MASK not in gap and not BREAK_RE.search(gap)
        append(Token(text, start, m.end(), lower, joined))
        prev_end = m.end()
    doc.cache["tokens"] = out
    return out


def token_index(doc: Document) -> dict[str, list[int]]:
    """Lowercase token text → positions in ``tokenize(doc)``."""
    cached = doc.cache.get("token_index")
    if cached is not None:
        return cached  # type: ignore[return-value]
    index: dict[str, list[int]] = {}
    for i, t in enumerate(tokenize(doc)):
        index.setdefault(t.lower, []).append(i)
    doc.cache["token_index"] = index
    return index
