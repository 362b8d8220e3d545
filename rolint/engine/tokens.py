"""Tokens for sequence rules: the document's tokens (``Document.tokens``) and an index from
lowercase text to token positions, so that a rule looks only where its anchor word occurs."""

from __future__ import annotations

from rolint.document import Document, Word

Token = Word


def tokenize(doc: Document) -> list[Token]:
    return doc.tokens()


def token_index(doc: Document) -> dict[str, list[int]]:
    """Lowercase token text → positions in ``doc.tokens()``."""
    cached = doc.cache.get("token_index")
    if cached is not None:
        return cached  # type: ignore[return-value]
    index: dict[str, list[int]] = {}
    for i, t in enumerate(doc.tokens()):
        index.setdefault(t.lower, []).append(i)
    doc.cache["token_index"] = index
    return index
