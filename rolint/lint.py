"""The pipeline for one document: checks → merge → configuration → suppressions."""

from __future__ import annotations

from dataclasses import dataclass, field

from rolint.checks import Check, CheckContext
from rolint.config import Config
from rolint.diagnostics import Diagnostic
from rolint.document import Document
from rolint.engine import RulesCheck, builtin_rules_dir, load_rules
from rolint.merge import merge
from rolint.suppress import apply_suppressions


def word_checks() -> list[Check]:
    """The offline speller and context checks (rolint.checks.spelling), when installed."""
    try:
        from rolint.checks.spelling import checks
    except ImportError:
        return []
    return list(checks())


@dataclass
class Linter:
    """Checks documents under one configuration. ``languagetool`` is a check instance or None."""

    config: Config
    languagetool: Check | None = None
    spelling: bool = True
    warnings: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        rules = load_rules([builtin_rules_dir(), *self.config.rule_dirs])
        self.rules = [r for r in rules if r.enabled_by_default or self._explicit(r.id)]
        self.checks: list[Check] = [RulesCheck(self.rules)]
        if self.spelling:
            self.checks.extend(word_checks())
        if self.languagetool is not None:
            self.checks.append(self.languagetool)

    def _explicit(self, rule_id: str) -> bool:
        return any(p == rule_id or rule_id.startswith(p + ".") for p in self.config.select if p != "ALL")

    def context(self) -> CheckContext:
        return CheckContext(
            accepted_words=frozenset(self.config.words),
            options={"languagetool": self.config.languagetool},
            warnings=self.warnings,
        )

    def lint(self, doc: Document) -> list[Diagnostic]:
        ctx = self.context()
        found: list[Diagnostic] = []
        for check in self.checks:
            found.extend(check.run(doc, ctx))
        found = [d for d in found if self.config.selected(d.rule)]
        for d in found:
            d.severity = self.config.severity_for(d.rule, d.severity)
        return apply_suppressions(doc, merge(found))
