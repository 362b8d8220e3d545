"""`rolint rules --test` and `rolint check --strict-rules`: the examples of user rule packs (issue 12)."""

from __future__ import annotations

import json
from pathlib import Path

from rolint.cli import main

PACK = (
    "rules:\n"
    "  - id: house.no-okay\n"
    "    kind: substitution\n"
    "    message: Nu scrieți „{match}”.\n"
    "    category: style\n"
    "    swap: {okay: bine}\n"
    "    examples:\n"
    "      - bad: E okay.\n"
    "        fixed: E {fixed}.\n"
    "      - good: E bine.\n"
)


def pack(folder: Path, fixed: str = "bine") -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "house.yaml").write_text(PACK.replace("{fixed}", fixed), encoding="utf-8")
    return folder


def run(args: list[str], capsys) -> tuple[int, str, str]:
    code = main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_builtin_packs_pass(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)  # no configuration: the built-in packs only
    code, out, _ = run(["rules", "--test"], capsys)
    assert code == 0 and "all pass" in out


def test_correct_user_pack_passes(tmp_path: Path, capsys) -> None:
    code, out, _ = run(["rules", "--test", str(pack(tmp_path / "mine"))], capsys)
    assert code == 0 and "all pass" in out


def test_wrong_expected_fix_reported_with_file_and_line(tmp_path: Path, capsys) -> None:
    folder = pack(tmp_path / "mine", fixed="foarte bine")
    code, out, _ = run(["rules", "--test", str(folder)], capsys)
    assert code == 1
    line = next(x for x in out.splitlines() if "house.no-okay" in x)
    # the bad example is on line 8 of the pack
    assert line.startswith(f"{folder / 'house.yaml'}:8: house.no-okay: ")
    assert "'E bine.'" in line and "expected 'E foarte bine.'" in line
    assert "1 failed" in out


def test_good_example_that_fires_and_config_folders(tmp_path: Path, capsys, monkeypatch) -> None:
    folder = pack(tmp_path / "mine")
    (folder / "house.yaml").write_text(PACK.replace("{fixed}", "bine").replace("good: E bine.", "good: Tot okay."),
                                       encoding="utf-8")
    (tmp_path / "rolint.toml").write_text('rules = ["mine"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(["rules", "--test"], capsys)  # the configuration's rules folders
    assert code == 1 and "house.yaml:10: house.no-okay: fires on good example 'Tot okay.'" in out


def test_check_strict_rules_refuses_a_failing_pack(tmp_path: Path, capsys, monkeypatch) -> None:
    pack(tmp_path / "mine", fixed="foarte bine")
    (tmp_path / "rolint.toml").write_text('rules = ["mine"]\n', encoding="utf-8")
    doc = tmp_path / "d.txt"
    doc.write_text("Totul e okay.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(["check", "--no-languagetool", "--format", "json", "d.txt"], capsys)
    assert code == 1 and json.loads(out)["files"][0]["diagnostics"]  # without the option the pack is used
    code, out, err = run(["check", "--no-languagetool", "--strict-rules", "d.txt"], capsys)
    assert code == 2 and out == ""
    assert "house.yaml:8: house.no-okay: fixes 'E okay.'" in err and "--strict-rules" in err


def test_check_strict_rules_with_good_packs(tmp_path: Path, capsys, monkeypatch) -> None:
    pack(tmp_path / "mine")
    (tmp_path / "rolint.toml").write_text('rules = ["mine"]\n', encoding="utf-8")
    for i in range(3):
        (tmp_path / f"d{i}.txt").write_text("Totul e okay.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(["check", "--no-languagetool", "--strict-rules", "--jobs", "2", "--format", "json", "."],
                       capsys)
    assert code == 1 and len(json.loads(out)["files"]) == 3
