"""Character map (ş → ș) and mixed forms in one document (ş/ţ beside ș/ț)."""

from __future__ import annotations

from typing import ClassVar

import regex

from rolint.diagnostics import Diagnostic, Edit, Fix
from rolint.document import Document
from rolint.engine.base import Rule

# a word around a run of mapped characters: letters and combining marks, each way from the run
_WORD_AFTER = regex.compile(r"[\p{L}\p{M}]*")
_WORD_BEFORE = regex.compile(r"[\p{L}\p{M}]*", flags=regex.REVERSE)


class CharMapRule(Rule):
    """Every character of ``map`` is replaced by its value; one finding per word that holds any."""

    kind: ClassVar[str] = "charmap"
    required = ("map",)
    optional = ("scope",)

    def compile(self) -> None:
        table = self.need("map", dict)
        for k, v in table.items():
            if not isinstance(k, str) or len(k) != 1 or not isinstance(v, str):
                raise self.error("map keys must be single characters and values strings")
        self.table = {ord(k): v for k, v in table.items()}
        chars = regex.escape("".join(table))
        scope = self.param("scope", "word")
        if scope not in ("word", "char"):
            raise self.error("scope must be 'word' or 'char'")
        self.regex = regex.compile(f"[{chars}]+")
        self.word_scope = scope == "word"

    def find(self, doc: Document) -> list[Diagnostic]:
        out = []
        prose = doc.prose
        seen: dict[str, tuple[str, tuple[tuple[int, str], ...] | None]] = {}  # word → fixed, changed chars
        for s, e in self.spans(prose):  # prose only: code samples may hold ş on purpose
            word = prose[s:e]
            known = seen.get(word)
            if known is None:
                fixed = word.translate(self.table)
                changed = tuple((i, c2) for i, (c1, c2) in enumerate(zip(word, fixed, strict=True)) if c1 != c2) \
                    if len(fixed) == len(word) else None
                known = seen[word] = (fixed, changed)
            fixed, changed = known
            edits = tuple(Edit(s + i, s + i + 1, c) for i, c in changed) if changed is not None \
                else (Edit(s, e, fixed),)
            out.append(self.diagnostic(s, e, [fixed], fix=Fix(edits, self.applicability), match=word))
        return out

    def spans(self, prose: str) -> list[tuple[int, int]]:
        """Runs of mapped characters, widened to their whole word in word scope (several runs, one word)."""
        out: list[tuple[int, int]] = []
        for m in self.regex.finditer(prose):
            s, e = m.span()
            if self.word_scope:
                s = _WORD_BEFORE.match(prose, 0, s).start()  # type: ignore[union-attr]  # always matches
                e = _WORD_AFTER.match(prose, e).end()  # type: ignore[union-attr]
            if out and s < out[-1][1]:
                continue  # same word as the previous run
            out.append((s, e))
        return out


class MixedFormsRule(Rule):
    """One finding when a document uses characters of both ``forms`` (e.g. cedilla and comma-below)."""

    kind: ClassVar[str] = "mixed"
    required = ("forms",)

    def compile(self) -> None:
        forms = self.need("forms", list)
        if len(forms) != 2 or not all(isinstance(f, str) and f for f in forms):
            raise self.error("forms must be a list of two strings of characters")
        self.legacy = regex.compile(f"[{regex.escape(forms[0])}]")
        self.modern = regex.compile(f"[{regex.escape(forms[1])}]")

    def find(self, doc: Document) -> list[Diagnostic]:
        legacy = self.legacy.findall(doc.prose)
        modern = self.modern.findall(doc.prose)
        if not legacy or not modern:
            return []
        first = self.legacy.search(doc.prose)
        assert first is not None
        return [
            self.diagnostic(first.start(), first.end(), legacy=str(len(legacy)), modern=str(len(modern)))
        ]
