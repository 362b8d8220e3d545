"""Real-word diacritic errors: detection and false alarms of ``diacritics.real-word`` on one split.

    .venv/bin/python bench/diacritics_realword.py --split dev --sweep   # choose the probability (dev)
    .venv/bin/python bench/diacritics_eval.py                            # the table, test part

Injected errors: in each clean-corpus sentence of the split (UD RRT, UD SiMoNERo, RONEC), one word
with diacritics whose stripped form is itself a dictionary form (să → sa, că → ca, față → fata) is
stripped, the word chosen with a fixed seed. Detected: a finding of the check on that word; right
first fix: its first replacement gives the word back. False alarms: findings on the unchanged
sentences, per 1,000 words, less the real errors listed in bench/data/clean_labels.tsv. Sentences
are checked one by one through the check class (``RealWordDiacriticsCheck``: the model and the
va-before-verb morphology rule), as documents written with diacritics.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.quality import clean_labels  # noqa: E402
from bench.splits import CLEAN_SOURCES, SOURCES, sentences  # noqa: E402
from rolint.checks import CheckContext  # noqa: E402
from rolint.checks.real_word import RealWordDiacriticsCheck  # noqa: E402
from rolint.document import Document  # noqa: E402
from rolint.spelling import realword  # noqa: E402
from rolint.spelling.context_model import DIACRITICS, TOKEN, ContextModel, get_model, key_of  # noqa: E402
from rolint.spelling.text import CEDILLA_TO_COMMA, fold  # noqa: E402


@dataclass(frozen=True)
class Case:
    text: str  # the sentence with one word stripped
    start: int
    end: int
    gold: str  # the word as the sentence has it


def cases(split: str, model: ContextModel, seed: int) -> tuple[list[Case], list[tuple[str, str]]]:
    """Injected errors, and the clean sentences (file, text) of the split."""
    rng = random.Random(seed)
    out, clean = [], []
    for s in sentences(split, CLEAN_SOURCES):
        text = s.text.translate(CEDILLA_TO_COMMA)
        clean.append((SOURCES[s.source], text))
        spots = []
        for m in TOKEN.finditer(text):
            w = m.group()
            low = w.lower()
            if not w.isalpha() or not any(c in DIACRITICS for c in w):
                continue
            bare = fold(low)
            if bare in model.forms.get(key_of(low), ()):
                spots.append(m)
        if spots:
            m = rng.choice(spots)
            out.append(Case(text[: m.start()] + fold(m.group()) + text[m.end() :], m.start(), m.end(), m.group()))
    return out, clean


def run_check(check: RealWordDiacriticsCheck, text: str):  # type: ignore[no-untyped-def]
    doc = Document.from_text(text + "\n", "s.txt")
    doc.cache["diacritics.whole-text"] = []  # a sentence of a text written with diacritics
    return check.run(doc, CheckContext())


@dataclass
class Figures:
    cases: int
    detected: int
    right: int
    words: int
    alarms: int
    by_word: Counter[str]

    def table_row(self, name: str) -> str:
        return (f"| {name} | {100 * self.detected / self.cases:.1f}% | {100 * self.right / self.cases:.1f}% | "
                f"{1000 * self.alarms / self.words:.3f} ({self.alarms}) | {self.cases} | {self.words} |")


def evaluate(split: str, model: ContextModel, seed: int, threshold: float | None = None,
             unigram: bool = False) -> Figures:
    """``threshold``: the decision model's probability from which a word is reported, else the shipped one."""
    inj, clean = cases(split, model, seed)
    labels = clean_labels()
    check = RealWordDiacriticsCheck()
    old = realword.PROBABILITY
    if threshold is not None:
        realword.PROBABILITY = threshold
    try:
        detected = right = 0
        for c in inj:
            if unigram:
                ds = _unigram_findings(c.text, model)
            else:
                ds = run_check(check, c.text)
            hit = [d for d in ds if d.start <= c.start and d.end >= c.end]
            if hit:
                detected += 1
                rep = hit[0].replacements[0] if hit[0].replacements else ""
                right += rep.split(" ")[0] == c.gold
        words = alarms = 0
        by_word: Counter[str] = Counter()
        for name, text in clean:
            words += sum(1 for m in TOKEN.finditer(text) if m.group().isalpha())
            ds = _unigram_findings(text, model) if unigram else run_check(check, text)
            for d in ds:
                w = text[d.start : d.end].split(" ")[0]
                if labels.real(name, w, text):
                    continue
                alarms += 1
                by_word[f"{w} → {d.replacements[0] if d.replacements else ''}"] += 1
    finally:
        realword.PROBABILITY = old
    return Figures(len(inj), detected, right, words, alarms, by_word)


