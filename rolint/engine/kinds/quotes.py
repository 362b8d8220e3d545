"""Paired quotes: Romanian „…” with «…» inside; wrong opening or closing marks are found by pairing.

Each quote mark is classed by its neighbours: after a space or an opening bracket and before a
non-space it opens; after a non-space and before a space, punctuation or the end it closes. Marks
are paired with a stack, per paragraph. A fix is safe when the mark's role is certain and it has a
partner in the same paragraph; otherwise it is only suggested.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import regex

from rolint.diagnostics import Applicability, Diagnostic
from rolint.document import MASK, Document
from rolint.engine.base import Rule

QUOTE_CHARS = "„“”\"«»‟″"
OPEN_BEFORE = set(" \t\n\r\u00a0([{/—–-" + MASK) | set("„«“")
CLOSE_AFTER = set(" \t\n\r\u00a0)]}.,;:!?…/—–-" + MASK) | set("”»\"")
NOT_AFTER_OPEN = set(" \t\n\r\u00a0,.;:!?)]}" + MASK)
PARAGRAPH_RE = regex.compile(r"(?:[^\n]|\n(?![ \t]*\n))+")  # Markdown, HTML: blocks between blank lines
LINE_RE = regex.compile(r"[^\n]+")  # plain text: every line is a paragraph


@dataclass(slots=True)
class Mark:
    pos: int
    char: str
    role: str  # "open" | "close" | "?"


QUOTE_RE = regex.compile(f"[{QUOTE_CHARS}]")


def classify(prose: str, start: int, end: int) -> list[Mark]:
    marks = []
    for m in QUOTE_RE.finditer(prose, start, end):
        i = m.start()
        c = prose[i]
        before = prose[i - 1] if i > start else " "
        after = prose[i + 1] if i + 1 < end else " "
        can_open = before in OPEN_BEFORE and after not in NOT_AFTER_OPEN
        can_close = before not in " \t\n\r\u00a0" and after in CLOSE_AFTER
        if before.isdigit() and c in "\"″":  # 15" (inches), not a quote
            continue
        if c in "„«":
            role = "open"
        elif c == "»":
            role = "close"
        elif can_open and not can_close:
            role = "open"
        elif can_close and not can_open:
            role = "close"
        else:
            role = "?"
        marks.append(Mark(i, c, role))
    return marks


class QuotesRule(Rule):
    """``chars``: the marks this rule reports (e.g. ``["\\""]`` for ASCII quotes, ``["”", "“"]`` for
    English-style marks); ``open``/``close``/``nested_open``/``nested_close``: the right marks."""

    kind: ClassVar[str] = "quotes"
    required = ("chars",)
    optional = ("open", "close", "nested_open", "nested_close")

    def compile(self) -> None:
        chars = self.need("chars", list)
        if not chars or not all(isinstance(c, str) and len(c) == 1 and c in QUOTE_CHARS for c in chars):
            raise self.error(f"chars must be quote marks among {QUOTE_CHARS!r}")
        self.chars = frozenset(chars)
        self.open = self.char("open", "„")
        self.close = self.char("close", "”")
        self.nested_open = self.char("nested_open", "«")
        self.nested_close = self.char("nested_close", "»")

    def char(self, name: str, default: str) -> str:
        value = self.param(name, default)
        if not isinstance(value, str) or len(value) != 1:
            raise self.error(f"{name} must be one character")
        return value

    def find(self, doc: Document) -> list[Diagnostic]:
        out: list[Diagnostic] = []
        if not QUOTE_RE.search(doc.prose):
            return out
        for para in (LINE_RE if doc.format == "text" else PARAGRAPH_RE).finditer(doc.prose):
            if QUOTE_RE.search(doc.prose, para.start(), para.end()):
                out.extend(self._paragraph(doc, para.start(), para.end()))
        return out

    def _right_role(self, char: str, is_open: bool) -> bool:
        return char in ((self.open, self.nested_open) if is_open else (self.close, self.nested_close))

    def _paragraph(self, doc: Document, start: int, end: int) -> list[Diagnostic]:
        marks = classify(doc.prose, start, end)
        stack: list[Mark] = []
        partner: dict[int, int] = {}
        depth_at: dict[int, int] = {}
        for mk in marks:
            if mk.role == "open" or (mk.role == "?" and not stack):
                depth_at[mk.pos] = len(stack)
                stack.append(mk)
            elif stack:
                opener = stack.pop()
                partner[mk.pos], partner[opener.pos] = opener.pos, mk.pos
                depth_at[mk.pos] = len(stack)
            else:
                depth_at[mk.pos] = 0
        out = []
        for mk in marks:
            if mk.char not in self.chars:
                continue
            depth = depth_at.get(mk.pos, 0)
            is_open = mk.role == "open" or (mk.role == "?" and mk.pos in partner and partner[mk.pos] > mk.pos)
            if is_open:
                want = self.nested_open if depth > 0 else self.open
            else:
                want = self.nested_close if depth > 0 else self.close
            if mk.char == want:
                continue
            if self._right_role(mk.char, is_open) and not (
                mk.pos in partner and not self._right_role(doc.prose[partner[mk.pos]], not is_open)
            ):
                continue  # right mark for its role, partner too: only the level differs, too uncertain
            certain = mk.role != "?" and mk.pos in partner
            level = self.applicability if certain else min(self.applicability, Applicability.UNSAFE)
            out.append(
                self.diagnostic(
                    mk.pos,
                    mk.pos + 1,
                    [want],
                    applicability=level,
                    match=mk.char,
                    role="deschidere" if is_open else "închidere",
                )
            )
        return out
