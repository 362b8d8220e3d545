"""rolint's precision layer over LanguageTool's findings (rolint.languagetool.precision), without a server."""

from __future__ import annotations

from rolint.diagnostics import Diagnostic, Severity
from rolint.document import Document
from rolint.languagetool.precision import filter_matches

TEXT = "Delegația a ajuns la Ulaanbaatarul ieri și a semant o notă.\n"


def _at(word: str, rule: str, category: str, severity: Severity = Severity.ERROR) -> Diagnostic:
    start = TEXT.index(word)
    return Diagnostic(rule=rule, message="", start=start, end=start + len(word), category=category, severity=severity)


def test_a_dictionary_match_stays_only_where_rolint_reports_the_word_wrong() -> None:
    doc = Document.from_text(TEXT, "t.txt")
    lt = [_at(w, "lt.MORFOLOGIK_RULE_RO_RO", "spelling") for w in ("Ulaanbaatarul", "semant")]
    own = [
        _at("Ulaanbaatarul", "spelling.unknown-word", "spelling", Severity.INFO),  # probably right: a name
        _at("semant", "spelling.misspelling", "spelling"),
    ]
    kept = filter_matches(doc, lt, own)
    assert [TEXT[d.start : d.end] for d in kept] == ["semant"]
    assert filter_matches(doc, lt, []) == []  # rolint's speller silent: its call


def test_other_matches_are_not_the_spellers_call() -> None:
    doc = Document.from_text(TEXT, "t.txt")
    grammar = _at("a ajuns", "lt.SOME_GRAMMAR_RULE", "grammar")
    assert filter_matches(doc, [grammar], []) == [grammar]
