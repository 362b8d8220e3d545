"""Lines written without diacritics: one ``diacritics.missing`` finding per line, fixing it whole.

* In a text written without diacritics (at most 3% of its words have ă â î:
  :func:`rolint.spelling.restore.is_undiacritised`; cedilla letters ş ţ do not count as written
  diacritics here), every line is restored by the context model (:mod:`rolint.spelling.restore`,
  a sentence decoded at once, so va/vă, ca/că, fata/față are chosen in context): one unsafe finding
  per line that changes, with every restoration as its fix. The speller's own ``diacritics.missing``
  findings on that line, and its misspellings of words the restoration changes, are dropped.
* In a text written with diacritics, several ``diacritics.missing`` findings of the speller on one
  line are merged into one (a line pasted from a keyboard without Romanian letters).
"""

from __future__ import annotations

from rolint.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from rolint.document import Document, iter_lines
from rolint.spelling.text import CEDILLA_TO_COMMA

MERGE_MIN = 2  # words lacking diacritics on one line that make it "a line written without diacritics"
SHOWN = 4  # restorations listed in the message


def _message(pairs: list[tuple[str, str]]) -> str:
    shown = ", ".join(f"{a} → {b}" for a, b in pairs[:SHOWN])
    more = f" și încă {len(pairs) - SHOWN}" if len(pairs) > SHOWN else ""
    return f"Rând scris fără diacritice ({len(pairs)} cuvinte): {shown}{more}."


def restored_lines(doc: Document) -> list[Diagnostic]:
    """One finding per line the context model restores (the document is written without diacritics)."""
    from rolint.spelling.restore import restore_spans

    out = []
    for start, end in iter_lines(doc.prose):
        line = doc.prose[start:end]
        if not any(c.isalpha() for c in line):
            continue
        spans = [r for r in restore_spans(line, offset=start) if r.new != r.old.translate(CEDILLA_TO_COMMA)]
        if not spans:
            continue
        out.append(
            Diagnostic(
                rule="diacritics.missing",
                message=_message([(r.old, r.new) for r in spans]),
                start=spans[0].start,
                end=spans[0].end,
                category="diacritics",
                severity=Severity.ERROR,
                replacements=[spans[0].new],
                fix=Fix(tuple(Edit(r.start, r.end, r.new) for r in spans), Applicability.UNSAFE),
            )
        )
    return out


def whole_text_restoration(doc: Document) -> list[Diagnostic]:
    """The line findings of a document written without diacritics, or [] when it is not one: few
    words with ă â î and at least two words restored (one restored word is a slip, not a text
    typed without Romanian letters). Computed once per document."""
    from rolint.spelling.restore import is_undiacritised

    key = "diacritics.whole-text"
    if key not in doc.cache:
        lines: list[Diagnostic] = []
        if is_undiacritised(doc.prose):
            lines = restored_lines(doc)
            if sum(len(d.fix.edits) for d in lines if d.fix) < MERGE_MIN:
                lines = []
        doc.cache[key] = lines
    return doc.cache[key]  # type: ignore[return-value]


def merge_undiacritised_lines(doc: Document, diags: list[Diagnostic]) -> list[Diagnostic]:
    """A line written without diacritics is one finding (with every restoration as its fix)."""
    lines = whole_text_restoration(doc)
    if lines:
        return _replace_by_lines(doc, diags, lines)
    return _merge_speller_findings(doc, diags)


def _replace_by_lines(doc: Document, diags: list[Diagnostic], lines: list[Diagnostic]) -> list[Diagnostic]:
    covered = {doc.position(d.start)[0] for d in lines}
    edited = {(e.start, e.end) for d in lines if d.fix for e in d.fix.edits}
    out = [
        d for d in diags
        if not (d.rule == "diacritics.missing" and doc.position(d.start)[0] in covered)
        and not (d.rule == "spelling.misspelling" and (d.start, d.end) in edited)
    ]
    out.extend(lines)
    out.sort(key=lambda d: d.start)
    return out


def _merge_speller_findings(doc: Document, diags: list[Diagnostic]) -> list[Diagnostic]:
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
        out.append(
            Diagnostic(
                rule="diacritics.missing",
                message=_message([(doc.text[d.start:d.end], d.replacements[0]) for d in ds if d.replacements]),
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
