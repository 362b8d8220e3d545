"""Checks: each takes a Document and returns Diagnostics.

A check is any object with a ``name`` and ``run(doc, ctx) -> list[Diagnostic]``.
``ctx`` carries the configuration that applies to the document (accepted words, rule selection).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from rolint.diagnostics import Diagnostic
from rolint.document import Document


@dataclass(slots=True)
class CheckContext:
    """What a check may know besides the document."""

    accepted_words: frozenset[str] = frozenset()
    options: dict[str, object] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)  # non-fatal problems to show the user


class Check(Protocol):
    name: str

    def run(self, doc: Document, ctx: CheckContext) -> list[Diagnostic]: ...
