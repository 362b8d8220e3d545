"""Build rolint/data/context/bigrams.json.gz (the word bigram counts that weigh a misspelling's corrections
in context, rolint/spelling/rerank.py) from the fit part of bench/data.

    .venv/bin/python bench/fit_rerank.py            # write the counts (fit part only)

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


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=data_path())
    args = ap.parse_args(argv)
    data = counts("fit")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(args.out, "wb", mtime=0) as f:
        f.write(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    print(f"wrote {args.out}: {len(data['uni'])} words, {len(data['bi'])} pairs, {data['meta']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
