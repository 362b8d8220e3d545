"""Inline suppressions in Markdown and HTML comments.

``<!-- rolint-disable RULE ... -->`` … ``<!-- rolint-enable [RULE ...] -->``, and
``<!-- rolint-disable-next-line RULE ... -->``. Without rule ids they apply to every rule;
a rule id also matches as a prefix (``typography`` covers ``typography.double-space``).
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from rolint.config import matches
from rolint.diagnostics import Diagnostic
from rolint.document import Document

DIRECTIVE_RE = regex.compile(r"<!--\s*rolint-(disable-next-line|disable|enable)\b([^>]*?)\s*-->")


@dataclass(frozen=True, slots=True)
class Region:
    start: int
    end: int
    rules: tuple[str, ...]  # empty: all rules

    def covers(self, d: Diagnostic) -> bool:
        return self.start <= d.start < self.end and (not self.rules or any(matches(d.rule, r) for r in self.rules))


def regions(doc: Document) -> list[Region]:
    out: list[Region] = []
    open_: dict[tuple[str, ...], int] = {}
    for m in DIRECTIVE_RE.finditer(doc.text):
        action, rules = m.group(1), tuple(m.group(2).replace(",", " ").split())
        if action == "disable":
            open_.setdefault(rules, m.end())
        elif action == "enable":
            for key in list(open_):
                if not rules or key == rules or set(rules) & set(key):
                    out.append(Region(open_.pop(key), m.start(), key))
        else:
            line, _ = doc.position(m.end())
            if line < len(doc.line_starts):
                s, e = doc.line_span(line + 1)
                out.append(Region(s, e + 1, rules))
    for key, start in open_.items():
        out.append(Region(start, len(doc.text) + 1, key))
    return out


def apply_suppressions(doc: Document, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Drop the findings a directive covers, and those inside a directive itself: in plain text the
    comment is prose to the checks, and a "fix" of its rule id (diacritics → diacritice) would break it."""
    regs = regions(doc)
    if not regs:
        return diagnostics
    directives = [(m.start(), m.end()) for m in DIRECTIVE_RE.finditer(doc.text)]
    return [d for d in diagnostics if not any(r.covers(d) for r in regs)
            and not any(s <= d.start < e for s, e in directives)]
