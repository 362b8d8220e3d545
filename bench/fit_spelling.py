"""Fit the spelling model (rolint/data/spelling_model.json): logistic regression on the fit split,
thresholds chosen on the dev split, nothing read from the test split.

    .venv/bin/pip install scikit-learn           # fitting only; rolint reads the JSON
    .venv/bin/python bench/fit_spelling.py        # ~ a few minutes: writes the model, prints dev figures

Samples are the tokens the dictionary rejects, as the check sees them (``unknown_words``), each with the
evidence of ``rolint.checks.spelling_features``:

* positives — errors of every class of ``bench/errors.py`` injected into fit sentences (documents of 20
  and 200 lines, so repetition and document counts are seen at both sizes);
* negatives — the other rejected tokens of the clean corpora (UD RRT, UD SiMoNERo, RONEC), less the
  real errors hand-labelled in bench/data/clean_labels.tsv, and capitalised rejected tokens of RO-STS
  (names);
* RO-STS's lowercase rejected tokens as labelled by hand in bench/data/sts_labels.tsv
  (``bench/real_typos.py``): its writers' real typos are positives (``sts_typo``), the words correct as
  written and lowercase names negatives (``sts_correct``); an unclear one is left out.

Thresholds: ``report`` keeps clean-text false alarms at or under ``--fa-target`` per 1,000 words;
``error`` at or under a tenth of that; ``safe`` and ``safe_margin`` give the highest number of safe
fixes whose precision is at least ``--safe-precision``. They are chosen on the dev split together with
out-of-fold probabilities of the fit split (``--cv K`` folds grouped by token, each scored by a model
fitted without it): a false-alarm rate of 0.5 per 1,000 words is 6 words of the dev split alone, so a
threshold set on dev alone hangs on two or three odd words; with the fit split's folds it rests on
four times as many. The test split is never read.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.errors import CLASSES, corpus, inject  # noqa: E402
from bench.real_typos import read_labels as read_sts_labels  # noqa: E402
from bench.spelling_eval import LABELS, LETTERS  # noqa: E402
from bench.splits import CLEAN_SOURCES, SOURCES, sentences  # noqa: E402
from rolint.checks import CheckContext  # noqa: E402
from rolint.checks.spelling import SAFE_KINDS, unknown_words  # noqa: E402
from rolint.checks.spelling_features import CANDIDATE_FEATURES, FEATURES, candidate_kind, evidence  # noqa: E402
from rolint.checks.word_evidence import doc_info, is_capitalised  # noqa: E402
from rolint.document import Document  # noqa: E402
from rolint.spelling import get_speller  # noqa: E402
from rolint.spelling.model import SpellingModel, Thresholds, Tree, model_path  # noqa: E402

LINES = (20, 200)


@dataclass
class Sample:
    x: list[float]
    y: int
    cls: str  # error class, or "clean" for a negative
    token: str
    right: str | None  # the correct text of a positive
    first: str | None  # the best candidate
    margin: float
    kind: str | None
    capitalised: bool
    lexicon: bool


def _labelled(labels: dict[str, dict[str, str]], source: str) -> dict[str, str]:
    return {**labels.get(SOURCES[source], {}), **labels.get(source, {})}


def labels_with_corrections() -> dict[str, dict[str, str]]:
    """file → {word: correct form} of the hand-labelled real errors (bench/data/clean_labels.tsv)."""
    out: dict[str, dict[str, str]] = {}
    for line in LABELS.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith(("#", "file\t")):
            continue
        cols = line.split("\t") + ["", "", ""]
        out.setdefault(cols[0], {})[cols[1]] = cols[3]
    return out


def collect(split: str, n: int, seed: int, lines: tuple[int, ...] = LINES) -> tuple[list[Sample], int]:
    """Samples of ``split``; also the number of words of its clean documents (for false-alarm rates)."""
    sp = get_speller()
    ctx = CheckContext()
    labels = labels_with_corrections()
    sts_labels = read_sts_labels()
    sents = sentences(split)  # type: ignore[arg-type]
    out: list[Sample] = []
    clean_words = 0
    for cls in CLASSES:
        edits = inject(sents, cls, n=n, seed=seed)
        for size in lines:
            c = corpus(sents, edits, size)
            for d, text in enumerate(c.texts):
                doc = Document.from_text(text)
                info = doc_info(doc)
                injections = [i for i in c.injections if i.doc == d]
                leave_out(split, _original(text, injections))
                for w, inc in unknown_words(doc, ctx, sp):
                    hit = next((i for i in injections if w.start < i.end and i.start < w.end), None)
                    if hit is None:
                        continue
                    out.append(_sample(evidence(doc, w, sp, info, inc), 1, cls, hit.right))
    for size in lines:  # negatives at both sizes: document counts and rates differ
        c = corpus(sents, [], size, only_edited=False)
        for name, text in zip(c.names, c.texts, strict=True):
            source = name.split("#")[0]
            clean = source in CLEAN_SOURCES
            if clean and size == lines[0]:
                clean_words += len(LETTERS.findall(text))
            doc = Document.from_text(text)
            info = doc_info(doc)
            leave_out(split, text)
            real = _labelled(labels, source)
            for w, inc in unknown_words(doc, ctx, sp):
                if w.text in real or w.text.lower() in real:  # a real error of the source: a positive
                    right = real.get(w.text) or real.get(w.text.lower()) or None
                    if size == lines[0]:
                        out.append(_sample(evidence(doc, w, sp, info, inc), 1, "labelled", right))
                    continue
                # (capitalised words' labels serve bench/real_typos.py only: as training data they cost the gate
                # a third of the names it clears, for no clear gain on dev; see bench/README.md)
                sts = sts_labels.get(w.text) if not clean and not is_capitalised(w.text) else None
                if sts is not None and sts.label in ("T", "C", "N"):  # RO-STS, labelled by hand
                    if sts.label == "T" and size == lines[0]:
                        out.append(_sample(evidence(doc, w, sp, info, inc), 1, "sts_typo", sts.correction))
                    elif sts.label != "T":
                        out.append(_sample(evidence(doc, w, sp, info, inc), 0, "sts_correct", None))
                    continue
                if clean or is_capitalised(w.text):
                    kind = f"clean{size}" if clean else "names"
                    out.append(_sample(evidence(doc, w, sp, info, inc), 0, kind, None))
    leave_out(split, None)
    return out, clean_words


def _original(text: str, injections: list) -> str:  # type: ignore[type-arg]
    for i in sorted(injections, key=lambda i: -i.start):
        text = text[: i.start] + i.right + text[i.end :]
    return text


def leave_out(split: str, text: str | None) -> None:
    """The context counts (rolint.spelling.rerank, built from the fit part) without the sentences of
    ``text`` while a fit-part document is read: its features must not see its own sentences, as those
    of dev and test never do."""
    from bench.fit_rerank import own_counts
    from rolint.spelling.rerank import get_model as bigrams

    bigrams().minus = own_counts(text.split("\n")) if split == "fit" and text is not None else None


def _sample(ev, y: int, cls: str, right: str | None) -> Sample:  # type: ignore[no-untyped-def]
    c1 = ev.candidates[0] if ev.candidates else None
    return Sample(ev.vector(), y, cls, ev.word.text, right, c1.word if c1 else None, ev.features["c1_margin"],
                  candidate_kind(c1) if c1 else None, is_capitalised(ev.word.text), ev.lexicon is not None)


def fit(train: list[Sample], c: float) -> SpellingModel:
    """A logistic regression (weights on standardised features)."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    x = np.array([s.x for s in train], dtype=float)
    y = np.array([s.y for s in train])
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    lr = LogisticRegression(C=c, max_iter=5000, class_weight="balanced")
    lr.fit((x - mean) / scale, y)
    return SpellingModel(FEATURES, PLACEHOLDER, "logistic", tuple(mean), tuple(scale), tuple(lr.coef_[0]),
                         float(lr.intercept_[0]))


