"""``rolint check --watch``: check, then re-check the files that change, until Ctrl-C.

The files are those a normal run takes (folders recursed with the configuration's ``include`` and
``exclude``, ``--exclude``); a file that appears later in a watched folder joins in, a deleted one
leaves. When a change touches a file that is not a text to check, nothing runs. When it touches what
the checks are built from — a configuration file (``rolint.toml``, ``.rolint.toml``,
``pyproject.toml``), a ``words-file``, a rule pack — the configuration is read again and every file
is checked again. A change that leaves a file's text as it was last checked (a ``touch``, an editor
saving twice, the file written back by ``--fix``) runs nothing either.

After each run the whole report is shown again (the results of the unchanged files are kept), like
Ruff's ``--watch``: on a terminal the screen is cleared first, otherwise a time-stamped line says which
files changed, so runs piped to a file or a pager stay apart. With ``--fix`` (``--unsafe-fixes``) each
changed file is fixed as it is saved, then reported. Ctrl-C stops watching and exits 0.

Changes are collected by watchfiles (an optional dependency: ``pip install 'rolint[watch]'``) and
grouped: a run starts once no new change came for :data:`QUIET_MS` milliseconds.
"""

from __future__ import annotations

import argparse
import os
import queue
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.text import Text

from rolint.config import ConfigError
from rolint.diagnostics import Applicability, Diagnostic
from rolint.document import Document, format_for
from rolint.engine import RuleError
from rolint.files import expand
from rolint.fix import fix_until_stable
from rolint.options import Options
from rolint.report import FileResult
from rolint.report.visible import visible
from rolint.session import Session
from rolint.source import InputError, Source
from rolint.write import write_fixed

__all__ = ["CONFIG_NAMES", "QUIET_MS", "Watcher", "changes", "cli_watch", "missing_watchfiles", "watch_loop"]

CONFIG_NAMES = ("rolint.toml", ".rolint.toml", "pyproject.toml")
QUIET_MS = 100  # a burst of events (an editor's save) is one change once this long passes without another
INSTALL_HINT = "pip install 'rolint[watch]'"


def missing_watchfiles() -> str | None:
    """Why ``--watch`` cannot run here (watchfiles is not installed), or None when it can."""
    try:
        import watchfiles  # noqa: F401
    except ImportError:
        return f"--watch needs watchfiles: {INSTALL_HINT}"
    return None


