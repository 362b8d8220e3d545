"""The evaluation command on a few LanguageTool examples (real server)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rolint.languagetool import evaluate

pytestmark = pytest.mark.usefixtures("lt_env")

COLUMNS = "id incorrect correct category rule_id marker_start marker_end marker_text suggestions incorrect_marked"
HEADER = "\t".join(COLUMNS.split() + ["default_off"]) + "\n"
ROWS = [
    ["x1", "Sunt cei mai bun dintre toți.", "-", "CAT4:acord", "CEI_MAI_SUBST_PLURAL[1]", "5", "16", "", "", "", ""],
    ["x2", "La nu proiect.", "La un proiect.", "CAT1:Litere", "LITERE_INVERSATE_LA_UN[1]", "3", "5", "", "", "", ""],
]


def test_evaluate_reports_recall(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tsv = tmp_path / "e.tsv"
    tsv.write_text(HEADER + "".join("\t".join(r) + "\n" for r in ROWS), "utf-8")
    assert evaluate.main([str(tsv), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["examples"] == 2
    assert report["recall"] == 1.0
    assert report["recall_same_rule"] == 1.0
