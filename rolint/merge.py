"""Merge findings: one finding per problem when several checks report the same span."""

from __future__ import annotations

from rolint.diagnostics import Diagnostic

CEDILLA = str.maketrans("şţŞŢ", "șțȘȚ")


def _rank(d: Diagnostic) -> tuple[int, int, int]:
    # rolint's own findings before LanguageTool's, with a fix before without, more severe first
    return (d.source != "rolint", d.fix is None, -int(d.severity))


def merge(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Drop a finding when another on the same span says the same: same category, or same first fix."""
    by_span: dict[tuple[int, int], list[Diagnostic]] = {}
    for d in diagnostics:
        by_span.setdefault((d.start, d.end), []).append(d)
    out: list[Diagnostic] = []
    for group in by_span.values():
        if len(group) == 1:  # the common case: nothing to merge
            out.append(group[0])
            continue
        kept: list[Diagnostic] = []
        for d in sorted(group, key=_rank):
            first = d.replacements[0].translate(CEDILLA) if d.replacements else None
            if any(
                k.category == d.category
                or (first is not None and k.replacements and k.replacements[0].translate(CEDILLA) == first)
                for k in kept
            ):
                continue
            kept.append(d)
        out.extend(kept)
    out.sort(key=Diagnostic.sort_key)
    return out
