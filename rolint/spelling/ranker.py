"""Ranking a reported misspelling's corrections: one linear model that weighs each correction's evidence.

The candidate generator orders corrections by a noisy-channel score (word frequency less the edit's
cost); the spelling model decides from that list *whether* a token is a misspelling. Once it is
reported, the corrections are ordered by

    score(c) = Σ weight_f × f(c)

over the features of :func:`features`: the correction's frequency and channel cost, its place and gap in
the noisy-channel list, how well it fits after the previous word and before the next one (the word
bigram model of :mod:`rolint.spelling.rerank`), its kind (a slip, restored diacritics, a split…), and the
shape of the change (first letter, length, a name offered for a common word). The weights are fitted
pairwise (the right correction against each other one) on errors injected into the fit part of
bench/data and checked on dev (``bench/fit_ranker.py``); they ship as plain JSON
(``rolint/data/ranker.json``). :func:`explain` says what put a correction first.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from rolint.spelling.candidates import Candidate
from rolint.spelling.rerank import BOS, EOS, BigramModel

KINDS = ("edit", "diacritics", "split", "merge", "old_orthography", "lookalike")
FEATURES: tuple[str, ...] = (
    "zipf", "cost", "nc_rank", "nc_gap", "left", "right", "inner", "distance",
    *(f"k_{k}" for k in KINDS), "proper", "first_letter", "len_diff", "rare_part",
)


def data_path() -> Path:
    return Path(str(resources.files("rolint") / "data" / "ranker.json"))


def features(token: str, cands: Sequence[Candidate], prev: str, following: str,
             model: BigramModel) -> list[list[float]]:
    """One feature vector (in FEATURES order) per correction of ``token`` (noisy-channel order);
    ``prev`` / ``following`` are the neighbouring tokens (:func:`rolint.spelling.rerank.context_of`)."""
    if not cands:
        return []
    top = cands[0].score
    low_token = token.lower()
    out = []
    for i, c in enumerate(cands):
        if c.kind == "merge":  # its neighbour is part of the correction: no context link to weigh
            inner = left = right = 0.0
        else:
            inner = model.gain(c.word, BOS, EOS)
            left = model.gain(c.word, prev, EOS) - inner if prev != BOS else 0.0
            right = model.gain(c.word, BOS, following) - inner if following != EOS else 0.0
        word = c.word.strip()
        f = {
            "zipf": c.zipf,
            "cost": c.cost,
            "nc_rank": float(i),
            "nc_gap": top - c.score,
            "left": left,
            "right": right,
            "inner": inner,
            "distance": float(c.extra.get("distance", 0)),
            "proper": float(word[:1].isupper() and not token[:1].isupper()),
            "first_letter": float(word[:1].lower() != low_token[:1]),
            "len_diff": float(abs(len(word) - len(token))),
            "rare_part": float(bool(c.extra.get("rare_part"))),
        }
        for k in KINDS:
            f[f"k_{k}"] = float(c.kind == k)
        out.append([f[name] for name in FEATURES])
    return out


@dataclass(frozen=True, slots=True)
class Ranker:
    weights: tuple[float, ...]
    meta: dict

    def scores(self, vectors: Sequence[Sequence[float]]) -> list[float]:
        return [sum(w * x for w, x in zip(self.weights, v, strict=True)) for v in vectors]

    def order(self, vectors: Sequence[Sequence[float]]) -> list[int]:
        """Indices of the corrections, best first (ties keep the noisy-channel order)."""
        s = self.scores(vectors)
        return sorted(range(len(vectors)), key=lambda i: (-s[i], i))

    def explain(self, vectors: Sequence[Sequence[float]], a: int, b: int, top: int = 3) -> list[tuple[str, float]]:
        """The features that most put correction ``a`` ahead of ``b``: (name, points), largest first."""
        rows = zip(FEATURES, self.weights, vectors[a], vectors[b], strict=True)
        pts = [(name, w * (x - y)) for name, w, x, y in rows]
        return sorted((p for p in pts if p[1] > 0), key=lambda p: -p[1])[:top]

    def to_dict(self) -> dict:
        return {"features": list(FEATURES), "weights": list(self.weights), "meta": self.meta}

    @classmethod
    def from_dict(cls, data: dict) -> Ranker:
        names = data["features"]
        if tuple(names) != FEATURES:
            raise ValueError(f"ranker features {names} do not match this version's {list(FEATURES)}")
        return cls(tuple(float(w) for w in data["weights"]), dict(data.get("meta", {})))


@functools.lru_cache(maxsize=1)
def get_ranker() -> Ranker:
    return Ranker.from_dict(json.loads(data_path().read_text(encoding="utf-8")))
