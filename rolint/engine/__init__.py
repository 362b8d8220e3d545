"""The YAML rule engine: packs of data-defined rules, run as one check."""

from __future__ import annotations

from dataclasses import dataclass, field

from rolint.checks import CheckContext
from rolint.diagnostics import Diagnostic
from rolint.document import Document
from rolint.engine.base import Example, Rule, RuleError
from rolint.engine.kinds.pattern import RuleTimeout
from rolint.engine.loader import builtin_rules_dir, load_pack, load_rules

__all__ = ["Example", "Rule", "RuleError", "RulesCheck", "builtin_rules_dir", "load_pack", "load_rules"]


@dataclass
class RulesCheck:
    """Runs every rule of the packs on a document; a rule that times out is disabled with a warning."""

    rules: list[Rule]
    name: str = "rules"
    disabled: set[str] = field(default_factory=set)

    def run(self, doc: Document, ctx: CheckContext) -> list[Diagnostic]:
        out: list[Diagnostic] = []
        for rule in self.rules:
            if rule.id in self.disabled:
                continue
            try:
                out.extend(rule.find(doc))
            except RuleTimeout as exc:
                self.disabled.add(rule.id)
                ctx.warnings.append(str(exc))
        return out
