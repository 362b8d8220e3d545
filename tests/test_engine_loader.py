"""The rule-pack loader refuses malformed packs with file:line: reason, quickly and briefly."""

from __future__ import annotations

import os
import pickle
import time
from pathlib import Path

import pytest

from rolint.document import Document
from rolint.engine import RuleError, load_pack


def pack(tmp_path: Path, rule: str, name: str = "p.yaml") -> Path:
    """A pack holding one rule; ``rule`` is the YAML of the rule's fields after id and message."""
    body = "rules:\n  - id: t.one\n    message: m\n" + "".join(f"    {line}\n" for line in rule.splitlines())
    body += "    examples: [{bad: a}, {good: b}]\n"
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


PATTERN = "kind: pattern\npattern: '(a)(?<nm>b)?'\n"
SEQUENCE = "kind: sequence\ntokens: [a, b]\n"


@pytest.mark.parametrize(
    "fields,msg",
    [
        (PATTERN + r"replacement: '\5'", r"replacement '\\\\5': group 5 does not exist"),
        (PATTERN + r"replacement: '\3'", r"group 3 does not exist \(the pattern has 2 groups"),
        (PATTERN + r"replacement: '\g<5>'", r"group 5 does not exist"),
        (PATTERN + r"replacement: ['\1', '\g<name>']", r"group 'name' does not exist .*named: nm"),
        (PATTERN + r"replacement: '\g<'", r"replacement .*missing group name"),
        (PATTERN + "replacement: 'a\\'", r"replacement .*bad escape"),
        (PATTERN + r"replacement: '\q'", r"replacement .*bad escape"),
        (SEQUENCE + r"suggest: '\3'", r"suggest '\\\\3': token 3 does not exist \(the pattern has 2 tokens\)"),
        (SEQUENCE + r"suggest: ['\1', '\0']", r"suggest '\\\\0': token 0 does not exist"),
    ],
)
def test_replacement_referring_to_missing_group(tmp_path: Path, fields: str, msg: str) -> None:
    path = pack(tmp_path, fields)
    with pytest.raises(RuleError, match=msg) as info:
        load_pack(path)
    assert str(info.value).startswith(f"{path}:2: rule t.one: ")


@pytest.mark.parametrize(
    "fields",
    [
        PATTERN + r"replacement: ['\1', '\g<0>', '\g<nm>', '\g<2>', '\2', '\\5', '\n']",
        SEQUENCE + r"suggest: ['\1 \2', '\\3']",
    ],
)
def test_valid_replacements_load(tmp_path: Path, fields: str) -> None:
    assert len(load_pack(pack(tmp_path, fields))) == 1


def test_bad_template_at_run_time_drops_the_suggestion(tmp_path: Path) -> None:
    """Rules built in code skip the loader: a template that cannot expand is left out, never a traceback."""
    (rule,) = load_pack(pack(tmp_path, PATTERN + r"replacement: '\1'"))
    rule.replacement = [r"\5", r"\g<x>", "\\", r"[\1]"]  # type: ignore[attr-defined]
    (diag,) = rule.find(Document.from_text("xa", "t.txt"))
    assert diag.replacements == ["[a]"]
    (seq,) = load_pack(pack(tmp_path, SEQUENCE + r"suggest: '\1'", "s.yaml"))
    seq.suggest = [r"\9", r"\0", r"\2-\1"]  # type: ignore[attr-defined]
    (diag,) = seq.find(Document.from_text("a b", "t.txt"))
    assert diag.replacements == ["b-a"]


