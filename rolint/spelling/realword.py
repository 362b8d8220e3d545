"""Real-word diacritic errors in text written with diacritics: va rugăm → vă rugăm, sa fie → să fie.

A word that is a dictionary form (va, sa, ca, fata) but also the stripped spelling of other forms
(vă, să, că, față) is weighed in its context: the words before and after it as written. The margin
is how much more likely (natural log) the best other form makes the two bigrams around the word
than the written form does; a finding needs a margin of at least ``threshold`` (chosen on the dev
part: ``bench/diacritics_realword.py --sweep``).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from rolint.spelling.context_model import BOS, EOS, TOKEN, ContextModel, lm_sequence
from rolint.spelling.restore import readings

#: margin (natural log of the likelihood ratio) above which a word is reported, by kind of pair;
#: chosen on dev (``bench/diacritics_realword.py --sweep``)
THRESHOLD = 4.0  # short words and inner diacritics: sa/să, ca/că, va/vă, cat/cât, pana/până, tarii/țării
ENDING_THRESHOLD = 12.0  # a word of four letters or more differing only by its final a/ă (casa/casă, lucra/lucră)
#: the same pair right after a form of a copula (a fost adusa → adusă): a predicative adjective or participle
#: takes no article, so the context model's preference counts for more there
PREDICATIVE_THRESHOLD = 8.0  # chosen on dev: 8 and 4 find the same there, 6 and below add a false alarm on RO-STS dev
#: the same pair right after a word that wants the form without the article (o dată, această echipă, cea nouă)
INDEFINITE_THRESHOLD = 6.0  # chosen on dev: 4 adds a false alarm there (o alta → altă)
DETERMINERS = frozenset({"o", "nicio", "vreo", "această", "acea", "aceeași", "altă", "fiecare", "orice", "oricare",
                         "prima", "cea"})
COPULAS = frozenset({"fi", "fost", "este", "e", "sunt", "ești", "suntem", "sunteți", "era", "erau", "eram", "fiind",
                     "devine", "devin", "devenit", "deveni", "rămâne", "rămân", "rămas", "pare", "părea", "părut"})


def pair_kind(written: str, alternative: str, prev: str = "") -> str:
    """``ending`` when the two differ only by a final a/ă on a word of four letters or more (the
    definite/indefinite noun and the verb tense pairs, which context decides least), ``indefinite``
    for such a pair right after a determiner that wants the form without the article (``prev``: o,
    această, fiecare…), ``predicative`` right after a copula (fost, este, devine…), else ``other``."""
    if len(written) >= 4 and written[:-1] == alternative[:-1] and written[-1] == "a" and alternative[-1] == "ă":
        if prev in DETERMINERS:
            return "indefinite"
        return "predicative" if prev in COPULAS else "ending"
    return "other"


def needed_margin(kind: str) -> float:
    """The margin a pair of ``kind`` needs to be reported (read at call time: the bench sweeps them)."""
    return {"ending": ENDING_THRESHOLD, "predicative": PREDICATIVE_THRESHOLD,
            "indefinite": INDEFINITE_THRESHOLD}.get(kind, THRESHOLD)


@dataclass(frozen=True, slots=True)
class RealWord:
    start: int
    end: int
    written: str
    alternatives: tuple[str, ...]  # lowercase, best first
    margin: float


def real_word_errors(
    line: str, model: ContextModel, offset: int = 0, threshold: float | None = None
) -> list[RealWord]:
    """Words of ``line`` (cedilla letters already mapped) whose form with more diacritics the model
    finds more likely by at least ``threshold``."""
    toks = list(TOKEN.finditer(line))
    if not toks:
        return []
    seq: list[str] = []  # the model's tokens of the line, made when a word has another reading
    pos: list[int] = []  # lm index of each token
    out = []
    for k, m in enumerate(toks):
        written = m.group()
        if not written.isalpha():
            continue
        low = written.lower()
        alts = other_readings(low, model)
        if not alts:
            continue
        if not seq:
            seq = lm_sequence([t.group() for t in toks])
            pos = [i for i, t in enumerate(seq) if t not in (BOS, EOS)]
        i = pos[k]
        prev, nxt = seq[i - 1], seq[i + 1]

        def score(w: str, prev: str = prev, nxt: str = nxt) -> float:
            return model.logp(w, prev) + model.logp(nxt, w)

        base = score(low)
        ranked = sorted(((score(a), a) for a in alts), reverse=True)
        margin = ranked[0][0] - base
        needed = threshold if threshold is not None else needed_margin(pair_kind(low, ranked[0][1], prev))
        if margin >= needed:
            out.append(RealWord(offset + m.start(), offset + m.end(), written,
                                tuple(a for _, a in ranked), margin))
    return out


@functools.lru_cache(maxsize=50_000)
def other_readings(low: str, model: ContextModel) -> tuple[str, ...]:
    """The other readings of the lowercase word ``low`` when it is a dictionary form with another
    (ambiguous) reading, else none; once per distinct word."""
    if not model.is_ambiguous(low):
        return ()
    if low not in model.forms.get(_key(low), []):
        return ()  # not a dictionary form: the speller's (diacritics.missing)
    return tuple(f for f in readings(low, model) if f != low)


def _key(w: str) -> str:
    from rolint.spelling.context_model import key_of

    return key_of(w)
