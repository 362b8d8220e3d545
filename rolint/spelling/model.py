"""The spelling decision: a logistic regression over the evidence of one unknown token.

The parameters are plain data (``rolint/data/spelling_model.json``, written by
``bench/fit_spelling.py``): feature names, the standardisation (mean, scale), the weights, the bias,
and the thresholds chosen on the dev split. No pickle, no scikit-learn at run time: a dot product.
:meth:`SpellingModel.explain` lists each feature's contribution to the score, so a user can ask why a
word was or was not reported.
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True)
class Thresholds:
    report: float  # probability from which a token is reported as a misspelling (warning)
    error: float  # … and from which it is an error
    safe: float  # … and from which its fix may be safe (with the margin below, and no sign of a name)
    safe_margin: float  # score points the best correction must lead the second by for a safe fix


@dataclass(frozen=True, slots=True)
class Contribution:
    feature: str
    value: float
    points: float  # what this value adds to the logit over an average unknown token's


@dataclass(frozen=True)
class SpellingModel:
    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    thresholds: Thresholds
    meta: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SpellingModel:
        names = tuple(data["features"])
        n = len(names)
        mean, scale, weights = (tuple(float(x) for x in data[k]) for k in ("mean", "scale", "weights"))
        if not (len(mean) == len(scale) == len(weights) == n):
            raise ValueError("spelling model: features, mean, scale and weights differ in length")
        return cls(names, mean, scale, weights, float(data["bias"]), Thresholds(**data["thresholds"]),
                   dict(data.get("meta", {})))

    def to_dict(self) -> dict[str, Any]:
        return {
            "features": list(self.features), "mean": list(self.mean), "scale": list(self.scale),
            "weights": list(self.weights), "bias": self.bias,
            "thresholds": {"report": self.thresholds.report, "error": self.thresholds.error,
                           "safe": self.thresholds.safe, "safe_margin": self.thresholds.safe_margin},
            "meta": self.meta,
        }

    def _standard(self, feats: dict[str, float]) -> list[float]:
        return [(feats.get(name, 0.0) - m) / s for name, m, s in zip(self.features, self.mean, self.scale, strict=True)]

    def logit(self, feats: dict[str, float]) -> float:
        return self.bias + sum(w * x for w, x in zip(self.weights, self._standard(feats), strict=True))

    def probability(self, feats: dict[str, float]) -> float:
        z = self.logit(feats)
        return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0

    def explain(self, feats: dict[str, float]) -> list[Contribution]:
        """Each feature's share of the logit against the average unknown token, largest first."""
        out = [Contribution(name, feats.get(name, 0.0), (feats.get(name, 0.0) - m) / s * w)
               for name, m, s, w in zip(self.features, self.mean, self.scale, self.weights, strict=True)]
        return sorted(out, key=lambda c: -abs(c.points))


def model_path() -> Path:
    return Path(str(resources.files("rolint") / "data" / "spelling_model.json"))


@functools.lru_cache(maxsize=1)
def get_model() -> SpellingModel:
    return SpellingModel.from_dict(json.loads(model_path().read_text(encoding="utf-8")))
