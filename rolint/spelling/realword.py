"""Real-word diacritic errors in text written with diacritics: va rugăm → vă rugăm, sa fie → să fie.

A word that is a dictionary form (va, sa, ca, fata) but also the stripped spelling of other forms
(vă, să, că, față) is weighed in its context by one decision model (a logistic regression fitted by
``bench/fit_realword.py``, shipped as rolint/data/diacritics/realword.json): the context model's
log-odds of the bigrams around the word for each reading (linear and in bins; whether the fit text holds
those pairs), the words and word classes one and two to the left and right, the word itself, and
the unigram frequencies, each weighed within the word's group (its own for frequent short pairs
such as sa/să, ca/că; else a final a/ă pair after a determiner, after a copula, elsewhere; other).
A word is reported when the probability that it is meant with diacritics reaches ``PROBABILITY``
(chosen on the dev part for precision first: ``bench/diacritics_realword.py --sweep``);
:func:`evidence` says why.
"""
from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from pathlib import Path

from rolint.spelling.context_model import BOS, EOS, TOKEN, ContextModel, lm_sequence
from rolint.spelling.restore import readings

#: probability (of the decision model, bench/fit_realword.py) from which a word is reported; chosen on dev
#: (``bench/diacritics_realword.py --split dev --sweep``) for precision first
PROBABILITY = 0.99
#: the fitted decision model (bench/fit_realword.py)
DECISION_PATH = Path(__file__).resolve().parent.parent / "data" / "diacritics" / "realword.json"
#: words after which a final a/ă pair is a group of its own in the decision model: a determiner that wants the
#: form without the article (o tentativă, această echipă), a copula before a predicative adjective or participle
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


@dataclass(frozen=True, slots=True)
class RealWord:
    start: int
    end: int
    written: str
    alternatives: tuple[str, ...]  # lowercase, best first
    probability: float  # that the word is meant with diacritics (the decision model)
    margin: float  # how much more likely (natural log) the context model finds the best other reading
    features: dict[str, float]  # the decision model's inputs (:meth:`DecisionModel.why` explains)


def real_word_errors(
    line: str, model: ContextModel, offset: int = 0, threshold: float | None = None
) -> list[RealWord]:
    """Words of ``line`` (cedilla letters already mapped) that the decision model finds meant with
    more diacritics with a probability of at least ``threshold`` (default :data:`PROBABILITY`)."""
    toks = list(TOKEN.finditer(line))
    if not toks:
        return []
    needed = PROBABILITY if threshold is None else threshold
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
        ev = evidence(seq, pos[k], low, model, alts)
        if ev.probability >= needed:
            out.append(RealWord(offset + m.start(), offset + m.end(), written, ev.alternatives, ev.probability,
                                ev.margin, ev.features))
    return out


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why a written word is or is not reported: the decision model's probability and its inputs."""

    alternatives: tuple[str, ...]  # other readings, best first by the context model
    probability: float
    margin: float
    features: dict[str, float]

    def why(self, n: int = 4) -> list[tuple[str, float]]:
        return decision_model().why(self.features, n)


def evidence(seq: list[str], i: int, low: str, model: ContextModel, alts: tuple[str, ...]) -> Evidence:
    """The decision for the written word ``low`` at ``seq[i]``, which has the other readings ``alts``."""
    ranked = rank_readings(seq, i, low, model, alts)
    assert ranked is not None
    dm = decision_model()
    features = context_features(seq, i, low, ranked, model, dm.short)
    margin = ranked[0][0] + ranked[0][1] - ranked[-1][0] - ranked[-1][1]
    return Evidence(tuple(r[2] for r in ranked[:-1]), dm.probability(features), margin, features)


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


def group_of(low: str, best: str, prev: str, short: frozenset[str]) -> str:
    """The word's group in the decision model: its own stripped form for the frequent short pairs
    (sa, ca, va, pana…), ``END`` / ``PRED`` / ``INDEF`` for a final a/ă pair by what precedes it,
    ``OTH`` for the rest."""
    if low in short:
        return low
    kind = pair_kind(low, best, prev)
    return {"ending": "END", "predicative": "PRED", "indefinite": "INDEF"}.get(kind, "OTH")


