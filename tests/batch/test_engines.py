"""rolint.batch.engines: the process pool and a Dask LocalCluster give the findings of one process."""

from __future__ import annotations

from pathlib import Path

import pytest

from rolint.batch.engines import LocalEngine, Task, check_partition
from rolint.batch.output import JsonlWriter, writer_for
from rolint.batch.records import Record
from rolint.batch.run import run_batch
from tests.batch.conftest import ARCHIVE_RECORDS, OFFLINE


def test_a_failing_record_is_reported_not_fatal(monkeypatch: pytest.MonkeyPatch) -> None:
    import rolint.batch.engines as engines

    real = engines.finding_rows

    def explode(rid: str, doc: object, diagnostics: object) -> list[dict]:
        if rid == "boom":
            raise RuntimeError("checker bug")
        return real(rid, doc, diagnostics)  # type: ignore[arg-type]

    monkeypatch.setattr(engines, "finding_rows", explode)
    out = check_partition(Task([Record("boom", "Text.", "in.jsonl:1"), Record("ok", "Sistemul şi.", "in.jsonl:2")],
                               OFFLINE))
    assert out.ids == ["ok"] and {r["rule"] for r in out.rows} >= {"diacritics.cedilla"}
    (failed,) = out.failed
    assert (failed.id, failed.where) == ("boom", "in.jsonl:1") and "RuntimeError: checker bug" in failed.reason


def test_two_processes_give_the_rows_of_one(archive: Path, reference: list[dict], tmp_path: Path) -> None:
    out = tmp_path / "jobs2.jsonl"
    with LocalEngine(OFFLINE, 2) as engine:
        summary = run_batch([str(archive)], out, options=OFFLINE, engine=engine, partition_records=100)
    assert summary.workers == 2 and summary.checked == ARCHIVE_RECORDS
    assert len(summary.worker_rss_mb) == 2  # both workers checked partitions
    assert JsonlWriter(out).rows() == reference


def test_a_dask_local_cluster_of_two_workers_gives_the_rows_of_one_process(
    archive: Path, reference: list[dict], tmp_path: Path
) -> None:
    pytest.importorskip("distributed")
    pytest.importorskip("pyarrow")
    from rolint.batch.engines import DaskEngine

    out = tmp_path / "dask.parquet"
    started: list[str] = []
    with DaskEngine(OFFLINE, local=2, on_start=started.append) as engine:
        summary = run_batch([str(archive)], out, options=OFFLINE, engine=engine, partition_records=100)
    assert "2 worker(s)" in started[0]
    assert summary.workers == 2 and summary.checked == ARCHIVE_RECORDS
    assert len(summary.worker_rss_mb) == 2
    assert writer_for(out, "findings").rows() == reference
