"""A large plain-text document checked section by section, with the findings of checking it whole.

Memory of a check grows with the document (a token tuple per word, the token index, per-word caches):
about 58 MB per MB of text. A plain-text document over :data:`SECTIONED_FROM` characters is therefore
cut at paragraph breaks (a blank line, the break the tokenizer itself knows) into sections of about
:data:`SECTION_CHARS`, and checked in two passes:

1. a cheap pass gathers what the document-level checks need from every section: the vocabulary and
   name counts (:class:`rolint.checks.word_evidence.DocInfo`, merged with ``merge_doc_info``) and, for
   each ``mixed`` rule (cedilla and comma-below letters in one document), the counts and the first
   legacy letter;
2. each section is checked as a Document of its own, its cache seeded with the whole document's DocInfo
   (and the facts derived from it alone, computed once); its findings are moved to file offsets; the
   ``mixed`` findings come from pass 1. Merging and inline suppressions then run over the whole document.

Only the text, its prose view (the text itself when nothing is masked) and the findings are held for the
whole document. A tokenizer break never spans two sections, so tokens, sentences and paragraphs are those
of the whole text. A text without a blank line within :data:`MAX_SECTION_FACTOR` sections' length is cut
at a line break instead (rare: the findings next to such a cut may then differ from a whole check, as a
token sequence running across that line break is not seen). Markdown and HTML documents are checked whole.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import regex

from rolint.diagnostics import Diagnostic, Edit, Fix
from rolint.document import Document

if TYPE_CHECKING:
    from rolint.lint import Linter

__all__ = ["SECTIONED_FROM", "SECTION_CHARS", "lint_sectioned", "section_spans", "wanted"]

SECTION_CHARS = 1_000_000  # characters per section (about 60 MB of working memory)
SECTIONED_FROM = 4_000_000  # plain texts of more characters are checked section by section
MAX_SECTION_FACTOR = 8  # no blank line within this many sections' length: cut at a line break
PARAGRAPH_BREAK = regex.compile(r"\n[ \t]*\n")  # rolint.document.BREAK_RE's paragraph break
LINE_BREAK = regex.compile(r"\n")
#: cache entries that depend only on the whole document's DocInfo (and the speller): computed by the first
#: section that needs them, then handed to the next ones
DERIVED_KEYS = ("spelling.unknown-forms", "spelling.unknown-sorted", "spelling.stems", "spelling.unknown-rate")


def wanted(doc: Document) -> bool:
    return doc.format == "text" and len(doc.text) > SECTIONED_FROM


def section_spans(text: str, size: int = SECTION_CHARS) -> list[tuple[int, int]]:
    """[start, end) of consecutive sections covering ``text``, each cut just after a paragraph break found
    at or after ``size`` characters."""
    spans = []
    start, n = 0, len(text)
    while n - start > size:
        m = PARAGRAPH_BREAK.search(text, start + size, min(n, start + size * MAX_SECTION_FACTOR))
        if m is None:
            m = LINE_BREAK.search(text, start + size)
            if m is None:
                break
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, n))
    return spans


def _section(doc: Document, start: int, end: int) -> Document:
    return Document(doc.path, doc.text[start:end], doc.format, prose=doc.prose[start:end], source=None)


def _moved(d: Diagnostic, offset: int) -> Diagnostic:
    d.start += offset
    d.end += offset
    if d.fix is not None:
        d.fix = Fix(tuple(Edit(e.start + offset, e.end + offset, e.content) for e in d.fix.edits),
                    d.fix.applicability)
    return d


def lint_sectioned(linter: Linter, doc: Document, size: int = SECTION_CHARS) -> list[Diagnostic]:
    """The findings of ``linter.lint(doc)``, computed a section at a time."""
    from rolint.checks.word_evidence import doc_info, merge_doc_info
    from rolint.engine.kinds.charmap import MixedFormsRule

    spans = section_spans(doc.text, size)
    mixed = [r for r in linter.rules if isinstance(r, MixedFormsRule)]
    # pass 1: the document-level facts
    legacy = {r.id: 0 for r in mixed}
    modern = {r.id: 0 for r in mixed}
    first: dict[str, tuple[int, int]] = {}

    def infos() -> Iterator:
        for start, end in spans:
            section = _section(doc, start, end)
            for r in mixed:
                legacy[r.id] += len(r.legacy.findall(section.prose))
                modern[r.id] += len(r.modern.findall(section.prose))
                if r.id not in first and (m := r.legacy.search(section.prose)):
                    first[r.id] = (start + m.start(), start + m.end())
            yield doc_info(section)

    shared: dict[str, object] = {"spelling.info": merge_doc_info(infos())}
    # pass 2: section by section
    found: list[Diagnostic] = []
    mixed_ids = {r.id for r in mixed}
    for start, end in spans:
        section = _section(doc, start, end)
        section.cache.update(shared)
        found.extend(_moved(d, start) for d in linter.findings(section) if d.rule not in mixed_ids)
        shared.update((k, section.cache[k]) for k in DERIVED_KEYS if k in section.cache and k not in shared)
    whole = [r.diagnostic(*first[r.id], legacy=str(legacy[r.id]), modern=str(modern[r.id]))
             for r in mixed if legacy[r.id] and modern[r.id]]
    return linter.finish(doc, linter.select(whole) + found)  # the rules' findings come first, as in lint()