def fit_boosted(train: list[Sample], trees: int, depth: int, rate: float, seed: int,
                features: tuple[str, ...] = FEATURES) -> SpellingModel:
    """Gradient-boosted trees over ``features`` (a subset of FEATURES, in its order), exported node by
    node with each node's expected value."""
    import numpy as np
    from sklearn.ensemble import GradientBoostingClassifier

    columns = [FEATURES.index(f) for f in features]
    x = np.array([s.x for s in train], dtype=float)[:, columns]
    y = np.array([s.y for s in train])
    weight = np.where(y == 1, 0.5 / y.mean(), 0.5 / (1 - y.mean()))  # balanced classes
    gb = GradientBoostingClassifier(n_estimators=trees, max_depth=depth, learning_rate=rate, subsample=0.8,
                                    min_samples_leaf=20, random_state=seed)
    gb.fit(x, y, sample_weight=weight)
    out = []
    for est in gb.estimators_[:, 0]:
        t = est.tree_
        value = [float(v) for v in t.value[:, 0, 0]]
        w = t.weighted_n_node_samples
        for node in reversed(range(t.node_count)):  # children come after parents: expected values bottom-up
            left, right = t.children_left[node], t.children_right[node]
            if left != -1:
                value[node] = (w[left] * value[left] + w[right] * value[right]) / (w[left] + w[right])
        out.append(Tree(tuple(int(f) for f in t.feature), tuple(float(v) for v in t.threshold),
                        tuple(int(v) for v in t.children_left), tuple(int(v) for v in t.children_right),
                        tuple(value)))
    x0 = x[:1]
    init = float(gb.decision_function(x0)[0] - rate * sum(e[0].predict(x0)[0] for e in gb.estimators_))
    model = SpellingModel(features, PLACEHOLDER, "boosted", init=init, rate=rate, trees=tuple(out))
    check = [model.logit(dict(zip(features, row, strict=True))) for row in x[:50]]
    assert np.allclose(check, gb.decision_function(x[:50]), atol=1e-6), "exported trees differ from sklearn"
    return model


