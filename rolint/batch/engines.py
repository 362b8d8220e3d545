"""Where the partitions of a batch run are checked: in this process, in a local process pool (``--jobs``), or
on a Dask cluster (``--scheduler tcp://HOST:PORT``, ``--dask-local N``).

:func:`check_partition` is the work: a list of records in, one :class:`Checked` out (finding rows, fixed
texts, records whose check failed). It runs wherever the partition goes and loads the rules and the
speller once per process, through :func:`rolint.api.session` (a module-level cache per :class:`Options`);
:func:`warm` does that before the first partition (the pool's parent before forking, a Dask worker plugin
on each worker's start). With LanguageTool on, every process on a machine talks to the one managed local
server (:mod:`rolint.languagetool.server`: a file lock and a state file in the user cache folder, so the
first process starts it and the others reuse it).

Every engine keeps a bounded number of partitions in flight and yields results in submission order, so
the output is in input order whatever the engine and the progress log stays simple.
"""

from __future__ import annotations

import collections
import gc
import multiprocessing
import os
import resource
import socket
import sys
import threading
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rolint.batch.records import BadRecord, BatchInputError, Record
from rolint.options import Options

__all__ = ["Checked", "DaskEngine", "Engine", "LocalEngine", "Task", "check_partition", "warm"]

WARM_TEXT = ("Oamenii din Kursk au citit știrile de la Reuters despre casele vechi ale orașelor, iar copiii "
             "au ascultat podcastul. Ea a a plecat; sistemul şi aplicaţiile lui.\n")


@dataclass(frozen=True, slots=True)
class Task:
    """A partition and how to check it. ``fix``: None, "safe" or "unsafe" (also fix each record)."""

    records: list[Record]
    options: Options
    fix: str | None = None


@dataclass(slots=True)
class Checked:
    """A partition's results, in its records' order."""

    ids: list[str]
    rows: list[dict[str, Any]] = field(default_factory=list)  # one per finding (rolint.batch.output columns)
    fixed: list[tuple[Record, str, int]] = field(default_factory=list)  # (record, fixed text, fixes applied)
    failed: list[BadRecord] = field(default_factory=list)  # records whose check raised
    counts: Counter[str] = field(default_factory=Counter)  # findings per rule
    with_findings: int = 0
    worker: str = ""  # host:pid
    rss_mb: float = 0.0  # the worker's peak RSS so far
    seconds: float = 0.0


def _session(options: Options) -> Any:
    from rolint.api import session

    return session(options)


def warm(options: Options) -> None:
    """Load the rules, speller and lazy word data of ``options`` into this process (once)."""
    check_partition(Task([Record("warm", WARM_TEXT, "warm")], options))


def _rss_mb() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return r / 1024 if sys.platform != "darwin" else r / 1_000_000


def finding_rows(rid: str, doc: Any, diagnostics: Iterable[Any]) -> list[dict[str, Any]]:
    rows = []
    for d in diagnostics:
        line, col = doc.position(d.start)
        end_line, end_col = doc.position(d.end)
        rows.append({
            "id": rid, "rule": d.rule, "source": d.source, "category": d.category, "severity": d.severity.label,
            "start": d.start, "end": d.end, "line": line, "column": col, "end_line": end_line,
            "end_column": end_col, "message": d.message,
            "replacement": d.replacements[0] if d.replacements else None,
            "fix": d.fix.applicability.label if d.fix is not None else None,
        })
    return rows


def check_partition(task: Task) -> Checked:
    """Check (and fix, when asked) each record of ``task``; a record whose check raises is reported, not fatal."""
    from rolint.diagnostics import Applicability
    from rolint.document import Document
    from rolint.fix import fix_until_stable
    from rolint.source import Source

    t0 = time.perf_counter()
    session = _session(task.options)
    level = {"safe": Applicability.SAFE, "unsafe": Applicability.UNSAFE}.get(task.fix or "")
    out = Checked([])
    records_linter = session.linter_for(Path.cwd())  # records have no path: the configuration found from here
    for rec in task.records:
        try:
            linter = session.linter_for(Path(rec.path).absolute()) if rec.path else records_linter
            doc = Document.from_source(Source(rec.id, rec.text), rec.fmt)
            found = linter.lint(doc)
            rows = finding_rows(rec.id, doc, found)
            fixed = None
            if level is not None:
                first = [found]

                def check(text: str, _fmt: str = rec.fmt, _id: str = rec.id, _first: list = first,
                          _linter: Any = linter) -> list[Any]:
                    if _first:
                        return _first.pop()
                    return _linter.lint(Document.from_source(Source(_id, text), _fmt))

                result = fix_until_stable(rec.text, check, level)
                fixed = (rec, result.text if result.converged else rec.text, result.fixed if result.converged else 0)
        except Exception as exc:  # noqa: BLE001 - one record's failure is reported, the run goes on
            tb = traceback.format_exception_only(type(exc), exc)[-1].strip()
            out.failed.append(BadRecord(rec.where, f"check failed: {tb}", rec.id))
            continue
        out.ids.append(rec.id)
        out.rows.extend(rows)
        out.counts.update(r["rule"] for r in rows)
        out.with_findings += bool(rows)
        if fixed is not None:
            out.fixed.append(fixed)
    out.worker = f"{socket.gethostname()}:{os.getpid()}"
    out.rss_mb = _rss_mb()
    out.seconds = time.perf_counter() - t0
    return out


