"""The same word twice in a row ("și și")."""

from __future__ import annotations

from typing import ClassVar

from rolint.diagnostics import Diagnostic, Fix
from rolint.document import Document
from rolint.engine.base import Rule
from rolint.engine.tokens import token_index, tokenize


class RepeatedWordRule(Rule):
    """``exceptions``: words whose doubling is idiomatic (încet încet)."""

    kind: ClassVar[str] = "repeated"
    optional = ("exceptions",)

    def compile(self) -> None:
        exc = self.param("exceptions", [])
        if not isinstance(exc, list):
            raise self.error("exceptions must be a list of words")
        self.exceptions = frozenset(str(w).lower() for w in exc)

    def find(self, doc: Document) -> list[Diagnostic]:
        tokens = tokenize(doc)
        out = []
        for lower, positions in token_index(doc).items():  # only words that occur twice or more
            if len(positions) < 2 or lower in self.exceptions or len(lower) < 2 or not lower[0].isalpha():
                continue
            for i, j in zip(positions, positions[1:], strict=False):
                if j != i + 1:
                    continue
                prev, tok = tokens[i], tokens[j]
                if (
                    tok.joined
                    and (tok.text == prev.text or doc.sentence_start(prev.start))
                    and "\n" not in doc.text[prev.end : tok.start]
                ):
                    fix = Fix.replace(prev.end, tok.end, "", self.applicability)
                    out.append(self.diagnostic(prev.start, tok.end, [prev.text], fix=fix, match=tok.text))
        out.sort(key=lambda d: d.start)
        return out
