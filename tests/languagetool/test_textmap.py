"""Prose blocks sent to LanguageTool and their offsets (no server needed)."""

from __future__ import annotations

from rolint.document import Document
from rolint.languagetool.textmap import CEDILLA, blocks


def _check_offsets(doc: Document) -> None:
    for b in blocks(doc):
        assert len(b.text) == len(b.offsets)
        for ch, off in zip(b.text, b.offsets, strict=True):
            assert ch == " " or doc.text[off].translate(CEDILLA) == ch


def test_plain_text_paragraphs_and_cedilla() -> None:
    doc = Document.from_text("Ţara mea e frumoasă.\n\nAl doilea paragraf, cu ş şi ţ.\n")
    got = [b.text for b in blocks(doc)]
    assert got == ["Țara mea e frumoasă.", "Al doilea paragraf, cu ș și ț."]
    _check_offsets(doc)


def test_markdown_code_links_and_emphasis_are_not_sent() -> None:
    text = "# Titlu\n\nRulează `ls -la` acum, vezi [pagina](http://x.ro) și **textul** ăsta.\n\n- unu\n- doi\n"
    doc = Document.from_text(text, "a.md")
    got = [b.text for b in blocks(doc)]
    assert got == ["Titlu", "Rulează acum, vezi pagina și textul ăsta.", "unu", "doi"]
    _check_offsets(doc)


def test_code_blocks_are_skipped_and_span_maps_back() -> None:
    text = "Text înainte.\n\n```\ncod sursă\n```\n\nUn `x` și un `y` aici.\n"
    doc = Document.from_text(text, "a.md")
    bs = blocks(doc)
    assert [b.text for b in bs] == ["Text înainte.", "Un și un aici."]
    last = bs[-1]
    i = last.text.index("aici")
    start, end = last.span(i, 4)
    assert text[start:end] == "aici"
