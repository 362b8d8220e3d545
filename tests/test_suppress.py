from __future__ import annotations

from rolint.config import Config
from rolint.document import Document
from rolint.lint import Linter

LINTER = Linter(Config(select=["diacritics.cedilla", "typography"]), spelling=False)


def rules(text: str) -> list[tuple[str, str]]:
    doc = Document.from_text(text, "a.md")
    return [(d.rule, text[d.start : d.end]) for d in LINTER.lint(doc)]


def test_disable_enable_region() -> None:
    text = "Aşa.\n\n<!-- rolint-disable diacritics -->\nAşa.\n<!-- rolint-enable -->\n\nŞi.\n"
    assert rules(text) == [("diacritics.cedilla", "Aşa"), ("diacritics.cedilla", "Şi")]


def test_disable_next_line_only_named_rule() -> None:
    text = "<!-- rolint-disable-next-line typography.double-space -->\nAşa  de  bine.\nUn  alt rând.\n"
    found = rules(text)
    assert ("diacritics.cedilla", "Aşa") in found
    assert [r for r, _ in found].count("typography.double-space") == 1


def test_disable_all_to_end() -> None:
    assert rules("Aşa.\n<!-- rolint-disable -->\nŞi.\n") == [("diacritics.cedilla", "Aşa")]
