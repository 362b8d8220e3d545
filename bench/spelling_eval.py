"""Spelling evaluation: injected non-word errors per class, and false alarms on clean edited text.

    .venv/bin/python bench/spelling_eval.py --split dev --lines 20,200
    .venv/bin/python bench/spelling_eval.py --split dev --classes edit1,glued --n 100 --show
    .venv/bin/python bench/spelling_eval.py --split test --json results.json
    .venv/bin/python bench/spelling_eval.py --split test --speed     # rolint's cold speed on test text

For each error class (bench/errors.py) and document size, errors are injected into the sentences of
the split (bench/splits.py; RO-STS and the three clean corpora) and two systems are scored:

* ``rolint`` — ``Linter(Config(), languagetool=None)``: every default finding, as ``rolint check``
  shows it without LanguageTool;
* ``bare`` — bare Hunspell ro_RO (rolint/data/hunspell): every word token (rolint's tokeniser,
  hyphenated forms whole, else all their parts) Hunspell rejects is flagged, its first Hunspell
  suggestion is the fix; it never claims a fix is safe.

Figures per class and size:

* detected — a finding overlaps the injected span;
* right 1st — the first replacement of the finding (the one overlapping the span most), applied,
  restores the original text of the span (or the first replacements of all findings on the span,
  applied together: a word with two cedilla letters may get one finding per letter);
* safe — injected errors with an overlapping finding whose fix is SAFE; safe prec — of those, the
  share whose safe fixes, applied together, restore the original text.

Clean text: the sentences of the split from the three clean corpora, as documents of the same sizes;
findings per 1,000 words, and false alarms per 1,000 words: findings not on a real error of the
source text labelled in bench/data/clean_labels.tsv. ``--show`` lists the unlabelled findings (to
label by hand), missed injected errors and wrong fixes. Safe fixes that change a word on clean text
are counted and listed.

Hunspell's suggestions are slow (~0.3 s a word); the bare system's are cached on disk
(rolint's cache folder, bench-hunspell-suggest.json), so only the first run pays for them.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import regex

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.errors import CLASSES, Corpus, Injection, corpus, inject  # noqa: E402
from bench.quality import CleanLabels, line_at  # noqa: E402
from bench.quality import clean_labels as quality_labels  # noqa: E402
from bench.splits import CLEAN_SOURCES, DATA, SOURCES, documents, sentences  # noqa: E402
from rolint.diagnostics import Applicability, Edit  # noqa: E402
from rolint.document import Document  # noqa: E402

LETTERS = regex.compile(r"\p{L}+")
LABELS = DATA / "clean_labels.tsv"
#: finding categories counted apart on clean text: the clean corpora hold real typographic slips
#: (ASCII quotes in RRT, missing spaces in RONEC) that clean_labels.tsv does not list
PUNCTUATION = frozenset({"typography", "punctuation"})


# -- systems -------------------------------------------------------------------------------------

@dataclass
class Finding:
    start: int
    end: int
    rule: str
    replacements: tuple[str, ...] = ()
    safe: tuple[Edit, ...] | None = None  # the edits of a SAFE fix
    suggest: Callable[[], str | None] | None = None  # lazy first replacement (bare Hunspell)
    category: str = "spelling"
    edits: tuple[Edit, ...] = ()  # a fix of several edits (a line written without diacritics: one finding)

    def first(self) -> str | None:
        if self.replacements:
            return self.replacements[0]
        return self.suggest() if self.suggest is not None else None


class System(Protocol):
    name: str

    def findings(self, text: str) -> list[Finding]: ...


class Rolint:
    """rolint offline, default configuration (default-selected rules, all their findings)."""

    name = "rolint"

    def __init__(self) -> None:
        from rolint.config import Config
        from rolint.lint import Linter

        self.linter = Linter(Config(), languagetool=None)

    def findings(self, text: str) -> list[Finding]:
        out = []
        for d in self.linter.lint(Document.from_text(text, "doc.txt")):
            safe = d.fix.edits if d.fix is not None and d.fix.applicability == Applicability.SAFE else None
            reps = tuple(d.replacements)
            if not reps and d.fix is not None and len(d.fix.edits) == 1 and d.fix.edits[0].start == d.start \
                    and d.fix.edits[0].end == d.end:
                reps = (d.fix.edits[0].content,)
            many = d.fix.edits if d.fix is not None and len(d.fix.edits) > 1 else ()
            out.append(Finding(d.start, d.end, d.rule, reps, safe, category=d.category, edits=many))
        return out


class SuggestCache:
    """Hunspell's suggestions, kept on disk between runs (they cost ~0.3 s a word)."""

    def __init__(self, hunspell: object, path: Path | None) -> None:
        self.h = hunspell
        self.path = path
        self.table: dict[str, list[str]] = {}
        self.dirty = False
        if path is not None and path.exists():
            try:
                self.table = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self.table = {}

    def first(self, word: str) -> str | None:
        sugg = self.table.get(word)
        if sugg is None:
            sugg = self.table[word] = list(self.h.suggest(word))[:3]  # type: ignore[attr-defined]
            self.dirty = True
        return sugg[0] if sugg else None

    def save(self) -> None:
        if self.path is None or not self.dirty:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.table, ensure_ascii=False), encoding="utf-8")
        tmp.replace(self.path)
        self.dirty = False


