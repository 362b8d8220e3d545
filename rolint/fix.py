"""Apply fixes: sort edits, skip those that overlap an already chosen one, apply together.

Like Ruff's fixer: one pass applies every non-conflicting fix whose applicability meets the level
asked for; conflicting ones wait for the next pass, after a re-check (see ``fix_until_stable``).

Conflicts: two spans conflict when they overlap (share at least one character), when two insertions
sit at the same point (their order would be arbitrary), or when an insertion sits strictly inside a
replaced span. Spans that merely touch (``[a, b)`` and ``[b, c)``) do not conflict.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from rolint.diagnostics import Applicability, Diagnostic, Edit, Fix

MAX_PASSES = 10


@dataclass
class FixResult:
    text: str
    applied: Counter[str] = field(default_factory=Counter)  # rule id → fixes applied
    passes: int = 0  # passes that changed the text
    converged: bool = True  # False: applicable fixes still remained after the cap
    remaining: list[Diagnostic] = field(default_factory=list)  # the findings of the final text

    @property
    def fixed(self) -> int:
        return sum(self.applied.values())


def spans_conflict(s1: int, e1: int, s2: int, e2: int) -> bool:
    """Whether edits on [s1, e1) and [s2, e2) cannot be applied together."""
    if s1 == e1 and s2 == e2:  # two insertions: only at the same point
        return s1 == s2
    if s1 == e1:  # an insertion inside a replaced span (not at its edges)
        return s2 < s1 < e2
    if s2 == e2:
        return s1 < s2 < e1
    return s1 < e2 and s2 < e1  # two replacements: overlap of at least one character


def _conflicts(fix: Fix, taken: list[tuple[int, int]]) -> bool:
    return any(spans_conflict(e.start, e.end, a, b) for e in fix.edits for a, b in taken)


def is_noop(fix: Fix, text: str) -> bool:
    """A fix that would leave the text as it is (replacement equal to what it replaces)."""
    return all(text[e.start : e.end] == e.content for e in fix.edits)


def applicable(d: Diagnostic, level: Applicability) -> bool:
    return d.fix is not None and d.fix.applicability >= level and d.fix.applicability > Applicability.DISPLAY_ONLY


def choose(diagnostics: Iterable[Diagnostic], level: Applicability, text: str | None = None) -> list[Diagnostic]:
    """The fixes of one pass: applicable, in text order, none overlapping a chosen one.

    With ``text``, fixes that would change nothing (and edits outside the text) are left out.
    """
    candidates = [d for d in diagnostics if applicable(d, level)]
    if text is not None:
        candidates = [d for d in candidates if d.fix.end <= len(text) and not is_noop(d.fix, text)]  # type: ignore[union-attr]
    candidates.sort(key=lambda d: (d.fix.start, d.fix.end, d.rule))  # type: ignore[union-attr]
    taken: list[tuple[int, int]] = []
    chosen: list[Diagnostic] = []
    for d in candidates:
        assert d.fix is not None
        if _self_conflicting(d.fix) or _conflicts(d.fix, taken):
            continue
        taken.extend((e.start, e.end) for e in d.fix.edits)
        chosen.append(d)
    return chosen


def _self_conflicting(fix: Fix) -> bool:
    edits = list(fix.edits)
    return any(
        spans_conflict(a.start, a.end, b.start, b.end) for i, a in enumerate(edits) for b in edits[i + 1 :]
    )


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Apply non-conflicting edits (offsets into ``text``) all at once."""
    parts: list[str] = []
    pos = 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        if e.start < pos or e.end > len(text):
            raise ValueError(f"edit {e} overlaps or lies outside the text")
        parts.append(text[pos : e.start])
        parts.append(e.content)
        pos = e.end
    parts.append(text[pos:])
    return "".join(parts)


def apply_once(text: str, diagnostics: Iterable[Diagnostic], level: Applicability) -> tuple[str, list[Diagnostic]]:
    chosen = choose(diagnostics, level, text)
    edits = [e for d in chosen for e in d.fix.edits]  # type: ignore[union-attr]
    return apply_edits(text, edits), chosen


def fix_until_stable(
    text: str, check: Callable[[str], list[Diagnostic]], level: Applicability, max_passes: int = MAX_PASSES
) -> FixResult:
    """Check, apply, re-check until no applicable fix remains (or give up after ``max_passes``).

    ``result.remaining`` holds the findings of the final text, so callers need not check it again.
    """
    result = FixResult(text)
    diagnostics = check(text)
    for _ in range(max_passes):
        new, chosen = apply_once(result.text, diagnostics, level)
        if not chosen or new == result.text:
            result.remaining = diagnostics
            return result
        result.passes += 1
        result.applied.update(d.rule for d in chosen)
        result.text = new
        diagnostics = check(new)
    result.remaining = diagnostics
    result.converged = not choose(diagnostics, level, result.text)
    return result
