"""Scoring rolint's JSON findings on the seed article (as shared/hooks/seed_score.py does): shared by the
offline test (tests/test_seed_article.py) and the one with LanguageTool (tests/languagetool/)."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import regex

from rolint.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
SEED = FIXTURES / "seed-article.txt"
CED = str.maketrans("şţŞŢ", "șțȘȚ")


def check_seed(*flags: str) -> tuple[str, list[dict], dict]:
    """The seed's text, rolint's findings on it (``rolint check --format json`` with ``flags``), the gold."""
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        code = main(["check", *flags, "--format", "json", str(SEED)])
    assert code == 1
    diags = json.loads(buf.getvalue())["files"][0]["diagnostics"]
    gold = json.loads((FIXTURES / "seed-article.expected.json").read_text(encoding="utf-8"))
    return SEED.read_text(encoding="utf-8"), diags, gold


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


def missing_required(text: str, diags: list[dict], gold: dict) -> list[str]:
    """The required errors no finding fixes right."""
    missing = []
    for g in gold["required"]:
        want = (text[: g["offset"]] + g["correction"] + text[g["end"] :]).translate(CED)
        if not any(
            overlaps(d, g["offset"], g["end"]) and (applied(text, d) or "").translate(CED) == want for d in diags
        ):
            missing.append(g["text"])
    return missing


def false_alarms(text: str, diags: list[dict], gold: dict) -> list[tuple[str, str]]:
    """(rule, text) of the findings on no listed error and no cedilla letter."""
    spans = [(g["offset"], g["end"]) for g in gold["required"] + gold["flag_only"] + gold["tolerated"]]
    spans += [(o, o + 1) for o in gold["cedilla_offsets"]]
    return [
        (d["rule"], text[d["start"]["offset"] : d["end"]["offset"]])
        for d in diags
        if not any(overlaps(d, s, e) for s, e in spans)
        and not (d["category"] == "diacritics" and regex.search("[șțȘȚşţŞŢ]", text[d["start"]["offset"]:][:1]))
    ]


def flagged_names(text: str, diags: list[dict], gold: dict) -> list[tuple[str, str]]:
    """(name, rule) of the names that must not be flagged and a spelling or name finding touches."""
    out = []
    for name in gold["must_not_flag"]:
        for m in regex.finditer(regex.escape(name), text):
            out += [(name, d["rule"]) for d in diags
                    if overlaps(d, m.start(), m.end()) and d["category"] in ("spelling", "name")]
    return out