def _suggest_cache_path() -> Path | None:
    from rolint.spelling.cache import cache_dir
    from rolint.spelling.speller import data_dir

    base = cache_dir()
    if base is None:
        return None
    dic = data_dir() / "ro_RO.dic"
    stamp = f"{dic.stat().st_size}"
    return base / f"bench-hunspell-suggest-{stamp}.json"


class BareDictionary:
    """Every word Hunspell rejects; the fix is Hunspell's first suggestion; never safe."""

    name = "bare"

    def __init__(self, disk_cache: bool = True) -> None:
        from rolint.spelling import get_speller

        self.sp = get_speller()
        self.cache = SuggestCache(self.sp._h, _suggest_cache_path() if disk_cache else None)

    def accepts(self, word: str) -> bool:
        if self.sp.spell(word):
            return True
        parts = word.split("-")
        return len(parts) > 1 and all(parts) and all(self.sp.spell(p) for p in parts)

    def findings(self, text: str) -> list[Finding]:
        doc = Document.from_text(text, "doc.txt")
        out = []
        for w in doc.words():
            if not self.accepts(w.text):
                word = w.text
                out.append(Finding(w.start, w.end, "hunspell", suggest=lambda word=word: self.cache.first(word)))
        return out


# -- scoring -------------------------------------------------------------------------------------

def overlaps(f: Finding | Edit, inj: Injection) -> bool:
    if f.start == f.end:
        return inj.start <= f.start <= inj.end
    return f.start < inj.end and inj.start < f.end


def restores(text: str, inj: Injection, edits: Sequence[Edit]) -> bool:
    """Do ``edits`` (on ``text``) turn the injected span back into the right text, and touch
    nothing else around it?"""
    a = min([inj.start, *(e.start for e in edits)])
    b = max([inj.end, *(e.end for e in edits)])
    got = text[a:b]
    for e in sorted(edits, key=lambda e: e.start, reverse=True):
        got = got[: e.start - a] + e.content + got[e.end - a :]
    want = text[a : inj.start] + inj.right + text[inj.end : b]
    return got == want


def _disjoint(edits: Iterable[Edit]) -> list[Edit]:
    """The edits that do not overlap an earlier one (by start), as a fixer applies them."""
    out: list[Edit] = []
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        if not out or e.start >= out[-1].end:
            out.append(e)
    return out


def _first_edits(hits: Sequence[Finding]) -> list[Edit]:
    """The first replacement of every finding on the span, applied together (a word with two cedilla
    letters may get one finding per letter)."""
    edits = []
    for f in hits:
        first = f.first()
        if first is not None:
            edits.append(Edit(f.start, f.end, first))
    return _disjoint(edits)


@dataclass
class Score:
    n: int = 0
    detected: int = 0
    right_first: int = 0
    safe: int = 0
    safe_right: int = 0
    misses: list[str] = field(default_factory=list)

    def pct(self, part: int, whole: int) -> float | None:
        return 100.0 * part / whole if whole else None

    def summary(self) -> dict[str, float | int | None]:
        return {
            "n": self.n, "detected": self.detected, "right_first": self.right_first,
            "safe": self.safe, "safe_right": self.safe_right,
            "detected_pct": self.pct(self.detected, self.n),
            "right_first_pct": self.pct(self.right_first, self.n),
            "safe_precision_pct": self.pct(self.safe_right, self.safe),
        }


