"""Regular-expression pattern with a replacement template (the ``regex`` module, time-limited)."""

from __future__ import annotations

from typing import ClassVar

import regex

from rolint.diagnostics import Diagnostic
from rolint.document import MASK, Document
from rolint.engine.base import Rule
from rolint.engine.templates import expand_match, pattern_template_problem

MATCH_TIMEOUT = 1.0  # seconds per document and rule
ANTIPATTERN_WINDOW = 200  # antipatterns are searched this far around a match (matches are rare)


class RuleTimeout(Exception):
    """A rule's pattern ran past its time limit on a document."""


class PatternRule(Rule):
    """``pattern`` (regex syntax of the ``regex`` module); ``replacement`` uses ``\\1`` / ``\\g<name>``;
    ``antipatterns``: regexes whose matches, where they overlap a match, cancel it."""

    kind: ClassVar[str] = "pattern"
    required = ("pattern",)
    optional = ("replacement", "antipatterns", "ignore_case", "multiline")

    def compile(self) -> None:
        flags = regex.V1
        if self.flag("ignore_case", False):
            flags |= regex.IGNORECASE
        if self.flag("multiline", False):
            flags |= regex.MULTILINE
        pattern = self.need("pattern", str)
        antipatterns = self.strings("antipatterns", "a list of strings (regexes)")
        try:
            self.regex = regex.compile(pattern, flags)
            self.antipatterns = [regex.compile(p, flags) for p in antipatterns]
        except regex.error as exc:
            raise self.error(f"bad pattern: {exc}") from None
        except RecursionError:
            raise self.error("bad pattern: nested too deeply") from None
        repl = self.param("replacement")
        reps = [] if repl is None else [repl] if isinstance(repl, str) else repl
        if not isinstance(reps, list) or not all(isinstance(r, str) for r in reps):
            raise self.error("replacement must be a string or a list of strings")
        for r in reps:
            if problem := pattern_template_problem(self.regex, r):
                raise self.error(problem)
        self.replacement: list[str] = list(reps)

    def blocked(self, prose: str, s: int, e: int) -> bool:
        """True when an antipattern match near the match overlaps it."""
        lo, hi = max(0, s - ANTIPATTERN_WINDOW), min(len(prose), e + ANTIPATTERN_WINDOW)
        end = max(e, s + 1)
        return any(
            a.start() < end and a.end() > s
            for ap in self.antipatterns
            for a in ap.finditer(prose, lo, hi, timeout=MATCH_TIMEOUT)
        )

    def find(self, doc: Document) -> list[Diagnostic]:
        prose = doc.prose
        out = []
        try:
            for m in self.regex.finditer(prose, timeout=MATCH_TIMEOUT):
                s, e = m.span()
                if MASK in m.group() or self.blocked(prose, s, e):
                    continue
                reps = [x for r in self.replacement if (x := expand_match(m, r)) is not None]
                out.append(self.diagnostic(s, e, reps, match=m.group()))
        except TimeoutError as exc:
            msg = f"rule {self.id}: pattern ran past {MATCH_TIMEOUT}s on {doc.path}; rule disabled"
            raise RuleTimeout(msg) from exc
        return out
