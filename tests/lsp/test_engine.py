"""The server's engine: configuration per folder, LanguageTool's findings added to the offline ones."""

from __future__ import annotations

from pathlib import Path

import pytest

import rolint.api as api
import rolint.languagetool.check as lt_check
from rolint.checks import CheckContext
from rolint.diagnostics import Diagnostic
from rolint.document import Document
from rolint.lsp.engine import Engine, Target

TEXT = "Am văzut o pisică frumoasă și un câine în grădinna vecinului.\n"


class FakeLanguageTool:
    """Stands in for LanguageToolCheck: a grammar finding, and dictionary findings on two words."""

    name = "languagetool"

    def run(self, doc: Document, ctx: CheckContext) -> list[Diagnostic]:
        def at(word: str, rule: str, category: str) -> Diagnostic:
            start = doc.text.index(word)
            return Diagnostic(rule, "lt", start, start + len(word), category=category, source="languagetool")

        return [
            at("o pisică", "lt.FAKE_GRAMMAR", "grammar"),
            at("grădinna", "lt.MORFOLOGIK_RULE_RO_RO", "spelling"),
            at("vecinului", "lt.MORFOLOGIK_RULE_RO_RO", "spelling"),
        ]


@pytest.fixture(autouse=True)
def fake_languagetool(monkeypatch: pytest.MonkeyPatch):
    """The sessions the engine makes through rolint.api get the fake instead of LanguageTool."""
    monkeypatch.setattr(lt_check, "LanguageToolCheck", FakeLanguageTool)
    api.reset()
    yield
    api.reset()


def test_languagetool_findings_join_the_offline_ones(tmp_path: Path):
    engine = Engine(tmp_path, languagetool=True)
    target = Target.of(tmp_path / "a.md")
    offline = engine.check(TEXT, target)
    assert [d.rule for d in offline] == ["spelling.misspelling"]
    found, warnings = engine.check_languagetool(TEXT, target, offline)
    assert warnings == []
    spans = {(d.rule, TEXT[d.start : d.end]) for d in found}
    assert ("lt.FAKE_GRAMMAR", "o pisică") in spans
    assert ("spelling.misspelling", "grădinna") in spans
    assert ("lt.MORFOLOGIK_RULE_RO_RO", "vecinului") not in spans  # the speller knows the word


def test_languagetool_off_in_the_config(tmp_path: Path):
    (tmp_path / "rolint.toml").write_text("[languagetool]\nenabled = false\n", encoding="utf-8")
    engine = Engine(tmp_path, languagetool=True)
    target = Target.of(tmp_path / "a.md")
    offline = engine.check(TEXT, target)
    assert engine.check_languagetool(TEXT, target, offline) == (offline, [])


def test_config_is_found_upward_and_reloaded(tmp_path: Path):
    (tmp_path / "sub").mkdir()
    engine = Engine(tmp_path)
    target = Target.of(tmp_path / "sub" / "a.md")
    assert engine.check(TEXT, target)
    config = tmp_path / "pyproject.toml"
    config.write_text('[tool.rolint]\nignore = ["style"]\n', encoding="utf-8")
    assert engine.check(TEXT, target)  # a new configuration file is found at once
    assert engine.config(target).path == config
    config.write_text('[tool.rolint]\nwords = ["grădinna"]\n', encoding="utf-8")
    assert engine.check(TEXT, target)  # one read is kept until told
    assert engine.watched(config)
    engine.reload()
    assert engine.check(TEXT, target) == []


def test_unsaved_document_uses_the_workspace_config_and_its_language(tmp_path: Path):
    (tmp_path / "rolint.toml").write_text('words = ["grădinna"]\n', encoding="utf-8")
    engine = Engine(tmp_path)
    assert engine.check(TEXT, Target.of(None, "markdown")) == []
    code = "Text.\n\n`aplicaţie`\n"  # a cedilla letter: a finding in prose, whatever the spelling model says
    assert engine.check(code, Target.of(None, "markdown")) == []  # a code span
    assert engine.check(code, Target.of(None, "plaintext"))


def test_fix_safe_is_rolint_check_fix(tmp_path: Path):
    engine = Engine(tmp_path)
    text = "Sistemul şi aplicaţiile.\n"
    fixed = engine.fix_safe(text, Target.of(tmp_path / "a.txt"))
    assert fixed == api.fix_text(text, path=tmp_path / "a.txt", options=api.Options(languagetool="off")).text
    assert fixed == "Sistemul și aplicațiile.\n"