PLACEHOLDER = Thresholds(0.5, 0.9, 0.95, 2.0)


def _safe_ok(s: Sample, p: float, t: float, m: float, n: int) -> bool:
    return (p >= t and s.margin >= m and s.kind in SAFE_KINDS and len(s.token) >= n and not s.capitalised
            and not s.lexicon)


def out_of_fold(train: list[Sample], k: int, fitter) -> list[float]:  # type: ignore[no-untyped-def]
    """Each sample's probability from a model fitted on the folds without it (folds grouped by token)."""
    import zlib

    fold = [zlib.crc32(s.token.lower().encode("utf-8")) % k for s in train]
    probs = [0.0] * len(train)
    for f in range(k):
        model = fitter([s for s, g in zip(train, fold, strict=True) if g != f])
        for i, s in enumerate(train):
            if fold[i] == f:
                probs[i] = model.probability(dict(zip(FEATURES, s.x, strict=True)))
    return probs


#: the gate: features that need no correction search, and the share of errors it may let pass unsearched
GATE_FEATURES = tuple(f for f in FEATURES if f not in CANDIDATE_FEATURES)
GATE_MAX_SKIPPED = 0.0005
GATE_GRID = (0.002, 0.005, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2)


def fit_gate(train: list[Sample], dev: list[Sample], cv: int, seed: int) -> tuple[SpellingModel, float, dict]:
    """The cascade's first stage: gradient-boosted trees over GATE_FEATURES, and the highest probability
    under which a token is not searched, such that at most GATE_MAX_SKIPPED of the errors (dev and the
    fit split's out-of-fold probabilities) would be."""

    def fitter(samples: list[Sample]) -> SpellingModel:
        return fit_boosted(samples, 100, 3, 0.1, seed, GATE_FEATURES)

    gate = fitter(train)
    dev_probs = [gate.probability(dict(zip(FEATURES, s.x, strict=True))) for s in dev]
    pool = train + dev if cv > 1 else dev
    probs = (out_of_fold(train, cv, fitter) if cv > 1 else []) + dev_probs
    errors = sorted(p for s, p in zip(pool, probs, strict=True) if s.y == 1)
    below = 0.0
    for t in GATE_GRID:
        if sum(1 for p in errors if p < t) <= GATE_MAX_SKIPPED * len(errors):
            below = t
    clean = [p for s, p in zip(pool, probs, strict=True) if s.y == 0 and s.cls.startswith("clean")]
    names = [p for s, p in zip(pool, probs, strict=True) if s.cls == "names"]
    info = {
        "below": below, "errors": len(errors), "errors_skipped": sum(1 for p in errors if p < below),
        "clean_skipped_share": round(sum(1 for p in clean if p < below) / max(1, len(clean)), 4),
        "names_skipped_share": round(sum(1 for p in names if p < below) / max(1, len(names)), 4),
        "chosen_on": f"dev split + {cv}-fold out-of-fold fit split" if cv > 1 else "dev split",
    }
    print(f"gate: skip below {below} — errors skipped {info['errors_skipped']} of {len(errors)}, clean unknown "
          f"tokens skipped {info['clean_skipped_share']:.1%}, names {info['names_skipped_share']:.1%}")
    return gate.with_thresholds(PLACEHOLDER, {"fitted_on": "fit split, GATE_FEATURES", **info}), below, info


