from __future__ import annotations

import os
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


def test_pyproject_whose_tool_is_not_a_table_is_not_a_config(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("tool = 5\n", encoding="utf-8")
    assert find_config(tmp_path / "x.md") != tmp_path / "pyproject.toml"
    assert load_config(tmp_path / "pyproject.toml").select == ["ALL"]


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


# -- every configuration mistake: a one-line `rolint: ...` message and exit 2, never a traceback ------

RULE = "rules:\n  - id: t.one\n    message: m\n    examples: [{bad: a}, {good: b}]\n"


def rule_pack(fields: str) -> str:
    """A pack of one rule with ``fields`` (YAML lines of the rule) added to id, message and examples."""
    return RULE + "".join(f"    {line}\n" for line in fields.splitlines())


LAUGHS = "a0: &a0 [" + ", ".join(['"lol"'] * 9) + "]\n" + "".join(
    f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 9)
) + "rules:\n  - id: *a8\n    kind: *a8\n"  # 387 million strings in 500 bytes

BAD_SETUPS: list[tuple[str, dict[str, str | bytes], list[str], str]] = [
    # (id, files, extra argv, expected in the message); rolint.toml is the config unless --config says
    ("select-int", {"rolint.toml": "select = 5\n"}, [], "'select' must be a list of strings"),
    ("severity-int-level", {"rolint.toml": "severity = {x = 3}\n"}, [], "severity.x: unknown severity 3"),
    ("severity-not-table", {"rolint.toml": "severity = 5\n"}, [], "'severity' must be a table"),
    ("fail-on-int", {"rolint.toml": "fail-on = 7\n"}, [], "fail-on: unknown severity 7"),
    ("fail-on-list", {"rolint.toml": "fail-on = ['x']\n"}, [], "fail-on: unknown severity ['x']"),
    ("exclude-int-item", {"rolint.toml": "exclude = [1]\n"}, [], "'exclude' must be a list of strings"),
    ("unknown-key", {"rolint.toml": "colour = 1\n"}, [], "unknown setting 'colour'"),
    ("toml-syntax", {"rolint.toml": "select = [\n"}, [], "invalid TOML"),
    ("toml-not-utf8", {"rolint.toml": b"# caf\xe9\n"}, [], "rolint.toml: is not UTF-8 (byte 0xe9 at position 5)"),
    ("pyproject-rolint-int", {"pyproject.toml": "[tool]\nrolint = 5\n"}, [], "[tool.rolint] must be a table"),
    ("config-is-dir", {"conf/x": ""}, ["--config", "conf"], "conf: cannot read: Is a directory"),
    ("config-missing", {}, ["--config", "nope.toml"], "nope.toml: cannot read: No such file"),
    ("words-file-missing", {"rolint.toml": 'words-file = "w.txt"\n'}, [], "w.txt: cannot read words file"),
    ("words-file-not-utf8", {"rolint.toml": 'words-file = "w.txt"\n', "w.txt": b"caf\xe9\n"}, [],
     "w.txt: words file is not UTF-8 (byte 0xe9 at position 3)"),
    ("lt-not-table", {"rolint.toml": "languagetool = 5\n"}, [], "'languagetool' must be a table"),
    ("lt-timeout-str", {"rolint.toml": '[languagetool]\ntimeout = "abc"\n'}, [],
     "languagetool.timeout must be a positive number"),
    ("lt-disable-int", {"rolint.toml": "[languagetool]\ndisable = 5\n"}, [],
     "languagetool.disable must be a list of strings"),
    ("lt-enabled-str", {"rolint.toml": '[languagetool]\nenabled = "no"\n'}, [],
     "languagetool.enabled must be true or false"),
    ("lt-unknown-key", {"rolint.toml": "[languagetool]\nport = 8081\n"}, [], "unknown setting 'languagetool.port'"),
    ("rules-missing-dir", {"rolint.toml": 'rules = ["missing-dir"]\n'}, [], "missing-dir: rule folder not found"),
    ("rules-is-file", {"rolint.toml": 'rules = ["a.txt"]\n'}, [], "a.txt: not a folder of rule packs"),
    ("yaml-not-utf8", {"rolint.toml": 'rules = ["r"]\n', "r/p.yaml": b"rules: [caf\xe9]\n"}, [],
     "p.yaml: is not UTF-8 (byte 0xe9 at position 11)"),
    ("yaml-is-dir", {"rolint.toml": 'rules = ["r"]\n', "r/p.yaml/x": ""}, [], "p.yaml: cannot read rule file"),
    ("yaml-control-char", {"rolint.toml": 'rules = ["r"]\n', "r/p.yaml": "rules: \x01\n"}, [],
     "p.yaml:1: invalid YAML"),
    ("yaml-syntax", {"rolint.toml": 'rules = ["r"]\n', "r/p.yaml": "rules: [\n"}, [], "p.yaml:2: invalid YAML"),
    ("yaml-python-tag", {"rolint.toml": 'rules = ["r"]\n', "r/p.yaml": "rules: !!python/object:os.system {}\n"},
     [], "p.yaml:1: invalid YAML"),
    ("yaml-list", {"rolint.toml": 'rules = ["r"]\n', "r/p.yaml": "- a\n- b\n"}, [],
     "p.yaml:1: a rule file is a mapping with a 'rules' list"),
    ("yaml-empty", {"rolint.toml": 'rules = ["r"]\n', "r/p.yaml": ""}, [], "a rule file is a mapping"),
    ("rule-no-kind", {"rolint.toml": 'rules = ["r"]\n', "r/p.yaml": rule_pack("")}, [], "unknown kind None"),
    ("rule-no-message", {"rolint.toml": 'rules = ["r"]\n',
                         "r/p.yaml": "rules:\n  - id: t.one\n    kind: pattern\n    pattern: a\n"}, [],
     "p.yaml:2: rule t.one: a message is required"),
    ("rule-no-pattern", {"rolint.toml": 'rules = ["r"]\n', "r/p.yaml": rule_pack("kind: pattern")}, [],
     "rule t.one: missing field 'pattern'"),
    ("rule-bad-regex", {"rolint.toml": 'rules = ["r"]\n', "r/p.yaml": rule_pack("kind: pattern\npattern: '(a'")},
     [], "rule t.one: bad pattern: missing )"),
    ("rule-antipatterns-int", {"rolint.toml": 'rules = ["r"]\n',
                               "r/p.yaml": rule_pack("kind: pattern\npattern: a\nantipatterns: 5")}, [],
     "rule t.one: antipatterns must be a list of strings"),
    ("rule-antipattern-int", {"rolint.toml": 'rules = ["r"]\n',
                              "r/p.yaml": rule_pack("kind: pattern\npattern: a\nantipatterns: [5]")}, [],
     "rule t.one: antipatterns must be a list of strings"),
    ("rule-replacement-int", {"rolint.toml": 'rules = ["r"]\n',
                              "r/p.yaml": rule_pack("kind: pattern\npattern: a\nreplacement: [5]")}, [],
     "rule t.one: replacement must be a string or a list of strings"),
    ("rule-replacement-group", {"rolint.toml": 'rules = ["r"]\n',
                                "r/p.yaml": rule_pack("kind: pattern\npattern: '(a)'\nreplacement: '\\5'")}, [],
     "group 5 does not exist (the pattern has 1 groups)"),
    ("rule-ignore-case-list", {"rolint.toml": 'rules = ["r"]\n',
                               "r/p.yaml": rule_pack("kind: pattern\npattern: a\nignore_case: [1]")}, [],
     "rule t.one: ignore_case must be true or false"),
    ("rule-enabled-str", {"rolint.toml": 'rules = ["r"]\n',
                          "r/p.yaml": rule_pack("kind: pattern\npattern: a\nenabled: 'no'")}, [],
     "rule t.one: enabled must be true or false"),
    ("rule-suggest-int", {"rolint.toml": 'rules = ["r"]\n',
                          "r/p.yaml": rule_pack("kind: sequence\ntokens: [a]\nsuggest: 5")}, [],
     "rule t.one: suggest must be a string or a list of strings"),
    ("rule-suggest-token", {"rolint.toml": 'rules = ["r"]\n',
                            "r/p.yaml": rule_pack("kind: sequence\ntokens: [a]\nsuggest: '\\3'")}, [],
     "token 3 does not exist"),
    ("rule-seq-antipatterns-int", {"rolint.toml": 'rules = ["r"]\n',
                                   "r/p.yaml": rule_pack("kind: sequence\ntokens: [a]\nantipatterns: 5")}, [],
     "rule t.one: antipatterns must be a list of token patterns"),
    ("rule-quotes-open-int", {"rolint.toml": 'rules = ["r"]\n',
                              "r/p.yaml": rule_pack("kind: quotes\nchars: ['\"']\nopen: 5")}, [],
     "rule t.one: open must be one character"),
    ("yaml-billion-laughs", {"rolint.toml": 'rules = ["r"]\n', "r/p.yaml": LAUGHS}, [],
     "p.yaml:1: YAML aliases are not allowed in rule files"),
    ("yaml-too-big", {"rolint.toml": 'rules = ["r"]\n', "r/p.yaml": "rules: []\n" + "#" * 1_000_001}, [],
     "p.yaml: rule file larger than 1 MB"),
    ("rule-duplicate-id", {"rolint.toml": 'rules = ["r"]\n', "r/p.yaml": rule_pack("kind: pattern\npattern: a"),
                           "r/q.yaml": rule_pack("kind: pattern\npattern: b")}, [], "duplicate rule id t.one"),
]


