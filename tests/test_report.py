"""Report formats: JSON exactly as DESIGN.md, SARIF 2.1.0, GitHub commands, text without colour."""

from __future__ import annotations

import io
import json

from rich.console import Console

from rolint.config import Config
from rolint.diagnostics import Applicability, Diagnostic, Fix, Severity
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


def test_sarif_rule_metadata() -> None:
    """Rules entries carry the rule's summary, documentation and default level (YAML and coded rules)."""
    doc = Document.from_text("Pisica doarme toata ziua.", "a.txt")
    found = [Diagnostic("diacritics.missing", "m", 14, 19, category="diacritics", severity=Severity.ERROR),
             Diagnostic("lt.COMMA_WHITESPACE", "m", 0, 6, category="punctuation", source="languagetool"),
             Diagnostic("house.rule", "m", 0, 6)]
    log = json.loads(sarif.render([*results(), FileResult("a.txt", doc, found)]))
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    by_id = {r["id"]: r for r in rules}
    cedilla = by_id["diacritics.cedilla"]
    assert cedilla["shortDescription"]["text"]
    assert cedilla["defaultConfiguration"] == {"level": "error", "enabled": True}
    missing = by_id["diacritics.missing"]
    assert "toata" in missing["shortDescription"]["text"] and "What it does" in missing["fullDescription"]["text"]
    assert missing["help"]["markdown"].startswith("**What it does.**")
    assert by_id["lt.COMMA_WHITESPACE"]["shortDescription"]["text"].startswith("lt.COMMA_WHITESPACE: LanguageTool")
    assert by_id["house.rule"] == {"id": "house.rule", "properties": {"category": "style", "source": "rolint"}}


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


# -- control characters and undecodable names (issue 9, item 4) ----------------------------

EVIL_TEXT = "Titlu \x1b]0;pwned\x07 şi \x1b[2J gata \u202eabc \x9b31m.\n"
EVIL_PATH = "evil\x1b[31m\u202e.txt"
RAW_CONTROLS = ("\x1b", "\x07", "\x9b", "\u202e")


def evil_results(path: str = EVIL_PATH) -> list[FileResult]:
    doc = Document.from_text(EVIL_TEXT, path)
    start = EVIL_TEXT.index("şi")
    d = Diagnostic("diacritics.cedilla", "msg \x1b[5m blink\x07", start, start + 2, "diacritics",
                   replacements=["și\x1b[0m", "x\x07", "y\u202e"],
                   fix=Fix.replace(start, start + 2, "și\x1b]0;t\x07", Applicability.SAFE))
    return [FileResult(path, doc, [d], error=None)]


def render_text(res: list[FileResult], colour: bool) -> str:
    buf = io.StringIO()
    if colour:
        console = Console(file=buf, force_terminal=True, color_system="standard", width=200)
    else:
        console = Console(file=buf, color_system=None, width=200)
    text.render(res, console)
    return buf.getvalue()


def test_text_report_escapes_control_characters() -> None:
    out = render_text(evil_results(), colour=False)
    for c in RAW_CONTROLS:
        assert c not in out, f"raw {c!r} in the report:\n{out!r}"
    assert "evil\\x1b[31m\\u202e.txt:1:" in out  # the file name, escaped
    assert "msg \\x1b[5m blink\\x07" in out  # the message
    assert "\\x1b]0;pwned\\x07" in out  # the context line
    assert "{+și\\x1b]0;t\\x07+}" in out  # the fix
    assert "also: x\\x07, y\\u202e" in out  # other suggestions


def test_text_report_caret_under_escaped_context() -> None:
    out = render_text(evil_results(), colour=False).splitlines()
    i = next(n for n, line in enumerate(out) if "pwned" in line)
    assert out[i + 1].index("^") == out[i].index("şi")


def test_text_report_escapes_with_colour_too() -> None:
    out = render_text(evil_results(), colour=True)
    assert "\x1b]" not in out and "\x07" not in out and "\x1b[2J" not in out and "\u202e" not in out


def test_github_report_has_no_raw_controls() -> None:
    out = github.render(evil_results())
    for c in RAW_CONTROLS:
        assert c not in out
    assert "file=evil\\x1b[31m\\u202e.txt" in out


def test_undecodable_file_name_in_json_and_sarif() -> None:
    name = b"caf\xe9.txt".decode("utf-8", "surrogateescape")  # what os.listdir gives for such a name
    res = evil_results(name)
    res.append(FileResult(name, None, error=f"{name}: cannot read: Permission denied"))
    out = json_report.render(res)
    out.encode("utf-8")  # valid UTF-8: no lone surrogates
    data = json.loads(out)
    assert data["files"][0]["path"] == "caf\\xe9.txt"
    assert data["files"][0]["path_bytes"] == "636166e92e747874"
    assert data["files"][1]["error"] == "caf\\xe9.txt: cannot read: Permission denied"
    assert "path_bytes" not in json.loads(json_report.render(results()))["files"][0]
    log = sarif.render(res)
    log.encode("utf-8")
    loc = json.loads(log)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "caf%E9.txt"
    assert "\udce9" not in github.render(res) and "\udce9" not in render_text(res, colour=False)


def test_sarif_relative_uri_is_percent_encoded() -> None:
    assert sarif.uri("dir/a b%.txt") == "dir/a%20b%25.txt"
    assert sarif.uri("texte/știri.md") == "texte/%C8%99tiri.md"


def test_text_report_batched_output_is_what_rich_prints() -> None:
    """The findings' lines are rendered without rich's per-print cost (issue 9): byte for byte what
    rich prints (a recording console still goes through rich), with and without colour."""
    doc = Document.from_text("Aşa a spus:\n”bine”  azi.\r\n\tTab şi\ttab \"x\" , y.\rşi CR", "t.txt")
    res = [FileResult("t.txt", doc, Linter(Config(), spelling=False).lint(doc)), *evil_results()]
    for kw in ({"color_system": None}, {"force_terminal": True, "color_system": "standard"},
               {"force_terminal": True, "color_system": "truecolor", "no_color": True}):
        outs = []
        for record in (False, True):
            buf = io.StringIO()
            text.render(res, Console(file=buf, width=60, record=record, **kw))  # type: ignore[arg-type]
            outs.append(buf.getvalue())
        assert outs[0] == outs[1] and outs[0].count("\n") > 10


def test_text_report_cost_does_not_grow_with_rich_prints() -> None:
    """Issue 9: 181,818 findings took 65 s, nearly all in rich's console.print (three a finding).
    The findings' lines are now written in batches: the prints are the summary's, however many findings."""
    doc = Document.from_text("şi ţară " * 2000, "ced.txt")
    res = [FileResult("ced.txt", doc, Linter(Config(select=["diacritics.cedilla"]), spelling=False).lint(doc))]
    assert len(res[0].diagnostics) == 4000

    class Counting(Console):
        prints = 0

        def print(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def, override]
            Counting.prints += 1
            super().print(*args, **kwargs)

    buf = io.StringIO()
    text.render(res, Counting(file=buf, color_system=None, width=100))
    assert buf.getvalue().count("diacritics.cedilla") == 4000
    assert Counting.prints <= 5
