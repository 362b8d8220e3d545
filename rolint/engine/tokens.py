"""Tokens for sequence rules: words, numbers and single punctuation marks of the prose."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from rolint.document import MASK, Document

TOKEN_RE = regex.compile(r"\p{L}[\p{L}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*|\d+(?:[.,]\d+)*|[^\s\ufffc]")
BREAK_RE = regex.compile(r"\n[ \t]*\n|\ufffc")


@dataclass(frozen=True, slots=True)
class Token:
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
    prev_end = 0
    for m in TOKEN_RE.finditer(prose):
        gap = prose[prev_end : m.start()]
        joined = bool(out) and not BREAK_RE.search(gap) and MASK not in gap
        out.append(Token(m.group(), m.start(), m.end(), m.group().lower(), joined))
        prev_end = m.end()
    doc.cache["tokens"] = out
    return out
