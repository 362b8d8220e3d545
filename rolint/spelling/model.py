"""The spelling decision: a small model over the evidence of one unknown token.

The parameters are plain data (``rolint/data/spelling_model.json``, written by
``bench/fit_spelling.py``): feature names, then either a logistic regression (standardisation and
weights) or gradient-boosted trees (each node's feature, threshold, children and expected value),
and the thresholds chosen on the dev split. No pickle and no scikit-learn at run time.

:meth:`SpellingModel.explain` splits the score into one share per feature — for the logistic model
the weight times the standardised value, for the trees the change of the expected value at each split
on the token's path (Saabas' attribution) — so a user can ask why a word was or was not reported.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Sequence
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
    safe_min_length: int = 5  # letters a word needs for its fix to be safe (short words have many neighbours)


@dataclass(frozen=True, slots=True)
class Contribution:
    feature: str
    value: float
    points: float  # what this value adds to the logit (over the average token's)


@dataclass(frozen=True, slots=True)
class Tree:
    """A regression tree: node ``i`` splits on ``feature[i] <= threshold[i]`` (left) unless it is a
    leaf (``left[i] == -1``); ``value[i]`` is the expected output below node ``i``."""

    feature: tuple[int, ...]
    threshold: tuple[float, ...]
    left: tuple[int, ...]
    right: tuple[int, ...]
    value: tuple[float, ...]

    def path(self, x: Sequence[float]) -> list[int]:
        node, out = 0, [0]
        left, right, feature, threshold = self.left, self.right, self.feature, self.threshold
        while left[node] != -1:
            node = left[node] if x[feature[node]] <= threshold[node] else right[node]
            out.append(node)
        return out

    def expression(self, node: int = 0) -> str:
        """The tree as one Python expression over ``x`` (nested conditionals; :meth:`SpellingModel.logit`
        compiles all trees into one function: a tenth of the time of walking them)."""
        if self.left[node] == -1:
            return repr(self.value[node])
        return (f"({self.expression(self.left[node])} if x[{self.feature[node]}] <= {self.threshold[node]!r} "
                f"else {self.expression(self.right[node])})")

    def leaf_value(self, x: Sequence[float]) -> float:
        node = 0
        left, right, feature, threshold = self.left, self.right, self.feature, self.threshold
        while left[node] != -1:
            node = left[node] if x[feature[node]] <= threshold[node] else right[node]
        return self.value[node]


@dataclass(frozen=True)
class SpellingModel:
    features: tuple[str, ...]
    thresholds: Thresholds
    kind: str = "logistic"  # or "boosted"
    # logistic
    mean: tuple[float, ...] = ()
    scale: tuple[float, ...] = ()
    weights: tuple[float, ...] = ()
    bias: float = 0.0
    # boosted: logit = init + rate * sum(tree leaf values)
    init: float = 0.0
    rate: float = 0.1
    trees: tuple[Tree, ...] = ()
    meta: dict[str, Any] = field(default_factory=dict)
    #: a cheap model over the features that need no correction search (the first stage of a cascade):
    #: a token it scores under ``gate_below`` is not a misspelling and its corrections are not searched
    gate: SpellingModel | None = None
    gate_below: float = 0.0

    # -- data ----------------------------------------------------------------------------------
    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SpellingModel:
        model = cls._from_dict(data)
        if data.get("gate") is not None:
            from dataclasses import replace

            gate = data["gate"]
            model = replace(model, gate=cls._from_dict(gate), gate_below=float(gate["below"]))
        return model

    @classmethod
    def _from_dict(cls, data: dict[str, Any]) -> SpellingModel:
        names = tuple(data["features"])
        th = Thresholds(**data["thresholds"])
        kind = data.get("kind", "logistic")
        if kind == "logistic":
            mean, scale, weights = (tuple(float(x) for x in data[k]) for k in ("mean", "scale", "weights"))
            if not (len(mean) == len(scale) == len(weights) == len(names)):
                raise ValueError("spelling model: features, mean, scale and weights differ in length")
            return cls(names, th, kind, mean, scale, weights, float(data["bias"]), meta=dict(data.get("meta", {})))
        if kind == "boosted":
            trees = tuple(Tree(*(tuple(t[k]) for k in ("feature", "threshold", "left", "right", "value")))
                          for t in data["trees"])
            for t in trees:
                if any(f >= len(names) for f, lf in zip(t.feature, t.left, strict=True) if lf != -1):
                    raise ValueError("spelling model: a tree splits on a feature the model does not have")
            return cls(names, th, kind, init=float(data["init"]), rate=float(data["rate"]), trees=trees,
                       meta=dict(data.get("meta", {})))
        raise ValueError(f"spelling model: unknown kind {kind!r}")

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "features": list(self.features)}
        if self.kind == "logistic":
            out |= {"mean": list(self.mean), "scale": list(self.scale), "weights": list(self.weights),
                    "bias": self.bias}
        else:
            out |= {"init": self.init, "rate": self.rate,
                    "trees": [{"feature": list(t.feature), "threshold": list(t.threshold), "left": list(t.left),
                               "right": list(t.right), "value": list(t.value)} for t in self.trees]}
        out["thresholds"] = {"report": self.thresholds.report, "error": self.thresholds.error,
                             "safe": self.thresholds.safe, "safe_margin": self.thresholds.safe_margin,
                             "safe_min_length": self.thresholds.safe_min_length}
        out["meta"] = self.meta
        if self.gate is not None:
            out["gate"] = {**self.gate.to_dict(), "below": self.gate_below}
        return out

    def gated(self, feats: dict[str, float]) -> float | None:
        """The gate's probability when it clears ``feats`` (no correction search needed), else None."""
        if self.gate is None:
            return None
        p = self.gate.probability(feats)
        return p if p < self.gate_below else None

    def with_thresholds(self, th: Thresholds, meta: dict[str, Any] | None = None) -> SpellingModel:
        from dataclasses import replace

        return replace(self, thresholds=th, meta=self.meta if meta is None else meta)

    # -- scoring -------------------------------------------------------------------------------
    def vector(self, feats: dict[str, float]) -> list[float]:
        return [feats.get(name, 0.0) for name in self.features]

    def logit(self, feats: dict[str, float]) -> float:
        x = self.vector(feats)
        if self.kind == "logistic":
            return self.bias + sum(w * (v - m) / s
                                   for w, v, m, s in zip(self.weights, x, self.mean, self.scale, strict=True))
        trees = _compiled(self)
        if trees is None:
            return self.init + self.rate * sum(t.leaf_value(x) for t in self.trees)
        return self.init + self.rate * trees(x)

    def probability(self, feats: dict[str, float]) -> float:
        z = self.logit(feats)
        return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0

    def explain(self, feats: dict[str, float]) -> list[Contribution]:
        """Each feature's share of the logit, largest first (they add up to the logit less a base)."""
        x = self.vector(feats)
        points = [0.0] * len(self.features)
        if self.kind == "logistic":
            points = [w * (v - m) / s for w, v, m, s in zip(self.weights, x, self.mean, self.scale, strict=True)]
        else:
            for t in self.trees:
                path = t.path(x)
                for parent, child in zip(path, path[1:], strict=False):
                    points[t.feature[parent]] += self.rate * (t.value[child] - t.value[parent])
        out = [Contribution(n, v, p) for n, v, p in zip(self.features, x, points, strict=True)]
        return sorted(out, key=lambda c: -abs(c.points))


_COMPILED: dict[int, Any] = {}
_WALKED: dict[int, int] = {}
COMPILE_AFTER = 16  # tokens scored by walking the trees before they are compiled (~20 ms, once)


def _compiled(model: SpellingModel) -> Any:
    """The sum of ``model``'s trees as one compiled function of the feature vector, made once per model
    after its first COMPILE_AFTER tokens (a one-line file never pays for the compilation); None before."""
    f = _COMPILED.get(id(model))
    if f is None:
        seen = _WALKED[id(model)] = _WALKED.get(id(model), 0) + 1
        if seen <= COMPILE_AFTER:
            return None
        body = " + ".join(t.expression() for t in model.trees) or "0.0"
        scope: dict[str, Any] = {}
        exec(compile(f"def trees(x):\n    return {body}\n", "<spelling-model>", "exec"), scope)  # noqa: S102
        f = _COMPILED[id(model)] = (model, scope["trees"])
    return f[1]


def model_path() -> Path:
    return Path(str(resources.files("rolint") / "data" / "spelling_model.json"))


@functools.lru_cache(maxsize=1)
def get_model() -> SpellingModel:
    return SpellingModel.from_dict(json.loads(model_path().read_text(encoding="utf-8")))
