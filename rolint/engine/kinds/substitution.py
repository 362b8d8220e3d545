"""Word-list substitution: wrong word or phrase → right one, case preserved."""

from __future__ import annotations

from typing import ClassVar

import regex

from rolint.diagnostics import Diagnostic
from rolint.document import MASK, Document
from rolint.engine.base import Rule, match_case

BOUNDARY_L = r"(?<![\p{L}\p{M}\p{N}'’-])"
BOUNDARY_R = r"(?![\p{L}\p{M}\p{N}'’-])"


class SubstitutionRule(Rule):
    """``swap: {wrong: right}``; a value ``a|b`` offers several replacements (never a safe fix)."""

    kind: ClassVar[str] = "substitution"
    required = ("swap",)
    optional = ("ignore_case", "names")

    def compile(self) -> None:
        swap = self.need("swap", dict)
        self.swap: dict[str, list[str]] = {}
        for wrong, right in swap.items():
            if not isinstance(wrong, str) or not isinstance(right, str) or not wrong.strip() or not right.strip():
                raise self.error(f"swap entry {wrong!r}: both sides must be non-empty strings")
            options = [r.strip() for r in right.split("|")]
            if wrong.lower() in (o.lower() for o in options):
                raise self.error(f"swap entry {wrong!r}: the replacement equals the source")
            self.swap[wrong.lower()] = options
        self.ignore_case = bool(self.param("ignore_case", True))
        names = self.param("names", "check")
        if names not in ("check", "skip"):
            raise self.error("names must be 'check' or 'skip'")
        self.skip_names = names == "skip"
        alternatives = "|".join(
            regex.escape(w).replace(r"\ ", r"\s+") for w in sorted(self.swap, key=len, reverse=True)
        )
        flags = regex.IGNORECASE if self.ignore_case else 0
        self.regex = regex.compile(f"{BOUNDARY_L}(?:{alternatives}){BOUNDARY_R}", flags | regex.V1)

    def find(self, doc: Document) -> list[Diagnostic]:
        out = []
        for m in self.regex.finditer(doc.prose):
            found = m.group()
            if MASK in found:
                continue
            key = regex.sub(r"\s+", " ", found.lower())
            options = self.swap.get(key)
            if options is None:
                continue
            if self.skip_names and found[:1].isupper() and not found.isupper() and not doc.sentence_start(m.start()):
                continue  # a capitalised word in mid-sentence: a name (Comfort Systems)
            reps = [match_case(found, o) for o in options]
            out.append(self.diagnostic(m.start(), m.end(), reps, match=found))
        return out
