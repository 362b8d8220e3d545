"""``rolint batch``: the command line over :func:`rolint.batch.run.run_batch`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rolint.options import LANGUAGETOOL_MODES, Options

EXIT_OK, EXIT_ERROR = 0, 2
BAD_SHOWN = 20  # bad records listed on stderr; the rest counted


def _csv(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def add_arguments(b: argparse.ArgumentParser) -> None:
    b.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="JSON Lines (.jsonl, .ndjson) or Parquet (.parquet) files of records, or folders/files of "
                        "documents")
    b.add_argument("--output", "-o", type=Path, required=True,
                   help="results: one row per finding (.jsonl or .parquet); re-running resumes it")
    b.add_argument("--text-field", default="text", help="the field (column) holding the text (default: text)")
    b.add_argument("--id-field", default="id",
                   help="the field (column) holding the record id (default: id; missing: file:line)")
    b.add_argument("--fix-output", type=Path, metavar="FILE",
                   help="also write the records with their safe fixes applied (.jsonl or .parquet; never an input)")
    b.add_argument("--unsafe-fixes", action="store_true", help="with --fix-output, apply unsafe fixes too")
    engine = b.add_mutually_exclusive_group()
    engine.add_argument("--jobs", "-j", type=int, default=1, help="processes on this machine (0: one per CPU)")
    engine.add_argument("--scheduler", metavar="tcp://HOST:PORT", help="run the partitions on this Dask cluster")
    engine.add_argument("--dask-local", type=int, metavar="N", help="run them on a local Dask cluster of N workers")
    b.add_argument("--partition-size", type=int, default=200, metavar="N", help="records per partition (default 200)")
    b.add_argument("--restart", action="store_true", help="start again: forget the results of earlier runs")
    b.add_argument("--select", type=_csv, help="rule ids or prefixes to check (comma-separated)")
    b.add_argument("--extend-select", type=_csv, help="rule ids or prefixes to add to the configuration's select")
    b.add_argument("--ignore", type=_csv, help="rule ids or prefixes to skip (comma-separated)")
    b.add_argument("--config", type=Path, help="configuration file (default: found upward from the current folder)")
    b.add_argument("--no-languagetool", dest="languagetool", action="store_const", const="off",
                   help="do not use LanguageTool")
    b.add_argument("--languagetool", dest="languagetool", choices=LANGUAGETOOL_MODES, default=None)
    b.add_argument("--languagetool-url", metavar="URL", help="use this LanguageTool server (the text is sent there)")
    b.add_argument("--quiet", "-q", action="store_true", help="no progress bar and no per-rule summary")


def run(args: argparse.Namespace) -> int:
    from rich.console import Console

    from rolint.batch.engines import DaskEngine, Engine, LocalEngine
    from rolint.batch.records import BadRecord, BatchInputError, RecordFormat
    from rolint.batch.run import run_batch, summary_path
    from rolint.report.visible import visible

    err = Console(file=sys.stderr, highlight=False, soft_wrap=True)
    options = Options.from_args(args)
    bad_seen = 0

    def on_bad(r: BadRecord) -> None:
        nonlocal bad_seen
        bad_seen += 1
        if bad_seen <= BAD_SHOWN:
            err.print(f"rolint: bad record skipped: {visible(str(r))}", markup=False, style="yellow")

    try:
        engine: Engine
        if args.scheduler or args.dask_local:
            engine = DaskEngine(options, args.scheduler, args.dask_local or 0,
                                on_start=None if args.quiet else lambda m: err.print(f"rolint: {m}", markup=False))
        else:
            engine = LocalEngine(options, args.jobs)
        with engine, _progress(err, args.quiet) as on_progress:
            summary = run_batch(
                args.inputs, args.output, options=options,
                fmt=RecordFormat(args.text_field, args.id_field), fix_output=args.fix_output,
                unsafe_fixes=args.unsafe_fixes, engine=engine, restart=args.restart,
                partition_records=max(1, args.partition_size), on_bad=on_bad, on_progress=on_progress)
    except BatchInputError as exc:
        print(f"rolint: {visible(str(exc))}", file=sys.stderr)
        return EXIT_ERROR
    if bad_seen > BAD_SHOWN:
        err.print(f"rolint: … and {bad_seen - BAD_SHOWN} more bad records", markup=False, style="yellow")
    resumed = f", {summary.skipped} done before" if summary.skipped else ""
    err.print(f"rolint: {summary.checked} records checked in {summary.seconds:.1f} s "
              f"({summary.records_per_second:.0f} records/s, {summary.workers} worker(s)){resumed}, "
              f"{summary.bad} bad records skipped; {summary.findings} findings written to {args.output}",
              markup=False)
    if not args.quiet:
        total = sum(summary.per_rule.values())
        err.print(f"  the output: {summary.total_records} records, {summary.total_with_findings} with findings, "
                  f"{total} findings", markup=False)
        for rule, n in list(summary.per_rule.items())[:15]:
            err.print(f"  {rule:<40} {n:>8}", markup=False)
        if len(summary.per_rule) > 15:
            err.print(f"  … {len(summary.per_rule) - 15} more rules", markup=False)
        err.print(f"  summary per rule: {summary_path(args.output)}", markup=False)
    return EXIT_OK


class _progress:
    """A rich progress bar on a terminal (records, records/s, ETA); a no-op callback otherwise."""

    def __init__(self, console: object, quiet: bool) -> None:
        self.console = console
        self.bar = None
        self.task = None
        self.enabled = not quiet and getattr(console, "is_terminal", False)

    def __enter__(self):  # type: ignore[no-untyped-def]
        if not self.enabled:
            return None
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TaskProgressColumn,
            TextColumn,
            TimeRemainingColumn,
        )

        self.bar = Progress(TextColumn("checking"), BarColumn(), MofNCompleteColumn(), TaskProgressColumn(),
                            TextColumn("{task.fields[rate]}"),
                            TextColumn("ETA"), TimeRemainingColumn(), console=self.console, transient=True)
        self.bar.start()
        self.task = self.bar.add_task("checking", total=None, rate="")
        return self.update

    def update(self, done: int, total: int | None, findings: int) -> None:
        assert self.bar is not None
        speed = self.bar.tasks[0].speed
        self.bar.update(self.task, completed=done, total=total,
                        rate=f"{speed:,.0f} records/s" if speed else "")

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()