def score(c: Corpus, found: Sequence[Sequence[Finding]], keep_misses: bool = False) -> Score:
    """Score the findings of one system on each document of ``c`` (``found[i]`` for ``c.texts[i]``)."""
    s = Score()
    for inj in c.injections:
        if inj.cls != c.cls:  # a stripped line's real words (sa, si): changed, not counted
            continue
        s.n += 1
        text = c.texts[inj.doc]
        hits = [f for f in found[inj.doc] if overlaps(f, inj) or any(overlaps(e, inj) for e in f.edits)]
        if not hits:
            if keep_misses:
                s.misses.append(f"missed  {inj.right!r} -> {inj.wrong!r}  …{_context(text, inj.start, inj.end)}…")
            continue
        s.detected += 1
        main = max(hits, key=lambda f: (min(f.end, inj.end) - max(f.start, inj.start), bool(f.replacements), -f.start))
        first = main.first()
        own = [e for e in main.edits if overlaps(e, inj)]  # a line's fix: its edit of this word
        alone = first is not None and restores(text, inj, [Edit(main.start, main.end, first)])
        if (restores(text, inj, own) if own else alone) or (len(hits) > 1 and restores(text, inj, _first_edits(hits))):
            s.right_first += 1
        elif keep_misses:
            s.misses.append(f"wrong   {inj.right!r} -> {inj.wrong!r} got {main.rule} {first!r}")
        safe = [f for f in hits if f.safe is not None]
        if safe:
            s.safe += 1
            if restores(text, inj, _disjoint([e for f in safe for e in f.safe or () if overlaps(e, inj)])):
                s.safe_right += 1
            elif keep_misses:
                s.misses.append(f"SAFE-BAD {inj.right!r} -> {inj.wrong!r} got {[f.safe for f in safe]}")
    return s


def _context(text: str, start: int, end: int, width: int = 30) -> str:
    return text[max(0, start - width) : end + width].replace("\n", " ⏎ ")


# -- clean text ----------------------------------------------------------------------------------

def clean_labels(path: Path = LABELS) -> CleanLabels:
    """The hand labels of real errors of the clean corpora (bench/quality.py ``CleanLabels``)."""
    return quality_labels(path)


@dataclass
class CleanScore:
    words: int = 0
    findings: int = 0
    labelled: int = 0  # findings on a labelled real error
    typography: int = 0  # unlabelled typography/punctuation findings (ASCII quotes, spaces): counted apart
    safe_word_fixes: int = 0  # SAFE fixes that change the letters of the text
    safe_word_fixes_unlabelled: int = 0
    false_alarms: list[str] = field(default_factory=list)
    safe_list: list[str] = field(default_factory=list)

    @property
    def false_alarm_count(self) -> int:
        """Unlabelled findings on words (spelling, diacritics, names, …), typography apart."""
        return self.findings - self.labelled - self.typography

    def summary(self) -> dict[str, float | int]:
        per = 1000.0 / self.words if self.words else 0.0
        return {
            "words": self.words, "findings": self.findings, "labelled_real": self.labelled,
            "false_alarms": self.false_alarm_count, "findings_per_1k": self.findings * per,
            "false_alarms_per_1k": self.false_alarm_count * per,
            "typography_unlabelled": self.typography, "typography_per_1k": self.typography * per,
            "safe_word_fixes": self.safe_word_fixes, "safe_word_fixes_unlabelled": self.safe_word_fixes_unlabelled,
        }


def changes_word(text: str, edits: Sequence[Edit]) -> bool:
    a = min(e.start for e in edits)
    b = max(e.end for e in edits)
    # widen to whole words so a fix inside a word is seen
    while a > 0 and text[a - 1].isalpha():
        a -= 1
    while b < len(text) and text[b].isalpha():
        b += 1
    before = text[a:b]
    after = before
    for e in sorted(edits, key=lambda e: e.start, reverse=True):
        after = after[: e.start - a] + e.content + after[e.end - a :]
    return LETTERS.findall(before) != LETTERS.findall(after)


