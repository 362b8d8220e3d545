"""rolint.sectioned: a large plain text checked section by section gives the findings and fixes of a whole check."""

from __future__ import annotations

import copy
import sys
from pathlib import Path

import pytest

from rolint import sectioned
from rolint.config import Config
from rolint.diagnostics import Applicability, Diagnostic
from rolint.document import Document
from rolint.fix import fix_until_stable
from rolint.lint import Linter

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SECTION = 150_000  # characters: the generated text makes about 14 sections


def key(d: Diagnostic) -> tuple:
    return (d.start, d.end, d.rule, d.message, d.category, d.severity, d.source, d.replacements, d.fix)


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(Config())


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> str:
    """About 2 MB of article paragraphs with injected errors: cedilla letters (beside comma-below ones: the
    document-level ``mixed`` finding), wrong quotes, doubled spaces (typos make the whole-file reference
    check slow: each unknown word costs milliseconds)."""
    from bench.archive import big_text

    path = big_text(tmp_path_factory.mktemp("big") / "big.txt", 2_000_000, seed=5,
                    kinds=("cedilla", "quotes", "quotes", "space", "space", "space"))
    text = path.read_text("utf-8")
    # a name spelled right in the first section and wrong in the last (context.near-name: document counts)
    return "Coreea a anunțat. Coreea a trimis. Coreea a cerut.\n\n" + text + "Presa din Corea a scris.\n"


class Checked:
    """Findings per text, whole and in sections, each computed once (fixing re-checks the same texts)."""

    def __init__(self, linter: Linter) -> None:
        self.linter = linter
        self.memo: dict[tuple[str, str], list[Diagnostic]] = {}

    def _get(self, how: str, text: str) -> list[Diagnostic]:
        if (how, text) not in self.memo:
            doc = Document.from_text(text, "big.txt")
            if how == "whole":
                self.memo[how, text] = self.linter.finish(doc, self.linter.findings(doc))
            else:
                self.memo[how, text] = sectioned.lint_sectioned(self.linter, doc, SECTION)
        return [copy.copy(d) for d in self.memo[how, text]]

    def whole(self, text: str) -> list[Diagnostic]:
        return self._get("whole", text)

    def in_sections(self, text: str) -> list[Diagnostic]:
        return self._get("sections", text)


@pytest.fixture(scope="module")
def checked(linter: Linter) -> Checked:
    return Checked(linter)


def whole(linter: Linter, text: str) -> list[Diagnostic]:
    doc = Document.from_text(text, "big.txt")
    return linter.finish(doc, linter.findings(doc))


def test_sections_are_cut_after_paragraph_breaks() -> None:
    text = "".join(f"Paragraful {i}, pe un rând.\nȘi încă un rând.\n\n" for i in range(2000))
    spans = sectioned.section_spans(text, 5000)
    assert len(spans) > 10 and spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:], strict=False))
    assert all(text[s - 2 : s] == "\n\n" for s, _ in spans[1:])
    no_blank = "Un rând fără paragrafe.\n" * 3000
    cuts = sectioned.section_spans(no_blank, 5000)
    assert len(cuts) > 10 and all(no_blank[s - 1] == "\n" for s, _ in cuts[1:])


def test_findings_are_those_of_the_whole_file(checked: Checked, big: str) -> None:
    assert len(sectioned.section_spans(big, SECTION)) >= 10
    got = checked.in_sections(big)
    assert [key(d) for d in got] == [key(d) for d in checked.whole(big)]
    rules = {d.rule for d in got}
    assert {"diacritics.cedilla", "diacritics.mixed", "typography.quotes-english", "context.near-name",
            "typography.double-space"} <= rules
    (mixed,) = [d for d in got if d.rule == "diacritics.mixed"]
    assert big[mixed.start] in "şţ" and "ş" not in big[: mixed.start] and "ţ" not in big[: mixed.start]
    assert any(big[d.start : d.end] == "Corea" and d.start > len(big) - 100
               for d in got if d.rule == "context.near-name")


def test_fixes_are_those_of_the_whole_file(checked: Checked, big: str) -> None:
    by_sections = fix_until_stable(big, checked.in_sections, Applicability.SAFE)
    by_whole = fix_until_stable(big, checked.whole, Applicability.SAFE)
    assert by_sections.applied == by_whole.applied and by_sections.applied["diacritics.cedilla"] > 100
    assert by_sections.text == by_whole.text


def test_linter_checks_large_plain_texts_in_sections(linter: Linter, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    real = sectioned.lint_sectioned
    monkeypatch.setattr(sectioned, "SECTIONED_FROM", 1000)
    monkeypatch.setattr(sectioned, "lint_sectioned", lambda lt, doc: calls.append(len(doc.text)) or real(lt, doc, 500))
    text = "Sistemul şi aplicaţiile lui.\n\n" * 100
    assert [key(d) for d in linter.lint(Document.from_text(text, "a.txt"))] == [key(d) for d in whole(linter, text)]
    assert calls == [len(text)]


def test_suppressions_span_sections(linter: Linter) -> None:
    para = "Sistemul şi aplicaţiile lui, spuse el, au fost actualizate ieri.\n\n"
    text = (para * 400 + "<!-- rolint-disable diacritics -->\n\n" + para * 800 + "<!-- rolint-enable -->\n\n"
            + para * 400)
    got = sectioned.lint_sectioned(linter, Document.from_text(text, "s.txt"), 20_000)
    assert [key(d) for d in got] == [key(d) for d in whole(linter, text)]
    start, end = text.index("rolint-disable"), text.index("rolint-enable")
    assert not any(start <= d.start < end and d.rule.startswith("diacritics") for d in got)
    assert any(d.start > end and d.rule == "diacritics.cedilla" for d in got)


def test_markdown_and_small_texts_are_checked_whole() -> None:
    large = "Un rând.\n\n" * (sectioned.SECTIONED_FROM // 10 + 1)
    assert sectioned.wanted(Document("a.txt", large, "text"))
    assert not sectioned.wanted(Document("a.md", large, "markdown"))
    assert not sectioned.wanted(Document.from_text("Un rând.\n", "a.txt"))
