"""Code points ↔ LSP positions in the three encodings, and the diagnostic's LSP form."""

from __future__ import annotations

from lsprotocol import types as lsp

from rolint.diagnostics import Applicability, Diagnostic, Fix, Severity
from rolint.lsp.convert import Positions, to_lsp

TEXT = "prima\r\nA 😀 ă b\rx\n"


def test_utf16_counts_an_emoji_twice():
    p = Positions(TEXT)
    b = TEXT.index("b")
    assert p.position(b) == lsp.Position(1, 7)
    assert p.offset(lsp.Position(1, 7)) == b
    assert p.position(TEXT.index("x")) == lsp.Position(2, 0)


def test_other_encodings():
    b = TEXT.index("b")
    assert Positions(TEXT, "utf-32").position(b) == lsp.Position(1, 6)
    assert Positions(TEXT, "utf-8").position(b) == lsp.Position(1, 10)  # 😀 4 bytes, ă 2


def test_offsets_round_trip_and_clamp():
    p = Positions(TEXT)
    for offset in range(len(TEXT) + 1):
        if TEXT[offset - 1 : offset + 1] != "\r\n":  # between \r and \n is not a position
            assert p.offset(p.position(offset)) == offset
    assert p.offset(lsp.Position(0, 99)) == len("prima")  # past the line's end: its end
    assert p.offset(lsp.Position(9, 0)) == len(TEXT)


def test_diagnostic_carries_fix_and_suggestions():
    text = "😀 şi"
    d = Diagnostic("diacritics.cedilla", "m", 2, 4, severity=Severity.ERROR, replacements=["și"],
                   fix=Fix.replace(2, 3, "ș", Applicability.SAFE))
    out = to_lsp(d, Positions(text))
    assert out.range == lsp.Range(lsp.Position(0, 3), lsp.Position(0, 5))
    assert (out.code, out.source, out.severity) == ("diacritics.cedilla", "rolint", lsp.DiagnosticSeverity.Error)
    assert out.data == {
        "replacements": ["și"],
        "fix": {"applicability": "safe", "edits": [
            {"range": {"start": {"line": 0, "character": 3}, "end": {"line": 0, "character": 4}}, "newText": "ș"}
        ]},
    }