class _Hit:
    def __init__(self, start: int, end: int, rep: str) -> None:
        self.start, self.end, self.replacements = start, end, [rep]


def _unigram_findings(text: str, model: ContextModel) -> list[_Hit]:
    """Baseline: a dictionary word whose other form is more frequent (no context)."""
    out = []
    for m in TOKEN.finditer(text):
        w = m.group()
        low = w.lower()
        if not w.isalpha() or not model.is_ambiguous(low) or low not in model.forms.get(key_of(low), ()):
            continue
        from rolint.spelling.restore import readings

        alts = [a for a in readings(low, model) if a != low]
        if alts:
            best = max(alts, key=model.p_uni)
            if model.p_uni(best) > model.p_uni(low):
                out.append(_Hit(m.start(), m.end(), best))
    return out


def real_word_table(split: str, model: ContextModel, seed: int) -> None:
    print(f"## Real-word diacritic errors ({split} part: one word stripped per clean sentence; "
          "false alarms on the clean sentences)\n")
    print("| check | detected | right first fix | false alarms / 1,000 words | errors | words |")
    print("|---|---|---|---|---|---|")
    name = f"decision model (probability ≥ {realword.PROBABILITY:g}) + va-before-verb"
    print(evaluate(split, model, seed).table_row(name))
    print(evaluate(split, model, seed, unigram=True).table_row("unigram baseline (more frequent form)"))


def other_text(split: str, threshold: float | None = None) -> tuple[int, list[str]]:
    """Words and findings on RO-STS sentences of the split (other text, never labelled: read the findings),
    each checked as a document of its own, so a sentence typed without diacritics is left to restoration."""
    from bench.splits import STS_SOURCES

    check = RealWordDiacriticsCheck()
    old = realword.PROBABILITY
    if threshold is not None:
        realword.PROBABILITY = threshold
    words, found = 0, []
    try:
        for s in sentences(split, STS_SOURCES):
            text = s.text.translate(CEDILLA_TO_COMMA)
            words += sum(1 for m in TOKEN.finditer(text) if m.group().isalpha())
            for d in check.run(Document.from_text(text + "\n", "s.txt"), CheckContext()):
                found.append(f"{text[d.start:d.end]} → {d.replacements[0] if d.replacements else ''}: {text[:90]}")
    finally:
        realword.PROBABILITY = old
    return words, found


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--split", default="dev", choices=("fit", "dev", "test"))
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--sweep", action="store_true", help="figures for a range of probabilities")
    ap.add_argument("--other", action="store_true", help="also count findings on RO-STS sentences of the split")
    ap.add_argument("--show", type=int, default=0, help="list the N most frequent false alarms")
    args = ap.parse_args(argv)
    model = get_model()
    if args.sweep:
        extra = (" RO-STS findings |", "---|") if args.other else ("", "")
        print("| probability ≥ | detected | right first fix | false alarms / 1,000 words | errors | words |" + extra[0])
        print("|---|---|---|---|---|---|" + extra[1])
        for p in (0.9, 0.95, 0.97, 0.98, 0.985, 0.99, 0.9925, 0.995, 0.9975):
            row = evaluate(args.split, model, args.seed, p).table_row(f"{p:g}")
            if args.other:
                row += f" {len(other_text(args.split, p)[1])} |"
            print(row)
        return 0
    f = evaluate(args.split, model, args.seed)
    real_word_table(args.split, model, args.seed)
    for w, k in f.by_word.most_common(args.show):
        print(f"  false alarm: {w} ×{k}")
    if args.other:
        words, found = other_text(args.split)
        print(f"\nRO-STS {args.split} sentences: {len(found)} findings in {words} words (not labelled: read them)")
        for line in found[: args.show]:
            print(f"  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
