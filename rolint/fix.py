"""Apply fixes: sort edits, skip those that overlap an already chosen one, apply together.

Like Ruff's fixer: one pass applies every non-conflicting fix whose applicability meets the level
asked for; conflicting ones wait for the next pass, after a re-check (see ``fix_until_stable``).
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
    passes: int = 0
    converged: bool = True


def _conflicts(fix: Fix, taken: list[tuple[int, int]]) -> bool:
    for e in fix.edits:
        for a, b in taken:
            # overlapping spans conflict; two insertions at the same point conflict; touching spans do not
            if e.start < b and a < e.end or (e.start == e.end == a == b) or (e.start == e.end and a < e.start < b):
                return True
            if a == b and e.start < a < e.end:
                return True
    return False


def choose(diagnostics: Iterable[Diagnostic], level: Applicability) -> list[Diagnostic]:
    """The fixes of one pass: applicable, in text order, none overlapping a chosen one."""
    candidates = [d for d in diagnostics if d.fix is not None and d.fix.applicability >= level
                  and d.fix.applicability > Applicability.DISPLAY_ONLY]
    candidates.sort(key=lambda d: (d.fix.start, d.fix.end, d.rule))  # type: ignore[union-attr]
    taken: list[tuple[int, int]] = []
    chosen: list[Diagnostic] = []
    for d in candidates:
        assert d.fix is not None
        if _conflicts(d.fix, taken):
            continue
        taken.extend((e.start, e.end) for e in d.fix.edits)
        chosen.append(d)
    return chosen


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
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
    chosen = choose(diagnostics, level)
    edits = [e for d in chosen for e in d.fix.edits]  # type: ignore[union-attr]
    return apply_edits(text, edits), chosen


def fix_until_stable(
    text: str, check: Callable[[str], list[Diagnostic]], level: Applicability, max_passes: int = MAX_PASSES
) -> FixResult:
    """Check, apply, re-check until no applicable fix remains (or give up after ``max_passes``)."""
    result = FixResult(text)
    for _ in range(max_passes):
        new, chosen = apply_once(result.text, check(result.text), level)
        if not chosen or new == result.text:
            return result
        result.passes += 1
        result.applied.update(d.rule for d in chosen)
        result.text = new
    result.converged = not choose(check(result.text), level)
    return result
