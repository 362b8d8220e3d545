"""Command line options of issue 12: --statistics, --output-file, --exit-zero, --extend-select, and the
caret under a finding aligned by display width."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from wcwidth import wcswidth

from rolint.cli import main

DRAFT = "Sistemul şi aplicaţiile. Am cumpărat pâine de la magazinl.\n"  # cedillas, a made-up slip


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["check", "--no-languagetool", "--color", "never", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    p = tmp_path / "draft.txt"
    p.write_text(DRAFT, encoding="utf-8")
    return p


def test_statistics_text_and_json(draft: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["--statistics", str(draft)], capsys)
    assert code == 1
    lines = out.splitlines()
    assert lines[0].split() == ["2", "diacritics.cedilla", "[*]", "diacritics"]
    assert lines[1].split()[:2] == ["1", "spelling.misspelling"]
    assert lines[-1].startswith("Found 3 problem(s)")
    assert "magazinl" not in out  # counted, not listed
    code, out, _ = run(["--statistics", "--format", "json", str(draft)], capsys)
    assert json.loads(out)[0] == {"rule": "diacritics.cedilla", "count": 2, "fixable": 2, "category": "diacritics"}


def test_output_file(draft: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "report.json"
    code, out, _ = run(["--format", "json", "--output-file", str(report), str(draft)], capsys)
    assert code == 1 and out == ""
    assert json.loads(report.read_text(encoding="utf-8"))["summary"]["diagnostics"] == 3
    text_report = tmp_path / "report.txt"
    code, out, _ = run(["-o", str(text_report), str(draft)], capsys)
    assert out == "" and "spelling.misspelling" in text_report.read_text(encoding="utf-8")
    patch = tmp_path / "fix.patch"
    code, out, _ = run(["--diff", "-o", str(patch), str(draft)], capsys)
    assert code == 1 and out == "" and "+Sistemul și aplicațiile." in patch.read_text(encoding="utf-8")
    code, _, err = run(["-o", str(tmp_path / "no" / "such" / "dir.txt"), str(draft)], capsys)
    assert code == 2 and "cannot write the report" in err


def test_exit_zero(draft: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run([str(draft)], capsys)[0] == 1
    assert run(["--exit-zero", str(draft)], capsys)[0] == 0
    assert run(["--exit-zero", "--diff", str(draft)], capsys)[0] == 0
    assert run(["--exit-zero", str(tmp_path / "missing.txt")], capsys)[0] == 2  # errors still fail


def test_extend_select_adds_to_select(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "d.txt"
    p.write_text("Ion a citit documentația Kubernetes.\n", encoding="utf-8")
    off_by_default = "spelling.unknown-word"
    assert off_by_default not in run(["--statistics", str(p)], capsys)[1]
    assert off_by_default in run(["--statistics", "--extend-select", off_by_default, str(p)], capsys)[1]
    (tmp_path / "rolint.toml").write_text('select = ["diacritics"]\n', encoding="utf-8")
    p.write_text("Sistemul şi Kubernetes.\n", encoding="utf-8")
    _, out, _ = run(["--statistics", "--extend-select", off_by_default, str(p)], capsys)
    rules = {line.split()[1] for line in out.splitlines()[:-1]}
    assert rules == {"diacritics.cedilla", off_by_default}  # the config's select, plus the extension


@pytest.mark.parametrize("before", ["Zâmbet 😀 ", "cafe\u0301 ", "👍🏽 și 世界 "])
def test_caret_aligned_by_display_width(before: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "w.txt"
    p.write_text(f"{before}Sistemul şi aplicațiile.\n", encoding="utf-8")
    _, out, _ = run(["--select", "diacritics.cedilla", str(p)], capsys)
    lines = out.splitlines()
    i = next(k for k, line in enumerate(lines) if line.lstrip().startswith("^"))
    context, carets = lines[i - 1], lines[i]
    span_at = context.index("şi")
    assert carets.index("^") == wcswidth(context[:span_at])
    assert carets.strip() == "^^"


# -- --fix-only (the pre-commit hook rolint-fix) and the accept hints -----------------------------------------

UNSAFE_ONLY = "Guvernul a promis, dar dar nu a spus când.\n"  # a repeated word: its fix is unsafe


def test_fix_only_fails_only_when_a_file_changed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "a.md"
    p.write_text("Şi opoziţia. " + UNSAFE_ONLY, encoding="utf-8")
    code, out, err = run(["--fix-only", str(p)], capsys)
    assert code == 1
    assert out.splitlines() == ["rolint: fixed 2 problem(s) in 1 file(s): diacritics.cedilla ×2"]
    assert p.read_text(encoding="utf-8") == "Și opoziția. " + UNSAFE_ONLY
    # findings remain (unsafe only), nothing to fix: exit 0, no report
    code, out, err = run(["--fix-only", str(p)], capsys)
    assert (code, out, err) == (0, "rolint: no fixes to apply.\n", "")
    code, out, _ = run(["--fix-only", "-q", str(p)], capsys)
    assert (code, out) == (0, "")
    # --unsafe-fixes goes with it; --exit-zero too
    code, out, _ = run(["--fix-only", "--unsafe-fixes", "--exit-zero", str(p)], capsys)
    assert code == 0 and "typography.repeated-word ×1" in out
    assert p.read_text(encoding="utf-8") == "Și opoziția. Guvernul a promis, dar nu a spus când.\n"


def test_fix_only_stdin_and_refused_combinations(monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("Şi el.\n".encode())))
    code, out, err = run(["--fix-only", "--stdin-filename", "a.md", "-"], capsys)
    assert (code, out) == (1, "Și el.\n")
    assert "fixed 1 problem(s)" in err
    for other in ("--diff", "--interactive"):
        code, _, err = run(["--fix-only", other, "x.md"], capsys)
        assert code == 2 and "--fix-only" in err


def test_accept_hints_end_the_text_report_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    a.write_text(UNSAFE_ONLY, encoding="utf-8")
    b.write_text(UNSAFE_ONLY, encoding="utf-8")
    code, out, _ = run([str(a), str(b)], capsys)
    assert code == 1 and out.count("How to accept a finding") == 1
    tail = out[out.index("How to accept a finding"):]
    assert out.index("Found 2 problem(s)") < out.index("How to accept a finding")
    for needed in ("words", "<!-- rolint-disable-next-line RULE -->", 'ignore = ["RULE"]', "SKIP=rolint git commit"):
        assert needed in tail
    for quiet_or_other in (["-q"], ["--format", "json"], ["--statistics"]):
        _, out, _ = run([*quiet_or_other, str(a)], capsys)
        assert "How to accept" not in out
    a.write_text("Guvernul a promis.\n", encoding="utf-8")
    code, out, _ = run([str(a)], capsys)
    assert code == 0 and "How to accept" not in out
    # what the hint says works
    a.write_text("<!-- rolint-disable-next-line typography.repeated-word -->\n" + UNSAFE_ONLY, encoding="utf-8")
    assert run([str(a)], capsys)[0] == 0
