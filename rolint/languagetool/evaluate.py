"""Recall of the LanguageTool check on LanguageTool's own Romanian grammar.xml examples.

    python -m rolint.languagetool.evaluate [bench/data/lt_ro_grammar.tsv] [--clean FILE ...]

An incorrect example counts as found when a finding overlaps its marked span. ``--clean`` adds the
number of findings per 1,000 words on clean text (one sentence per line).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

from rolint.checks import CheckContext
from rolint.diagnostics import Diagnostic
from rolint.document import WORD_RE, Document
from rolint.languagetool.check import LanguageToolCheck
from rolint.languagetool.errors import LanguageToolUnavailable
from rolint.languagetool.paths import lt_version

DEFAULT_TSV = Path(__file__).resolve().parents[2] / "bench" / "data" / "lt_ro_grammar.tsv"  # a checkout


def _overlaps(d: Diagnostic, start: int, end: int) -> bool:
    return d.start < end and start < d.end if end > start else d.start <= start <= d.end


def evaluate(tsv: Path, check: LanguageToolCheck) -> dict[str, object]:
    with tsv.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    docs = [Document.from_text(r["incorrect"]) for r in rows]
    started = time.monotonic()
    results = check.run_many(docs, CheckContext())
    seconds = time.monotonic() - started
    found = found_rule = found_no_spelling = 0
    default_on = default_on_found = 0
    by_cat: Counter[str] = Counter()
    by_cat_found: Counter[str] = Counter()
    missed: list[str] = []
    for row, diags in zip(rows, results, strict=True):
        start, end = int(row["marker_start"]), int(row["marker_end"])
        hits = [d for d in diags if _overlaps(d, start, end)]
        rule = "lt." + re.sub(r"\[\d+\]$", "", row["rule_id"])
        cat = row["category"].split(":", 1)[0]
        by_cat[cat] += 1
        off = row.get("default_off", "").strip() == "1"
        default_on += not off
        if hits:
            found += 1
            by_cat_found[cat] += 1
            default_on_found += not off
            found_rule += any(d.rule == rule for d in hits)
            found_no_spelling += any(d.category != "spelling" for d in hits)
        else:
            missed.append(f"{row['id']}\t{row['rule_id']}\t{row['incorrect_marked']}")
    n = len(rows)
    return {
        "lt_version": lt_version(),
        "examples": n,
        "found_overlapping": found,
        "recall": round(found / n, 4) if n else 0.0,
        "recall_default_on_rules": round(default_on_found / default_on, 4) if default_on else 0.0,
        "recall_same_rule": round(found_rule / n, 4) if n else 0.0,
        "recall_non_spelling": round(found_no_spelling / n, 4) if n else 0.0,
        "by_category": {c: f"{by_cat_found[c]}/{by_cat[c]}" for c in sorted(by_cat)},
        "seconds": round(seconds, 2),
        "server_requests": check.requests,
        "missed": missed,
    }


def noise(paths: list[Path], check: LanguageToolCheck) -> dict[str, object]:
    """Findings per 1,000 words on clean text, overall and per category."""
    lines = [ln for p in paths for ln in p.read_text("utf-8").splitlines() if ln.strip()]
    docs = [Document.from_text(ln) for ln in lines]
    diags = [d for ds in check.run_many(docs, CheckContext()) for d in ds]
    words = sum(len(WORD_RE.findall(ln)) for ln in lines)
    cats = Counter(d.category for d in diags)
    per_k = {c: round(1000 * k / words, 2) for c, k in cats.most_common()}
    return {
        "sentences": len(lines),
        "words": words,
        "findings": len(diags),
        "per_1000_words": per_k,
        "total_per_1000_words": round(1000 * len(diags) / words, 2) if words else 0.0,
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m rolint.languagetool.evaluate", description=__doc__.split("\n")[0])
    p.add_argument("tsv", nargs="?", type=Path, default=DEFAULT_TSV)
    p.add_argument("--clean", type=Path, action="append", default=[], help="clean text, one sentence per line")
    p.add_argument("--no-cache", action="store_true", help="always ask the server")
    p.add_argument("--show-missed", action="store_true")
    p.add_argument("--json", action="store_true")
    args = p.parse_args(argv)
    check = LanguageToolCheck(use_cache=not args.no_cache)
    try:
        report = evaluate(args.tsv, check)
        if args.clean:
            report["clean"] = noise(args.clean, check)
    except LanguageToolUnavailable as e:
        print(f"LanguageTool unavailable: {e.reason}", file=sys.stderr)
        return 2
    missed = report.pop("missed")
    if args.show_missed:
        report["missed"] = missed
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        for key, value in report.items():
            if key == "missed":
                print("missed:\n  " + "\n  ".join(value))  # type: ignore[arg-type]
            else:
                print(f"{key}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