def score_clean(system: System, docs: Iterable[tuple[str, str]], labels: CleanLabels) -> CleanScore:
    """``docs``: (file name, text) pairs."""
    s = CleanScore()
    for name, text in docs:
        s.words += len(Document.from_text(text, "doc.txt").words())
        for f in system.findings(text):
            s.findings += 1
            span = text[f.start : f.end]
            line = line_at(text, f.start, f.end)
            # a label is a word of the span, or the whole span (a repeated word: „lui lui”)
            labelled = any(labels.real(name, w, line) for w in (span, *LETTERS.findall(span)))
            if labelled:
                s.labelled += 1
            elif f.category in PUNCTUATION:
                s.typography += 1
            else:
                ctx = _context(text, f.start, f.end)
                s.false_alarms.append(f"{name}: {f.rule} {span!r} -> {f.replacements[:1]}  …{ctx}…")
            if f.safe and changes_word(text, f.safe):
                s.safe_word_fixes += 1
                s.safe_word_fixes_unlabelled += not labelled
                s.safe_list.append(f"{'REAL' if labelled else 'FA  '} {name}: {f.rule} {span!r} -> "
                                   f"{[e.content for e in f.safe]}  …{_context(text, f.start, f.end)}…")
    return s


def clean_docs(split: str, lines: int) -> list[tuple[str, str]]:
    return [(SOURCES[d.source], d.text) for d in documents(sentences(split, CLEAN_SOURCES), lines)]  # type: ignore[arg-type]


# -- driver --------------------------------------------------------------------------------------

def run_system(system: System, texts: Sequence[str]) -> list[list[Finding]]:
    return [system.findings(t) for t in texts]


def fmt(x: float | None) -> str:
    return "   –  " if x is None else f"{x:5.1f}%"


def evaluate(args: argparse.Namespace) -> dict:
    t0 = time.perf_counter()
    split = args.split
    sizes = [int(x) for x in args.lines.split(",")]
    classes = args.classes.split(",") if args.classes else list(CLASSES)
    systems: list[System] = [Rolint(), BareDictionary(disk_cache=not args.no_cache)]
    sents = sentences(split)
    results: dict = {"split": split, "seed": args.seed, "n": args.n, "sentences": len(sents),
                     "classes": {}, "clean": {}}
    rows = []
    for cls in classes:
        edits = inject(sents, cls, args.n, args.seed)
        for lines in sizes:
            c = corpus(sents, edits, lines)
            entry: dict = {"documents": len(c.texts)}
            scores = {}
            for system in systems:
                ts = time.perf_counter()
                sc = score(c, run_system(system, c.texts), keep_misses=args.show and system.name == "rolint")
                scores[system.name] = sc
                entry[system.name] = sc.summary() | {"seconds": round(time.perf_counter() - ts, 2)}
                if args.show and sc.misses:
                    print(f"\n-- {cls}, {lines} lines, {system.name}: misses and wrong fixes")
                    for m in sc.misses[: args.show_max]:
                        print("   ", m)
            results["classes"].setdefault(cls, {})[str(lines)] = entry
            for system in systems:
                if isinstance(system, BareDictionary):
                    system.cache.save()
            rows.append((cls, lines, scores))
            print(f"  {cls} × {lines} lines done ({time.perf_counter() - t0:.0f} s)", file=sys.stderr)
    labels = clean_labels()
    clean_rows = []
    for lines in sizes:
        docs = clean_docs(split, lines)
        per = {}
        for system in systems:
            cs = score_clean(system, docs, labels)
            per[system.name] = cs
            results["clean"].setdefault(str(lines), {})[system.name] = cs.summary()
            if args.show and system.name == "rolint":
                print(f"\n-- clean text, {lines} lines, rolint: unlabelled findings ({len(cs.false_alarms)})")
                for m in cs.false_alarms:
                    print("   ", m)
                print(f"-- clean text, {lines} lines, rolint: safe fixes that change a word ({cs.safe_word_fixes})")
                for m in cs.safe_list:
                    print("   ", m)
        clean_rows.append((lines, per))
    results["seconds"] = round(time.perf_counter() - t0, 1)
    print_table(results, rows, clean_rows)
    return results


