"""A batch run: records in, finding rows (and fixed records) out, resumable, on any engine.

:func:`run_batch` reads the inputs (:mod:`rolint.batch.records`), skips the records the progress log
(:mod:`rolint.batch.progress`) has as done, groups the rest into partitions, has an engine
(:mod:`rolint.batch.engines`) check them, and writes each partition's rows (:mod:`rolint.batch.output`)
before logging it as done. Bad records are reported through ``on_bad`` and skipped. The summary (per
rule, over the whole output, earlier runs included) is returned and written beside the output.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from rolint.batch.engines import Checked, Engine, LocalEngine, Task
from rolint.batch.output import output_kind, writer_for
from rolint.batch.progress import ProgressLog, progress_path
from rolint.batch.records import BadRecord, BatchInputError, Record, RecordFormat, count_records, kind_of, read_records
from rolint.options import Options

__all__ = ["BatchSummary", "run_batch", "summary_path"]

PARTITION_RECORDS = 200  # records per partition at most …
PARTITION_CHARS = 1_000_000  # … and about this many characters


def summary_path(output: Path) -> Path:
    return Path(str(output) + ".summary.json")


@dataclass
class BatchSummary:
    """What a run did (``checked``, ``bad``, ``skipped`` are this run's) and what the output holds (``total_*``)."""

    output: str
    checked: int = 0  # records checked by this run
    bad: int = 0  # records skipped as unreadable (this run)
    skipped: int = 0  # records already done by an earlier run
    findings: int = 0  # findings written by this run
    seconds: float = 0.0
    records_per_second: float = 0.0
    total_records: int = 0  # records in the output, earlier runs included
    total_with_findings: int = 0
    per_rule: dict[str, int] = field(default_factory=dict)  # over the whole output
    workers: int = 1
    worker_rss_mb: dict[str, float] = field(default_factory=dict)  # peak RSS per worker seen (host:pid)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and os.path.samefile(a, b))
    except OSError:
        return False


def _check_paths(inputs: list[str], output: Path, fix_output: Path | None) -> None:
    output_kind(output)
    if fix_output is not None:
        output_kind(fix_output)
        if _same_file(fix_output, output):
            raise BatchInputError(f"{fix_output}: the fixed records and the findings need two files")
    for p in inputs:
        if not Path(p).exists():
            raise BatchInputError(f"{p}: no such file or folder")
        for out in (output, fix_output):
            if out is not None and _same_file(Path(p), out):
                raise BatchInputError(f"{out}: is an input; results are never written over an input")


def _state_files(output: Path, fix_output: Path | None) -> list[Path]:
    files = [output, progress_path(output), summary_path(output), Path(str(output) + ".parts")]
    if fix_output is not None:
        files += [fix_output, Path(str(fix_output) + ".parts")]
    return files


def _partitions(records: Iterator[Record | BadRecord], done: set[str], options: Options, fix: str | None,
                on_bad: Callable[[BadRecord], None], on_skip: Callable[[], None],
                size: int, chars: int) -> Iterator[Task]:
    batch: list[Record] = []
    n = 0
    for rec in records:
        if isinstance(rec, BadRecord):
            on_bad(rec)
            continue
        if rec.id in done:
            on_skip()
            continue
        batch.append(rec)
        n += len(rec.text)
        if len(batch) >= size or n >= chars:
            yield Task(batch, options, fix)
            batch, n = [], 0
    if batch:
        yield Task(batch, options, fix)


def _fixed_rows(checked: Checked, kind: str, fmt: RecordFormat) -> list[dict[str, Any]]:
    rows = []
    for rec, text, n in checked.fixed:
        if kind == "jsonl":
            obj = dict(rec.fields) if rec.fields is not None else {fmt.id_field: rec.id}
            obj[fmt.text_field] = text
        else:
            obj = {fmt.id_field: rec.id, fmt.text_field: text, "fixes": n}
        rows.append(obj)
    return rows


def run_batch(
    inputs: list[str],
    output: str | Path,
    *,
    options: Options | None = None,
    fmt: RecordFormat | None = None,
    fix_output: str | Path | None = None,
    unsafe_fixes: bool = False,
    engine: Engine | None = None,
    restart: bool = False,
    partition_records: int = PARTITION_RECORDS,
    partition_chars: int = PARTITION_CHARS,
    on_bad: Callable[[BadRecord], None] | None = None,
    on_progress: Callable[[int, int | None, int], None] | None = None,
) -> BatchSummary:
    """Check the records of ``inputs`` (JSON Lines, Parquet, folders or files of documents) into ``output``
    (.jsonl or .parquet: one row per finding) and, with ``fix_output``, the records with their fixes applied.

    Resumable: the records an earlier run with the same settings finished are skipped (``restart``: start
    again). ``engine``: where partitions are checked (default: this process). ``on_bad(record)`` for each
    bad record; ``on_progress(done, total, findings)`` after each partition (``total`` None when unknown).
    Raises BatchInputError when an input or output cannot be used at all."""
    options = options or Options()
    fmt = fmt or RecordFormat()
    output = Path(output)
    fix_path = Path(fix_output) if fix_output is not None else None
    _check_paths(inputs, output, fix_path)
    if fix_path is not None:
        fmt = RecordFormat(fmt.text_field, fmt.id_field, keep_fields=True)
    fix = ("unsafe" if unsafe_fixes or options.unsafe_fixes else "safe") if fix_path is not None else None
    log_path = progress_path(output)
    if restart:
        for f in _state_files(output, fix_path):
            if f.is_dir():
                shutil.rmtree(f)
            elif f.exists():
                f.unlink()
    elif not log_path.exists() and output.exists():
        raise BatchInputError(f"{output}: exists and has no progress log ({log_path.name}) to resume from; "
                              "remove it, choose another output, or pass --restart")
    header = {"options": repr(options), "text_field": fmt.text_field, "id_field": fmt.id_field,
              "fix_output": str(fix_path) if fix_path else None, "fix": fix}
    writers = {"findings": writer_for(output, "findings")}
    if fix_path is not None:
        writers["fixed"] = writer_for(fix_path, "records", fmt.id_field, fmt.text_field)
    log = ProgressLog.open(log_path, header)
    for name, w in writers.items():
        w.restore(log.parts.get(name, []) if output_kind(w.path) == "parquet" else log.tokens.get(name))

    from rolint.api import session
    from rolint.files import expand

    file_inputs = [p for p in inputs if kind_of(p) == "files"]
    files = expand(file_inputs, session(options).config_for) if file_inputs else []
    total = count_records(inputs, len(files))
    summary = BatchSummary(str(output))
    bad = on_bad or (lambda r: None)

    def count_bad(r: BadRecord) -> None:
        summary.bad += 1
        bad(r)

    def count_skip() -> None:
        summary.skipped += 1

    own_engine = engine is None
    engine = engine or LocalEngine(options, 1)
    summary.workers = engine.workers
    fixed_kind = output_kind(fix_path) if fix_path is not None else "jsonl"
    t0 = time.perf_counter()
    records = read_records(inputs, fmt, files)
    tasks = _partitions(records, log.done, options, fix, count_bad, count_skip, partition_records, partition_chars)
    try:
        for checked in engine.run(tasks):
            for f in checked.failed:
                count_bad(f)
            writers["findings"].write(checked.rows)
            if "fixed" in writers:
                writers["fixed"].write(_fixed_rows(checked, fixed_kind, fmt))
            tokens = {name: w.commit() for name, w in writers.items()}
            log.commit(checked.ids, tokens, checked.counts, checked.with_findings)
            summary.checked += len(checked.ids)
            summary.findings += len(checked.rows)
            summary.worker_rss_mb[checked.worker] = max(summary.worker_rss_mb.get(checked.worker, 0.0),
                                                        checked.rss_mb)
            if on_progress is not None:
                on_progress(summary.checked + summary.skipped + summary.bad, total, summary.findings)
        for w in writers.values():
            w.finish()
    finally:
        log.close()
        if own_engine:
            engine.close()
    summary.seconds = time.perf_counter() - t0
    summary.records_per_second = summary.checked / summary.seconds if summary.seconds else 0.0
    summary.total_records = log.records
    summary.total_with_findings = log.with_findings
    summary.per_rule = dict(sorted(log.counts.items(), key=lambda kv: (-kv[1], kv[0])))
    summary_path(output).write_text(json.dumps(asdict(summary), ensure_ascii=False, indent=1) + "\n", "utf-8")
    return summary
