"""``--statistics``: the findings counted per rule (like ``ruff check --statistics``)."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass

from rolint.diagnostics import Applicability
from rolint.report import FileResult
from rolint.report.visible import visible


@dataclass(frozen=True)
class RuleCount:
    rule: str
    count: int
    safe_fixes: int  # findings with a safe fix (``--fix``)
    category: str


def count(results: list[FileResult]) -> list[RuleCount]:
    """One entry per rule with findings, the most frequent first (then by rule id)."""
    n: Counter[str] = Counter()
    safe: Counter[str] = Counter()
    category: dict[str, str] = {}
    for r in results:
        for d in r.diagnostics:
            n[d.rule] += 1
            category.setdefault(d.rule, d.category)
            if d.fix is not None and d.fix.applicability is Applicability.SAFE:
                safe[d.rule] += 1
    return [RuleCount(rule, k, safe[rule], category[rule])
            for rule, k in sorted(n.items(), key=lambda kv: (-kv[1], kv[0]))]


def render_text(results: list[FileResult]) -> str:
    """``COUNT  RULE  [*]  CATEGORY`` lines (``[*]``: fixable with --fix), then the total."""
    rows = count(results)
    if not rows:
        return "No problems found."
    width = len(str(rows[0].count))
    rule_width = max(len(r.rule) for r in rows)
    lines = [f"{r.count:>{width}}  {visible(r.rule):<{rule_width}}  {'[*]' if r.safe_fixes else '[ ]'}  {r.category}"
             for r in rows]
    total = sum(r.count for r in rows)
    fixable = sum(r.safe_fixes for r in rows)
    lines.append(f"Found {total} problem(s)" + (f"; {fixable} fixable with --fix." if fixable else "."))
    return "\n".join(lines)


def render_json(results: list[FileResult]) -> str:
    return json.dumps([{"rule": r.rule, "count": r.count, "fixable": r.safe_fixes, "category": r.category}
                       for r in count(results)], ensure_ascii=False, indent=2)
