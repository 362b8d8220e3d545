"""The fix loop (rolint.fix) and fix mode of the CLI: --fix, --unsafe-fixes, --diff, stdin, --interactive."""

from __future__ import annotations

import io
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from rich.console import Console

from rolint.cli import main, unified_diff
from rolint.config import Config
from rolint.diagnostics import Applicability, Diagnostic, Edit, Fix
from rolint.document import Document
from rolint.fix import apply_edits, apply_once, choose, fix_until_stable, spans_conflict
from rolint.interactive import review
from rolint.lint import Linter

SAFE, UNSAFE, NONE = Applicability.SAFE, Applicability.UNSAFE, Applicability.DISPLAY_ONLY
DRAFT = "Aşa  a spus ”ceva” ministrul urmă cu doi ani.\n"
FIXED = "Așa a spus „ceva” ministrul în urmă cu doi ani.\n"


def diag(start: int, end: int, content: str, level: Applicability = SAFE, rule: str = "t.r") -> Diagnostic:
    return Diagnostic(rule, "m", start, end, fix=Fix.replace(start, end, content, level))


# -- conflicts -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "conflict"),
    [
        ((0, 3), (3, 5), False),  # touching replacements
        ((0, 3), (2, 5), True),  # overlapping
        ((0, 5), (1, 2), True),  # nested
        ((3, 3), (3, 3), True),  # two insertions at the same point
        ((3, 3), (4, 4), False),
        ((3, 3), (3, 5), False),  # insertion at the start of a replaced span
        ((5, 5), (3, 5), False),  # insertion at its end
        ((4, 4), (3, 5), True),  # insertion inside a replaced span
        ((3, 5), (4, 4), True),
    ],
)
def test_spans_conflict(a: tuple[int, int], b: tuple[int, int], conflict: bool) -> None:
    assert spans_conflict(*a, *b) is conflict
    assert spans_conflict(*b, *a) is conflict


def test_choose_keeps_adjacent_and_defers_conflicts() -> None:
    text = "abcdef"
    ds = [diag(0, 2, "X", rule="a"), diag(2, 4, "Y", rule="b"), diag(3, 5, "Z", rule="c"), diag(6, 6, "!", rule="d"),
          diag(6, 6, "?", rule="e")]
    chosen = choose(ds, SAFE, text)
    assert [d.rule for d in chosen] == ["a", "b", "d"]
    new, _ = apply_once(text, ds, SAFE)
    assert new == "XYef!"


def test_choose_by_applicability_and_noop() -> None:
    text = "abc"
    ds = [diag(0, 1, "A", SAFE, "s"), diag(1, 2, "B", UNSAFE, "u"), diag(2, 3, "C", NONE, "n"),
          diag(2, 3, "c", SAFE, "noop")]
    assert [d.rule for d in choose(ds, SAFE, text)] == ["s"]
    assert [d.rule for d in choose(ds, UNSAFE, text)] == ["s", "u"]


def test_apply_edits_refuses_overlaps() -> None:
    assert apply_edits("abc", [Edit(1, 1, "x"), Edit(1, 2, "Y")]) == "axYc"
    with pytest.raises(ValueError):
        apply_edits("abc", [Edit(0, 2, "x"), Edit(1, 3, "y")])
    with pytest.raises(ValueError):
        apply_edits("abc", [Edit(2, 9, "x")])


def test_fix_until_stable_second_pass_for_conflicts() -> None:
    # rule r1 replaces "aa" by "a": overlapping matches wait for the next pass, after a re-check
    def check(text: str) -> list[Diagnostic]:
        return [diag(i, i + 2, "a", rule="r1") for i in range(len(text) - 1) if text[i : i + 2] == "aa"]

    result = fix_until_stable("aaa baaaa", check, SAFE)
    assert result.text == "a ba"
    assert result.converged and result.passes == 2
    assert result.applied == Counter({"r1": 5})  # 3 in the first pass, 2 in the second
    assert result.remaining == []


def test_fix_until_stable_gives_up_loudly() -> None:
    def flip(text: str) -> list[Diagnostic]:  # x → y → x → …: never stable
        return [diag(0, 1, "y" if text[0] == "x" else "x", rule="flip")]

    result = fix_until_stable("x", flip, SAFE, max_passes=5)
    assert not result.converged and result.passes == 5


def test_fix_until_stable_real_linter() -> None:
    linter = Linter(Config(), languagetool=None)

    def check(text: str) -> list[Diagnostic]:
        return linter.lint(Document.from_text(text, "x.txt"))

    result = fix_until_stable(DRAFT, check, SAFE)
    assert result.text == FIXED
    assert {"diacritics.cedilla", "typography.double-space", "typography.quotes-english",
            "expressions.in-urma-cu"} <= set(result.applied)
    assert not choose(check(result.text), SAFE, result.text)


