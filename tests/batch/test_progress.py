"""rolint.batch.progress: the log a run resumes from."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from rolint.batch.progress import ProgressLog
from rolint.batch.records import BatchInputError

HEADER = {"options": "Options()", "text_field": "text"}


def test_commits_are_read_back_and_a_torn_last_line_is_cut(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl.progress.jsonl"
    log = ProgressLog.open(path, HEADER)
    log.commit(["a", "b"], {"findings": 10}, Counter({"r.x": 2}), 1)
    log.commit(["c"], {"findings": 20}, Counter({"r.x": 1, "r.y": 1}), 1)
    log.close()
    with path.open("a", encoding="utf-8") as fh:
        fh.write('{"ids": ["d"], "tok')  # the run was killed while writing this line
    again = ProgressLog.open(path, HEADER)
    assert again.done == {"a", "b", "c"}
    assert again.tokens == {"findings": 20}
    assert again.counts == Counter({"r.x": 3, "r.y": 1})
    assert (again.records, again.with_findings) == (3, 2)
    again.commit(["e"], {"findings": 30}, Counter(), 0)
    again.close()
    assert ProgressLog.open(path, HEADER).done == {"a", "b", "c", "e"}


def test_other_settings_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    ProgressLog.open(path, HEADER).close()
    with pytest.raises(BatchInputError, match="text_field.*--restart"):
        ProgressLog.open(path, {**HEADER, "text_field": "body"})
    path.write_text("something else\n", "utf-8")
    with pytest.raises(BatchInputError, match="not a rolint batch progress log"):
        ProgressLog.open(path, HEADER)
