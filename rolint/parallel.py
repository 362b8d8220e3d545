"""Check many files in a process pool, results in input order.

``map_ordered(fn, items, jobs)`` is the generic part: ``jobs=1`` (or one item) runs in this process,
more jobs use a :class:`concurrent.futures.ProcessPoolExecutor`. ``fork`` is used where it is available
and safe (POSIX, no other thread alive): workers then inherit the already loaded speller and rules.
Otherwise ``spawn``. An exception raised by ``fn`` in a worker is raised again here, for the first
failing item in input order; exceptions that cannot be pickled are re-raised as :class:`WorkerError`
with the worker's traceback text.

``lint_files(paths, options)`` checks files (no fixing) the way ``rolint check`` does, with ``options``
a :class:`rolint.options.Options` (pickled to the workers) or an argv-like list of ``rolint check``
options (``["--no-languagetool", "--select", "diacritics"]``). Each worker keeps one
:class:`rolint.session.Session` per call, so configurations and linters are built once per worker, not
once per file.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import sys
import threading
import traceback
import uuid
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any, TypeVar

from rolint.options import Options

T = TypeVar("T")
R = TypeVar("R")

__all__ = ["WorkerError", "default_jobs", "lint_files", "map_ordered"]


class WorkerError(RuntimeError):
    """An exception in a worker that could not be sent back as itself."""


def default_jobs() -> int:
    """The CPUs this process may use (``--jobs 0`` / auto)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _context(start_method: str | None) -> multiprocessing.context.BaseContext:
    if start_method:
        return multiprocessing.get_context(start_method)
    if sys.platform != "win32" and "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


@dataclass(frozen=True)
class _Failed:
    exc: BaseException


def _call(fn: Callable[[Any], Any], chunk: Sequence[Any]) -> list[Any]:
    """Run ``fn`` over a chunk in a worker; an exception becomes a picklable ``_Failed`` in its place."""
    out: list[Any] = []
    for item in chunk:
        try:
            out.append(fn(item))
        except Exception as exc:  # noqa: BLE001 - sent back to the parent and raised there
            try:
                pickle.loads(pickle.dumps(exc))
                out.append(_Failed(exc))
            except Exception:  # noqa: BLE001
                out.append(_Failed(WorkerError(f"{type(exc).__name__}: {exc}\n{traceback.format_exc()}")))
            break  # the parent raises for this item; the rest of the chunk is not needed
    return out


def map_ordered(
    fn: Callable[[T], R],
    items: Iterable[T],
    jobs: int | None = 1,
    *,
    chunksize: int | None = None,
    start_method: str | None = None,
) -> list[R]:
    """``[fn(x) for x in items]``, with up to ``jobs`` processes (``None`` or ``0``: one per CPU).

    ``fn`` must be picklable (a module-level function or a ``functools.partial`` of one) when jobs > 1.
    Items are sent in chunks (default: about four chunks per worker) to keep per-item overhead low.
    """
    items = list(items)
    if not jobs or jobs < 0:
        jobs = default_jobs()
    jobs = min(jobs, len(items)) if items else 1
    if jobs <= 1:
        return [fn(x) for x in items]
    if chunksize is None:
        chunksize = max(1, len(items) // (jobs * 4))
    chunks = [items[i : i + chunksize] for i in range(0, len(items), chunksize)]
    out: list[R] = []
    with ProcessPoolExecutor(max_workers=jobs, mp_context=_context(start_method)) as pool:
        futures = [pool.submit(_call, fn, c) for c in chunks]
        try:
            for fut in futures:
                for r in fut.result():
                    if isinstance(r, _Failed):
                        raise r.exc
                    out.append(r)
        except BaseException:
            for f in futures:
                f.cancel()
            raise
    return out


# -- linting ------------------------------------------------------------------------------


@dataclass
class _Checked:
    """What a worker sends back for one file."""

    path: str
    doc: Any  # rolint.document.Document | None (derived-data cache emptied)
    diagnostics: list[Any] = field(default_factory=list)
    error: str | None = None
    warnings: list[str] = field(default_factory=list)


_SESSION: dict[str, Any] = {}  # one entry: the session (rolint.session.Session) of the current lint_files call


def _session(call: str, options: Options) -> Any:
    session = _SESSION.get(call)
    if session is None:
        from rolint.session import Session

        _SESSION.clear()
        session = _SESSION[call] = Session(options)
    return session


def _lint_one(path: str, call: str, options: Options) -> _Checked:
    session = _session(call, options)
    before = len(session.warnings)
    result = session.check_file(path)
    if result.doc is not None:
        result.doc.cache = {}  # derived data of the checks: large, and not needed by the reports
        result.doc._words = None
    return _Checked(path, result.doc, result.diagnostics, error=result.error,
                    warnings=list(session.warnings[before:]))


class _LintOne:
    """Picklable ``path -> _Checked`` bound to one :class:`Options`."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self.call = uuid.uuid4().hex  # a fresh session (configs, linters, warnings) per lint_files call

    def __call__(self, path: str) -> _Checked:
        return _lint_one(path, self.call, self.options)


PREWARM_TEXT = (
    "Oamenii din Kursk au citit știrile de la Reuters News despre casele vechi ale orașelor, "
    "iar copiii elevilor au ascultat podcastul. Ea a a plecat; sistemul şi aplicaţiile lui.\n"
)


def _prewarm(fn: _LintOne) -> None:
    """Build the session and load the speller, rules and word data once, before forking."""
    from pathlib import Path

    from rolint.document import Document

    session = _session(fn.call, fn.options)
    linter = session.linter(session.config_for(Path.cwd()))
    lt, linter.languagetool = linter.languagetool, None
    checks, linter.checks = linter.checks, [c for c in linter.checks if c is not lt]
    try:  # words that make the checks load their lazy data (morphology flags, English frequencies…)
        linter.lint(Document.from_text(PREWARM_TEXT))
    finally:
        linter.checks, linter.languagetool = checks, lt


def lint_files(
    paths: Sequence[str],
    options: Options | Sequence[str] = (),
    jobs: int | None = 1,
    warnings: list[str] | None = None,
) -> list[Any]:
    """Check ``paths`` (files, not folders; no stdin) with ``options`` as ``rolint check`` would; one
    :class:`rolint.report.FileResult` per path, in input order. ``options``: an :class:`Options`, or
    ``rolint check`` options as a list (``["--no-languagetool"]``), turned into one here. Warnings
    (skipped LanguageTool, disabled rules…) are appended, without duplicates, to ``warnings`` when given.
    Exceptions that make ``rolint check`` exit 2 (configuration, rule files, required LanguageTool)
    are raised here too."""
    from rolint.report import FileResult

    if "-" in paths:
        raise ValueError("lint_files reads files, not stdin")
    if not isinstance(options, Options):
        options = Options.from_argv(options)  # ValueError for --fix, --diff…
    fn = _LintOne(options)
    n_jobs = default_jobs() if not jobs or jobs < 0 else jobs
    method = _context(None).get_start_method()
    try:
        if n_jobs > 1 and len(paths) > 1 and method == "fork":
            _prewarm(fn)  # forked workers inherit the loaded dictionary, rules and configurations
            gc.freeze()  # keep the collector from touching (and so copying) the inherited objects
        checked = map_ordered(fn, list(paths), n_jobs, start_method=method)
    finally:
        gc.unfreeze()
        _SESSION.clear()
    results = []
    for c in checked:
        results.append(FileResult(c.path, c.doc, c.diagnostics, error=c.error))
        if warnings is not None:
            warnings.extend(w for w in c.warnings if w not in warnings)
    return results
