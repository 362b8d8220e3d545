"""Fit the ranking of a reported misspelling's corrections (rolint/data/ranker.json, read by
rolint/spelling/ranker.py) on the fit split; compare it on dev with the noisy-channel order.

    .venv/bin/pip install scikit-learn            # fitting only; rolint reads the JSON
    .venv/bin/python bench/fit_ranker.py          # ~ a few minutes: samples, fit, dev table, writes the model
    .venv/bin/python bench/fit_ranker.py --no-write --c 0.1    # try a setting on dev only

Samples: errors of every class of ``bench/errors.py`` injected into documents of 20 lines; for each
injected token the dictionary rejects, its corrections as the spelling check generates them
(``rolint.checks.spelling_features.evidence``) and which of them gives the original word back. The
context counts leave a fit-part document's own sentences out while it is read (as in
``bench/fit_spelling.py``). Fitting: logistic regression without intercept on the differences between
the right correction's features and each other correction's (pairwise ranking), standardised. The dev
table gives right-first among the tokens whose list holds the right correction, for the ranker and for
the noisy-channel order it reorders. The test split is never read.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.errors import CLASSES, corpus, inject  # noqa: E402
from bench.fit_spelling import _original, leave_out  # noqa: E402
from bench.splits import sentences  # noqa: E402
from rolint.checks import CheckContext  # noqa: E402
from rolint.checks.spelling import unknown_words  # noqa: E402
from rolint.checks.spelling_features import evidence  # noqa: E402
from rolint.checks.word_evidence import doc_info  # noqa: E402
from rolint.document import Document  # noqa: E402
from rolint.spelling import get_speller  # noqa: E402
from rolint.spelling.ranker import FEATURES, Ranker, data_path  # noqa: E402
from rolint.spelling.rerank import context_of  # noqa: E402
from rolint.spelling.rerank import get_model as bigrams  # noqa: E402


@dataclass
class Sample:
    cls: str
    x: list[list[float]]  # one vector per correction, noisy-channel order
    right: int  # index of the correction that gives the original back


def collect(split: str, n: int, seed: int, lines: int = 20) -> list[Sample]:
    from rolint.spelling.ranker import features

    sp, ctx, model = get_speller(), CheckContext(), bigrams()
    sents = sentences(split)  # type: ignore[arg-type]
    out: list[Sample] = []
    for cls in CLASSES:
        edits = inject(sents, cls, n=n, seed=seed)
        c = corpus(sents, edits, lines)
        for d, text in enumerate(c.texts):
            injections = [i for i in c.injections if i.doc == d and i.cls == c.cls]
            if not injections:
                continue
            doc = Document.from_text(text)
            info = doc_info(doc)
            leave_out(split, _original(text, [i for i in c.injections if i.doc == d]))
            for w, inc in unknown_words(doc, ctx, sp):
                hit = next((i for i in injections if i.start == w.start and i.end == w.end), None)
                if hit is None:
                    continue
                cands = evidence(doc, w, sp, info, inc).candidates
                right = next((k for k, cand in enumerate(cands) if cand.word == hit.right), None)
                if right is None or len(cands) < 2:
                    continue
                prev, following = context_of(doc.prose, w.start, w.end)
                out.append(Sample(cls, features(w.text, cands, prev, following, model), right))
    leave_out(split, None)
    return out


def fit(samples: list[Sample], c: float, top: int) -> Ranker:
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    rows, ys = [], []
    for s in samples:
        r = np.array(s.x[s.right])
        for k, v in enumerate(s.x[:top]):
            if k == s.right:
                continue
            diff = r - np.array(v)
            rows += [diff, -diff]
            ys += [1, 0]
    X = np.array(rows)
    scale = X.std(axis=0)
    scale[scale == 0] = 1.0
    lr = LogisticRegression(C=c, fit_intercept=False, max_iter=2000).fit(X / scale, ys)
    weights = tuple(float(w) for w in lr.coef_[0] / scale)
    return Ranker(weights, {"pairs": len(ys), "c": c, "top": top})


def table(ranker: Ranker, samples: list[Sample]) -> dict[str, tuple[int, int, int]]:
    """Per class: (tokens, right first in the noisy-channel order, right first with ``ranker``)."""
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for s in samples:
        row = per[s.cls]
        row[0] += 1
        row[1] += s.right == 0
        row[2] += ranker.order(s.x)[0] == s.right
    return {k: (v[0], v[1], v[2]) for k, v in per.items()}


def print_table(rows: dict[str, tuple[int, int, int]]) -> None:
    print(f"{'class':24s} {'tokens':>6s} {'noisy channel':>13s} {'ranker':>7s}")
    tot = [0, 0, 0]
    for cls in CLASSES:
        if cls not in rows:
            continue
        n, old, new = rows[cls]
        tot = [tot[0] + n, tot[1] + old, tot[2] + new]
        print(f"{cls:24s} {n:6d} {100 * old / n:12.1f}% {100 * new / n:6.1f}%")
    print(f"{'all':24s} {tot[0]:6d} {100 * tot[1] / tot[0]:12.1f}% {100 * tot[2] / tot[0]:6.1f}%")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--n", type=int, default=600, help="errors per class injected into the fit split")
    ap.add_argument("--dev-n", type=int, default=300, help="errors per class injected into the dev split")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--c", type=float, default=1.0, help="inverse regularisation strength")
    ap.add_argument("--top", type=int, default=10, help="corrections each right one is paired with")
    ap.add_argument("--samples", type=Path, help="keep the samples in this JSON file (reused when present)")
    ap.add_argument("--no-write", dest="write", action="store_false", help="print the dev table only")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    if args.samples and args.samples.exists():
        raw = json.loads(args.samples.read_text(encoding="utf-8"))
        train, dev = ([Sample(**s) for s in raw[k]] for k in ("fit", "dev"))
    else:
        train, dev = collect("fit", args.n, args.seed), collect("dev", args.dev_n, args.seed)
        if args.samples:
            args.samples.write_text(json.dumps({"fit": [s.__dict__ for s in train],
                                                "dev": [s.__dict__ for s in dev]}), encoding="utf-8")
    print(f"samples: fit {len(train)}, dev {len(dev)} ({time.perf_counter() - t0:.0f} s); "
          f"classes {dict(Counter(s.cls for s in dev))}")
    ranker = fit(train, args.c, args.top)
    rows = table(ranker, dev)
    print_table(rows)
    print("weights:", ", ".join(f"{n}={w:+.3f}" for n, w in zip(FEATURES, ranker.weights, strict=True)))
    if args.write:
        meta = {**ranker.meta, "fit_samples": len(train), "dev": {k: list(v) for k, v in rows.items()}}
        data_path().write_text(json.dumps(Ranker(ranker.weights, meta).to_dict(), indent=1) + "\n", encoding="utf-8")
        print(f"wrote {data_path()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
