"""Every example of every built-in rule runs here (LanguageTool's PatternRuleTest, for YAML rules)."""

from __future__ import annotations

import pytest
import regex

from rolint.checks import CheckContext
from rolint.diagnostics import Applicability, Diagnostic
from rolint.document import Document
from rolint.engine import Rule, builtin_rules_dir, load_rules
from rolint.fix import apply_once

RULES = load_rules([builtin_rules_dir()])
CASES = [(r, ex) for r in RULES for ex in r.examples]


def run(rule: Rule, text: str) -> list[Diagnostic]:
    doc = Document.from_text(text, "example.txt")
    return rule.find(doc)


def apply_all(text: str, diags: list[Diagnostic]) -> str:
    """Apply every finding's fix (or first replacement), whatever its applicability."""
    out, _ = apply_once(text, diags, Applicability.UNSAFE)
    return out


@pytest.mark.parametrize(("rule", "example"), CASES, ids=[f"{r.id}:{e.line}" for r, e in CASES])
def test_example(rule: Rule, example) -> None:
    found = run(rule, example.text)
    if example.good:
        assert not found, f"{rule.id} fired on good example: {[example.text[d.start:d.end] for d in found]}"
        return
    assert found, f"{rule.id} did not fire on bad example {example.text!r}"
    for d in found:
        assert 0 <= d.start <= d.end <= len(example.text)
    if example.fixed is not None:
        fixed = apply_all(example.text, found)
        assert fixed == example.fixed
        assert not run(rule, fixed), f"{rule.id} fires again after its own fix"


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
