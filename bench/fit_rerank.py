"""Build rolint/data/context/bigrams.json.gz (the word bigram counts that rank a misspelling's corrections
in context, rolint/spelling/rerank.py) from the fit part of bench/data, and choose RANK_WEIGHT on dev.

    .venv/bin/python bench/fit_rerank.py            # write the counts (fit part only)
    .venv/bin/python bench/fit_rerank.py --sweep    # right first fix on dev for several weights

Sentences: the fit part (bench/splits.py) of RO-STS and the three clean corpora; a sentence of six words
or more without one letter with a diacritic is left out (typed without diacritics: its words would count
as the forms without them). Counts: every token (rolint.spelling.rerank.tokens) and every pair of
neighbours, with <s> and </s> at the sentence's edges.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.splits import sentences  # noqa: E402
from rolint.spelling.rerank import BOS, EOS, data_path, tokens  # noqa: E402

DIACRITIC = frozenset("ăâîșțşţĂÂÎȘȚŞŢ")


def sequence(text: str) -> list[str] | None:
    """The counted tokens of one sentence with its edge marks, or None when it is left out (typed
    without diacritics)."""
    toks = tokens(text)
    if sum(t.isalpha() for t in toks) >= 6 and not DIACRITIC & set(text):
        return None
    return [BOS, *toks, EOS]


def own_counts(lines: list[str]) -> Counter[str]:
    """What these sentences (of the fit part) add to the counts, keyed as the model looks them up
    (``BigramModel.minus``): the features of a fit-part document must not see its own sentences."""
    out: Counter[str] = Counter()
    for line in lines:
        seq = sequence(line) if line.strip() else None
        if seq is not None:
            out.update(seq)
            out.update(f"{a} {b}" for a, b in zip(seq, seq[1:], strict=False))
    return out


def counts(split: str = "fit") -> dict:
    uni: Counter[str] = Counter()
    bi: Counter[str] = Counter()
    kept = dropped = 0
    for s in sentences(split):  # type: ignore[arg-type]
        seq = sequence(s.text)
        if seq is None:
            dropped += 1
            continue
        kept += 1
        uni.update(seq)
        bi.update(f"{a}\t{b}" for a, b in zip(seq, seq[1:], strict=False))
    meta = {"split": split, "sentences": kept, "left_out_without_diacritics": dropped,
            "source": "bench/data fit part: RO-STS, UD RRT, UD SiMoNERo, RONEC (see README.md)"}
    return {"meta": meta, "total": sum(uni.values()), "uni": dict(sorted(uni.items())), "bi": dict(sorted(bi.items()))}


def sweep(weights: list[float]) -> None:
    """Right first fix on dev (documents of 20 lines, every class) for each weight: the findings are
    computed once (without the context), the corrections of each re-ranked for each weight; the
    table counts injected errors whose first correction is right."""
    from bench.errors import CLASSES, corpus, inject
    from bench.spelling_eval import Rolint, overlaps
    from rolint.spelling import get_speller
    from rolint.spelling import rerank as R
    from rolint.spelling.candidates import candidates

    model, sp = R.get_model(), get_speller()
    system = Rolint()
    sents = sentences("dev")
    cases: dict[str, list[tuple[list[str], list[float], str]]] = {}
    for cls in CLASSES:
        c = corpus(sents, inject(sents, cls, n=300, seed=1), 20)
        for d, text in enumerate(c.texts):
            found = system.findings(text)
            for inj in (i for i in c.injections if i.doc == d and i.cls == cls):
                hits = [f for f in found if overlaps(f, inj) and f.replacements and f.rule == "spelling.misspelling"]
                if not hits:
                    continue
                f = hits[0]
                prev, following = R.context_of(text, f.start, f.end)
                cands = [x for x in candidates(text[f.start:f.end], sp) if x.kind != "merge"]
                if not cands:
                    continue
                reps = [x.word for x in cands]
                if prev == R.BOS:  # left as ranked at a sentence start (rerank.rerank)
                    reps = reps[:1]
                fits = [model.fit(r, prev, following) if " " not in r else 0.0 for r in reps]
                cases.setdefault(cls, []).append((reps, fits, inj.right))
    print("spelling.misspelling findings on dev injected errors whose first correction is right")
    print(f"{'weight':>9} " + " ".join(f"{c[:8]:>8}" for c in cases) + "   total")
    base = {c: sum(r[0] == right for r, _, right in cs) for c, cs in cases.items()}
    print(f"{'as is':>9} " + " ".join(f"{base[c]:>8}" for c in cases) + f"   {sum(base.values())}")
    for w in weights:
        got = {}
        for c, cs in cases.items():
            n = 0
            for reps, fits, right in cs:
                if " " in reps[0]:
                    n += reps[0] == right
                    continue
                single = [i for i in range(len(reps)) if " " not in reps[i]]
                n += reps[max(single, key=lambda i: fits[i] - w * i)] == right
            got[c] = n
        print(f"{w:>9} " + " ".join(f"{got[c]:>8}" for c in cases) + f"   {sum(got.values())}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sweep", action="store_true", help="right first fix on dev for several RANK_WEIGHTs")
    ap.add_argument("--out", type=Path, default=data_path())
    args = ap.parse_args(argv)
    if args.sweep:
        sweep([0.5, 1.0, 2.0, 3.0, 4.0, 6.0])
        return 0
    data = counts("fit")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(args.out, "wb", mtime=0) as f:
        f.write(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    print(f"wrote {args.out}: {len(data['uni'])} words, {len(data['bi'])} pairs, {data['meta']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
