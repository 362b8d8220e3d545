from __future__ import annotations

from pathlib import Path

import pytest

from rolint.config import Config, ConfigError, find_config, load_config
from rolint.diagnostics import Severity


def test_found_upward_and_parsed(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.rolint]\nignore = ["typography.double-space"]\nwords = ["Phenian"]\nwords-file = "w.txt"\n'
        '[tool.rolint.severity]\n"diacritics" = "info"\n',
        encoding="utf-8",
    )
    (tmp_path / "w.txt").write_text("Kursk # oraș\n\nKCNA\n", encoding="utf-8")
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    found = find_config(sub / "x.md")
    assert found == tmp_path / "pyproject.toml"
    cfg = load_config(found)
    assert not cfg.selected("typography.double-space") and cfg.selected("typography.quotes-ascii")
    assert cfg.words == {"Phenian", "Kursk", "KCNA"}
    assert cfg.severity_for("diacritics.cedilla", Severity.ERROR) is Severity.INFO


def test_rolint_toml_wins_and_pyproject_without_section_ignored(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[project]\nname='x'\n", encoding="utf-8")
    assert find_config(tmp_path / "x.md") is None or find_config(tmp_path / "x.md") != tmp_path / "pyproject.toml"
    (tmp_path / ".rolint.toml").write_text('select = ["diacritics"]\n', encoding="utf-8")
    cfg = load_config(find_config(tmp_path / "x.md"))
    assert cfg.selected("diacritics.cedilla") and not cfg.selected("typography.quotes-ascii")


def test_most_specific_prefix_wins() -> None:
    cfg = Config(select=["typography.quotes-ascii"], ignore=["typography"])
    assert cfg.selected("typography.quotes-ascii") and not cfg.selected("typography.double-space")


@pytest.mark.parametrize(
    "body,msg",
    [("select = 3\n", "select"), ("colour = 1\n", "unknown setting"), ("fail-on = 'loud'\n", "severity"),
     ("select = [\n", "invalid TOML")],
)
def test_bad_config(tmp_path: Path, body: str, msg: str) -> None:
    (tmp_path / "rolint.toml").write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError, match=msg):
        load_config(tmp_path / "rolint.toml")


def test_words_file_not_utf8_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "rolint.toml").write_text('words-file = "w.txt"\n', encoding="utf-8")
    (tmp_path / "w.txt").write_bytes(b"Kursk\nPhenian caf\xe9\n")
    with pytest.raises(ConfigError, match=r"w\.txt: words file is not UTF-8 \(byte 0xe9 at position 17\)"):
        load_config(tmp_path / "rolint.toml")