@pytest.mark.parametrize(
    "fields,msg",
    [
        ("kind: pattern\npattern: a\nantipatterns: 5", "antipatterns must be a list of strings"),
        ("kind: pattern\npattern: '" + "(" * 1000 + "'", "bad pattern: nested too deeply"),
        ("kind: pattern\npattern: a\nantipatterns: ['" + "(" * 1000 + "']", "bad pattern: nested too deeply"),
        ("kind: sequence\ntokens: ['~" + "(" * 1000 + "']", "nested too deeply"),
        ("kind: pattern\npattern: a\nantipatterns: [5]", "antipatterns must be a list of strings"),
        ("kind: pattern\npattern: a\nreplacement: [5]", "replacement must be a string or a list of strings"),
        ("kind: pattern\npattern: a\nignore_case: 'no'", "ignore_case must be true or false"),
        ("kind: pattern\npattern: a\nmultiline: 1", "multiline must be true or false"),
        ("kind: pattern\npattern: a\nenabled: 'no'", "enabled must be true or false"),
        ("kind: substitution\nswap: {a: b}\nignore_case: [1]", "ignore_case must be true or false"),
        ("kind: sequence\ntokens: [a]\nantipatterns: 5", "antipatterns must be a list of token patterns"),
        ("kind: sequence\ntokens: [a]\nsuggest: 5", "suggest must be a string or a list of strings"),
        ("kind: quotes\nchars: ['\"']\nopen: 5", "open must be one character"),
        ("kind: quotes\nchars: ['\"']\nnested_close: '>>'", "nested_close must be one character"),
    ],
)
def test_bad_field_types_refused(tmp_path: Path, fields: str, msg: str) -> None:
    path = pack(tmp_path, fields)
    with pytest.raises(RuleError, match=msg) as info:
        load_pack(path)
    assert str(info.value).startswith(f"{path}:2: rule t.one: ")


@pytest.mark.parametrize(
    "content,msg",
    [
        (b"rules: [caf\xe9]\n", r"p\.yaml: is not UTF-8 \(byte 0xe9 at position 11\)$"),
        (b"pack: x\nrules: \x01\n", r"p\.yaml:2: invalid YAML: .*#x0001"),
    ],
)
def test_unreadable_pack_refused(tmp_path: Path, content: bytes, msg: str) -> None:
    (tmp_path / "p.yaml").write_bytes(content)
    with pytest.raises(RuleError, match=msg):
        load_pack(tmp_path / "p.yaml")


def test_rule_error_survives_pickling() -> None:
    """Worker processes send errors back pickled: the file, line and reason arrive intact."""
    err = pickle.loads(pickle.dumps(RuleError("p.yaml", 3, "bad")))
    assert (err.path, err.line, err.reason, str(err)) == ("p.yaml", 3, "bad", "p.yaml:3: bad")


# -- hostile packs: refused fast, with a short message -------------------------------------------


def billion_laughs(levels: int = 9) -> str:
    """~1 KB of YAML whose aliases stand for 9**levels strings."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]")
    lines.append(f"rules:\n  - id: *a{levels - 1}\n    kind: *a{levels - 1}\n    message: *a{levels - 1}\n")
    return "\n".join(lines)


def refused_quickly(path: Path) -> str:
    t = time.perf_counter()
    with pytest.raises(RuleError) as info:
        load_pack(path)
    assert time.perf_counter() - t < 5
    message = str(info.value)
    assert len(message) < 1000
    return message


def test_billion_laughs_refused_fast_and_briefly(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(billion_laughs(), encoding="utf-8")
    assert path.stat().st_size < 1100
    assert "YAML aliases are not allowed" in refused_quickly(path)


def test_any_alias_refused(tmp_path: Path) -> None:
    """Rule packs never need anchors and aliases; refusing them all is simpler than bounding them."""
    path = pack(tmp_path, "kind: pattern\npattern: &p a\nantipatterns: [*p]")
    assert refused_quickly(path).startswith(f"{path}:5: YAML aliases are not allowed")


def test_huge_pack_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("rules: []\n# " + "x" * 2_000_000 + "\n", encoding="utf-8")
    assert "larger than 1 MB" in refused_quickly(path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_pack_that_is_a_pipe_refused_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "p.yaml")
    assert "not a regular file" in refused_quickly(tmp_path / "p.yaml")


@pytest.mark.parametrize(
    "fields",
    [
        "id2: x",  # an unknown field named after the long id below
        "kind: [" + ", ".join(["'" + "k" * 50 + "'"] * 2000) + "]",
        "kind: pattern\npattern: a\nseverity: '" + "s" * 100_000 + "'",
        "kind: substitution\nswap: {'" + "w" * 1000 + "': ''}",
        "kind: sequence\ntokens: ['~" + "(" * 1000 + "']",
    ],
)
def test_long_values_clipped_in_messages(tmp_path: Path, fields: str) -> None:
    path = pack(tmp_path, fields.replace("id2: x", "kind: pattern\npattern: a\n" + "f" * 1000 + ": 1"))
    refused_quickly(path)


def test_long_rule_id_clipped(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("rules:\n  - id: " + "X" * 100_000 + "\n", encoding="utf-8")
    assert "must look like" in refused_quickly(path)
