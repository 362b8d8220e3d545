"""Rule packs test themselves: every example of a rule runs (LanguageTool's PatternRuleTest, for YAML rules).

A ``bad`` example must fire, its findings must lie inside the text, and when it gives ``fixed``, applying
every finding's fix must give exactly that text, on which the rule is then silent. A ``good`` example must
not fire. Used by ``rolint rules --test``, ``rolint check --strict-rules`` and tests/test_rule_examples.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rolint.config import ConfigError
from rolint.diagnostics import Applicability, Diagnostic
from rolint.document import Document
from rolint.engine.base import Example, Rule
from rolint.engine.kinds.pattern import RuleTimeout
from rolint.fix import apply_once

__all__ = ["ExampleFailure", "ExamplesFailed", "apply_all", "check_example", "failures", "run"]


def run(rule: Rule, text: str) -> list[Diagnostic]:
    """The rule's findings on ``text`` alone."""
    return rule.find(Document.from_text(text, "example.txt"))


def apply_all(text: str, diags: list[Diagnostic]) -> str:
    """Apply every finding's fix (or first replacement), whatever its applicability."""
    out, _ = apply_once(text, diags, Applicability.UNSAFE)
    return out


def check_example(rule: Rule, example: Example) -> str | None:
    """What is wrong with the rule on this example, or None when it behaves as the example says."""
    try:
        found = run(rule, example.text)
        if example.good:
            if found:
                return f"fires on good example {example.text!r} at {[example.text[d.start:d.end] for d in found]!r}"
            return None
        if not found:
            return f"does not fire on bad example {example.text!r}"
        for d in found:
            if not 0 <= d.start <= d.end <= len(example.text):
                return f"finding at {d.start}..{d.end} lies outside bad example {example.text!r}"
        if example.fixed is None:
            return None
        fixed = apply_all(example.text, found)
        if fixed != example.fixed:
            return f"fixes {example.text!r} to {fixed!r}, expected {example.fixed!r}"
        if again := run(rule, fixed):
            return f"fires again after its own fix, on {fixed!r} at {[fixed[d.start:d.end] for d in again]!r}"
    except RuleTimeout as exc:
        return f"times out on {example.text!r}: {exc}"
    return None


@dataclass(frozen=True)
class ExampleFailure:
    """One example that a rule gets wrong: where it is written, and what went wrong."""

    rule: Rule
    example: Example
    problem: str

    @property
    def where(self) -> str:
        line = self.example.line or self.rule.location.line
        return f"{self.rule.location.path}:{line}" if line else self.rule.location.path

    def __str__(self) -> str:
        return f"{self.where}: {self.rule.id}: {self.problem}"


def failures(rules: Iterable[Rule]) -> list[ExampleFailure]:
    """Every failing example of the rules, in pack order."""
    out = []
    for rule in rules:
        for ex in rule.examples:
            problem = check_example(rule, ex)
            if problem is not None:
                out.append(ExampleFailure(rule, ex, problem))
    return out


class ExamplesFailed(ConfigError):
    """Rule packs refused (``--strict-rules``): some of their examples fail (exit 2)."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = list(lines)
        super().__init__(f"--strict-rules: {len(self.lines)} rule example(s) fail; the rule packs are refused")

    def __reduce__(self) -> tuple[type[ExamplesFailed], tuple[list[str]]]:  # from a worker process
        return (ExamplesFailed, (self.lines,))