class Engine:
    """Checks a stream of tasks; results in submission order, at most ``depth`` tasks in flight."""

    depth = 1
    workers = 1

    def submit(self, task: Task) -> Any:
        raise NotImplementedError

    def result(self, handle: Any) -> Checked:
        raise NotImplementedError

    def run(self, tasks: Iterable[Task]) -> Iterator[Checked]:
        pending: collections.deque[Any] = collections.deque()
        for task in tasks:
            pending.append(self.submit(task))
            if len(pending) >= self.depth:
                yield self.result(pending.popleft())
        while pending:
            yield self.result(pending.popleft())

    def start(self) -> None:
        """Start the workers now (before other threads, e.g. a progress bar's, exist)."""

    def close(self) -> None:
        pass

    def __enter__(self) -> Engine:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _Now:
    def __init__(self, value: Checked) -> None:
        self.value = value


class LocalEngine(Engine):
    """``jobs`` processes on this machine (1: this process). With ``fork`` (POSIX, no other thread alive) the
    workers inherit the rules and speller the parent loaded; otherwise each loads them once (``spawn``)."""

    def __init__(self, options: Options, jobs: int = 1) -> None:
        self.options = options
        self.workers = jobs if jobs > 0 else _cpus()
        self.depth = 1 if self.workers == 1 else 3 * self.workers
        self._pool: ProcessPoolExecutor | None = None

    def start(self) -> None:
        if self.workers > 1:
            self._start()

    def _start(self) -> ProcessPoolExecutor:
        if self._pool is None:
            fork = (sys.platform != "win32" and "fork" in multiprocessing.get_all_start_methods()
                    and threading.active_count() == 1)
            if fork:
                warm(self.options)  # loaded once here, shared with the forked workers
                gc.freeze()  # the collector then leaves the inherited objects (and their pages) alone
            ctx = multiprocessing.get_context("fork" if fork else "spawn")
            self._pool = ProcessPoolExecutor(self.workers, mp_context=ctx, initializer=warm, initargs=(self.options,))
        return self._pool

    def submit(self, task: Task) -> Any:
        if self.workers == 1:
            return _Now(check_partition(task))
        return self._start().submit(check_partition, task)

    def result(self, handle: Any) -> Checked:
        if isinstance(handle, _Now):
            return handle.value
        fut: Future[Checked] = handle
        return fut.result()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
            gc.unfreeze()


def _cpus() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise BatchInputError("a Dask cluster needs dask.distributed: pip install 'rolint[batch]'") from None
    return distributed


def _plugin(options: Options) -> Any:
    """A worker plugin that loads the rules and the speller when a worker starts (and on workers that join)."""
    distributed = _distributed()

    class RolintWarm(distributed.WorkerPlugin):  # type: ignore[misc, name-defined]
        name = "rolint-warm"

        def __init__(self, opts: Options) -> None:
            self.options = opts

        def setup(self, worker: Any) -> None:
            warm(self.options)

    return RolintWarm(options)


class DaskEngine(Engine):
    """Partitions sent to a Dask cluster: an existing scheduler (``address``) or a LocalCluster of ``local``
    worker processes (one thread each) started here and stopped by :meth:`close`."""

    def __init__(self, options: Options, address: str | None = None, local: int = 0,
                 on_start: Callable[[str], None] | None = None) -> None:
        distributed = _distributed()
        import logging

        self._cluster = None
        if address:
            self.client = distributed.Client(address, timeout="30s")
        else:
            import dask

            # the workers' statistical profiler samples every thread's stack every 10 ms: CPU the checks need
            with dask.config.set({"distributed.worker.profile.enabled": False}):
                self._cluster = distributed.LocalCluster(
                    n_workers=max(1, local), threads_per_worker=1, processes=True, dashboard_address=":0",
                    silence_logs=logging.ERROR)
            self.client = distributed.Client(self._cluster)
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})))
        self.depth = 3 * self.workers
        if on_start is not None:
            on_start(f"Dask scheduler {self.client.scheduler.address}, {self.workers} worker(s)")
        self.client.register_plugin(_plugin(options))

    def submit(self, task: Task) -> Any:
        return self.client.submit(check_partition, task, pure=False)

    def result(self, handle: Any) -> Checked:
        return handle.result()

    def close(self) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()