def choose_thresholds(model: SpellingModel, dev: list[Sample], words: int, fa_target: float,
                      safe_precision: float, probs: list[float] | None = None) -> tuple[Thresholds, dict]:
    """``probs``: the samples' probabilities when they are not ``model``'s own (out-of-fold ones)."""
    if probs is None:
        probs = [model.probability(dict(zip(FEATURES, s.x, strict=True))) for s in dev]
    allowed = int(fa_target * words / 1000)
    allowed_error = int(fa_target / 10 * words / 1000)

    def above(limit: int, size: int) -> float:
        # the smallest threshold with at most ``limit`` clean negatives at or above it
        negatives = sorted(p for s, p in zip(dev, probs, strict=True) if s.y == 0 and s.cls == f"clean{size}")
        if limit >= len(negatives):
            return 0.5
        return min(0.999, negatives[len(negatives) - limit - 1] + 1e-6) if limit >= 0 else 0.999

    report = max(0.5, *(above(allowed, n) for n in LINES))
    error = max(report, *(above(allowed_error, n) for n in LINES))
    negatives = [s for s in dev if s.y == 0 and s.cls.startswith("clean")]
    best = (0, 0.999, 6.0, 8)
    for t in sorted({max(report, t) for t in (0.9, 0.95, 0.97, 0.98, 0.99, 0.995, 0.999)}):  # safe ⊂ reported
        for m in (0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0):
            for n in (3, 4, 5, 6, 7, 8):
                picked = [s for s, p in zip(dev, probs, strict=True) if _safe_ok(s, p, t, m, n)]
                right = sum(1 for s in picked if s.y == 1 and s.first == s.right)
                if picked and right / len(picked) >= safe_precision and right > best[0]:
                    best = (right, t, m, n)
    th = Thresholds(report=round(report, 6), error=round(error, 6), safe=round(best[1], 6), safe_margin=best[2],
                    safe_min_length=best[3])
    return th, {"threshold_clean_words": words, "threshold_clean_negatives": len(negatives)}