@dataclass
class Watcher:
    """The files of ``paths`` and their latest results; :meth:`update` takes a set of changed paths.

    ``fix``: None to check only, else the fixes to apply to each file checked (safe, or unsafe too).
    """

    paths: list[str]
    options: Options
    fix: Applicability | None = None
    warnings: list[str] = field(default_factory=list)  # errors and warnings of the last run, for stderr

    def __post_init__(self) -> None:
        self.session = Session(self.options)
        self.files: dict[str, str] = {}  # real path → the path as shown (in selection order)
        self.results: dict[str, FileResult] = {}  # real path → its latest result
        self.texts: dict[str, str] = {}  # real path → the text its result is about
        self.known: set[Path] = set()  # every input of the checks seen so far (see inputs())
        self.reloaded = False  # the last update read the configuration again and checked every file

    # -- what is watched -----------------------------------------------------------------
    def select(self) -> None:
        """The files a normal run would check now (new files in, deleted ones out)."""
        shown = expand(self.paths, self.session.config_for)
        self.files = {os.path.realpath(p): p for p in shown}
        for gone in set(self.results) - set(self.files):
            del self.results[gone]
            self.texts.pop(gone, None)

    def inputs(self) -> set[Path]:
        """What the checks are built from: configuration files, words files, rule pack folders."""
        for cfg in self.session.configs():
            self.known.update(Path(os.path.realpath(p)) for p in (cfg.path, *cfg.words_files, *cfg.rule_dirs)
                              if p is not None)
        return set(self.known)  # those of earlier runs too: a words file that failed to load is still one

    def roots(self) -> tuple[list[Path], list[Path]]:
        """The folders to watch: (recursively, flat). Folders given are watched with their subfolders;
        a file is watched through its folder (an editor's save may replace the file by another), as are
        the configuration and words files; rule pack folders whole."""
        deep: set[Path] = set()
        flat: set[Path] = set()
        for p in self.paths:
            path = Path(os.path.realpath(p))
            (deep if path.is_dir() else flat).add(path if path.is_dir() else path.parent)
        for p in self.inputs():
            (deep if p.is_dir() else flat).add(p if p.is_dir() else p.parent)
        return sorted(p for p in deep if p.is_dir()), sorted(p for p in flat - deep if p.is_dir())

    def affects_config(self, path: str) -> bool:
        p = Path(path)
        return p.name in CONFIG_NAMES or any(p == i or i in p.parents for i in self.inputs())

    # -- running ---------------------------------------------------------------------------
    def check_all(self) -> list[str]:
        """(Re)read the configuration and check every file; the paths checked, as shown."""
        self.session = Session(self.options)
        self.results.clear()
        self.texts.clear()
        self.select()
        for real in self.files:
            self._run(real)
        return list(self.files.values())

    def update(self, changed: Iterable[str]) -> list[str]:
        """Re-check after ``changed`` (absolute paths) changed: the files whose text is new, or all of
        them after a configuration change (:attr:`reloaded` then True). The paths re-checked or removed
        (the configuration files changed, after a configuration change), as shown; empty when nothing of
        the selection changed."""
        changed = {os.path.realpath(c) for c in changed}
        self.reloaded = any(self.affects_config(c) for c in changed)
        if self.reloaded:
            self.check_all()
            return sorted(_shown(c) for c in changed if self.affects_config(c))
        before = dict(self.files)
        self.select()
        touched = [before[c] for c in changed if c in before and c not in self.files]  # deleted
        for real in self.files:
            if real in changed or real not in before:
                if self._run(real):
                    touched.append(self.files[real])
        return touched

    def report(self) -> list[FileResult]:
        """The latest result of every file, in selection order."""
        return [self.results[r] for r in self.files if r in self.results]

    def _run(self, real: str) -> bool:
        """Check (and fix) one file; False when its text is the one checked last time."""
        shown = self.files[real]
        try:
            source = self.session.read(shown)
        except InputError as exc:
            self.results[real] = FileResult(shown, None, error=str(exc))
            self.texts.pop(real, None)
            return True
        if self.texts.get(real) == source.text and real in self.results:
            return False
        linter = self.session.linter(self.session.config_for(Path(shown).absolute()))
        doc = Document.from_source(source, format_for(shown))
        result = FileResult(shown, doc)
        if self.fix is None:
            result.diagnostics = linter.lint(doc)
        else:
            def check(text: str) -> list[Diagnostic]:
                return linter.lint(Document.from_source(Source(shown, text), doc.format))

            fixed = fix_until_stable(source.text, check, self.fix)
            result.diagnostics = fixed.remaining
            if not fixed.converged:
                self.warnings.append(f"{shown}: fixes failed to converge after {fixed.passes} passes; not fixed")
                result.diagnostics = linter.lint(doc)
            elif fixed.text != source.text:
                try:
                    write_fixed(source, fixed.text)
                except InputError as exc:  # changed again meanwhile: the next event checks it
                    self.warnings.append(str(exc))
                    result.diagnostics = linter.lint(doc)
                else:
                    result.fixed = fixed.fixed
                    result.doc = Document.from_source(
                        Source(source.path, fixed.text, source.encoding, source.bom, source.newline), doc.format)
                    source = result.doc.source
        self.results[real] = result
        self.texts[real] = source.text
        return True


def _shown(path: str) -> str:
    """``path`` relative to the current folder when it is below it."""
    try:
        return str(Path(path).relative_to(Path.cwd()))
    except ValueError:
        return path


def changes(
    deep: list[Path], flat: list[Path], stop: threading.Event, quiet_ms: int = QUIET_MS
) -> Iterable[set[str]]:
    """The paths changed under ``deep`` (with subfolders) and ``flat`` (the folder only), one set per
    burst of changes, until ``stop`` is set. KeyboardInterrupt comes through (the caller stops)."""
    from watchfiles import watch

    found: queue.Queue[set[str]] = queue.Queue()

    def pump(roots: list[Path], recursive: bool) -> None:
        for batch in watch(*roots, recursive=recursive, stop_event=stop, step=quiet_ms, raise_interrupt=False):
            found.put({path for _, path in batch})

    threads = [threading.Thread(target=pump, args=(roots, rec), daemon=True, name="rolint-watch")
               for roots, rec in ((deep, True), (flat, False)) if roots]
    for t in threads:
        t.start()
    while not stop.is_set():
        try:
            batch = found.get(timeout=0.2)  # a short wait: Ctrl-C is seen between two
        except queue.Empty:
            continue
        deadline = time.monotonic() + quiet_ms / 1000  # the two watchers' halves of one burst
        while (left := deadline - time.monotonic()) > 0:
            try:
                batch |= found.get(timeout=left)
            except queue.Empty:
                break
        yield batch


