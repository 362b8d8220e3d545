"""rolint.batch.run: findings, fixed records, bad records and resuming, in this process."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

import rolint.api as api
from rolint.batch.engines import Checked, LocalEngine, Task
from rolint.batch.output import JsonlWriter, writer_for
from rolint.batch.progress import progress_path
from rolint.batch.records import BadRecord, BatchInputError, RecordFormat
from rolint.batch.run import run_batch, summary_path
from tests.batch.conftest import OFFLINE

TEXTS = [
    "Sistemul şi aplicaţiile lui au fost actualizate.",
    "Un text fără nicio problemă.",
    "Ministrul a smnat scrisoarea, iar bugetul va fi ”cel mai mare”.",
    "A plecat urmă cu doi ani. Sindicatele au spus ca planul este bun.",
]


def write_jsonl(path: Path, objs: Iterable[object]) -> Path:
    path.write_text("".join(json.dumps(o, ensure_ascii=False) + "\n" for o in objs), "utf-8")
    return path


def records(n: int) -> list[dict]:
    return [{"id": f"r{i}", "text": TEXTS[i % len(TEXTS)], "src": i} for i in range(n)]


def test_rows_are_the_findings_of_each_record(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", records(8))
    summary = run_batch([str(src)], tmp_path / "out.jsonl", options=OFFLINE, partition_records=3)
    rows = JsonlWriter(tmp_path / "out.jsonl").rows()
    expected = []
    for rec in records(8):
        for d in api.check_text(rec["text"], options=OFFLINE):
            expected.append((rec["id"], d.rule, d.start, d.end, d.replacements[0] if d.replacements else None,
                             d.fix.applicability.label if d.fix else None, d.severity.label))
    got = [(r["id"], r["rule"], r["start"], r["end"], r["replacement"], r["fix"], r["severity"]) for r in rows]
    assert got == expected and rows
    first = next(r for r in rows if r["rule"] == "diacritics.cedilla")
    assert (first["line"], first["column"], first["category"]) == (1, first["start"] + 1, "diacritics")
    assert summary.checked == 8 and summary.total_with_findings == 6 and summary.findings == len(rows)
    side = json.loads(summary_path(tmp_path / "out.jsonl").read_text("utf-8"))
    assert side["per_rule"]["diacritics.cedilla"] == sum(r["rule"] == "diacritics.cedilla" for r in rows)


def test_bad_records_are_reported_and_skipped(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_bytes(b'{"id": "a", "text": "Bun."}\n{"id": "b"}\nnot json\n{"id": "c", "text": "\xff"}\n'
                    b'{"id": "d", "text": 4}\n{"id": "e", "text": "Sistemul \xc5\x9fi."}\n')
    bad: list[BadRecord] = []
    summary = run_batch([str(src)], tmp_path / "out.jsonl", options=OFFLINE, on_bad=bad.append)
    assert [(b.where.rsplit(":", 1)[1], b.id) for b in bad] == [("2", "b"), ("3", None), ("4", None), ("5", "d")]
    assert (summary.checked, summary.bad) == (2, 4)
    assert {r["id"] for r in JsonlWriter(tmp_path / "out.jsonl").rows()} == {"e"}


class StopAfter(LocalEngine):
    """An engine whose run is interrupted after ``n`` partitions (as by Ctrl-C or a lost machine)."""

    def __init__(self, n: int) -> None:
        super().__init__(OFFLINE, 1)
        self.n = n

    def run(self, tasks: Iterable[Task]) -> Iterator[Checked]:
        for i, checked in enumerate(super().run(tasks)):
            if i == self.n:
                raise KeyboardInterrupt
            yield checked


@pytest.mark.parametrize("suffix", [".jsonl", ".parquet"])
def test_an_interrupted_run_resumes_without_duplicates(tmp_path: Path, suffix: str) -> None:
    if suffix == ".parquet":
        pytest.importorskip("pyarrow")
    src = write_jsonl(tmp_path / "in.jsonl", records(40))
    whole = tmp_path / f"whole{suffix}"
    run_batch([str(src)], whole, options=OFFLINE, partition_records=5)
    out = tmp_path / f"out{suffix}"
    with pytest.raises(KeyboardInterrupt):
        run_batch([str(src)], out, options=OFFLINE, partition_records=5, engine=StopAfter(3))
    if suffix == ".jsonl":  # a partition written but not logged: the resumed run cuts it off
        with out.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps({"id": "r39", "rule": "half-written"}) + "\n")
    summary = run_batch([str(src)], out, options=OFFLINE, partition_records=5)
    assert (summary.skipped, summary.checked) == (15, 25)
    assert summary.total_records == 40
    assert writer_for(out, "findings").rows() == writer_for(whole, "findings").rows()
    again = run_batch([str(src)], out, options=OFFLINE, partition_records=5)
    assert (again.skipped, again.checked, again.total_records) == (40, 0, 40)
    assert writer_for(out, "findings").rows() == writer_for(whole, "findings").rows()
    assert json.loads(summary_path(out).read_text("utf-8"))["per_rule"] == summary.per_rule


def test_fix_output_keeps_the_record_and_never_overwrites_an_input(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", records(4))
    fixed = tmp_path / "fixed.jsonl"
    run_batch([str(src)], tmp_path / "out.jsonl", options=OFFLINE, fix_output=fixed)
    got = [json.loads(line) for line in fixed.read_text("utf-8").splitlines()]
    assert [g["src"] for g in got] == [0, 1, 2, 3]
    assert [g["text"] for g in got] == [api.fix_text(r["text"], options=OFFLINE).text for r in records(4)]
    assert got[0]["text"] == "Sistemul și aplicațiile lui au fost actualizate."
    unsafe = tmp_path / "unsafe.jsonl"
    run_batch([str(src)], tmp_path / "out2.jsonl", options=OFFLINE, fix_output=unsafe, unsafe_fixes=True)
    assert "au spus ca planul" in got[3]["text"] and "în urmă cu" in got[3]["text"]
    assert json.loads(unsafe.read_text("utf-8").splitlines()[3])["text"] == (
        "A plecat în urmă cu doi ani. Sindicatele au spus că planul este bun.")
    for out, fix in ((src, None), (tmp_path / "o.jsonl", src), (tmp_path / "same.jsonl", tmp_path / "same.jsonl")):
        with pytest.raises(BatchInputError):
            run_batch([str(src)], out, options=OFFLINE, fix_output=fix)
    assert src.read_text("utf-8").count("\n") == 4


def test_parquet_fix_output_has_id_text_and_fixes(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    src = write_jsonl(tmp_path / "in.jsonl", [{"key": "k1", "body": TEXTS[0]}])
    run_batch([str(src)], tmp_path / "out.parquet", options=OFFLINE, fix_output=tmp_path / "fixed.parquet",
              fmt=RecordFormat(text_field="body", id_field="key"))
    (row,) = pq.read_table(tmp_path / "fixed.parquet").to_pylist()
    assert row == {"key": "k1", "body": "Sistemul și aplicațiile lui au fost actualizate.", "fixes": 2}
    assert pq.read_table(tmp_path / "out.parquet").column("id").to_pylist()[0] == "k1"


def test_an_existing_output_without_progress_log_is_refused_unless_restarted(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", records(2))
    out = tmp_path / "out.jsonl"
    out.write_text("mine\n", "utf-8")
    with pytest.raises(BatchInputError, match="--restart"):
        run_batch([str(src)], out, options=OFFLINE)
    summary = run_batch([str(src)], out, options=OFFLINE, restart=True)
    assert summary.checked == 2 and "mine" not in out.read_text("utf-8")
    assert progress_path(out).exists()
    with pytest.raises(BatchInputError, match="other settings"):
        run_batch([str(src)], out, options=OFFLINE, fmt=RecordFormat(text_field="body"))
