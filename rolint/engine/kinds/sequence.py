"""Token sequences with antipatterns, and insertion of a missing word.

A token pattern is a list of token specs:
  ``"urmă"``        the word, any case          ``"în|din"``   one of these words
  ``"~\\p{Lu}.*"``  a regex the token must match whole       ``"*"``  any one token
  ``"!în|din"``     any token but these
Consecutive tokens must be separated by spaces only (not by a paragraph break or skipped text).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

import regex

from rolint.clip import clip
from rolint.diagnostics import Diagnostic, Edit, Fix
from rolint.document import Document
from rolint.engine.base import Rule, match_case
from rolint.engine.templates import expand_tokens, token_template_problem
from rolint.engine.tokens import Token, token_index, tokenize

FOLD = str.maketrans("ăâîșțşţĂÂÎȘȚŞŢ", "aaisttsAAISTST")


def fold(word: str) -> str:
    """The word without diacritics ("în" → "in"): a missing diacritic is another rule's finding."""
    return word.translate(FOLD)


class Spec:
    """One token spec; ``words`` is the set it accepts when it is a plain word list (for indexing)."""

    __slots__ = ("test", "words")

    def __init__(self, test: Callable[[Token], bool], words: frozenset[str] | None = None) -> None:
        self.test = test
        self.words = words

    def __call__(self, t: Token) -> bool:
        return self.test(t)


def compile_spec(spec: Any, rule: Rule) -> Spec:
    if not isinstance(spec, str) or not spec:
        raise rule.error(f"token spec {clip(spec)} must be a non-empty string")
    if spec == "*":
        return Spec(lambda t: True)
    if spec.startswith("~"):
        try:
            rx = regex.compile(spec[1:], regex.V1)
        except regex.error as exc:
            raise rule.error(f"bad token regex {clip(spec)}: {clip(str(exc))}") from None
        except RecursionError:
            raise rule.error(f"bad token regex {clip(spec)}: nested too deeply") from None
        return Spec(lambda t: rx.fullmatch(t.text) is not None)
    negate = spec.startswith("!")
    words = frozenset(w.strip().lower() for w in spec.lstrip("!").split("|"))
    if negate:
        return Spec(lambda t: t.lower not in words)
    return Spec(lambda t: t.lower in words, words)


def compile_pattern(specs: Any, rule: Rule, what: str) -> list[Spec]:
    if not isinstance(specs, list) or not specs:
        raise rule.error(f"{what} must be a non-empty list of token specs")
    return [compile_spec(s, rule) for s in specs]


def matches_at(tokens: Sequence[Token], i: int, pattern: list[Spec]) -> bool:
    if i < 0 or i + len(pattern) > len(tokens):
        return False
    for k, m in enumerate(pattern):
        t = tokens[i + k]
        if k and not t.joined:
            return False
        if not m(t):
            return False
    return True


