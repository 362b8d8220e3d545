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


def _lt(tmp_path: Path, body: str) -> Config:
    (tmp_path / "rolint.toml").write_text("[languagetool]\n" + body, encoding="utf-8")
    return load_config(tmp_path / "rolint.toml")


@pytest.mark.parametrize(
    "body,msg",
    [
        ('timeout = "abc"\n', "languagetool.timeout must be a positive number"),
        ("timeout = 0\n", "languagetool.timeout must be a positive number"),
        ("timeout = -3\n", "languagetool.timeout must be a positive number"),
        ("timeout = true\n", "languagetool.timeout must be a positive number"),
        ("timeout = inf\n", "languagetool.timeout must be a positive number"),
        ("timeout = nan\n", "languagetool.timeout must be a positive number"),
        ('idle_timeout = "10"\n', "languagetool.idle_timeout must be a positive number"),
        ("disable = 5\n", "languagetool.disable must be a list of strings"),
        ("enable = [1, 2]\n", "languagetool.enable must be a list of strings"),
        ('enabled = "no"\n', "languagetool.enabled must be true or false"),
        ("enabled = 0\n", "languagetool.enabled must be true or false"),
        ("url = 5\n", "languagetool.url must be an http:// or https:// URL"),
        ('url = "http://[::1"\n', "languagetool.url must be an http:// or https:// URL"),
        ('url = "localhost:8081"\n', "languagetool.url must be an http:// or https:// URL"),
        ('url = "ftp://x/"\n', "languagetool.url must be an http:// or https:// URL"),
        ('url = "http://"\n', "languagetool.url must be an http:// or https:// URL"),
        ("timout = 5\n", r"unknown setting 'languagetool.timout' \(known: disable, enable, enabled, idle_timeout"),
    ],
)
def test_bad_languagetool_table(tmp_path: Path, body: str, msg: str) -> None:
    with pytest.raises(ConfigError, match=msg) as info:
        _lt(tmp_path, body)
    assert str(info.value).startswith(f"{tmp_path / 'rolint.toml'}: ")


def test_languagetool_table_normalised(tmp_path: Path) -> None:
    cfg = _lt(
        tmp_path,
        'enabled = true\nurl = " https://lt.example.org/v2 "\ntimeout = 30\nidle_timeout = 1.5\n'
        'disable = "A_RULE, B_RULE"\nenable = ["C_RULE", " "]\n',
    )
    assert cfg.languagetool == {
        "enabled": True,
        "url": "https://lt.example.org/v2",
        "timeout": 30.0,
        "idle_timeout": 1.5,
        "disable": ["A_RULE", "B_RULE"],
        "enable": ["C_RULE"],
    }
    assert isinstance(cfg.languagetool["timeout"], float)


def test_languagetool_keys_left_out_stay_out(tmp_path: Path) -> None:
    """Absent keys are not filled in: the LanguageTool code keeps its own defaults."""
    assert _lt(tmp_path, "enabled = false\n").languagetool == {"enabled": False}
    assert load_config(None).languagetool == {}
