"""LanguageToolCheck against the real server (session fixture)."""

from __future__ import annotations

import pytest

from rolint.checks import CheckContext
from rolint.diagnostics import Applicability
from rolint.document import Document
from rolint.languagetool import LanguageToolCheck, server
from rolint.languagetool.cache import ResultCache
from rolint.languagetool.client import LTClient

pytestmark = pytest.mark.usefixtures("lt_env")


def _run(text: str, path: str = "t.txt", options: dict[str, object] | None = None, **kw: object):
    doc = Document.from_text(text, path)
    check = LanguageToolCheck(**kw)  # type: ignore[arg-type]
    ctx = CheckContext(options={"languagetool": options or {}})
    return doc, check, check.run(doc, ctx)


def test_grammar_finding(tmp_path) -> None:
    doc, _, diags = _run("Sunt cei mai bun dintre toți.", cache=ResultCache(tmp_path / "c.sqlite3"))
    hits = [d for d in diags if d.rule == "lt.CEI_MAI_SUBST_PLURAL"]
    assert hits, diags
    d = hits[0]
    assert d.source == "languagetool"
    assert d.category == "grammar"
    assert doc.text[d.start : d.end] == "cei mai bun"
    assert d.replacements[0] == "cei mai buni"
    assert d.fix is not None and d.fix.applicability is Applicability.UNSAFE


def test_spelling_is_exposed_with_category(tmp_path) -> None:
    doc, _, diags = _run("Aceasta este o propozitie scurtă.", cache=ResultCache(tmp_path / "c.sqlite3"))
    spell = [d for d in diags if d.rule == "lt.MORFOLOGIK_RULE_RO_RO"]
    assert [doc.text[d.start : d.end] for d in spell] == ["propozitie"]
    assert spell[0].category == "spelling"
    assert "propoziție" in spell[0].replacements
    assert len(spell[0].replacements) <= 5


def test_markdown_offsets_in_original_text(tmp_path) -> None:
    text = (
        "# Ghid\n\n"
        "Comanda `git status --porcelain` arată starea, iar `ls` listează fișierele; "
        "sunt cei mai bun dintre toți.\n\n"
        "```\nsunt cei mai bun\n```\n\n"
        "Vezi [documentația](https://example.com/propozitie) pentru o propozitie.\n"
    )
    doc, _, diags = _run(text, "doc.md", cache=ResultCache(tmp_path / "c.sqlite3"))
    spans = {(d.rule, doc.text[d.start : d.end], d.start) for d in diags}
    first = text.index("cei mai bun")
    assert ("lt.CEI_MAI_SUBST_PLURAL", "cei mai bun", first) in spans
    # nothing inside the code block or the URL
    code = text.index("```")
    assert all(not (code <= d.start < text.index("```", code + 3) + 3) for d in diags)
    url = text.index("https://")
    assert all(not (url <= d.start < text.index(")", url)) for d in diags)
    last = text.rindex("propozitie")
    assert ("lt.MORFOLOGIK_RULE_RO_RO", "propozitie", last) in spans


def record_sent(monkeypatch) -> list[str]:  # type: ignore[no-untyped-def]
    """The texts the client sends to the real server, recorded as they go."""
    sent: list[str] = []
    original = LTClient.check

    def spy(self, text, disable=(), enable=()):  # type: ignore[no-untyped-def]
        sent.append(text)
        return original(self, text, disable, enable)

    monkeypatch.setattr(LTClient, "check", spy)
    return sent


def test_cedilla_text_is_sent_mapped(tmp_path, monkeypatch) -> None:
    sent = record_sent(monkeypatch)
    doc, _, diags = _run("Ţara şi oraşele ţin la tradiţii.", cache=ResultCache(tmp_path / "c.sqlite3"))
    assert sent == ["Țara și orașele țin la tradiții."]
    assert not [d for d in diags if d.category == "spelling"], diags


def test_astral_characters_keep_offsets(tmp_path) -> None:
    text = "Bravo 😀 🎉! Aceasta este o propozitie."
    doc, _, diags = _run(text, cache=ResultCache(tmp_path / "c.sqlite3"))
    assert "propozitie" in [doc.text[d.start : d.end] for d in diags]


def test_disable_and_cache_key_by_settings(tmp_path) -> None:
    cache = ResultCache(tmp_path / "c.sqlite3")
    text = "Sunt cei mai bun dintre toți."
    _, _, diags = _run(text, options={"disable": ["CEI_MAI_SUBST_PLURAL"]}, cache=cache)
    assert not [d for d in diags if d.rule == "lt.CEI_MAI_SUBST_PLURAL"]
    _, _, diags = _run(text, cache=cache)
    assert [d for d in diags if d.rule == "lt.CEI_MAI_SUBST_PLURAL"]


def test_cache_hit_does_not_contact_server(tmp_path, monkeypatch) -> None:
    cache = ResultCache(tmp_path / "c.sqlite3")
    text = "Sunt cei mai bun dintre toți.\n\nAceasta este o propozitie.\n"
    _, first, diags1 = _run(text, cache=cache)
    assert first.requests == 1

    def boom(*a: object, **k: object) -> None:
        raise AssertionError("server contacted")

    monkeypatch.setattr(server, "ensure_server", boom)
    monkeypatch.setattr(LTClient, "check", boom)
    _, second, diags2 = _run(text, cache=cache)
    assert second.requests == 0
    assert [(d.rule, d.start, d.end) for d in diags1] == [(d.rule, d.start, d.end) for d in diags2]


def test_only_changed_paragraph_is_sent(tmp_path, monkeypatch) -> None:
    cache = ResultCache(tmp_path / "c.sqlite3")
    _run("Primul paragraf.\n\nAl doilea paragraf.\n", cache=cache)
    sent = record_sent(monkeypatch)
    _run("Primul paragraf.\n\nAl treilea paragraf.\n", cache=cache)
    assert sent == ["Al treilea paragraf."]
