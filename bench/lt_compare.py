"""rolint with LanguageTool against raw LanguageTool, in one run.

    .venv/bin/python bench/lt_compare.py [--limit N]

1. LanguageTool's own Romanian grammar.xml incorrect examples (bench/data/lt_ro_grammar.tsv): the share
   where a finding overlaps the marked span — raw LanguageTool (every /v2/check match, unfiltered)
   next to rolint's full pipeline (rules, speller, LanguageTool through the precision layer and the
   default configuration).
2. Clean edited text (bench/data, documents of 20 lines): findings per 1,000 words, raw LanguageTool
   next to rolint (all findings, and LanguageTool-sourced ones), ASCII-quote findings apart.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter
from pathlib import Path

from rolint.checks import CheckContext
from rolint.config import Config
from rolint.document import Document
from rolint.languagetool.check import LanguageToolCheck
from rolint.lint import Linter

DATA = Path(__file__).parent / "data"
CLEAN = ["ud_rrt_dev.txt", "ud_simonero_dev.txt", "ronec_valid.txt"]


def overlaps(d, start: int, end: int) -> bool:
    return d.start < end and start < d.end if end > start else d.start <= start <= d.end


def examples(limit: int | None) -> None:
    with (DATA / "lt_ro_grammar.tsv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))[:limit]
    docs = [Document.from_text(r["incorrect"]) for r in rows]
    raw = LanguageToolCheck().run_many(docs, CheckContext())
    linter = Linter(Config(), languagetool=LanguageToolCheck())
    everything = Linter(Config(ignore=[]), languagetool=LanguageToolCheck())  # no LT rule off by default
    raw_hit = ours_hit = all_hit = both_default_on = default_on = 0
    lost: Counter[str] = Counter()
    for row, doc, raw_diags in zip(rows, docs, raw, strict=True):
        s, e = int(row["marker_start"]), int(row["marker_end"])
        r = any(overlaps(d, s, e) for d in raw_diags)
        o = any(overlaps(d, s, e) for d in linter.lint(doc))
        raw_hit += r
        ours_hit += o
        all_hit += any(overlaps(d, s, e) for d in everything.lint(doc))
        if row.get("default_off", "").strip() != "1":
            default_on += 1
            both_default_on += o
        if r and not o:
            lost[re.sub(r"\[\d+\]$", "", row["rule_id"])] += 1
    n = len(rows)
    print(f"LanguageTool ro examples: {n}")
    print(f"  raw LanguageTool at the marked span: {raw_hit}/{n} = {100 * raw_hit / n:.1f}%")
    print(f"  rolint (default config) at the span: {ours_hit}/{n} = {100 * ours_hit / n:.1f}%")
    print(f"  rolint on examples of rules on by default in LT: {both_default_on}/{default_on}")
    print(f"  rolint with no LT rule off by default (ignore = []): {all_hit}/{n} = {100 * all_hit / n:.1f}%")
    if lost:
        print("  found by raw LT, not by rolint (rule: count):", dict(lost.most_common()))


def clean() -> None:
    docs: list[Document] = []
    words = 0
    for name in CLEAN:
        lines = (DATA / name).read_text(encoding="utf-8").splitlines()
        words += sum(len(re.findall(r"\w+", line)) for line in lines)
        for k in range(0, len(lines), 20):
            docs.append(Document.from_text("\n".join(lines[k : k + 20]) + "\n", f"{name}:{k}"))
    raw = LanguageToolCheck().run_many(docs, CheckContext())
    linter = Linter(Config(), languagetool=LanguageToolCheck())
    ours = [linter.lint(doc) for doc in docs]
    raw_n = sum(len(r) for r in raw)
    ascii_rule = "typography.quotes-ascii"
    ours_all = sum(1 for ds in ours for d in ds if d.rule != ascii_rule)
    ours_ascii = sum(1 for ds in ours for d in ds if d.rule == ascii_rule)
    ours_lt = sum(1 for ds in ours for d in ds if d.source == "languagetool")
    per_k = 1000 / words
    print(f"clean corpus: {words} words in {len(docs)} documents")
    print(f"  raw LanguageTool:         {raw_n} findings = {raw_n * per_k:.2f} per 1,000 words")
    print(f"  rolint, all findings:     {ours_all} = {ours_all * per_k:.2f} per 1,000 words "
          f"(+ {ours_ascii} ASCII-quote findings = {ours_ascii * per_k:.2f})")
    print(f"  rolint, from LanguageTool: {ours_lt} = {ours_lt * per_k:.2f} per 1,000 words")
    by_rule = Counter(d.rule for ds in ours for d in ds)
    print("  rolint top rules:", dict(by_rule.most_common(10)))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--limit", type=int, help="only the first N examples")
    p.add_argument("--only", choices=("examples", "clean"))
    a = p.parse_args(argv)
    if a.only in (None, "examples"):
        examples(a.limit)
    if a.only in (None, "clean"):
        clean()
    return 0


if __name__ == "__main__":
    sys.exit(main())