def report(model: SpellingModel, samples: list[Sample], words: int, title: str) -> dict:
    th = model.thresholds
    by_cls: Counter[str] = Counter()
    found: Counter[str] = Counter()
    right: Counter[str] = Counter()
    safe: Counter[str] = Counter()
    safe_right: Counter[str] = Counter()
    fa: Counter[str] = Counter()
    for s in samples:
        p = model.probability(dict(zip(FEATURES, s.x, strict=True)))
        if s.y == 0:
            fa[s.cls] += s.cls.startswith("clean") and p >= th.report  # with a correction or without
            continue
        by_cls[s.cls] += 1
        if p >= th.report:  # reported; without a correction when none is near
            found[s.cls] += 1
            right[s.cls] += s.first == s.right
            if _safe_ok(s, p, th.safe, th.safe_margin, th.safe_min_length):
                safe[s.cls] += 1
                safe_right[s.cls] += s.first == s.right
    print(f"\n{title}: model-only figures (tokens the dictionary rejects; see spelling_eval.py for the check)")
    print(f"{'class':18} {'n':>5} {'found':>7} {'right1':>7} {'safe':>5} {'safe ok':>8}")
    out: dict = {"classes": {}}
    for cls in sorted(by_cls):
        n = by_cls[cls]
        row = {"n": n, "found": found[cls] / n, "right_first": right[cls] / n, "safe": safe[cls],
               "safe_precision": safe_right[cls] / safe[cls] if safe[cls] else None}
        out["classes"][cls] = row
        sp = f"{row['safe_precision']:.1%}" if row["safe_precision"] is not None else "–"
        print(f"{cls:18} {n:5d} {row['found']:7.1%} {row['right_first']:7.1%} {safe[cls]:5d} {sp:>8}")
    for n in LINES:
        rate = 1000 * fa[f"clean{n}"] / words if words else 0.0
        out[f"false_alarms_per_1000_{n}_lines"] = rate
        print(f"clean false alarms, documents of {n} lines: {fa[f'clean{n}']} in {words} words = {rate:.2f} per 1,000")
    return out


CURVE = (0.5, 0.7, 0.8, 0.85, 0.9, 0.95, 0.97)


