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


def test_directive_in_plain_text_is_not_linted_nor_fixed() -> None:
    """In a .txt file the comment is prose to the checks: its rule id must not be "corrected"."""
    from rolint.diagnostics import Applicability
    from rolint.fix import fix_until_stable

    linter = Linter(Config(select=["ALL"]))
    text = "<!-- rolint-disable-next-line diacritics -->\nŞi opoziţia.\nŞi el.\n"
    doc = Document.from_text(text, "a.txt")
    assert [(d.rule, text[d.start : d.end]) for d in linter.lint(doc)] == [("diacritics.cedilla", "Şi")]
    fixed = fix_until_stable(text, lambda t: linter.lint(Document.from_text(t, "a.txt")), Applicability.SAFE)
    assert fixed.text.startswith("<!-- rolint-disable-next-line diacritics -->\nŞi opoziţia.\n")
