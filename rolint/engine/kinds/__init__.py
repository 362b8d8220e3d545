"""Rule kinds: one small module per kind, all on the shared base in ``rolint.engine.base``."""

from __future__ import annotations

from rolint.engine.base import Rule
from rolint.engine.kinds.charmap import CharMapRule, MixedFormsRule
from rolint.engine.kinds.pattern import PatternRule
from rolint.engine.kinds.quotes import QuotesRule
from rolint.engine.kinds.repeated import RepeatedWordRule
from rolint.engine.kinds.sequence import InsertionRule, SequenceRule
from rolint.engine.kinds.substitution import SubstitutionRule

KINDS: dict[str, type[Rule]] = {
    cls.kind: cls
    for cls in (
        CharMapRule,
        MixedFormsRule,
        SubstitutionRule,
        PatternRule,
        SequenceRule,
        InsertionRule,
        QuotesRule,
        RepeatedWordRule,
    )
}