class SequenceRule(Rule):
    """``tokens``: the pattern; ``mark``: [first, last] token indexes to highlight (default all);
    ``suggest``: replacement for the marked span, ``\\1``… are the tokens' texts (1-based);
    ``antipatterns``: token patterns that cancel a match when they match tokens overlapping it."""

    kind: ClassVar[str] = "sequence"
    required = ("tokens",)
    optional = ("mark", "suggest", "antipatterns")

    def compile(self) -> None:
        self.pattern = compile_pattern(self.need("tokens", list), self, "tokens")
        antipatterns = self.param("antipatterns", [])
        if not isinstance(antipatterns, list):
            raise self.error("antipatterns must be a list of token patterns")
        self.antipatterns = [compile_pattern(p, self, "antipattern") for p in antipatterns]
        mark = self.param("mark", [0, len(self.pattern) - 1])
        if (
            not isinstance(mark, list)
            or len(mark) != 2
            or not all(isinstance(x, int) and 0 <= x < len(self.pattern) for x in mark)
            or mark[0] > mark[1]
        ):
            raise self.error("mark must be [first, last] token indexes")
        self.mark = (mark[0], mark[1])
        suggest = self.param("suggest", [])
        suggest = [suggest] if isinstance(suggest, str) else suggest
        if not isinstance(suggest, list) or not all(isinstance(s, str) for s in suggest):
            raise self.error("suggest must be a string or a list of strings")
        for s in suggest:
            if problem := token_template_problem(s, len(self.pattern)):
                raise self.error(problem)
        self.suggest: list[str] = list(suggest)

    def blocked(self, tokens: Sequence[Token], start: int, end: int) -> bool:
        """True when an antipattern matches tokens overlapping tokens[start:end]."""
        for ap in self.antipatterns:
            for i in range(max(0, start - len(ap) + 1), end):
                if matches_at(tokens, i, ap):
                    return True
        return False

    def candidates(self, doc: Document) -> list[int]:
        """Start positions worth trying: where the pattern's first plain word occurs (an index look-up)."""
        anchor = next((k for k, spec in enumerate(self.pattern) if spec.words is not None), None)
        if anchor is None:
            return list(range(len(tokenize(doc))))
        index = token_index(doc)
        starts = sorted(i - anchor for w in self.pattern[anchor].words or () for i in index.get(w, ()))
        return [i for i in starts if i >= 0]

    def matches(self, doc: Document) -> list[tuple[Sequence[Token], int]]:
        tokens = tokenize(doc)
        n = len(self.pattern)
        return [
            (tokens, i)
            for i in self.candidates(doc)
            if matches_at(tokens, i, self.pattern) and not self.blocked(tokens, i, i + n)
        ]

    def expand(self, template: str, toks: Sequence[Token]) -> str | None:
        return expand_tokens(template, [t.text for t in toks])

    def find(self, doc: Document) -> list[Diagnostic]:
        out = []
        for tokens, i in self.matches(doc):
            toks = tokens[i : i + len(self.pattern)]
            a, b = toks[self.mark[0]], toks[self.mark[1]]
            found = doc.text[a.start : b.end]
            reps = [match_case(found, x) for s in self.suggest if (x := self.expand(s, toks)) is not None]
            out.append(self.diagnostic(a.start, b.end, reps, match=found))
        return out


class InsertionRule(SequenceRule):
    """A word missing before token ``at`` of the pattern: ``insert: "în"``. The finding covers the
    matched tokens; the fix inserts the word (capitalised at a sentence start, the next word lowered)."""

    kind: ClassVar[str] = "insertion"
    required = ("tokens", "insert")
    optional = ("at", "antipatterns", "mark")

    def compile(self) -> None:
        super().compile()
        insert = self.need("insert", str).strip()
        if not insert:
            raise self.error("insert must be a non-empty string")
        self.insert = insert
        at = self.param("at", 0)
        if not isinstance(at, int) or not 0 <= at < len(self.pattern):
            raise self.error("at must be a token index of the pattern")
        self.at = at
        # the word must not already be there: "în urmă cu" is fine
        self.antipatterns.append(
            [compile_spec(f"{self.insert}|{fold(self.insert)}", self), *self.pattern[self.at :]]
        )

    def find(self, doc: Document) -> list[Diagnostic]:
        out = []
        for tokens, i in self.matches(doc):
            toks = tokens[i : i + len(self.pattern)]
            target = toks[self.at]
            a, b = toks[self.mark[0]], toks[self.mark[1]]
            found = doc.text[a.start : b.end]
            starts = doc.sentence_start(target.start) and target.text[:1].isupper()
            word = self.insert[:1].upper() + self.insert[1:] if starts else self.insert
            lowered = target.text[:1].lower() + target.text[1:] if starts and not target.text.isupper() else target.text
            if lowered != target.text:  # "Urmă cu" → "În urmă cu"
                edit = Edit(target.start, target.start + 1, word + " " + lowered[:1])
            else:
                edit = Edit(target.start, target.start, word + " ")
            fix = Fix((edit,), self.applicability)
            fixed_span = doc.text[a.start : target.start] + word + " " + lowered + doc.text[target.end : b.end]
            out.append(self.diagnostic(a.start, b.end, [fixed_span], fix=fix, match=found, insert=word))
        return out