@pytest.fixture
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ROLINT_CACHE_DIR", str(tmp_path / ".cache"))
    monkeypatch.delenv("ROLINT_LT_URL", raising=False)
    monkeypatch.delenv("ROLINT_LANGUAGETOOL", raising=False)
    return tmp_path


def check_refused(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """Run ``rolint check``; assert a clean refusal (exit 2, one short `rolint:` message); the message."""
    from rolint.cli import main

    capsys.readouterr()
    code = main(["check", "--no-languagetool", "--color", "never", *argv])
    err = capsys.readouterr().err
    assert code == 2, err
    assert err.startswith("rolint: ") and "Traceback" not in err
    assert len(err) < 1000
    return err


@pytest.mark.parametrize(("files", "argv", "msg"), [c[1:] for c in BAD_SETUPS], ids=[c[0] for c in BAD_SETUPS])
def test_bad_setup_is_a_clean_exit_2(isolated: Path, capsys: pytest.CaptureFixture[str],
                                     files: dict[str, str | bytes], argv: list[str], msg: str) -> None:
    for name, content in {"a.txt": "Un text corect.\n", **files}.items():
        path = isolated / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    err = check_refused([*argv, "a.txt"], capsys)
    assert msg in err


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_config(isolated: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (isolated / "a.txt").write_text("Un text.\n", encoding="utf-8")
    conf = isolated / "rolint.toml"
    conf.write_text("select = ['ALL']\n", encoding="utf-8")
    conf.chmod(0)
    try:
        assert "cannot read: Permission denied" in check_refused(["a.txt"], capsys)
    finally:
        conf.chmod(0o644)
