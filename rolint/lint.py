"""The pipeline for one document: checks → merge → configuration → suppressions."""

from __future__ import annotations

from dataclasses import dataclass, field

from rolint.checks import Check, CheckContext
from rolint.checks.registry import CODED_RULES, off_by_default
from rolint.config import DEFAULT_IGNORE, Config, matches
from rolint.diagnostics import Diagnostic
from rolint.document import Document
from rolint.engine import RulesCheck, builtin_rules_dir, load_rules
from rolint.merge import merge
from rolint.suppress import apply_suppressions

#: how the warning that LanguageTool could not be used starts (also the run's record of it)
LANGUAGETOOL_SKIPPED = "skipped LanguageTool: "

# namespaces of rule ids given by checks and not enumerable up front (LanguageTool's)
CHECK_NAMESPACES = ("lt",)


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
    languagetool_required: bool = False
    spelling: bool = True
    warnings: list[str] = field(default_factory=list)
    explain: bool = False  # the spelling model's evidence on each of its findings (``why``)

    def __post_init__(self) -> None:
        rules = load_rules([builtin_rules_dir(), *self.config.rule_dirs])
        self.rules_all = rules
        self.rules = [r for r in rules if r.enabled_by_default or self._explicit(r.id)]
        # coded rules that are off by default and not selected by their exact id: findings dropped
        self.coded_off = frozenset(i for i in off_by_default() if not self._explicit(i))
        self.checks: list[Check] = [RulesCheck(self.rules)]
        if self.spelling:
            self.checks.extend(word_checks())
        if self.languagetool is not None:
            self.checks.append(self.languagetool)

    def unknown_selectors(self) -> list[str]:
        """select/ignore entries that name no rule: a typo there silently checks nothing."""
        ids = [r.id for r in self.rules_all] + [r.id for r in CODED_RULES]
        out = []
        for entry in [*self.config.select, *self.config.ignore]:
            if entry in ("ALL", "all", "*") or entry in DEFAULT_IGNORE:
                continue
            if entry.split(".", 1)[0] in CHECK_NAMESPACES:
                continue  # LanguageTool's ids are open-ended
            if any(matches(i, entry) for i in ids):
                continue
            out.append(entry)
        return out

    def _explicit(self, rule_id: str) -> bool:
        return rule_id in self.config.select  # an off-by-default rule runs only when named exactly

    def _off(self, d: Diagnostic) -> bool:
        return d.rule in self.coded_off

    def _run_languagetool(self, doc: Document, ctx: CheckContext) -> list[Diagnostic]:
        """LanguageTool's findings; when it cannot be used, a warning (or an error when required)."""
        from rolint.languagetool.errors import LanguageToolUnavailable

        assert self.languagetool is not None
        try:
            return self.languagetool.run(doc, ctx)
        except LanguageToolUnavailable as exc:
            if self.languagetool_required:
                raise
            self.warnings.append(f"{LANGUAGETOOL_SKIPPED}{exc.reason}")
            self.checks.remove(self.languagetool)
            self.languagetool = None
            return []

    def context(self) -> CheckContext:
        return CheckContext(
            accepted_words=frozenset(self.config.words),
            options={"languagetool": self.config.languagetool, "explain": self.explain},
            warnings=self.warnings,
        )

    def lint(self, doc: Document) -> list[Diagnostic]:
        from rolint import sectioned

        if sectioned.wanted(doc):  # a large plain text: section by section, in flat memory
            return sectioned.lint_sectioned(self, doc)
        return self.finish(doc, self.findings(doc))

    def findings(self, doc: Document) -> list[Diagnostic]:
        """What the checks report on ``doc``, selected and with the configured severities (not merged)."""
        ctx = self.context()
        found: list[Diagnostic] = []
        for check in self.checks:
            if check is not self.languagetool:
                found.extend(check.run(doc, ctx))
        if self.languagetool is not None:
            from rolint.languagetool.precision import filter_matches

            found.extend(filter_matches(doc, self._run_languagetool(doc, ctx), found))
        return self.select(found)

    def select(self, found: list[Diagnostic]) -> list[Diagnostic]:
        found = [d for d in found if self.config.selected(d.rule) and not self._off(d)]
        for d in found:
            d.severity = self.config.severity_for(d.rule, d.severity)
        return found

    def finish(self, doc: Document, found: list[Diagnostic]) -> list[Diagnostic]:
        """One finding per span, then the document's inline suppressions."""
        return apply_suppressions(doc, merge(found))