def curve(model: SpellingModel, samples: list[Sample], words: int) -> None:
    """Detection per class against clean-text false alarms (documents of 20 lines) at several report
    thresholds, model-only on ``samples`` (dev): what a threshold buys and costs."""
    probs = [model.probability(dict(zip(FEATURES, s.x, strict=True))) for s in samples]
    classes = sorted({s.cls for s in samples if s.y == 1})
    print("\ntrade-off on dev (model only): report threshold, false alarms per 1,000 words (20 lines), detected %")
    print(f"{'thr':>6} {'FA/1k':>6} " + " ".join(f"{c[:10]:>10}" for c in classes))
    for t in sorted({*CURVE, round(model.thresholds.report, 3)}):
        fa = sum(1 for s, p in zip(samples, probs, strict=True) if s.y == 0 and s.cls == f"clean{LINES[0]}" and p >= t)
        cells = []
        for c in classes:
            pos = [p for s, p in zip(samples, probs, strict=True) if s.y == 1 and s.cls == c]
            cells.append(f"{100 * sum(p >= t for p in pos) / max(1, len(pos)):10.1f}")
        print(f"{t:6.3f} {1000 * fa / max(1, words):6.2f} " + " ".join(cells))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=300, help="errors per class and split")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--kind", choices=("boosted", "logistic"), default="boosted")
    ap.add_argument("--c", type=float, default=1.0, help="logistic: inverse regularisation strength")
    ap.add_argument("--trees", type=int, default=200)
    ap.add_argument("--depth", type=int, default=3)
    ap.add_argument("--rate", type=float, default=0.1)
    ap.add_argument("--fa-target", type=float, default=0.35, help="dev false alarms per 1,000 words at 'report'")
    ap.add_argument("--safe-precision", type=float, default=0.997)
    ap.add_argument("--out", type=Path, default=model_path())
    ap.add_argument("--samples", type=Path, help="keep the samples in this JSON file (reused when present)")
    ap.add_argument("--cv", type=int, default=5, help="folds of the fit split whose out-of-fold probabilities join "
                    "dev for the thresholds (0: dev alone)")
    ap.add_argument("--no-gate", dest="gate", action="store_false",
                    help="no cascade: every unknown token gets its corrections searched")
    ap.add_argument("--gate-only", action="store_true",
                    help="keep the model of --out and fit only its gate (on the same samples)")
    ap.add_argument("--curve", action="store_true",
                    help="only print the dev trade-off (detection per class against false alarms) of --out's model")
    args = ap.parse_args(argv)
    t0 = time.monotonic()
    if args.samples and args.samples.exists():
        saved = json.loads(args.samples.read_text(encoding="utf-8"))
        train, dev = ([Sample(**s) for s in saved[k]] for k in ("fit", "dev"))
        dev_words, fit_words = saved["dev_words"], saved["fit_words"]
    else:
        train, fit_words = collect("fit", args.n, args.seed)
        dev, dev_words = collect("dev", args.n, args.seed + 1)
        if args.samples:
            args.samples.write_text(json.dumps({"fit": [s.__dict__ for s in train], "dev": [s.__dict__ for s in dev],
                                                "dev_words": dev_words, "fit_words": fit_words}), encoding="utf-8")
    print(f"samples: fit {len(train)} ({sum(s.y for s in train)} errors), dev {len(dev)} "
          f"({sum(s.y for s in dev)} errors); {time.monotonic() - t0:.0f} s")
    if args.curve:
        curve(SpellingModel.from_dict(json.loads(args.out.read_text(encoding="utf-8"))), dev, dev_words)
        return 0
    if args.gate_only:  # the shipped model as it is, with a gate fitted on the same samples
        from dataclasses import replace

        shipped = SpellingModel.from_dict(json.loads(args.out.read_text(encoding="utf-8")))
        gate, below, _ = fit_gate(train, dev, args.cv, args.seed)
        args.out.write_text(json.dumps(replace(shipped, gate=gate, gate_below=below).to_dict(), ensure_ascii=False,
                                       indent=1) + "\n", encoding="utf-8")
        print(f"wrote the gate into {args.out} ({time.monotonic() - t0:.0f} s)")
        return 0

    def fitter(samples: list[Sample]) -> SpellingModel:
        if args.kind == "logistic":
            return fit(samples, args.c)
        return fit_boosted(samples, args.trees, args.depth, args.rate, args.seed)

    model = fitter(train)
    dev_probs = [model.probability(dict(zip(FEATURES, s.x, strict=True))) for s in dev]
    if args.cv > 1:
        pool, words = train + dev, fit_words + dev_words
        probs = out_of_fold(train, args.cv, fitter) + dev_probs
    else:
        pool, words, probs = dev, dev_words, dev_probs
    th, info = choose_thresholds(model, pool, words, args.fa_target, args.safe_precision, probs)
    model = model.with_thresholds(th)
    figures = report(model, dev, dev_words, "dev")
    curve(model, dev, dev_words)
    meta = {
        "fitted_on": "fit split (bench/splits.py), errors of every bench/errors.py class + clean negatives",
        "thresholds_on": f"dev split + {args.cv}-fold out-of-fold fit split" if args.cv > 1 else "dev split",
        "seed": args.seed, "n_per_class": args.n, "C": args.c,
        "kind": args.kind, "trees": args.trees, "depth": args.depth, "rate": args.rate,
        "fa_target": args.fa_target, "safe_precision_target": args.safe_precision,
        "train_samples": len(train), "train_errors": sum(s.y for s in train), **info, "dev": figures,
    }
    model = model.with_thresholds(th, meta)
    if args.gate:
        from dataclasses import replace

        gate, below, _ = fit_gate(train, dev, args.cv, args.seed)
        model = replace(model, gate=gate, gate_below=below)
    args.out.write_text(json.dumps(model.to_dict(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"\nthresholds: {th}\nwrote {args.out} ({time.monotonic() - t0:.0f} s)")
    if model.kind == "logistic":
        weights = sorted(zip(model.features, model.weights, strict=True), key=lambda t: -abs(t[1]))
        print("largest weights: " + ", ".join(f"{f} {w:+.2f}" for f, w in weights[:12]))
    return 0 if not math.isnan(model.logit(dict.fromkeys(FEATURES, 0.0))) else 1


if __name__ == "__main__":
    raise SystemExit(main())
