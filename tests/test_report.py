"""Report formats: JSON exactly as DESIGN.md, SARIF 2.1.0, GitHub commands, text without colour."""

from __future__ import annotations

import io
import json

from rich.console import Console

from rolint.config import Config
from rolint.document import Document
from rolint.lint import Linter
from rolint.report import FileResult, github, sarif, text
from rolint.report import json as json_report

TEXT = "Aşa a spus:\n”bine”  azi.\n"


def results() -> list[FileResult]:
    doc = Document.from_text(TEXT, "draft.md")
    linter = Linter(Config(select=["diacritics.cedilla", "typography"]), spelling=False)
    return [FileResult("draft.md", doc, linter.lint(doc))]


def test_json_contract() -> None:
    data = json.loads(json_report.render(results()))
    assert set(data) == {"version", "files", "summary"} and data["version"] == 1
    f = data["files"][0]
    assert f["path"] == "draft.md"
    first = f["diagnostics"][0]
    assert set(first) == {"rule", "source", "category", "severity", "message", "start", "end", "replacements", "fix"}
    assert first == {
        "rule": "diacritics.cedilla",
        "source": "rolint",
        "category": "diacritics",
        "severity": "error",
        "message": first["message"],
        "start": {"line": 1, "column": 1, "offset": 0},
        "end": {"line": 1, "column": 4, "offset": 3},
        "replacements": ["Așa"],
        "fix": {"applicability": "safe", "edits": [{"start": 1, "end": 2, "content": "ș"}]},
    }
    quote = next(d for d in f["diagnostics"] if d["rule"] == "typography.quotes-english")
    assert quote["start"] == {"line": 2, "column": 1, "offset": 12}
    assert data["summary"] == {"files": 1, "diagnostics": len(f["diagnostics"]), "fixable": len(f["diagnostics"])}


def test_sarif() -> None:
    log = json.loads(sarif.render(results()))
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    assert run["tool"]["driver"]["name"] == "rolint" and run["columnKind"] == "unicodeCodePoints"
    res = run["results"][0]
    assert res["ruleId"] == "diacritics.cedilla" and res["level"] == "error"
    region = res["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["charOffset"], region["charLength"]) == (1, 1, 0, 3)
    rep = res["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert rep == {"deletedRegion": {"charOffset": 1, "charLength": 1}, "insertedContent": {"text": "ș"}}


def test_github_commands_escaped() -> None:
    out = github.render(results()).splitlines()
    assert out[0].startswith("::error file=draft.md,line=1,col=1,endLine=1,endColumn=4,title=diacritics.cedilla::")
    assert all(line.startswith("::") and "\n" not in line for line in out)
    assert github.escape_property("a:b,c%") == "a%3Ab%2Cc%25"


def test_text_report_without_colour() -> None:
    buf = io.StringIO()
    console = Console(file=buf, color_system=None, width=200)
    text.render(results(), console)
    out = buf.getvalue()
    assert "\x1b[" not in out
    assert "draft.md:1:1 error diacritics.cedilla" in out
    assert "fix: A[-ş-]{+ș+}a a spus:" in out
    assert "    ^^^" in out
    assert "Found" in out and "by category" in out and "fixable with --fix" in out


def test_text_report_colour_marks_diff() -> None:
    buf = io.StringIO()
    console = Console(file=buf, force_terminal=True, color_system="standard", width=200)
    text.render(results(), console)
    out = buf.getvalue()
    assert "\x1b[" in out and "[-" not in out
