"""Fit the decision model of ``diacritics.real-word`` (rolint/data/diacritics/realword.json).

    .venv/bin/python bench/fit_realword.py            # fit on the fit part, report dev (~2 minutes)

Examples: every word of the ``fit`` sentences (bench/splits.py; sentences typed without diacritics
left out as in bench/fit_diacritics.py) whose stripped form is itself a dictionary form with other
readings (să, că, față, casă, casa, sa…), put back into its sentence *stripped*; the label says
whether the word as the writer had it carries diacritics (the stripped form is an error there).

The context model's log-probabilities are features. A context model counted on the same sentences
would know every example's bigrams, so the examples are cross-fitted: the fit sentences are cut in
two halves by their hash, and each half's examples are scored by a context model counted on the
other half only. The shipped decision model then runs with the shipped context model (all of fit).

Fitted: a logistic regression (scikit-learn) over the sparse context features and the context
model's margins (:func:`rolint.spelling.realword.context_features`); weights shipped as plain JSON.
The threshold is chosen on ``dev``: ``bench/diacritics_realword.py --split dev --sweep``.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.fit_diacritics import dictionary_forms, model_data, undiacritised, write_model  # noqa: E402
from bench.splits import ALL_SOURCES, sentences  # noqa: E402
from rolint.spelling import context_model  # noqa: E402
from rolint.spelling.context_model import TOKEN, ContextModel, get_model, key_of, lm_sequence  # noqa: E402
from rolint.spelling.realword import DECISION_PATH, context_features, rank_readings  # noqa: E402
from rolint.spelling.text import CEDILLA_TO_COMMA  # noqa: E402

MIN_OWN_GROUP = 50  # examples a stripped form needs in fit to be a group of its own
MIN_WEIGHT = 0.01  # smaller weights are not shipped


def half_of(text: str) -> int:
    return int(hashlib.sha1(text.strip().encode("utf-8")).hexdigest(), 16) % 2


def candidates(text: str, model: ContextModel) -> list[tuple[list[str], int, str, str]]:
    """(model tokens with the word stripped, its index, stripped form, form written) per eligible word."""
    toks = [m.group() for m in TOKEN.finditer(text)]
    seq = lm_sequence(toks)
    pos = [i for i, t in enumerate(seq) if t not in (context_model.BOS, context_model.EOS)]
    out = []
    for k, t in enumerate(toks):
        if not t.isalpha():
            continue
        low = t.lower()
        key = key_of(low)
        fs = model.forms.get(key, ())
        if len(fs) < 2 or key not in fs:
            continue
        s = list(seq)
        s[pos[k]] = key
        out.append((s, pos[k], key, low))
    return out


def examples(texts: list[str], model: ContextModel, short: frozenset[str]) -> tuple[list[dict], list[int]]:
    xs, ys = [], []
    for text in texts:
        for seq, i, key, gold in candidates(text, model):
            ranked = rank_readings(seq, i, key, model)
            if ranked is None:
                continue
            if gold != key and gold not in {r[2] for r in ranked[:-1]}:
                continue  # the writer's form is not among the readings
            xs.append(context_features(seq, i, key, ranked, model, short))
            ys.append(int(gold != key))
    return xs, ys


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--c", type=float, default=1.0, help="inverse regularisation strength")
    ap.add_argument("--out", type=Path, default=DECISION_PATH)
    args = ap.parse_args(argv)
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    dic = dictionary_forms()
    fit = []
    for s in sentences("fit", ALL_SOURCES):
        text = s.text.translate(CEDILLA_TO_COMMA)
        if not undiacritised([m.group() for m in TOKEN.finditer(text)], dic):
            fit.append(text)
    full = get_model()
    keys = Counter(key for text in fit for _, _, key, _ in candidates(text, full))
    short = frozenset(k for k, c in keys.items() if c >= MIN_OWN_GROUP)
    print(f"fit sentences {len(fit)}; groups of their own: {len(short)}")
    xs: list[dict] = []
    ys: list[int] = []
    with tempfile.TemporaryDirectory() as tmp:
        for h in (0, 1):
            other = [t for t in fit if half_of(t) != h]
            data, _ = model_data(other, dic)
            path = Path(tmp) / f"half{h}.json.gz"
            write_model(data, path)
            m = dataclasses.replace(context_model.load(path), forms=full.forms, plain=full.plain)
            x, y = examples([t for t in fit if half_of(t) == h], m, short)
            print(f"half {h}: {len(y)} examples")
            xs += x
            ys += y
            context_model._logp.cache_clear()
            context_model._candidates.cache_clear()
    print(f"examples: {len(ys)} ({sum(ys)} with diacritics)")
    vec = DictVectorizer()
    X = vec.fit_transform(xs).tocsr()
    X.indices, X.indptr = X.indices.astype("int32"), X.indptr.astype("int32")
    lr = LogisticRegression(C=args.c, max_iter=2000, solver="liblinear", random_state=0)
    lr.fit(X, ys)
    names = vec.get_feature_names_out()
    weights = {n: round(float(w), 3) for n, w in zip(names, lr.coef_[0], strict=True) if abs(w) >= MIN_WEIGHT}
    out = {
        "version": 1,
        "source": "bench/fit_realword.py: fit part (bench/splits.py), cross-fitted context model; scikit-learn "
                  f"LogisticRegression(C={args.c})",
        "short": sorted(short),
        "intercept": round(float(lr.intercept_[0]), 4),
        "weights": dict(sorted(weights.items())),
    }
    args.out.write_text(json.dumps(out, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {len(weights)} weights of {len(names)} features")
    return 0


if __name__ == "__main__":
    sys.exit(main())
