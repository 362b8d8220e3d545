"""Word-list substitution: wrong word or phrase → right one, case preserved."""

from __future__ import annotations

from typing import ClassVar

from rolint.clip import clip
from rolint.diagnostics import Diagnostic
from rolint.document import Document
from rolint.engine.base import Rule, match_case
from rolint.engine.tokens import token_index, tokenize


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
                raise self.error(f"swap entry {clip(wrong)}: both sides must be non-empty strings")
            options = [r.strip() for r in right.split("|")]
            if wrong.lower() in (o.lower() for o in options):
                raise self.error(f"swap entry {clip(wrong)}: the replacement equals the source")
            self.swap[wrong.lower()] = options
        self.ignore_case = self.flag("ignore_case", True)
        names = self.param("names", "check")
        if names not in ("check", "skip"):
            raise self.error("names must be 'check' or 'skip'")
        self.skip_names = names == "skip"
        # first word → [(words, key)], longest first: a look-up per token instead of one huge regex
        self.by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for key in sorted(swap, key=lambda k: -len(k.split())):
            words = tuple(key.split() if not self.ignore_case else key.lower().split())
            self.by_first.setdefault(words[0], []).append((words, key.lower()))

    def find(self, doc: Document) -> list[Diagnostic]:
        tokens = tokenize(doc)
        n = len(tokens)
        if self.ignore_case:  # look where a first word occurs (the document's token index)
            index = token_index(doc)
            starts = sorted(i for first in self.by_first for i in index.get(first, ()))
        else:
            starts = list(range(n))
        out = []
        covered = -1  # a match ends here: starts inside it are skipped (the longest key wins)
        for i in starts:
            if i < covered:
                continue
            t = tokens[i]
            matched = None
            for words, key in self.by_first.get(t.lower if self.ignore_case else t.text, ()):
                k = len(words)
                if i + k <= n and all(
                    tokens[i + j].joined and (tokens[i + j].lower if self.ignore_case else tokens[i + j].text) == w
                    for j, w in enumerate(words[1:], 1)
                ):
                    matched = (k, key)
                    break
            if matched is None:
                continue
            k, key = matched
            start, end = t.start, tokens[i + k - 1].end
            covered = i + k
            found = doc.text[start:end]
            if self.skip_names and found[:1].isupper() and not found.isupper() and not doc.sentence_start(start):
                continue  # a capitalised word in mid-sentence: a name (Comfort Systems)
            reps = [match_case(found, o) for o in self.swap[key]]
            out.append(self.diagnostic(start, end, reps, match=found))
        return out
