"""Property tests of fix mode on generated Romanian-like text with injected errors (cedilla letters,
”wrong quotes”, double spaces, "urmă cu" without "în"), offline (no LanguageTool):

- fixing twice equals fixing once;
- after fixing, no safe fix remains;
- every pass changes only the spans of the fixes it applies (all other characters stay, in order);
- CRLF line endings and the UTF-8 BOM survive a file round trip (read → fix → atomic write → read).
"""

from __future__ import annotations

import codecs
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rolint.config import Config
from rolint.diagnostics import Applicability, Diagnostic
from rolint.document import Document
from rolint.fix import apply_once, choose, fix_until_stable
from rolint.lint import Linter
from rolint.source import read_path
from rolint.write import write_fixed

SAFE = Applicability.SAFE
LINTER = Linter(Config(), languagetool=None)
PROPS = settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])

WORDS = (
    "și în de la cu pentru că este sunt au a fost această acest după către din pe prin "
    "țara țării orașul orașului științe științific președintele președinției județul județului "
    "guvernul ministrul ministerul anunțat spus cerut făcut prețurile prețul față situație situația "
    "săptămână săptămâna anul luna martie aprilie București Timișoara Iași Constanța România "
    "românești școală școlii învățământ învățătorul reformă reforma opoziția transparență "
    "lucrări lucrările proiectul proiectului drumul podul noi mari mici multe puține deja încă "
    "astăzi ieri mâine atât însă deși totuși oamenii cetățenii cetățenilor întâlnire întâlnirea"
).split()
CEDILLA = str.maketrans("șțȘȚ", "şţŞŢ")


@st.composite
def sentence(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=3, max_size=12))
    if draw(st.booleans()):  # cedilla letters in some words
        flags = draw(st.lists(st.booleans(), min_size=len(words), max_size=len(words)))
        words = [w.translate(CEDILLA) if f else w for w, f in zip(words, flags, strict=True)]
    if draw(st.integers(0, 3)) == 0:  # "urmă cu" without "în"
        at = draw(st.integers(1, len(words)))
        words[at:at] = ["urmă", "cu", "doi", "ani"]
    if len(words) > 3 and draw(st.booleans()):  # ”wrong quotes” around a few words
        a = draw(st.integers(0, len(words) - 2))
        b = draw(st.integers(a + 1, min(len(words), a + 3)))
        words[a] = "”" + words[a]
        words[b - 1] = words[b - 1] + "”"
    seps = [draw(st.sampled_from([" ", " ", " ", "  "])) for _ in words[1:]]  # double spaces
    out = words[0][:1].upper() + words[0][1:]
    for sep, w in zip(seps, words[1:], strict=True):
        out += sep + w
    return out + draw(st.sampled_from([".", ".", "!", "?"]))


@st.composite
def document(draw: st.DrawFn) -> str:
    paragraphs = draw(st.lists(st.lists(sentence(), min_size=1, max_size=4).map(" ".join), min_size=1, max_size=4))
    return "\n\n".join(paragraphs) + draw(st.sampled_from(["\n", ""]))


def check_of(path: str):  # type: ignore[no-untyped-def]
    def check(text: str) -> list[Diagnostic]:
        return LINTER.lint(Document.from_text(text, path))

    return check


def fix(text: str, path: str = "draft.txt") -> str:
    result = fix_until_stable(text, check_of(path), SAFE)
    assert result.converged
    return result.text


@PROPS
@given(document(), st.sampled_from(["draft.txt", "draft.md"]))
def test_fix_is_idempotent_and_complete(text: str, path: str) -> None:
    check = check_of(path)
    once = fix(text, path)
    assert fix(once, path) == once  # fixing twice equals fixing once
    assert choose(check(once), SAFE, once) == []  # no safe fix remains
    # the injected errors the safe rules own are gone
    assert not any(c in once for c in "şţŞŢ")
    assert "  " not in once
    assert not re.search(r"(^|\s)”\w", once)  # no ” opening a quote


@PROPS
@given(document())
def test_only_fix_spans_change(text: str) -> None:
    """Replay the loop pass by pass: outside the chosen edits, every character stays, in order."""
    check = check_of("draft.txt")
    current = text
    for _ in range(10):
        new, chosen = apply_once(current, check(current), SAFE)
        if not chosen:
            break
        edits = sorted((e for d in chosen for e in d.fix.edits), key=lambda e: (e.start, e.end))  # type: ignore[union-attr]
        shift = 0
        pos = 0
        for e in edits:
            gap = current[pos : e.start]
            assert new[pos + shift : e.start + shift] == gap
            assert new[e.start + shift : e.start + shift + len(e.content)] == e.content
            shift += len(e.content) - (e.end - e.start)
            pos = e.end
        assert new[pos + shift :] == current[pos:]
        assert len(new) == len(current) + shift
        current = new


@PROPS
@given(document(), st.booleans(), st.booleans())
def test_crlf_and_bom_survive_file_round_trip(text: str, crlf: bool, bom: bool) -> None:
    if crlf:
        text = text.replace("\n", "\r\n")
    with tempfile.TemporaryDirectory() as tmp:
        f = Path(tmp) / "draft.txt"
        f.write_bytes((codecs.BOM_UTF8 if bom else b"") + text.encode("utf-8"))
        source = read_path(f)
        assert source.text == text and source.bom is bom
        fixed = fix(source.text)
        write_fixed(source, fixed)
        data = f.read_bytes()
        assert data.startswith(codecs.BOM_UTF8) is bom
        body = data[3:] if bom else data
        assert body.decode("utf-8") == fixed
        if crlf:
            assert body.count(b"\n") == body.count(b"\r\n") == text.count("\r\n")
        else:
            assert b"\r" not in body
        assert sorted(p.name for p in Path(tmp).iterdir()) == ["draft.txt"]  # no temp file left
