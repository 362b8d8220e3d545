"""The same word twice in a row ("și și")."""

from __future__ import annotations

from typing import ClassVar

from rolint.diagnostics import Diagnostic, Fix
from rolint.document import Document
from rolint.engine.base import Rule
from rolint.engine.tokens import tokenize


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
        for prev, tok in zip(tokens, tokens[1:], strict=False):
            if (
                tok.joined
                and tok.is_word
                and len(tok.text) > 1
                and (tok.text == prev.text or (tok.lower == prev.lower and doc.sentence_start(prev.start)))
                and tok.lower not in self.exceptions
                and "\n" not in doc.text[prev.end : tok.start]
            ):
                fix = Fix.replace(prev.end, tok.end, "", self.applicability)
                out.append(self.diagnostic(prev.start, tok.end, [prev.text], fix=fix, match=tok.text))
        return out
