"""``rolint batch`` on the command line: report, exit codes, missing extras, a killed run resumed."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rolint.batch.output import JsonlWriter
from rolint.batch.progress import progress_path
from rolint.cli import main


def test_batch_command_reports_bad_records_and_the_summary(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    src = tmp_path / "in.jsonl"
    src.write_bytes(b'{"id": "a", "text": "Sistemul \xc5\x9fi aplica\xc5\xa3iile."}\n{"id": "b"}\n')
    out = tmp_path / "out.jsonl"
    fixed = str(tmp_path / "f.jsonl")
    assert main(["batch", str(src), "-o", str(out), "--no-languagetool", "--fix-output", fixed]) == 0
    err = capsys.readouterr().err
    assert f"bad record skipped: {src}:2 (id b): no text field 'text'" in err
    assert "1 records checked" in err and "1 bad records skipped" in err and "diacritics.cedilla" in err
    assert {r["rule"] for r in JsonlWriter(out).rows()} >= {"diacritics.cedilla"}
    assert json.loads((tmp_path / "f.jsonl").read_text("utf-8"))["text"] == "Sistemul și aplicațiile."
    assert main(["batch", str(src), "-o", str(src), "--no-languagetool"]) == 2
    assert "never written over an input" in capsys.readouterr().err
    assert main(["batch", str(tmp_path / "missing.jsonl"), "-o", str(out), "--no-languagetool"]) == 2


@pytest.mark.parametrize(("module", "flags"), [("pyarrow", ["-o", "out.parquet"]),
                                                ("distributed", ["-o", "out.jsonl", "--dask-local", "2"])])
def test_without_the_batch_extra_a_clear_message_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch, module: str, flags: list[str]
) -> None:
    for name in [m for m in sys.modules if m == module or m.startswith(module + ".")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, module, None)  # import fails as when it is not installed
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in.jsonl").write_text('{"id": 1, "text": "Bun."}\n', "utf-8")
    assert main(["batch", "in.jsonl", *flags, "--no-languagetool"]) == 2
    assert "pip install 'rolint[batch]'" in capsys.readouterr().err


def test_the_command_line_does_not_import_pyarrow_or_dask() -> None:
    code = ("import sys, rolint.cli as c; c.build_parser(); "
            "print([m for m in ('pyarrow', 'dask', 'distributed') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_a_killed_run_resumes_without_duplicates(archive: Path, reference: list[dict], tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    log = progress_path(out)
    cmd = [sys.executable, "-m", "rolint", "batch", str(archive), "-o", str(out), "--no-languagetool",
           "--partition-size", "20", "-q"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=os.getcwd())
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if log.exists() and log.read_text("utf-8").count("\n") >= 4:  # the header and three partitions
            break
        time.sleep(0.01)
    assert proc.poll() is None, "the run ended before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    done_before = log.read_text("utf-8").count("\n") - 1
    assert 3 <= done_before < 100  # 2,000 records in partitions of 20: stopped part-way
    resumed = subprocess.run(cmd[:-1], capture_output=True, text=True, cwd=os.getcwd())
    assert resumed.returncode == 0, resumed.stderr
    assert f"{done_before * 20} done before" in resumed.stderr
    assert JsonlWriter(out).rows() == reference
