"""Checks: each takes a Document and returns Diagnostics.

A check is any object with a ``name`` and ``run(doc, ctx) -> list[Diagnostic]``.
``ctx`` carries the configuration that applies to the document (accepted words, rule selection).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Protocol

from rolint.diagnostics import Applicability, Diagnostic, Severity, suggestion_fix
from rolint.document import Document, Word


@dataclass(slots=True)
class CheckContext:
    """What a check may know besides the document."""

    accepted_words: frozenset[str] = frozenset()
    options: dict[str, object] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)  # non-fatal problems to show the user


class Check(Protocol):
    name: str

    def run(self, doc: Document, ctx: CheckContext) -> list[Diagnostic]: ...


def spaced_pairs(doc: Document) -> Iterator[tuple[Word, Word]]:
    """Consecutive words separated by exactly one space (the context of two-word rules)."""
    words = doc.words()
    prose = doc.prose
    for a, b in zip(words, words[1:], strict=False):
        if b.start == a.end + 1 and prose[a.end] == " ":
            yield a, b


def pair_finding(
    rule: str, message: str, a: Word, b: Word, replacement: str, category: str, severity: Severity
) -> Diagnostic:
    """A finding over two words with one suggested rewrite of both (an unsafe fix)."""
    return Diagnostic(
        rule=rule,
        message=message,
        start=a.start,
        end=b.end,
        category=category,
        severity=severity,
        replacements=[replacement],
        fix=suggestion_fix(a.start, b.end, [replacement], Applicability.UNSAFE),
    )
