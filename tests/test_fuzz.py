"""Fuzzing the offline pipeline (rules + speller + context, no LanguageTool) with hypothesis.

For arbitrary Unicode and for Romanian-like text (words with ş ţ ș ț, quotes „”"“, hyphens, CRLF,
U+FFFC, combining marks, emoji), as plain text and as Markdown: the linter never crashes, the JSON
report is valid JSON that matches the diagnostics, every offset and every fix edit lies within the
text, and applying the safe fixes (one pass, and until stable) gives text that still encodes to UTF-8.
"""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rolint.config import Config
from rolint.diagnostics import Applicability
from rolint.document import Document
from rolint.fix import apply_once, fix_until_stable
from rolint.lint import Linter
from rolint.report import FileResult
from rolint.report.json import render

_LINTER: Linter | None = None


def linter() -> Linter:
    global _LINTER
    if _LINTER is None:
        _LINTER = Linter(Config(), languagetool=None)
    return _LINTER


WORDS = [
    "şi", "și", "ţară", "țară", "aplicaţiile", "România", "Romania", "Rusia", "Rusa", "Coreea", "Corea",
    "în", "din", "care", "va", "vă", "faceți", "mergem", "a", "a", "de", "la", "cu", "pe", "copiii",
    "oamenii", "nu", "o", "un", "urmă", "pofida", "ciuda", "faptului", "după", "AFP", "KCNA", "Phenianul",
    "e-mail", "nord-coreean", "dă-mi", "s-a", "într-o", "Hip-Hop", "www.exemplu.ro", "ion@exemplu.ro",
    "2024", "12,5", "%", "cca.", "etc.", "ş", "ţ", "Ş", "Ţ", "Ă", "Î", "Â", "ŞI", "ȚARĂ", "aaaa", "xyzzy",
]
PUNCT = [
    " ", " ", " ", " ", "  ", "\u00a0", ".", ",", ";", ":", "!", "?", "…", "-", "–", "—", "„", "”", '"', "“",
    "«", "»", "'", "’", "(", ")", "[", "]", "*", "_", "`", "#", "> ", "\n", "\n", "\r\n", "\r", "\n\n",
    "\ufffc", "\u0326", "\u0327", "\u0301", "😀", "👍🏽", "👩‍💻", "\u200d", "\ufeff", "\t", "```\n", "<b>", "</b>",
    "http://", "[x](http://a.ro)",
]

romanian_like = st.lists(st.sampled_from(WORDS) | st.sampled_from(PUNCT), max_size=250).map("".join)
any_text = st.text(max_size=500)
mixed = st.lists(romanian_like | any_text, max_size=4).map("".join)
texts = st.one_of(romanian_like, any_text, mixed)
formats = st.sampled_from(["text", "markdown"])


def _check_diagnostics(text: str, fmt: str) -> list:
    doc = Document.from_text(text, "fuzz.md" if fmt == "markdown" else "fuzz.txt", fmt)
    assert len(doc.prose) == len(text)
    diags = linter().lint(doc)
    n = len(text)
    for d in diags:
        assert 0 <= d.start <= d.end <= n, (d.rule, d.start, d.end, n)
        if d.fix is not None:
            for e in d.fix.edits:
                assert 0 <= e.start <= e.end <= n, (d.rule, e)
                e.content.encode("utf-8")  # no lone surrogates in replacements
        for r in d.replacements:
            assert isinstance(r, str)
    report = json.loads(render([FileResult(doc.path, doc, diags)]))
    entries = report["files"][0]["diagnostics"]
    assert len(entries) == len(diags) == report["summary"]["diagnostics"]
    for e, d in zip(entries, diags, strict=True):
        assert e["start"]["offset"] == d.start and e["end"]["offset"] == d.end
        line, col = e["start"]["line"], e["start"]["column"]
        assert line >= 1 and col >= 1
        assert doc.line_starts[line - 1] + col - 1 == d.start
    return diags


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, fmt=formats)
def test_lint_never_crashes_and_stays_in_bounds(text: str, fmt: str) -> None:
    diags = _check_diagnostics(text, fmt)
    fixed, _ = apply_once(text, diags, Applicability.SAFE)
    assert fixed.encode("utf-8").decode("utf-8") == fixed


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=romanian_like, fmt=formats)
def test_fix_until_stable_keeps_text_valid(text: str, fmt: str) -> None:
    def check(t: str) -> list:
        return linter().lint(Document.from_text(t, "fuzz.md" if fmt == "markdown" else "fuzz.txt", fmt))

    result = fix_until_stable(text, check, Applicability.SAFE)
    assert result.text.encode("utf-8").decode("utf-8") == result.text
    if result.text != text:
        _check_diagnostics(result.text, fmt)  # the fixed text is itself checkable, in bounds


@settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=400) | texts.map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_any_bytes_decode_or_refuse_cleanly(data: bytes) -> None:
    from rolint.source import InputError, decode

    try:
        src = decode(data, "fuzz.txt")
    except InputError as exc:
        assert "fuzz.txt" in str(exc)
        return
    src.encode(src.text)  # round trip of what was accepted
    _check_diagnostics(src.text, "text")