def print_table(results: dict, rows: list, clean_rows: list) -> None:
    print(f"\n== Spelling evaluation, split {results['split']} ({results['sentences']} sentences), "
          f"seed {results['seed']}, ~{results['n']} errors per class")
    print(f"{'class':17s} {'lines':>5s} {'n':>4s} | {'rolint det':>10s} {'right 1st':>9s} {'safe':>5s}"
          f" {'safe prec':>9s} | {'bare det':>8s} {'right 1st':>9s}")
    for cls, lines, scores in rows:
        r, b = scores["rolint"], scores["bare"]
        print(f"{cls:17s} {lines:5d} {r.n:4d} | {fmt(r.pct(r.detected, r.n)):>10s} {fmt(r.pct(r.right_first, r.n)):>9s}"
              f" {r.safe:5d} {fmt(r.pct(r.safe_right, r.safe)):>9s} | {fmt(b.pct(b.detected, b.n)):>8s}"
              f" {fmt(b.pct(b.right_first, b.n)):>9s}")
    print("\nclean text (UD RRT, UD SiMoNERo, RONEC sentences of the split), labels: bench/data/clean_labels.tsv")
    print("FA = unlabelled findings on words; typo = typography/punctuation findings, counted apart")
    print(f"{'lines':>5s} {'words':>6s} | {'rolint find/1k':>14s} {'FA/1k':>6s} {'FA':>4s} {'typo/1k':>7s}"
          f" {'safe word fixes':>15s} | {'bare find/1k':>12s} {'FA/1k':>6s}")
    for lines, per in clean_rows:
        r, b = per["rolint"].summary(), per["bare"].summary()
        print(f"{lines:5d} {r['words']:6d} | {r['findings_per_1k']:14.2f} {r['false_alarms_per_1k']:6.2f}"
              f" {r['false_alarms']:4d} {r['typography_per_1k']:7.2f}"
              f" {r['safe_word_fixes']:7d} ({r['safe_word_fixes_unlabelled']} FA)"
              f" | {b['findings_per_1k']:12.2f} {b['false_alarms_per_1k']:6.2f}")
    print(f"\nrun time {results['seconds']} s")


def speed(split: str, lines: int = 200) -> dict:
    """rolint's speed on text it has never seen: all sentences of ``split`` (cold caches in this
    process; the dictionary, rule packs and models loaded first on an unrelated sentence, and Hunspell,
    which the morphology check loads on its first plural noun: one-off costs, measured as start-up).
    The figure is CPU time of this one process (one core), so other work on the machine does not
    count; the wall time is printed beside it."""
    from rolint.spelling import get_speller

    system = Rolint()
    system.findings("Aceasta este o propozitie de încălzire, cu o greseală și un „ghilimele\".\n")
    get_speller().analyze("oamenii")
    texts = [d.text for d in documents(sentences(split), lines)]  # type: ignore[arg-type]
    size = sum(len(t.encode("utf-8")) for t in texts)
    t, cpu = time.perf_counter(), time.process_time()
    for text in texts:
        system.findings(text)
    dt, dcpu = time.perf_counter() - t, time.process_time() - cpu
    out = {"split": split, "bytes": size, "cpu_seconds": round(dcpu, 2), "seconds": round(dt, 2),
           "mb_per_s": round(size / dcpu / 1e6, 3), "wall_mb_per_s": round(size / dt / 1e6, 3)}
    print(f"rolint offline on unseen {split} text: {size / 1e3:.0f} KB in {dcpu:.2f} s of CPU = {out['mb_per_s']} MB/s "
          f"on one core (wall {dt:.2f} s = {out['wall_mb_per_s']} MB/s; documents of {lines} lines, cold caches)")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=("fit", "dev", "test"), default="dev")
    ap.add_argument("--lines", default="20,200", help="document sizes in lines, comma-separated (default 20,200)")
    ap.add_argument("--classes", help=f"comma-separated subset of {','.join(CLASSES)}")
    ap.add_argument("--n", type=int, default=300, help="injected errors per class (default 300)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--show", action="store_true", help="list misses, wrong fixes, unlabelled clean findings")
    ap.add_argument("--show-max", type=int, default=40, help="misses listed per class and size with --show")
    ap.add_argument("--json", type=Path, help="write the results to this file")
    ap.add_argument("--no-cache", action="store_true", help="do not keep Hunspell's suggestions on disk")
    ap.add_argument("--speed", action="store_true", help="only measure rolint's speed on unseen text of the split")
    args = ap.parse_args(argv)
    if args.classes:
        unknown = set(args.classes.split(",")) - set(CLASSES)
        if unknown:
            ap.error(f"unknown classes: {', '.join(sorted(unknown))}")
    if args.speed:
        results = speed(args.split)
    else:
        results = evaluate(args)
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