# -- CLI --------------------------------------------------------------------------------------


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_fix_writes_and_reports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "draft.txt"
    f.write_text(DRAFT, encoding="utf-8")
    code, out, _ = run(["check", "--no-languagetool", "--color", "never", "--fix", str(f)], capsys)
    assert f.read_text(encoding="utf-8") == FIXED
    assert code == 0
    assert "fixed:" in out and "diacritics.cedilla ×1" in out and "expressions.in-urma-cu ×1" in out
    # second run: nothing to do, nothing written
    mtime = f.stat().st_mtime_ns
    code, out, _ = run(["check", "--no-languagetool", "--color", "never", "--fix", str(f)], capsys)
    assert code == 0 and f.stat().st_mtime_ns == mtime and "fixed:" not in out


def test_cli_fix_reports_what_remains(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "draft.txt"
    f.write_text("Aşa va rugăm să veniți.\n", encoding="utf-8")  # va → vă is an unsafe fix
    code, out, _ = run(["check", "--no-languagetool", "--color", "never", "--fix", str(f)], capsys)
    assert f.read_text(encoding="utf-8") == "Așa va rugăm să veniți.\n"
    assert code == 1 and "diacritics.va-before-verb" in out and "fixed: diacritics.cedilla ×1" in out
    code, out, _ = run(["check", "--no-languagetool", "--fix", "--unsafe-fixes", str(f)], capsys)
    assert f.read_text(encoding="utf-8") == "Așa vă rugăm să veniți.\n" and code == 0


def test_cli_diff_writes_nothing_and_matches_fix(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "draft.txt"
    f.write_text(DRAFT, encoding="utf-8")
    code, out, err = run(["check", "--no-languagetool", "--color", "never", "--diff", str(f)], capsys)
    assert code == 1 and f.read_text(encoding="utf-8") == DRAFT
    assert out == unified_diff(str(f), DRAFT, FIXED)
    assert "\x1b[" not in out and "Would fix 4 problem(s)" in err
    # the diff applies with patch and gives what --fix writes
    if subprocess.run(["which", "patch"], capture_output=True).returncode == 0:
        g = tmp_path / "copy.txt"
        g.write_text(DRAFT, encoding="utf-8")
        subprocess.run(["patch", "-s", str(g)], input=out.encode(), check=True)
        assert g.read_text(encoding="utf-8") == FIXED
    code, out, _ = run(["check", "--no-languagetool", "--color", "always", "--diff", str(f)], capsys)
    assert "\x1b[32m+" in out and "\x1b[31m-" in out
    f.write_text(FIXED, encoding="utf-8")
    code, out, err = run(["check", "--no-languagetool", "--diff", str(f)], capsys)
    assert code == 0 and out == ""


def test_unified_diff_marks_missing_final_newline() -> None:
    d = unified_diff("x.txt", "şi", "și")
    assert d.endswith("-şi\n\\ No newline at end of file\n+și\n\\ No newline at end of file\n")


def test_cli_stdin_fix_to_stdout(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(DRAFT.encode())))
    code, out, err = run(["check", "--no-languagetool", "--fix", "-"], capsys)
    assert out == FIXED and code == 0 and "fixed:" in err
    # nothing to fix: the text still goes to stdout, unchanged
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(FIXED.encode())))
    code, out, _ = run(["check", "--no-languagetool", "--fix", "-"], capsys)
    assert out == FIXED and code == 0
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(DRAFT.encode())))
    code, out, _ = run(["check", "--no-languagetool", "--diff", "--stdin-filename", "d.md", "-"], capsys)
    assert code == 1 and out.startswith("--- a/d.md\n+++ b/d.md\n")


def test_cli_fix_json_counts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    f = tmp_path / "draft.md"
    f.write_text(DRAFT, encoding="utf-8")
    code, out, _ = run(["check", "--no-languagetool", "--format", "json", "--fix", str(f)], capsys)
    data = json.loads(out)
    assert code == 0 and data["files"][0]["diagnostics"] == []


# -- interactive -------------------------------------------------------------------------------


def _review(text: str, answers: str) -> tuple[str, str, object]:
    linter = Linter(Config(), languagetool=None)
    doc = Document.from_text(text, "x.txt")
    buf = io.StringIO()
    console = Console(file=buf, color_system=None, width=200)
    result = review(doc, linter.lint(doc), console, io.StringIO(answers))
    return result.text, buf.getvalue(), result


def test_interactive_accept_skip_quit() -> None:
    # findings in order: cedilla, double space, quotes, în urmă cu
    text, shown, result = _review(DRAFT, "a\ns\nbogus\na\nq\n")
    assert text == "Așa  a spus „ceva” ministrul urmă cu doi ani.\n"
    assert "[a]ccept / [s]kip" in shown and "please answer one of" in shown
    assert "[-ş-]{+ș+}" in shown  # the change shown as a diff
    assert result.quit and result.skipped == 1 and result.changed == 2


