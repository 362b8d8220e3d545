"""Quality of the speller and context checks.

1. Findings per 1,000 words on clean text (bench/data/*.txt, read as documents of 20
   consecutive lines), by category and by rule: raw, and false alarms only — findings that are
   not a real error of the source text listed in bench/data/clean_labels.tsv (hand labels; the
   labelled errors missed by rolint are listed too).
2. Non-word typos (insert / delete / substitute / transpose) injected into clean sentences with a
   fixed random seed: detection rate, right first suggestion, and how the safe-fix margin behaves.
3. Speller cost per word on a repeated run.
4. Diacritics in context (bench/diacritics_eval.py, test part): restoration and real-word errors.

    .venv/bin/python bench/quality.py            # everything
    .venv/bin/python bench/quality.py --show     # also list every false alarm
    .venv/bin/python bench/quality.py --typos 3000 --seed 7
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rolint.checks import CheckContext  # noqa: E402
from rolint.checks.spelling import SpellingCheck, checks  # noqa: E402
from rolint.document import Document  # noqa: E402
from rolint.spelling import get_speller  # noqa: E402
from rolint.spelling.speller import EDIT_WEIGHT  # noqa: E402

DATA = ROOT / "bench" / "data"
CLEAN = ["ud_rrt_dev.txt", "ud_simonero_dev.txt", "ronec_valid.txt"]
LETTERS = "aăâbcdefghiîjklmnopqrsștțuvwxyz"
DOC_LINES = 20


def documents(name: str) -> list[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return ["\n".join(lines[i : i + DOC_LINES]) + "\n" for i in range(0, len(lines), DOC_LINES)]


LABELS = DATA / "clean_labels.tsv"


class CleanLabels:
    """The hand labels of bench/data/clean_labels.tsv: (file, word) pairs that are real errors of the clean
    corpus, anywhere in the file, or (with a sixth column, ``where``) only on a line holding that text — for
    a word that is right elsewhere in the file (a sentence typed without diacritics: „prima data”)."""

    def __init__(self, rows: list[list[str]]) -> None:
        self.anywhere: set[tuple[str, str]] = set()
        self.where: dict[tuple[str, str], list[str]] = {}
        for cols in rows:
            key = (cols[0], cols[1])
            if len(cols) > 5 and cols[5].strip():
                self.where.setdefault(key, []).append(cols[5].strip())
            else:
                self.anywhere.add(key)

    def __contains__(self, key: object) -> bool:
        return key in self.anywhere

    def real(self, file: str, word: str, line: str) -> bool:
        """Whether ``word`` of ``file``, found on ``line``, is a labelled real error."""
        key = (file, word)
        return key in self.anywhere or any(w in line for w in self.where.get(key, ()))

    def words(self, file: str) -> set[str]:
        return {w for f, w in (*self.anywhere, *self.where) if f == file}


def clean_labels(path: Path | None = None) -> CleanLabels:
    """The hand labels (bench/data/clean_labels.tsv)."""
    path = path or LABELS
    rows = []
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#") or line.startswith("file\t"):
                continue
            rows.append(line.split("\t"))
    return CleanLabels(rows)


def line_at(text: str, start: int, end: int) -> str:
    """The line of ``text`` around ``start``–``end``."""
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", end)
    return text[a : b if b >= 0 else len(text)]


def false_alarms(show: bool) -> dict:
    all_checks = checks()
    labels = clean_labels()
    cats: Counter = Counter()
    rules: Counter = Counter()
    fa_rules: Counter = Counter()
    used_labels: set = set()
    words = 0
    per_file = {}
    for name in CLEAN:
        fw = 0
        fc = 0
        for i, text in enumerate(documents(name)):
            doc = Document.from_text(text, f"{name}#{i}")
            fw += len(doc.words())
            for c in all_checks:
                for d in c.run(doc, CheckContext()):
                    cats[d.category] += 1
                    rules[d.rule] += 1
                    fc += 1
                    key = (name, doc.text[d.start : d.end])
                    real = labels.real(*key, line_at(doc.text, d.start, d.end))
                    if real:
                        used_labels.add(key)
                    else:
                        fa_rules[d.rule] += 1
                    if show:
                        line, col = doc.position(d.start)
                        ctxt = doc.text[max(0, d.start - 30) : d.end + 30].replace("\n", " ")
                        mark = "REAL" if real else "FA  "
                        print(f"  {mark} {name}#{i}:{line}:{col} {d.rule} {doc.text[d.start:d.end]!r} "
                              f"-> {d.replacements[:3]}  …{ctxt}…")
        per_file[name] = (fw, fc)
        words += fw
    total = sum(cats.values())
    print(f"\n== Findings on clean text ({words} words, documents of {DOC_LINES} lines)")
    for name, (fw, fc) in per_file.items():
        print(f"  {name:24s} {fw:6d} words {fc:4d} findings  {1000 * fc / fw:.2f} per 1,000 words")
    print(f"  all categories: {total} findings = {1000 * total / words:.2f} per 1,000 words")
    for cat, n in cats.most_common():
        print(f"    category {cat:14s} {n:4d}  {1000 * n / words:.2f} per 1,000 words")
    for rule, n in rules.most_common():
        print(f"    rule {rule:34s} {n:4d}  {1000 * n / words:.2f} per 1,000 words")
    fa = sum(fa_rules.values())
    print(f"  labelled (bench/data/clean_labels.tsv): {total - fa} findings are real errors of the text;"
          f" false alarms {fa} = {1000 * fa / words:.2f} per 1,000 words")
    for rule, n in fa_rules.most_common():
        print(f"    false alarms, rule {rule:34s} {n:4d}  {1000 * n / words:.2f} per 1,000 words")
    unused = (labels.anywhere | set(labels.where)) - used_labels
    if unused:
        print(f"  labelled errors no longer found: {len(unused)} — " + ", ".join(sorted(w for _, w in unused)))
    return {"words": words, "findings": total, "false_alarms": fa}


def inject(word: str, rng: random.Random) -> tuple[str, str]:
    kind = rng.choice(["insert", "delete", "substitute", "transpose"])
    i = rng.randrange(len(word))
    if kind == "insert":
        return kind, word[:i] + rng.choice(LETTERS) + word[i:]
    if kind == "delete":
        return kind, word[:i] + word[i + 1 :]
    if kind == "substitute":
        return kind, word[:i] + rng.choice([c for c in LETTERS if c != word[i]]) + word[i + 1 :]
    if i == len(word) - 1:
        i -= 1
    return kind, word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def typos(n: int, seed: int, show: bool) -> dict:
    """Inject one non-word typo into each of ``n`` clean sentences; run the spelling checks."""
    import regex

    sp = get_speller()
    rng = random.Random(seed)
    sentences = []
    for name in CLEAN:
        sentences += [s for s in (DATA / name).read_text(encoding="utf-8").splitlines() if s.strip()]
    word_re = regex.compile(r"(?<![\p{L}\d\-./@])\p{Ll}{3,}(?![\p{L}\d\-./@])")
    all_checks = checks()
    cases = detected = right = 0
    by_kind: Counter = Counter()
    by_kind_ok: Counter = Counter()
    safe = safe_right = 0
    margins = []  # (margin, right)
    misses = []
    while cases < n:
        s = rng.choice(sentences)
        cands = [m for m in word_re.finditer(s) if sp.known(m.group())]
        if not cands:
            continue
        m = rng.choice(cands)
        word = m.group()
        for _ in range(10):
            kind, typo = inject(word, rng)
            if typo != word and typo and not sp.known(typo) and not sp.known(typo.lower()):
                break
        else:
            continue
        text = s[: m.start()] + typo + s[m.end() :] + "\n"
        cases += 1
        by_kind[kind] += 1
        doc = Document.from_text(text, "typo.txt")
        found = None
        for c in all_checks:
            for d in c.run(doc, CheckContext()):
                if d.start <= m.start() < d.end or m.start() <= d.start < m.start() + len(typo):
                    found = found or d
        if found is None:
            misses.append((word, typo, kind, "missed"))
            continue
        detected += 1
        first = found.replacements[0] if found.replacements else None
        ok = first == word
        if ok:
            right += 1
            by_kind_ok[kind] += 1
        elif show:
            misses.append((word, typo, kind, found.replacements[:3]))
        if found.fix is not None and found.fix.applicability.label == "safe":
            safe += 1
            safe_right += found.fix.edits[0].content == word
            if show and found.fix.edits[0].content != word:
                misses.append((word, typo, kind, f"SAFE but wrong: {found.rule} {found.replacements[:3]}"))
        sugg = sp.suggest(typo)
        if sugg:
            margin = sugg[0].score - (sugg[1].score if len(sugg) > 1 else -2 * EDIT_WEIGHT)
            margins.append((margin, ok))
    print(f"\n== Injected non-word typos (n={cases}, seed={seed})")
    print(f"  detected: {detected}/{cases} = {100 * detected / cases:.1f}%")
    print(f"  right first suggestion: {right}/{cases} = {100 * right / cases:.1f}%"
          f" ({100 * right / max(detected, 1):.1f}% of detected)")
    for k in sorted(by_kind):
        print(f"    {k:10s} {by_kind[k]:5d} typos, right first {100 * by_kind_ok[k] / by_kind[k]:.1f}%")
    print(f"  safe fixes: {safe} ({100 * safe / max(detected, 1):.1f}% of detected), "
          f"right {safe_right}/{safe} = {100 * safe_right / max(safe, 1):.2f}%")
    print("  margin of first over second suggestion -> share right:")
    for lo in (0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0):
        sel = [ok for mg, ok in margins if mg >= lo]
        if sel:
            print(f"    margin >= {lo:3.1f}: {len(sel):5d} cases, right {100 * sum(sel) / len(sel):.2f}%")
    if show:
        # missed typos first, then wrong suggestions
        misses.sort(key=lambda m: (m[3] != "missed", not str(m[3]).startswith("SAFE")))
        for w, t, k, r in misses[:80]:
            print(f"    {k:10s} {w!r:18s} -> {t!r:18s} got {r}")
    return {"cases": cases, "detected": detected, "right": right}


def speed() -> None:
    sp = get_speller()
    check = SpellingCheck()
    texts = [t for name in CLEAN for t in documents(name)]
    docs = [Document.from_text(t) for t in texts]
    n = sum(len(d.words()) for d in docs)
    t0 = time.perf_counter()
    for d in docs:
        check.run(d, CheckContext())
    t1 = time.perf_counter()
    docs = [Document.from_text(t) for t in texts]
    for d in docs:
        d.words()
    t2 = time.perf_counter()
    for d in docs:
        check.run(d, CheckContext())
    t3 = time.perf_counter()
    words = [w.text for d in docs for w in d.words()]
    t4 = time.perf_counter()
    for w in words:
        sp.known(w)
    t5 = time.perf_counter()
    print(f"\n== Speed ({n} words)")
    print(f"  spelling check, first run:    {1e6 * (t1 - t0) / n:8.1f} µs/word")
    print(f"  spelling check, repeated run: {1e6 * (t3 - t2) / n:8.1f} µs/word")
    print(f"  speller lookup (cached):      {1e6 * (t5 - t4) / len(words):8.2f} µs/word")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--show", action="store_true", help="list false alarms and wrong suggestions")
    ap.add_argument("--typos", type=int, default=2000, help="number of injected typos (default 2000)")
    ap.add_argument("--seed", type=int, default=20260101)
    ap.add_argument("--only", choices=["clean", "typos", "speed", "diacritics"])
    args = ap.parse_args(argv)
    if args.only in (None, "clean"):
        false_alarms(args.show)
    if args.only in (None, "typos"):
        typos(args.typos, args.seed, args.show)
    if args.only in (None, "speed"):
        speed()
    if args.only in (None, "diacritics"):
        from bench.diacritics_eval import main as diacritics  # issue 11: restoration and real-word errors

        diacritics(["--split", "test"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