def watch_loop(watcher: Watcher, show: Callable[[list[str] | None], None]) -> int:
    """Check everything and ``show(None)``; then, at each change, re-check and ``show(paths re-checked)``
    (the paths of the configuration files that failed to load, after such an error). Returns 0 on Ctrl-C."""
    watcher.check_all()
    show(None)
    try:
        while True:
            stop = threading.Event()
            roots = watcher.roots()
            try:
                for batch in changes(*roots, stop):
                    watcher.warnings.clear()
                    try:
                        touched = watcher.update(batch)
                    except (ConfigError, RuleError) as exc:  # a half-edited configuration: say so, keep watching
                        watcher.warnings.append(str(exc))
                        touched = sorted(_shown(p) for p in batch if watcher.affects_config(p))
                    if touched:
                        show(touched)
                    if watcher.roots() != roots:  # a configuration or a rules folder to watch besides
                        break
            finally:
                stop.set()
    except KeyboardInterrupt:
        return 0


# -- the command line's side -------------------------------------------------------------


def refusal(args: argparse.Namespace) -> str | None:
    """Why these ``rolint check`` options do not go with ``--watch``, or None."""
    if "-" in args.paths:
        return "--watch watches files and folders, not stdin (-)"
    for flag, given in (("--diff", args.diff), ("--interactive", args.interactive), ("--fix-only", args.fix_only),
                        ("--output-file", args.output_file is not None)):
        if given:
            return f"--watch does not go with {flag} (use --fix to fix the files as they change)"
    return missing_watchfiles()


def cli_watch(args: argparse.Namespace, out: Console, err: Console) -> int:
    """``rolint check --watch``: the report on ``out`` after each run, warnings and errors on ``err``."""
    if (why := refusal(args)) is not None:
        err.print(f"rolint: {why}", markup=False, highlight=False)
        return 2
    fix = None
    if args.fix:
        fix = Applicability.UNSAFE if args.unsafe_fixes else Applicability.SAFE
    watcher = Watcher(list(args.paths), Options.from_args(args), fix)
    text = args.format == "text"
    notes = out if text else err  # the machine-readable formats keep stdout to themselves

    def show(touched: list[str] | None) -> None:
        results = watcher.report()
        if touched is not None:
            if text and out.is_terminal:
                out.clear()
            names = ", ".join(visible(t) for t in touched[:5]) + (f" (+{len(touched) - 5})" if len(touched) > 5 else "")
            again = "; every file checked again with the configuration read anew" if watcher.reloaded else ""
            notes.print(Text(f"[{time.strftime('%H:%M:%S')}] changed: {names}{again}", style="bold cyan"))
        for w in dict.fromkeys([*watcher.session.warnings, *watcher.warnings]):
            err.print(Text(f"rolint: warning: {visible(w)}", style="yellow"))
        for r in results:
            if r.error:
                err.print(Text(f"rolint: error: {visible(r.error)}", style="red"))
        render(results, args, out, watcher.session)
        notes.print(Text(f"[{time.strftime('%H:%M:%S')}] watching {len(results)} file(s) for changes "
                         "(Ctrl-C to stop)", style="dim"))
        out.file.flush()
        err.file.flush()

    try:
        return watch_loop(watcher, show)
    except KeyboardInterrupt:  # during the first run
        return 0


def render(results: list[FileResult], args: argparse.Namespace, out: Console, session: Session) -> None:
    """The report of ``results`` in the format the options ask for."""
    if args.statistics:
        from rolint.report import statistics

        shown = statistics.render_json(results) if args.format == "json" else statistics.render_text(results)
        out.file.write(shown + "\n")
    elif args.format == "text":
        from rolint.report import text

        text.render(results, out, quiet=args.quiet)
    else:
        from importlib import import_module

        reporter = import_module(f"rolint.report.{args.format}")
        shown = reporter.render(results, session.run_info()) if args.format in ("json", "sarif") else \
            reporter.render(results)
        out.file.write(shown + "\n")