def context_features(seq: list[str], i: int, low: str, ranked: list[tuple[float, float, str]],
                     model: ContextModel, short: frozenset[str]) -> dict[str, float]:
    """The evidence for one written word ``low`` at ``seq[i]`` (the model's tokens of its line):
    ``ranked`` holds (left, right, form) log-probabilities of the best other reading first and the
    written form last. Sparse names carry their group (see :func:`group_of`)."""
    from rolint.spelling.context_model import word_class

    prev, nxt = seq[i - 1], seq[i + 1]
    prev2 = seq[i - 2] if i >= 2 else BOS
    nxt2 = seq[i + 2] if i + 2 < len(seq) else EOS
    bl, br, best = ranked[0]
    wl, wr, _ = ranked[-1]
    g = group_of(low, best, prev, short)

    def cls(w: str) -> str:
        return word_class(w, model.own, model.suffix)

    left, right = max(-15.0, min(15.0, bl - wl)) / 5, max(-15.0, min(15.0, br - wr)) / 5
    uni = math.log(model.p_uni(best)) - math.log(model.p_uni(low))
    # a margin read from pairs the fit text holds is stronger evidence than one backed off to the classes
    lseen = "seen" if _seen(model, prev, best) or _seen(model, prev, low) else "unseen"
    rseen = "seen" if _seen(model, best, nxt) or _seen(model, low, nxt) else "unseen"
    f: dict[str, float] = {
        f"{g}|bias": 1.0,
        f"{g}|left": left, f"{g}|right": right, f"{g}|margin": left + right,
        f"left-{lseen}": left, f"right-{rseen}": right, "uni": max(-15.0, min(15.0, uni)) / 5,
        f"{g}|left-{lseen}": left, f"{g}|right-{rseen}": right,
        f"{g}|w={low}": 1.0, f"{g}|p1n1={prev}_{nxt}": 1.0,
    }
    for side, v, seen in (("left", left, lseen), ("right", right, rseen)):
        for t in (0.4, 0.8, 1.2, 1.6):  # the odds in steps of e^2: the evidence need not grow linearly
            if v > t:
                f[f"{side}-{seen}>{t:g}"] = 1.0
    for name, w in (("p1", prev), ("n1", nxt), ("p2", prev2), ("n2", nxt2)):
        f[f"{g}|{name}={w}"] = 1.0
        c = cls(w)
        if c != w:  # the most frequent words are a class of their own
            f[f"{g}|{name}c={c}"] = 1.0
    return f


def _seen(model: ContextModel, a: str, b: str) -> bool:
    """Whether the fit text holds the pair ``a b`` (kept for pairs with an ambiguous form)."""
    i, j = model.ids.get(a, -1), model.ids.get(b, -1)
    return i >= 0 and j >= 0 and model.bi.get(i * len(model.count) + j, 0) > 0


def rank_readings(seq: list[str], i: int, low: str, model: ContextModel,
                  alts: tuple[str, ...] | None = None) -> list[tuple[float, float, str]] | None:
    """(log P(form | previous), log P(next | form), form) for the other readings of ``low`` at
    ``seq[i]``, best first, then the written form itself; None when it has no other reading."""
    if alts is None:
        alts = tuple(f for f in readings(low, model) if f != low)
    if not alts:
        return None
    prev, nxt = seq[i - 1], seq[i + 1]

    def parts(w: str) -> tuple[float, float, str]:
        return model.logp(w, prev), model.logp(nxt, w), w

    ranked = sorted((parts(a) for a in alts), key=lambda r: r[0] + r[1], reverse=True)
    return [*ranked, parts(low)]


@dataclass(frozen=True, slots=True)
class DecisionModel:
    """The fitted logistic regression over :func:`context_features` (bench/fit_realword.py)."""

    short: frozenset[str]
    intercept: float
    weights: dict[str, float]

    def probability(self, features: dict[str, float]) -> float:
        z = self.intercept + sum(self.weights.get(k, 0.0) * v for k, v in features.items())
        return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))

    def why(self, features: dict[str, float], n: int = 4) -> list[tuple[str, float]]:
        """The ``n`` features that moved the score most, with their contribution."""
        parts = [(k, self.weights.get(k, 0.0) * v) for k, v in features.items()]
        return sorted((p for p in parts if p[1]), key=lambda p: -abs(p[1]))[:n]


@functools.cache
def decision_model(path: Path = DECISION_PATH) -> DecisionModel:
    import json

    data = json.loads(path.read_text(encoding="utf-8"))
    return DecisionModel(frozenset(data["short"]), float(data["intercept"]), data["weights"])