def test_interactive_end_of_input_is_quit() -> None:
    text, _, result = _review(DRAFT, "a\n")
    assert text == "Așa  a spus ”ceva” ministrul urmă cu doi ani.\n" and result.quit


def test_interactive_other_suggestion() -> None:
    doc = Document.from_text("Un cuvant aici.\n", "x.txt")
    d = Diagnostic("spelling.unknown-word", "m", 3, 9, replacements=["cuvânt", "cuvinte"],
                   fix=Fix.replace(3, 9, "cuvânt", UNSAFE))
    buf = io.StringIO()
    result = review(doc, [d], Console(file=buf, color_system=None, width=200), io.StringIO("o\n2\n"))
    assert result.text == "Un cuvinte aici.\n"
    assert "1." in buf.getvalue() and "2." in buf.getvalue() and "[o]ther suggestion" in buf.getvalue()


def test_cli_interactive(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    f = tmp_path / "draft.txt"
    f.write_text(DRAFT, encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", io.StringIO("a\na\na\na\n"))
    code, out, _ = run(["check", "--no-languagetool", "--color", "never", "--interactive", str(f)], capsys)
    assert f.read_text(encoding="utf-8") == FIXED and code == 0
    assert "changed:" in out
    assert run(["check", "--no-languagetool", "--interactive", "-"], capsys)[0] == 2


def test_cli_warns_when_fixes_do_not_converge(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rules = tmp_path / "myrules"
    rules.mkdir()
    (rules / "flip.yaml").write_text(
        "rules:\n"
        "  - id: house.okay\n"
        "    kind: substitution\n"
        "    message: Nu „{match}”.\n"
        "    category: style\n"
        "    fix: safe\n"
        "    swap: {okay: bine}\n"
        "    examples: [{bad: E okay., fixed: E bine.}, {good: E bine.}]\n"
        "  - id: house.bine\n"
        "    kind: substitution\n"
        "    message: Nu „{match}”.\n"
        "    category: style\n"
        "    fix: safe\n"
        "    swap: {bine: okay}\n"
        "    examples: [{bad: E bine., fixed: E okay.}, {good: E okay.}]\n",
        encoding="utf-8",
    )
    (tmp_path / "rolint.toml").write_text('rules = ["myrules"]\n', encoding="utf-8")
    f = tmp_path / "d.txt"
    f.write_text("Totul e okay.\n", encoding="utf-8")
    code, _, err = run(["check", "--no-languagetool", "--color", "never", "--fix", str(f)], capsys)
    assert "failed to converge after 10 passes" in err and "house.okay" in err
    assert code == 1 and f.read_text(encoding="utf-8") == "Totul e okay.\n"  # not converged: left as it was


def _growing_pack(root: Path) -> None:
    """A rule pack whose fix grows the text every pass ("x" → "xx" → "xxxx" …): never stable."""
    rules = root / "myrules"
    rules.mkdir()
    (rules / "grow.yaml").write_text(
        "rules:\n"
        "  - id: house.grow\n"
        "    kind: pattern\n"
        "    message: Prea puțin x.\n"
        "    category: style\n"
        "    fix: safe\n"
        "    pattern: 'x+'\n"
        "    replacement: '\\g<0>x'\n"
        "    examples: [{bad: un x aici, fixed: un xx aici}, {good: un y aici}]\n",
        encoding="utf-8",
    )
    (root / "rolint.toml").write_text('rules = ["myrules"]\n', encoding="utf-8")


def test_cli_fix_does_not_write_text_that_never_converges(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _growing_pack(tmp_path)
    f = tmp_path / "d.txt"
    f.write_text("Un x aici.\n", encoding="utf-8")
    code, out, err = run(["check", "--no-languagetool", "--color", "never", "--fix", str(f)], capsys)
    assert "failed to converge" in err and "house.grow" in err and "not fixed" in err
    assert f.read_text(encoding="utf-8") == "Un x aici.\n"  # not "Un xxxxxxxxxxx… aici."
    assert code == 1 and "fixed:" not in out


def test_cli_diff_and_stdin_fix_do_not_show_text_that_never_converges(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _growing_pack(tmp_path)
    f = tmp_path / "d.txt"
    f.write_text("Un x aici.\n", encoding="utf-8")
    code, out, err = run(["check", "--no-languagetool", "--color", "never", "--diff", str(f)], capsys)
    assert out == "" and "failed to converge" in err and "No fixes to apply." in err
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Un x aici.\n")))
    code, out, err = run(["check", "--no-languagetool", "--color", "never", "--fix", "-"], capsys)
    assert out == "Un x aici.\n" and "failed to converge" in err and code == 1
