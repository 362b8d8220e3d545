"""Diacritics in context: whole-text restoration and real-word errors, on one split (default ``test``).

    .venv/bin/python bench/diacritics_eval.py                # Markdown table, test part
    .venv/bin/python bench/diacritics_eval.py --split dev    # the part thresholds are chosen on

1. Restoration: every sentence of the split (bench/splits.py; RO-STS sentences written without
   diacritics are left out, as in the fit) is stripped of its diacritics and restored line by line
   (``rolint.spelling.restore.restore_line``). Word accuracy over all words and over ambiguous words
   (whose stripped form has two or more dictionary forms), with cedilla letters mapped first.
2. Real-word errors: in each clean-corpus sentence of the split with an ambiguous word, one such word
   (chosen with a fixed seed) is stripped of its diacritics when the stripped form is itself a
   dictionary word (că → ca, să → sa, față → fata); the check ``diacritics.real-word`` runs on it:
   detected (a finding on that word), right first fix (its first replacement restores the word).
   False alarms per 1,000 words: findings on the unchanged clean sentences of the split (UD RRT,
   UD SiMoNERo, RONEC), less the real errors of bench/data/clean_labels.tsv.

The unigram baseline picks, for each word, its most frequent reading (the same candidates).
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.splits import ALL_SOURCES, Sentence, sentences  # noqa: E402
from rolint.spelling.context_model import DIACRITICS, TOKEN, ContextModel, get_model, key_of  # noqa: E402
from rolint.spelling.restore import readings, restore_line  # noqa: E402
from rolint.spelling.text import CEDILLA_TO_COMMA, fold, match_case  # noqa: E402


def words(text: str) -> list[str]:
    return [m.group() for m in TOKEN.finditer(text) if m.group().isalpha()]


def has_diacritics(w: str) -> bool:
    return any(c in DIACRITICS for c in w)


def written_without(s: Sentence, model: ContextModel) -> bool:
    """A sentence typed without diacritics (RO-STS forum text): it cannot be a gold restoration."""
    ws = words(s.text.translate(CEDILLA_TO_COMMA))
    if len(ws) >= 5 and not any(has_diacritics(w) for w in ws):
        return True
    for w in ws:
        low = w.lower()
        fs = model.forms.get(key_of(low))
        if fs and not has_diacritics(low) and low not in fs and all(has_diacritics(f) for f in fs):
            return True
    return False


@dataclass
class Tally:
    words: int = 0
    right: int = 0
    amb: int = 0
    amb_right: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)

    def add(self, gold: str, got: str, ambiguous: bool) -> None:
        self.words += 1
        self.right += gold == got
        if ambiguous:
            self.amb += 1
            self.amb_right += gold == got
        if gold != got:
            self.errors.append((gold, got))


def unigram_line(line: str, model: ContextModel) -> str:
    out = []
    last = 0
    for m in TOKEN.finditer(line):
        w = m.group()
        if not w.isalpha():
            continue
        best = max(readings(w, model), key=model.p_uni)
        out.append(line[last : m.start()] + match_case(w, best))
        last = m.end()
    return "".join(out) + line[last:]


def restoration(split: str, model: ContextModel) -> tuple[Tally, Tally, float, int]:
    ctx, uni = Tally(), Tally()
    sents = [s for s in sentences(split, ALL_SOURCES) if not written_without(s, model)]
    elapsed = 0.0
    for s in sents:
        gold_line = s.text.translate(CEDILLA_TO_COMMA)
        stripped = fold(gold_line)
        t0 = time.perf_counter()
        got = restore_line(stripped, model)
        elapsed += time.perf_counter() - t0
        base = unigram_line(stripped, model)
        gw, cw, bw = words(gold_line), words(got), words(base)
        if not (len(gw) == len(cw) == len(bw)):
            raise AssertionError(f"token mismatch: {gold_line!r} / {got!r}")
        for g, c, b in zip(gw, cw, bw, strict=True):
            amb = model.is_ambiguous(g)
            ctx.add(g, c, amb)
            uni.add(g, b, amb)
    return ctx, uni, elapsed, len(sents)


def pct(a: int, b: int) -> str:
    return f"{100 * a / b:.2f}%" if b else "–"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--split", default="test", choices=("fit", "dev", "test"))
    ap.add_argument("--show", type=int, default=0, help="list the N most frequent restoration errors")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--no-real-word", action="store_true", help="restoration only")
    args = ap.parse_args(argv)
    model = get_model()
    ctx, uni, elapsed, n = restoration(args.split, model)
    print(f"## Diacritics restoration ({args.split} part, {n} sentences stripped of their diacritics)\n")
    print("| model | word accuracy | ambiguous words | words | ambiguous |")
    print("|---|---|---|---|---|")
    for name, t in (("bigram context model (Viterbi)", ctx), ("unigram baseline", uni)):
        print(f"| {name} | {pct(t.right, t.words)} | {pct(t.amb_right, t.amb)} | {t.words} | {t.amb} |")
    print(f"\nrestoration time: {1000 * elapsed / max(ctx.words, 1):.3f} ms/word")
    if args.show:
        from collections import Counter

        print("\nmost frequent errors (gold → restored):")
        for (g, c), k in Counter(ctx.errors).most_common(args.show):
            print(f"  {g} → {c}  ×{k}")
    if not args.no_real_word:
        from bench.diacritics_realword import real_word_table

        print()
        real_word_table(args.split, model, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
