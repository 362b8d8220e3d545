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
