"""Missing words found through morphology.

The shipped rospell dictionary carries morphological descriptions on its noun suffix rules
(``s.f.pl.art.``, ``s.n.pl.neart.``, ``s. m. pl. art.``…) which chunspell's ``analyze`` returns;
adjective and verb rules carry none (only ``fl:Q``, ``fl:I``…), and words listed whole carry
nothing. So a reading is *nominal* when its description says ``s.``; anything else (adjective,
verb, undescribed) makes a word ambiguous and keeps the rule silent.

``missing-word.de-between-nouns``
    What it does: a definite plural noun directly followed by an indefinite plural noun, with
    nothing between them (``testele rachete``), lacks the preposition ``de``
    (``testele de rachete``).
    Why is this bad? Romanian links two nouns with ``de`` (or the genitive); two bare plural nouns
    side by side are a dropped word.
    Precision: every reading of the first word must be a noun, at least one a definite plural;
    every reading of the second must be an indefinite plural noun and the second must not be a
    form of an adjective (its masculine/base form is not tried: the dictionary has no adjective
    reading for it). The fix (insert ``de``) is unsafe.
"""

from __future__ import annotations

import regex

from rolint.checks import CheckContext
from rolint.diagnostics import Applicability, Diagnostic, Severity, suggestion_fix
from rolint.document import Document
from rolint.spelling.speller import Speller, get_speller
from rolint.spelling.text import normalize

_TAG = regex.compile(r"^st:(?P<stem>\S+)\s*(?P<desc>.*)$")


def readings(word: str, sp: Speller) -> list[tuple[str, str]]:
    """(stem, description without spaces) for each dictionary reading of ``word``."""
    out = []
    for a in sp.analyze(word):
        m = _TAG.match(a.strip())
        if m:
            out.append((m["stem"], m["desc"].replace(" ", "")))
    return out


def is_definite_plural_noun(word: str, sp: Speller) -> bool:
    rs = readings(word, sp)
    if not rs or not all(d.startswith("s.") for _, d in rs):
        return False
    return any(".pl.art" in d for _, d in rs)


def is_indefinite_plural_noun(word: str, sp: Speller) -> bool:
    rs = readings(word, sp)
    if not rs or not all(d.startswith("s.") and ".pl.neart" in d for _, d in rs):
        return False
    # the stem must not also be an adjective entry (membre ← membru/membră used as adjective)
    for stem, _ in rs:
        for a in readings(stem, sp):
            if a[1] and not a[1].startswith("s."):
                return False
    return True


class MissingDeCheck:
    name = "morphology"

    def __init__(self, speller: Speller | None = None) -> None:
        self._speller = speller

    def run(self, doc: Document, ctx: CheckContext) -> list[Diagnostic]:
        sp = self._speller or get_speller()
        words = doc.words()
        out = []
        for a, b in zip(words, words[1:], strict=False):
            if doc.prose[a.end : b.start] != " ":
                continue
            ta, tb = normalize(a.text), normalize(b.text)
            if not (ta.islower() and tb.islower()) or "-" in ta or "-" in tb:
                continue
            if not is_definite_plural_noun(ta, sp) or not is_indefinite_plural_noun(tb, sp):
                continue
            rep = f"{a.text} de {b.text}"
            out.append(
                Diagnostic(
                    rule="missing-word.de-between-nouns",
                    message=f"Lipsește „de” între „{a.text}” și „{b.text}”?",
                    start=a.start,
                    end=b.end,
                    category="missing-word",
                    severity=Severity.WARNING,
                    replacements=[rep],
                    fix=suggestion_fix(a.start, b.end, [rep], Applicability.UNSAFE),
                )
            )
        return out
