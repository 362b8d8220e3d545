"""Lines written without diacritics: several ``diacritics.missing`` findings on one line become one."""

from __future__ import annotations

from rolint.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from rolint.document import Document

MERGE_MIN = 2  # words lacking diacritics on one line that make it "a line written without diacritics"


def merge_undiacritised_lines(doc: Document, diags: list[Diagnostic]) -> list[Diagnostic]:
    """A line written without diacritics is one finding (with every restoration as its fix).

    Several ``diacritics.missing`` findings on one line are a text typed on a keyboard without
    Romanian letters, not separate slips: the writer needs one message, and one fix for the line.
    """
    by_line: dict[int, list[Diagnostic]] = {}
    for d in diags:
        if d.rule == "diacritics.missing":
            by_line.setdefault(doc.position(d.start)[0], []).append(d)
    merged = {id(d) for ds in by_line.values() if len(ds) >= MERGE_MIN for d in ds}
    if not merged:
        return diags
    out = [d for d in diags if id(d) not in merged]
    for ds in by_line.values():
        if len(ds) < MERGE_MIN:
            continue
        first = ds[0]
        edits = tuple(Edit(d.start, d.end, d.replacements[0]) for d in ds if d.replacements)
        appl = min((d.fix.applicability for d in ds if d.fix), default=Applicability.UNSAFE)
        shown = ", ".join(f"{doc.text[d.start:d.end]} → {d.replacements[0]}" for d in ds[:4])
        more = f" și încă {len(ds) - 4}" if len(ds) > 4 else ""
        out.append(
            Diagnostic(
                rule="diacritics.missing",
                message=f"Rând scris fără diacritice ({len(ds)} cuvinte): {shown}{more}.",
                start=first.start,
                end=first.end,
                category="diacritics",
                severity=Severity.ERROR,
                replacements=first.replacements[:1],
                fix=Fix(edits, appl) if edits else None,
            )
        )
    out.sort(key=lambda d: d.start)
    return out


