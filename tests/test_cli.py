"""The CLI, in-process: exit codes, formats, stdin, folders, config, rules listing."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from rolint.cli import main

DRAFT = "Aşa a spus ministrul urmă cu doi ani.\n"
CLEAN = "Așa a spus ministrul în urmă cu doi ani.\n"


def run(args: list[str], capsys, stdin: str | None = None, monkeypatch=None) -> tuple[int, str, str]:
    if stdin is not None:
        assert monkeypatch is not None
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode())))
    code = main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_exit_codes(tmp_path: Path, capsys) -> None:
    bad, good = tmp_path / "bad.txt", tmp_path / "good.txt"
    bad.write_text(DRAFT, encoding="utf-8")
    good.write_text(CLEAN, encoding="utf-8")
    assert run(["check", "--no-languagetool", str(good)], capsys)[0] == 0
    code, out, _ = run(["check", "--no-languagetool", str(bad)], capsys)
    assert code == 1 and "diacritics.cedilla" in out and "expressions.in-urma-cu" in out
    assert run(["check", "--no-languagetool", str(tmp_path / "missing.txt")], capsys)[0] == 2
    assert run(["check", "--no-languagetool", "--fail-on", "error", "--select", "diacritics.mixed", str(bad)],
               capsys)[0] == 0


def test_json_and_select_ignore(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text(DRAFT, encoding="utf-8")
    code, out, _ = run(["check", "--no-languagetool", "--format", "json", "--select", "diacritics", str(bad)], capsys)
    rules = {d["rule"] for d in json.loads(out)["files"][0]["diagnostics"]}
    assert rules == {"diacritics.cedilla"}
    code, out, _ = run(["check", "--no-languagetool", "--format", "json", "--ignore", "diacritics", str(bad)], capsys)
    rules = {d["rule"] for d in json.loads(out)["files"][0]["diagnostics"]}
    assert "diacritics.cedilla" not in rules and "expressions.in-urma-cu" in rules


def test_stdin_with_filename(capsys, monkeypatch) -> None:
    code, out, _ = run(
        ["check", "--no-languagetool", "--format", "json", "--stdin-filename", "x.md", "-"],
        capsys, stdin="Un `cod ş` şi atât.\n", monkeypatch=monkeypatch,
    )
    data = json.loads(out)
    assert data["files"][0]["path"] == "x.md"
    # only prose is checked and fixed: a code span may hold ş on purpose
    assert [d["start"]["offset"] for d in data["files"][0]["diagnostics"] if d["rule"] == "diacritics.cedilla"] == [
        11]


def test_folder_recursion_excludes_and_config(tmp_path: Path, capsys) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.md").write_text(DRAFT, encoding="utf-8")
    (tmp_path / "a" / "skip.py").write_text(DRAFT, encoding="utf-8")
    (tmp_path / "drafts-old").mkdir()
    (tmp_path / "drafts-old" / "two.md").write_text(DRAFT, encoding="utf-8")
    (tmp_path / "rolint.toml").write_text('exclude = ["drafts-old"]\nignore = ["expressions"]\n', encoding="utf-8")
    code, out, _ = run(["check", "--no-languagetool", "--format", "json", str(tmp_path)], capsys)
    data = json.loads(out)
    assert [Path(f["path"]).name for f in data["files"]] == ["one.md"]
    assert {d["rule"] for d in data["files"][0]["diagnostics"]} == {"diacritics.cedilla"}


def test_extra_rule_folder_and_malformed_rule(tmp_path: Path, capsys) -> None:
    rules = tmp_path / "myrules"
    rules.mkdir()
    (rules / "house.yaml").write_text(
        "rules:\n"
        "  - id: house.no-ok\n"
        "    kind: substitution\n"
        "    message: Nu scrieți „{match}”.\n"
        "    category: style\n"
        "    swap: {okay: bine}\n"
        "    examples:\n"
        "      - bad: E okay.\n"
        "        fixed: E bine.\n"
        "      - good: E bine.\n",
        encoding="utf-8",
    )
    (tmp_path / "rolint.toml").write_text('rules = ["myrules"]\n', encoding="utf-8")
    doc = tmp_path / "d.txt"
    doc.write_text("Totul e okay.\n", encoding="utf-8")
    code, out, _ = run(["check", "--no-languagetool", "--format", "json", str(doc)], capsys)
    assert code == 1 and json.loads(out)["files"][0]["diagnostics"][0]["replacements"] == ["bine"]
    (rules / "broken.yaml").write_text("rules:\n  - id: house.x\n    kind: nosuchkind\n", encoding="utf-8")
    code, _, err = run(["check", "--no-languagetool", str(doc)], capsys)
    assert code == 2 and "broken.yaml:2" in err and "unknown kind" in err


def test_non_utf8_refused_with_encoding_hint(tmp_path: Path, capsys) -> None:
    f = tmp_path / "old.txt"
    f.write_bytes("Aceasta este o ştire veche despre preşedinţie şi ţară.\n".encode("cp1250"))
    code, _, err = run(["check", "--no-languagetool", str(f)], capsys)
    assert code == 2 and "--encoding" in err
    code, out, _ = run(["check", "--no-languagetool", "--encoding", "cp1250", str(f)], capsys)
    assert code == 1 and "diacritics.cedilla" in out


def test_rules_listing_and_one_rule(capsys) -> None:
    code, out, _ = run(["rules"], capsys)
    assert code == 0 and "diacritics.cedilla" in out and "expressions.in-urma-cu" in out
    code, out, _ = run(["rules", "expressions.in-urma-cu"], capsys)
    assert code == 0 and "bad:" in out and "good:" in out and "în urmă cu" in out
    assert run(["rules", "no.such-rule"], capsys)[0] == 2


def test_rules_lists_and_shows_coded_rules(capsys) -> None:
    code, out, _ = run(["rules"], capsys)
    assert code == 0 and "spelling.unknown-word" in out and "context.near-name" in out and "lt.*" in out
    code, out, _ = run(["rules", "spelling.unknown-word"], capsys)
    assert code == 0 and "off by default" in out and "What it does" in out and "bad:" in out
    code, out, _ = run(["rules", "lt.WORD_REPEAT_RULE"], capsys)  # one entry for LanguageTool's rules
    assert code == 0 and "lt.*" in out and "lt.WORD_REPEAT_RULE" in out
    code, out, _ = run(["rules", "diacritics"], capsys)  # a prefix: YAML and coded rules together
    assert code == 0 and "diacritics.cedilla" in out and "diacritics.va-before-verb" in out


@pytest.mark.parametrize("fmt", ["sarif", "github"])
def test_other_formats_run(tmp_path: Path, capsys, fmt: str) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text(DRAFT, encoding="utf-8")
    code, out, _ = run(["check", "--no-languagetool", "--format", fmt, str(bad)], capsys)
    assert code == 1 and "diacritics.cedilla" in out


def test_jobs_give_the_same_report_in_the_same_order(tmp_path: Path, capsys) -> None:
    for i in range(10):
        (tmp_path / f"d{i:02d}.md").write_text(DRAFT if i % 2 else CLEAN, encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01")
    one = run(["check", "--no-languagetool", "--format", "json", "-j", "1", str(tmp_path)], capsys)
    two = run(["check", "--no-languagetool", "--format", "json", "-j", "2", str(tmp_path)], capsys)
    assert one[0] == two[0] == 2  # the binary file is refused in both
    assert json.loads(one[1]) == json.loads(two[1])
    paths = [Path(f["path"]).name for f in json.loads(two[1])["files"]]
    assert paths == sorted(paths)


def test_lsp_without_pygls_says_how_to_install(monkeypatch, capsys) -> None:
    for name in [m for m in sys.modules if m == "pygls" or m.startswith(("pygls.", "rolint.lsp"))]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "pygls", None)  # import pygls raises ImportError
    assert main(["lsp"]) == 2
    assert "pip install 'rolint[lsp]'" in capsys.readouterr().err


def test_unknown_selector_says_where_it_came_from(tmp_path: Path, capsys, monkeypatch) -> None:
    """A typo in --ignore is blamed on the command line, one in the file on the file (issue 12)."""
    (tmp_path / "pyproject.toml").write_text('[tool.rolint]\nignore = ["no-such.infile"]\n', encoding="utf-8")
    doc = tmp_path / "d.txt"
    doc.write_text(CLEAN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, _, err = run(["check", "--no-languagetool", "--ignore", "no-such.oncli", "--select", "diacritics,nope",
                        str(doc)], capsys)
    err = " ".join(err.split())
    assert code == 0
    assert "'no-such.oncli' in --ignore on the command line" in err
    assert "'nope' in --select on the command line" in err
    assert f"'no-such.infile' in select/ignore ({tmp_path / 'pyproject.toml'})" in err
    assert "'no-such.oncli' in select/ignore" not in err


UNDIACRITISED = "Va rugam sa ne trimiteti actele pana vineri.\nMaine dimineata plecam la munte cu totii.\n"
RESTORED = "Vă rugăm să ne trimiteți actele până vineri.\nMâine dimineața plecăm la munte cu toții.\n"


def test_restore_to_stdout_and_in_place(tmp_path: Path, capsys, monkeypatch) -> None:
    f = tmp_path / "nota.txt"
    f.write_text(UNDIACRITISED, encoding="utf-8")
    code, out, _ = run(["restore", str(f)], capsys)
    assert code == 0 and out == RESTORED and f.read_text(encoding="utf-8") == UNDIACRITISED
    assert run(["restore", "--in-place", str(f)], capsys)[0] == 0
    assert f.read_text(encoding="utf-8") == RESTORED
    assert run(["restore", "-"], capsys, stdin=UNDIACRITISED, monkeypatch=monkeypatch)[1] == RESTORED
    code, _, err = run(["restore", "--in-place", "-"], capsys, stdin=UNDIACRITISED, monkeypatch=monkeypatch)
    assert code == 2 and "--in-place" in err
    assert run(["restore", str(tmp_path / "missing.txt")], capsys)[0] == 2


def test_check_gives_one_unsafe_fix_per_line_of_a_text_without_diacritics(tmp_path: Path, capsys) -> None:
    f = tmp_path / "nota.txt"
    f.write_text(UNDIACRITISED, encoding="utf-8")
    code, out, _ = run(["check", "--no-languagetool", "--format", "json", str(f)], capsys)
    diags = json.loads(out)["files"][0]["diagnostics"]
    lines = [d for d in diags if d["rule"] == "diacritics.missing"]
    assert code == 1 and [d["start"]["line"] for d in lines] == [1, 2]
    assert all(d["fix"]["applicability"] == "unsafe" for d in lines)
    assert not [d for d in diags if d["rule"] == "diacritics.real-word"]
    code, out, _ = run(["check", "--no-languagetool", "--diff", "--unsafe-fixes", str(f)], capsys)
    assert code == 1 and "+Vă rugăm să ne trimiteți actele până vineri." in out
    assert run(["check", "--no-languagetool", "--fix", "--unsafe-fixes", str(f)], capsys)[0] in (0, 1)
    assert f.read_text(encoding="utf-8") == RESTORED
