"""Every example of every built-in rule runs here (rolint.engine.selftest: LanguageTool's PatternRuleTest)."""

from __future__ import annotations

import pytest
import regex

from rolint.checks import CheckContext
from rolint.document import Document
from rolint.engine import Rule, builtin_rules_dir, load_rules
from rolint.engine.selftest import apply_all, check_example

RULES = load_rules([builtin_rules_dir()])
CASES = [(r, ex) for r in RULES for ex in r.examples]


@pytest.mark.parametrize(("rule", "example"), CASES, ids=[f"{r.id}:{e.line}" for r, e in CASES])
def test_example(rule: Rule, example) -> None:
    problem = check_example(rule, example)
    assert problem is None, f"{rule.location.path}:{example.line}: {rule.id}: {problem}"


def test_rule_ids_unique_and_many_examples() -> None:
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
    assert all(any(e.good for e in r.examples) and any(not e.good for e in r.examples) for r in RULES)


def test_no_replacement_holds_cedilla_letters() -> None:
    """The rule data itself is linted (codespell's test_dictionary): no fix writes ş ţ."""
    for rule in RULES:
        for ex in rule.examples:
            if ex.fixed is not None:
                assert not regex.search("[şţŞŢ]", ex.fixed), f"{rule.id}: fixed example holds a cedilla letter"
        for value in rule.params.get("swap", {}).values():
            assert not regex.search("[şţŞŢ]", value), f"{rule.id}: replacement {value!r} holds a cedilla letter"


def test_safe_fixes_never_change_length_class() -> None:
    """Safe fixes of the cedilla rule keep offsets (same length)."""
    text = "Aşa, preşedinţia Ţării"
    rule = next(r for r in RULES if r.id == "diacritics.cedilla")
    out = apply_all(text, rule.find(Document.from_text(text)))
    assert len(out) == len(text) and out == "Așa, președinția Țării"


def test_rules_check_runs_all(tmp_path) -> None:
    from rolint.engine import RulesCheck

    doc = Document.from_text("Aşa a spus ”ceva”  azi.")
    found = RulesCheck(RULES).run(doc, CheckContext())
    assert {d.rule for d in found} >= {"diacritics.cedilla", "typography.quotes-english", "typography.double-space"}


def test_rule_reference_is_up_to_date() -> None:
    """docs/rules.md is generated from the packs: regenerate with `rolint rules --markdown > docs/rules.md`."""
    from pathlib import Path

    from rolint.engine.reference import markdown

    doc = Path(__file__).resolve().parents[1] / "docs" / "rules.md"
    assert doc.read_text(encoding="utf-8") == markdown(RULES)
