"""rolint.batch.output: commits, and cutting back to the last commit when a run resumes."""

from __future__ import annotations

from pathlib import Path

import pytest

from rolint.batch.output import JsonlWriter, ParquetWriter, output_kind, writer_for
from rolint.batch.records import BatchInputError


def row(i: int) -> dict:
    return {"id": f"r{i}", "rule": "x.y", "source": "rolint", "category": "style", "severity": "info",
            "start": i, "end": i + 1, "line": 1, "column": i + 1, "end_line": 1, "end_column": i + 2,
            "message": "m", "replacement": None, "fix": None}


def test_output_kind_by_suffix() -> None:
    assert output_kind("a.JSONL") == "jsonl" and output_kind("a.parquet") == "parquet"
    with pytest.raises(BatchInputError, match="jsonl"):
        output_kind("a.csv")


def test_jsonl_restore_cuts_what_was_written_after_the_last_commit(tmp_path: Path) -> None:
    w = JsonlWriter(tmp_path / "out.jsonl")
    w.write([row(1), row(2)])
    token = w.commit()
    w.write([row(3)])
    w.commit()  # written, but its progress line never made it: a run stopped here
    w.finish()
    again = JsonlWriter(tmp_path / "out.jsonl")
    again.restore(token)
    again.write([row(4)])
    again.commit()
    again.finish()
    assert [r["id"] for r in again.rows()] == ["r1", "r2", "r4"]


def test_parquet_parts_uncommitted_ones_deleted_and_merged_in_order(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    out = tmp_path / "out.parquet"
    w = writer_for(out, "findings")
    assert isinstance(w, ParquetWriter)
    w.restore([])
    w.write([row(1)])
    first = w.commit()
    assert w.commit() is None  # nothing written: no part
    w.write([row(2)])
    w.commit()  # not in the progress log
    again = writer_for(out, "findings")
    again.restore([first])
    again.write([row(3)])
    third = again.commit()
    assert third not in (first, None)
    again.finish()
    assert [r["id"] for r in again.rows()] == ["r1", "r3"]
    assert not Path(str(out) + ".parts").exists()
    # a later run with more records: the merged result becomes its first part
    more = writer_for(out, "findings")
    more.restore([first, third])
    more.write([row(5)])
    more.commit()
    more.finish()
    assert [r["id"] for r in more.rows()] == ["r1", "r3", "r5"]
