"""The seed article: every required error found with the right fix, every cedilla letter, no false alarm.

The same scoring as shared/hooks/seed_score.py, on rolint's JSON output, without LanguageTool
(the LanguageTool run is in tests/languagetool/).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import regex

from rolint.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
CED = str.maketrans("şţŞŢ", "șțȘȚ")


def applied(text: str, d: dict) -> str | None:
    edits = (d.get("fix") or {}).get("edits")
    if not edits:
        if not d["replacements"]:
            return None
        edits = [{"start": d["start"]["offset"], "end": d["end"]["offset"], "content": d["replacements"][0]}]
    out = text
    for e in sorted(edits, key=lambda x: x["start"], reverse=True):
        out = out[: e["start"]] + e["content"] + out[e["end"] :]
    return out


def overlaps(d: dict, s: int, e: int) -> bool:
    ds, de = d["start"]["offset"], d["end"]["offset"]
    return (ds < e and de > s) or (ds == de and s <= ds <= e)


@pytest.fixture(scope="module")
def seed(tmp_path_factory) -> tuple[str, list[dict], dict]:
    import contextlib
    import io

    path = FIXTURES / "seed-article.txt"
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        code = main(["check", "--no-languagetool", "--format", "json", str(path)])
    assert code == 1
    diags = json.loads(buf.getvalue())["files"][0]["diagnostics"]
    gold = json.loads((FIXTURES / "seed-article.expected.json").read_text(encoding="utf-8"))
    return path.read_text(encoding="utf-8"), diags, gold


def test_required_errors_found_with_right_fix(seed) -> None:
    text, diags, gold = seed
    missing = []
    for g in gold["required"]:
        want = (text[: g["offset"]] + g["correction"] + text[g["end"] :]).translate(CED)
        if not any(
            overlaps(d, g["offset"], g["end"]) and (applied(text, d) or "").translate(CED) == want for d in diags
        ):
            missing.append(g["text"])
    assert not missing


def test_every_cedilla_letter_reported_with_comma_below(seed) -> None:
    text, diags, gold = seed
    for o in gold["cedilla_offsets"]:
        hits = [d for d in diags if d["rule"] == "diacritics.cedilla" and overlaps(d, o, o + 1)]
        assert hits, f"cedilla at {o} not reported"
        fixed = applied(text, hits[0])
        assert fixed is not None and not regex.search("[şţŞŢ]", fixed[hits[0]["start"]["offset"]:][:1])


def test_no_false_alarms(seed) -> None:
    text, diags, gold = seed
    spans = [(g["offset"], g["end"]) for g in gold["required"] + gold["flag_only"] + gold["tolerated"]]
    spans += [(o, o + 1) for o in gold["cedilla_offsets"]]
    false = [
        (d["rule"], text[d["start"]["offset"] : d["end"]["offset"]])
        for d in diags
        if not any(overlaps(d, s, e) for s, e in spans)
        and not (d["category"] == "diacritics" and regex.search("[șțȘȚşţŞŢ]", text[d["start"]["offset"]:][:1]))
    ]
    assert not false


def test_names_not_flagged(seed) -> None:
    text, diags, gold = seed
    for name in gold["must_not_flag"]:
        for m in regex.finditer(regex.escape(name), text):
            flagged = [d for d in diags if overlaps(d, m.start(), m.end()) and d["category"] in ("spelling", "name")]
            assert not flagged, f"{name} flagged: {flagged[0]['rule']}"
