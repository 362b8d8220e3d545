"""Batch workers with LanguageTool on: every worker process of a machine uses that machine's one managed server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rolint.languagetool import server
from rolint.options import Options


def test_dask_workers_share_the_machines_managed_server(lt_server: server.ServerInfo, tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    from rolint.batch.engines import DaskEngine
    from rolint.batch.output import JsonlWriter
    from rolint.batch.run import run_batch

    # lt_server's ROLINT_CACHE_DIR is in os.environ: the cluster's worker processes inherit it
    src = tmp_path / "in.jsonl"
    text = "Prognozele lor sunt cei mai bun ghid pentru fermieri."
    src.write_text("".join(json.dumps({"id": f"r{i}", "text": text}, ensure_ascii=False) + "\n" for i in range(6)),
                   "utf-8")
    options = Options(languagetool="required")
    with DaskEngine(options, local=2) as engine:
        summary = run_batch([str(src)], tmp_path / "out.jsonl", options=options, engine=engine, partition_records=1)
    assert len(summary.worker_rss_mb) == 2  # both workers checked records
    rows = JsonlWriter(tmp_path / "out.jsonl").rows()
    assert {r["id"] for r in rows if r["rule"] == "lt.CEI_MAI_SUBST_PLURAL"} == {f"r{i}" for i in range(6)}
    now = server.status()
    assert now is not None and now.pid == lt_server.pid  # reused: no second server was started
