"""The registry of coded rules (rolint/checks/registry.py): every example runs through the real Linter.

Offline (no LanguageTool), like tests/test_rule_examples.py does for the YAML packs. An off-by-default
rule is selected by its exact id, as a user would.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest

from rolint.checks.registry import CODED_RULES, CodedRule, coded_rule, off_by_default
from rolint.config import Config
from rolint.diagnostics import Applicability, Diagnostic, Severity
from rolint.document import Document
from rolint.engine import Example, builtin_rules_dir, load_rules
from rolint.fix import apply_once
from rolint.lint import Linter

CASES = [(r, ex) for r in CODED_RULES for ex in r.examples]


@functools.cache
def linter(extra: tuple[str, ...] = ()) -> Linter:
    return Linter(Config(select=["ALL", *extra]))


def ids(rule: CodedRule) -> set[str]:
    return {rule.id}


def run(rule: CodedRule, text: str) -> list[Diagnostic]:
    extra = () if rule.enabled_by_default else (rule.id,)
    found = linter(extra).lint(Document.from_text(text, "example.txt"))
    return [d for d in found if d.rule in ids(rule)]


@pytest.mark.parametrize(("rule", "example"), CASES, ids=[f"{r.id}:{i}" for i, (r, _) in enumerate(CASES)])
def test_example(rule: CodedRule, example: Example) -> None:
    if rule.pending:
        pytest.skip(f"{rule.id}: {rule.pending}")
    found = run(rule, example.text)
    if example.good:
        assert not found, f"{rule.id} fired on good example: {[example.text[d.start:d.end] for d in found]}"
        return
    assert found, f"{rule.id} did not fire on bad example {example.text!r}"
    if example.fixed is not None:
        fixed, _ = apply_once(example.text, found, Applicability.UNSAFE)
        assert fixed == example.fixed
        assert not run(rule, fixed), f"{rule.id} fires again after its own fix"


def test_every_rule_is_documented_with_examples() -> None:
    all_ids = [r.id for r in CODED_RULES]
    assert len(all_ids) == len(set(all_ids))
    yaml_ids = {r.id for r in load_rules([builtin_rules_dir()])}
    assert not yaml_ids & set(all_ids), "a coded rule id is also a YAML rule id"
    for r in CODED_RULES:
        assert r.summary and "\n" not in r.summary and r.doc, r.id
        if not r.id.endswith(".*"):
            assert any(e.good for e in r.examples) and any(not e.good for e in r.examples), r.id
        if r.applicability is Applicability.DISPLAY_ONLY:
            assert all(e.fixed is None for e in r.examples), r.id


def test_every_emitted_id_is_registered() -> None:
    """Each ``rule="…"`` a coded check writes has an entry (a new id must be documented here)."""
    src = Path(__file__).resolve().parents[1] / "rolint" / "checks"
    emitted: set[str] = set()
    for f in src.glob("*.py"):
        text = f.read_text(encoding="utf-8")
        emitted |= set(re.findall(r'rule="([a-z-]+\.[a-z-]+)"', text))
        emitted |= set(re.findall(r'pair_finding\(\s*"([a-z-]+\.[a-z-]+)"', text))
    assert emitted, "no rule ids found in rolint/checks"
    assert not {i for i in emitted if coded_rule(i) is None}


def test_check_classes_resolve() -> None:
    for r in CODED_RULES:
        if r.id.startswith("lt."):
            continue  # LanguageTool's client is an optional extra
        assert r.check_class().__name__ == r.check_name


def test_off_by_default_needs_exact_id() -> None:
    """spelling.unknown-word runs only when named: a prefix or ALL does not turn it on."""
    assert "spelling.unknown-word" in off_by_default()
    d = Diagnostic("spelling.unknown-word", "m", 0, 3, category="spelling", severity=Severity.INFO)
    assert Linter(Config(select=["ALL"]), spelling=False)._off(d)
    assert Linter(Config(select=["spelling"]), spelling=False)._off(d)
    assert not Linter(Config(select=["ALL", "spelling.unknown-word"]), spelling=False)._off(d)


def test_unknown_selectors_know_coded_ids() -> None:
    cfg = Config(select=["ALL", "spelling.unknown-word", "context.near-name", "lt.ANY_RULE"],
                 ignore=["spelling.unknwon-word", "missing-word"])
    assert Linter(cfg, spelling=False).unknown_selectors() == ["spelling.unknwon-word"]


def test_lt_family_entry() -> None:
    entry = coded_rule("lt.COMMA_PARENTHESIS_WHITESPACE")
    assert entry is not None and entry.id == "lt.*"
    assert "lt.WORD_REPEAT_RULE" in entry.doc
