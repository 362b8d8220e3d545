"""Real typos of real writers: rolint and the bare dictionary on RO-STS, against hand labels.

    .venv/bin/python bench/real_typos.py --split test          # the figures (never used for tuning)
    .venv/bin/python bench/real_typos.py --split dev --show    # and every miss, wrong fix and false alarm

RO-STS (Romanian translations of captions, headlines and forum posts) is unedited text: its writers left
real typos in it (a dropped or swapped letter, missing diacritics, glued words, a letter heard wrong).
``bench/data/sts_labels.tsv`` labels every distinct word of RO-STS that Hunspell ro_RO rejects, in the
sentence where it first occurs: ``T`` a misspelling (with its correction), ``C`` correct as written (a word
or inflection the dictionary lacks, a loanword, a foreign word, an abbreviation, a name spelled right), ``N``
a name written in lowercase (the corpus lowercases some headlines), ``U`` unclear. Labels are by word, as in
``clean_labels.tsv``; lowercase and capitalised words are counted apart (most capitalised ones are names).

The sentences of the split (``bench/splits.py``) are checked as documents of 20 lines; every occurrence of a
labelled word counts: a ``T`` is detected when a spelling or diacritics finding covers it, and its fix is
right when the first replacement is the correction; a ``C`` or ``N`` covered by such a finding at default
severity is a false alarm. ``U`` is left out. The bare dictionary rejects every labelled word (it is how they
were chosen) and its fix is Hunspell's first suggestion.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.spelling_eval import BareDictionary, Finding, Rolint, System, _context  # noqa: E402
from bench.splits import STS_SOURCES, documents, sentences  # noqa: E402
from rolint.document import Document  # noqa: E402

LABELS = ROOT / "bench" / "data" / "sts_labels.tsv"
CATEGORIES = frozenset({"spelling", "diacritics"})


@dataclass(frozen=True)
class Label:
    word: str
    label: str  # T, C, N, U
    correction: str


def read_labels(path: Path = LABELS) -> dict[str, Label]:
    out: dict[str, Label] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, label, correction, *_ = [*line.split("\t"), "", ""]
        out[word] = Label(word, label, correction)
    return out


@dataclass
class Score:
    typos: int = 0
    detected: int = 0
    right: int = 0
    correct: int = 0  # occurrences of words labelled C or N
    alarms: int = 0
    notes: list[str] = field(default_factory=list)

    def row(self, name: str) -> str:
        def pct(a: int, b: int) -> str:
            return f"{100 * a / b:.1f}%" if b else "–"

        return (f"| {name} | {self.typos} | {pct(self.detected, self.typos)} | {pct(self.right, self.typos)} | "
                f"{self.correct} | {self.alarms} ({pct(self.alarms, self.correct)}) |")


def score(system: System, split: str, labels: dict[str, Label], lines: int = 20,
          capitalised: bool | None = None) -> Score:
    """``capitalised``: only the capitalised (True) or only the lowercase (False) words; None: all."""
    s = Score()
    for d in documents(sentences(split, STS_SOURCES), lines):  # type: ignore[arg-type]
        text = d.text
        found: list[Finding] = [f for f in system.findings(text) if f.category in CATEGORIES]
        for w in Document.from_text(text, "doc.txt").words():
            lab = labels.get(w.text)
            if lab is None or lab.label == "U":
                continue
            if capitalised is not None and w.text[:1].isupper() != capitalised:
                continue
            hits = [f for f in found if f.start < w.end and w.start < f.end]
            where = _context(text, w.start, w.end)
            if lab.label == "T":
                s.typos += 1
                if not hits:
                    s.notes.append(f"missed  {w.text!r} (→ {lab.correction})  …{where}…")
                    continue
                s.detected += 1
                first = hits[0].first()
                if first is not None and _restores(text, w.start, w.end, hits[0], first, lab.correction):
                    s.right += 1
                else:
                    s.notes.append(f"wrong   {w.text!r} (→ {lab.correction}) got {first!r}")
            else:
                s.correct += 1
                if hits:
                    s.alarms += 1
                    s.notes.append(f"FA      {w.text!r} [{lab.label}] {hits[0].rule} → {hits[0].first()!r}  …{where}…")
    return s


def _restores(text: str, start: int, end: int, f: Finding, first: str, correction: str) -> bool:
    """The finding's first fix gives the correction in place of the word (a finding may span more)."""
    fixed = text[: f.start] + first + text[f.end :]
    want = text[:start] + correction + text[end:]
    return fixed == want or first == correction


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--split", choices=("fit", "dev", "test"), default="dev")
    ap.add_argument("--show", action="store_true", help="list misses, wrong fixes and false alarms")
    args = ap.parse_args(argv)
    labels = read_labels()
    counts = Counter(lab.label for lab in labels.values())
    print(f"## Real typos in RO-STS, {args.split} part (labels: {dict(sorted(counts.items()))}; "
          "documents of 20 lines)\n")
    print("| system | typos | detected | right first fix | correct words | flagged |")
    print("|---|---|---|---|---|---|")
    notes: list[str] = []
    for system in (Rolint(), BareDictionary()):
        for case, name in ((False, "lowercase"), (True, "capitalised")):
            s = score(system, args.split, labels, capitalised=case)
            print(s.row(f"{system.name}, {name} words"))
            if system.name == "rolint":
                notes += s.notes
        if isinstance(system, BareDictionary):
            system.cache.save()
    if args.show:
        print("\nrolint: misses, wrong fixes, false alarms")
        for note in notes:
            print("   ", note)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
