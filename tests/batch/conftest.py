"""Shared inputs of the batch tests: a generated archive (bench/archive.py) and its reference findings."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from rolint.batch.engines import LocalEngine  # noqa: E402
from rolint.batch.run import run_batch  # noqa: E402
from rolint.options import Options  # noqa: E402

OFFLINE = Options(languagetool="off")
ARCHIVE_RECORDS = 2000


@pytest.fixture(scope="session")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """2,000 generated records (one paragraph each, with injected errors) as JSON Lines."""
    from bench.archive import write_records

    return write_records(tmp_path_factory.mktemp("archive") / "archive.jsonl", ARCHIVE_RECORDS, max_paragraphs=1)


@pytest.fixture(scope="session")
def reference(archive: Path, tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    """The finding rows of ``archive`` checked in this process (``--jobs 1``)."""
    from rolint.batch.output import JsonlWriter

    out = tmp_path_factory.mktemp("reference") / "rows.jsonl"
    with LocalEngine(OFFLINE, 1) as engine:
        run_batch([str(archive)], out, options=OFFLINE, engine=engine)
    rows = JsonlWriter(out).rows()
    assert len({r["id"] for r in rows}) > ARCHIVE_RECORDS // 3  # the injected errors are found
    return rows
