"""Command line: ``rolint check``, ``rolint rules``, ``rolint batch``, ``rolint server``, ``rolint languagetool``."""

from __future__ import annotations

import argparse
import difflib
import os
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from rich.console import Console

from rolint import __version__
from rolint.config import ConfigError, find_config, load_config
from rolint.diagnostics import Applicability, Diagnostic
from rolint.document import Document
from rolint.engine import Example, RuleError
from rolint.engine.selftest import ExamplesFailed
from rolint.files import expand
from rolint.fix import choose, fix_until_stable
from rolint.options import Options, add_check_arguments
from rolint.report import FileResult
from rolint.report.visible import visible
from rolint.session import Session
from rolint.source import InputError, Source, read_path, read_stream
from rolint.write import diff_sides, encode_diff, write_fixed, write_stdout

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="rolint", description="Editorial QA linter for Romanian text.")
    parser.add_argument("--version", action="version", version=f"rolint {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    c = sub.add_parser("check", help="check files, folders or stdin (-)")
    add_check_arguments(c)

    r = sub.add_parser("rules", help="list the rules, or show one with its examples")
    r.add_argument("rule", nargs="?")
    r.add_argument("--config", type=Path)
    r.add_argument("--markdown", action="store_true", help="print the rule reference (docs/rules.md)")
    r.add_argument("--test", nargs="*", type=Path, metavar="FOLDER",
                   help="run every example of the rule packs in FOLDER (default: the configuration's rules "
                        "folders) and of the built-in ones; exit 1 when one fails")

    rs = sub.add_parser("restore", help="restore the diacritics of a text written without them (stdout, or --in-place)")
    rs.add_argument("path", metavar="FILE", help="a file, or - for stdin")
    rs.add_argument("--in-place", action="store_true", help="write the file (atomically) instead of stdout")
    rs.add_argument("--stdin-filename", help="the name of stdin's text (its suffix names the format)")
    rs.add_argument("--encoding", help="read (and write) the file in this encoding instead of refusing non-UTF-8")

    s = sub.add_parser("server", help="the managed LanguageTool server")
    s.add_argument("action", choices=("start", "stop", "status"))

    from rolint.batch.command import add_arguments as add_batch_arguments

    add_batch_arguments(sub.add_parser("batch", help="check an archive (JSON Lines, Parquet, folders) into one "
                                                     "row per finding; resumable; --jobs or a Dask cluster"))

    lt = sub.add_parser("languagetool", help="LanguageTool provisioning")
    lt.add_argument("action", choices=("install",))
    sub.add_parser("lsp", help="language server over stdio (needs the 'lsp' extra: pip install 'rolint[lsp]')")
    return parser


def make_console(color: str, stream=None) -> Console:
    stream = stream or sys.stdout
    if color == "always":
        return Console(file=stream, force_terminal=True, color_system="standard", highlight=False, soft_wrap=True)
    if color == "never":
        return Console(file=stream, color_system=None, highlight=False, soft_wrap=True, force_terminal=False)
    return Console(file=stream, highlight=False, soft_wrap=True)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "check":
            return cmd_check(args)
        if args.command == "rules":
            return cmd_rules(args)
        if args.command == "restore":
            return cmd_restore(args)
        if args.command == "batch":
            from rolint.batch.command import run as cmd_batch

            return cmd_batch(args)
        if args.command == "server":
            from rolint.languagetool.server import cli_server

            return cli_server(args.action)
        if args.command == "lsp":
            try:
                from rolint.lsp.server import main as lsp_main
            except ImportError as exc:
                print(f"rolint: the language server needs pygls ({exc.name} is missing): "
                      "pip install 'rolint[lsp]'", file=sys.stderr)
                return EXIT_ERROR

            return lsp_main()
        if args.command == "languagetool":
            from rolint.languagetool.server import cli_install

            return cli_install()
    except ExamplesFailed as exc:
        for line in exc.lines:
            print(f"rolint: {visible(line)}", file=sys.stderr)
        print(f"rolint: {visible(str(exc))} (`rolint rules --test` runs the examples)", file=sys.stderr)
        return EXIT_ERROR
    except (ConfigError, RuleError) as exc:
        print(f"rolint: {visible(str(exc))}", file=sys.stderr)
        return EXIT_ERROR
    except Exception as exc:
        from rolint.languagetool.errors import LanguageToolUnavailable

        if isinstance(exc, LanguageToolUnavailable):  # --languagetool=required
            print(f"rolint: LanguageTool is required but unavailable: {exc.reason}", file=sys.stderr)
            return EXIT_ERROR
        raise
    except KeyboardInterrupt:
        return 130
    return EXIT_ERROR


# -- restore ------------------------------------------------------------------------------


def cmd_restore(args: argparse.Namespace) -> int:
    """``rolint restore FILE|-``: the text with its diacritics restored, to stdout or in place."""
    from rolint.api import restore_text

    if args.path == "-" and args.in_place:
        print("rolint: --in-place needs a file, not stdin", file=sys.stderr)
        return EXIT_ERROR
    try:
        if args.path == "-":
            source = read_stream(sys.stdin.buffer, args.stdin_filename or "-", args.encoding)
        else:
            source = read_path(args.path, args.encoding)
        new_text = restore_text(source.text, path=args.stdin_filename or source.path)
        if args.in_place:
            write_fixed(source, new_text)
        else:
            write_stdout(source, new_text)
    except InputError as exc:
        print(f"rolint: {visible(str(exc))}", file=sys.stderr)
        return EXIT_ERROR
    return EXIT_OK


# -- check --------------------------------------------------------------------------------


def read_input(path: str, args: argparse.Namespace, session: Session) -> Source:
    if path == "-":
        o = session.options
        return read_stream(sys.stdin.buffer, args.stdin_filename or "-", o.encoding, o.max_file_size)
    return session.read(path)


def cmd_check(args: argparse.Namespace) -> int:
    if args.watch:
        from rolint.watch import cli_watch

        return cli_watch(args, make_console(args.color), make_console(args.color, sys.stderr))
    if args.output_file is None:
        return _check(args, None)
    try:
        report = open(args.output_file, "w", encoding="utf-8", newline="")  # noqa: SIM115 - closed below
    except OSError as exc:
        print(f"rolint: cannot write the report to {visible(str(args.output_file))}: {exc.strerror}",
              file=sys.stderr)
        return EXIT_ERROR
    with report:
        return _check(args, report)


def _check(args: argparse.Namespace, report_file: TextIO | None) -> int:
    """``rolint check``; the report (or diff) goes to ``report_file`` when given, else to stdout."""
    if args.interactive and (args.diff or "-" in args.paths):
        print("rolint: --interactive reads answers from stdin: it works on files, without --diff",
              file=sys.stderr)
        return EXIT_ERROR
    if args.fix_only and (args.diff or args.interactive):
        print("rolint: --fix-only writes the fixes: it does not go with --diff or --interactive", file=sys.stderr)
        return EXIT_ERROR
    session = Session(Options.from_args(args))
    paths = expand(args.paths, session.config_for)
    if session.options.strict_rules:  # refuse bad packs here, before any worker process loads them
        for path in paths:
            session.linter(session.config_for(Path(path if path != "-" else (args.stdin_filename or ".")).absolute()))
    level = Applicability.UNSAFE if args.unsafe_fixes else Applicability.SAFE
    fixing = args.fix or args.fix_only or args.diff or args.interactive
    changed_files = 0  # files whose text the fixes changed (--fix-only's exit status)
    results: list[FileResult] = []
    diffs: list[tuple[str, Source]] = []
    fixed_rules: Counter[str] = Counter()  # rule → fixes applied (or, with --diff, that would be)
    exit_code = EXIT_OK
    input_error = False
    quit_review = False
    out_console = make_console(args.color)
    jobs = args.jobs if args.jobs is not None else (0 if len(paths) >= PARALLEL_FROM else 1)
    if not fixing and jobs != 1 and len(paths) > 1 and "-" not in paths:
        from rolint.parallel import lint_files

        with status(out_console if args.format == "text" else make_console(args.color, sys.stderr),
                    f"checking {len(paths)} files"):
            results = lint_files(paths, session.options, jobs, session.warnings)
        for r in results:
            input_error = input_error or r.error is not None
            cfg = session.config_for(Path(r.path).absolute())
            if any(d.severity >= cfg.fail_on for d in r.diagnostics):
                exit_code = EXIT_FINDINGS
        paths = []
    for path in progress(paths, make_console(args.color, sys.stderr)):
        display = args.stdin_filename or "-" if path == "-" else path
        cfg = session.config_for(Path(path if path != "-" else (args.stdin_filename or ".")).absolute())
        try:
            source = read_input(path, args, session)
        except InputError as exc:
            results.append(FileResult(display, None, error=str(exc)))
            input_error = True
            continue
        linter = session.linter(cfg)
        fmt_path = args.stdin_filename if path == "-" and args.stdin_filename else path
        doc = Document.from_source(source, _format_of(fmt_path))
        result = FileResult(display, doc)
        results.append(result)
        if not fixing or (args.interactive and quit_review):
            result.diagnostics = linter.lint(doc)
        else:
            def check_text(text: str, _fmt=doc.format, _p=display, _linter=linter) -> list[Diagnostic]:
                return _linter.lint(Document.from_source(Source(_p, text), _fmt))

            if args.interactive:
                from rolint.interactive import review

                reviewed = review(doc, linter.lint(doc), out_console, sys.stdin)
                new_text, applied, remaining = reviewed.text, reviewed.accepted, None
                quit_review = reviewed.quit
            else:
                fixed = fix_until_stable(source.text, check_text, level)
                new_text, applied, remaining = fixed.text, fixed.applied, fixed.remaining
                if not fixed.converged:  # a rule pack whose fixes undo or feed each other: change nothing
                    rules = ", ".join(sorted({d.rule for d in choose(fixed.remaining, level, fixed.text)}))
                    session.warnings.append(f"{display}: fixes failed to converge after {fixed.passes} passes "
                                            f"(still fixable: {rules}); not fixed")
                    new_text, applied, remaining = source.text, Counter(), None
            changed = new_text != source.text
            if args.diff:
                result.diagnostics = remaining if remaining is not None else linter.lint(doc)
                if changed:
                    try:
                        old_side, new_side = diff_sides(source, new_text)
                    except InputError as exc:
                        result.error, input_error = str(exc), True
                        continue
                    diffs.append((unified_diff(display, old_side, new_side), source))
                    fixed_rules.update(applied)
                    exit_code = EXIT_FINDINGS
                continue
            try:
                if path == "-":
                    write_stdout(source, new_text)  # the fixed text, changed or not, as the file would be
                elif changed:
                    write_fixed(source, new_text)
            except InputError as exc:
                result.error = str(exc)
                input_error = True
                result.diagnostics = linter.lint(doc)
                continue
            fixed_rules.update(applied)
            changed_files += changed
            result.fixed = sum(applied.values())
            result.doc = doc = Document.from_source(
                Source(source.path, new_text, source.encoding, source.bom, source.newline), doc.format)
            result.diagnostics = remaining if remaining is not None else linter.lint(doc)
        if not args.diff and any(d.severity >= cfg.fail_on for d in result.diagnostics):
            exit_code = EXIT_FINDINGS

    stdout_taken = (args.fix or args.fix_only or args.interactive) and "-" in paths
    report_out: TextIO = report_file or (sys.stderr if stdout_taken else sys.stdout)
    report_console = out_console if report_out is sys.stdout else make_console(args.color, report_out)
    err_console = make_console(args.color, sys.stderr)
    for w in dict.fromkeys(session.warnings):
        err_console.print(f"rolint: warning: {visible(w)}", style="yellow", highlight=False, markup=False)
    if args.diff:
        color = args.color == "always" or (args.color == "auto" and report_console.is_terminal
                                           and not os.environ.get("NO_COLOR"))
        report_out.flush()
        out = getattr(report_out, "buffer", None)  # bytes: each diff in its file's encoding (patch applies it)
        for d, src in diffs:
            shown = colorize_diff(d) if color else d
            if out is not None:
                out.write(encode_diff(shown, src))
            else:
                report_out.write(shown)
        (out or report_out).flush()
        n = sum(fixed_rules.values())
        if n:
            err_console.print(f"Would fix {n} problem(s) in {len(diffs)} file(s): {_per_rule(fixed_rules)}",
                              highlight=False, markup=False)
        else:
            err_console.print("No fixes to apply.", highlight=False)
    elif args.fix_only:
        n = sum(fixed_rules.values())
        if n:
            report_console.print(f"rolint: fixed {n} problem(s) in {changed_files} file(s): {_per_rule(fixed_rules)}",
                                 highlight=False, markup=False)
        elif not args.quiet:
            report_console.print("rolint: no fixes to apply.", highlight=False, markup=False)
    elif args.statistics:
        from rolint.report import statistics

        rendered = statistics.render_json(results) if args.format == "json" else statistics.render_text(results)
        report_out.write(rendered + "\n")
    elif args.format == "text":
        from rolint.report import text

        text.render(results, report_console, quiet=args.quiet)
        if fixed_rules:
            verb = "changed" if args.interactive else "fixed"
            report_console.print(f"  {verb}: {_per_rule(fixed_rules)}", highlight=False, markup=False)
        if not args.quiet and any(r.diagnostics for r in results):
            text.accept_hints(report_console)
    else:
        from importlib import import_module

        reporter = import_module(f"rolint.report.{args.format}")
        if args.format in ("json", "sarif"):
            rendered = reporter.render(results, session.run_info())
        else:
            rendered = reporter.render(results)
        report_out.write(rendered + "\n")
    if input_error:
        for r in results:
            if r.error:
                print(f"rolint: error: {visible(r.error)}", file=sys.stderr)
        return EXIT_ERROR
    if args.fix_only:  # the findings left are not its business: fail only when a file changed
        exit_code = EXIT_FINDINGS if changed_files else EXIT_OK
    return EXIT_OK if args.exit_zero else exit_code


def _per_rule(counts: Counter[str]) -> str:
    return ", ".join(f"{rule} ×{n}" for rule, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


PARALLEL_FROM = 8  # files: from this many on, a process pool pays for its start-up
PROGRESS_FROM = 20  # files: from this many on, a progress bar on a terminal


def progress(paths: list[str], console: Console):  # type: ignore[no-untyped-def]
    """Iterate over ``paths``, with a transient progress bar on a terminal for long runs."""
    if len(paths) < PROGRESS_FROM or not console.is_terminal:
        yield from paths
        return
    from rich.progress import Progress

    with Progress(console=console, transient=True) as bar:
        task = bar.add_task("checking", total=len(paths))
        for p in paths:
            yield p
            bar.advance(task)


def status(console: Console, message: str):  # type: ignore[no-untyped-def]
    """A spinner on a terminal, nothing otherwise."""
    import contextlib

    return console.status(message) if console.is_terminal else contextlib.nullcontext()


def _format_of(path: str) -> str | None:
    from rolint.document import format_for

    return format_for(path)


NO_EOL = "\\ No newline at end of file\n"


def unified_diff(path: str, old: str, new: str) -> str:
    """A unified diff that ``patch``/``git apply`` accept: line endings kept, missing final newline marked."""
    name = path.lstrip("/")
    out: list[str] = []
    for line in difflib.unified_diff(
        old.splitlines(keepends=True), new.splitlines(keepends=True), fromfile=f"a/{name}", tofile=f"b/{name}"
    ):
        out.append(line)
        if not line.endswith(("\n", "\r")):
            out.append("\n" + NO_EOL)
    return "".join(out)


def colorize_diff(diff: str) -> str:
    """ANSI colours for a terminal (the diff's own bytes, line endings included, are kept)."""
    styles = (("+++", "\x1b[1m"), ("---", "\x1b[1m"), ("+", "\x1b[32m"), ("-", "\x1b[31m"), ("@@", "\x1b[36m"))
    out: list[str] = []
    for line in diff.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        for prefix, code in styles:
            if line.startswith(prefix):
                out.append(f"{code}{body}\x1b[0m{line[len(body):]}")
                break
        else:
            out.append(line)
    return "".join(out)


# -- rules --------------------------------------------------------------------------------


def cmd_rules(args: argparse.Namespace) -> int:
    from rolint.checks.registry import CODED_RULES, CodedRule
    from rolint.engine import Rule, builtin_rules_dir, load_rules

    cfg = load_config(args.config.resolve()) if args.config else load_config(find_config(Path.cwd()))
    if args.test is not None:
        return rules_test([builtin_rules_dir(), *([p.resolve() for p in args.test] or cfg.rule_dirs)])
    rules = load_rules([builtin_rules_dir(), *cfg.rule_dirs])
    if args.markdown:
        from rolint.engine.reference import markdown

        sys.stdout.write(markdown(rules))
        return EXIT_OK
    console = make_console("auto")
    if args.rule:
        want, prefix = args.rule, args.rule + "."
        matching = [r for r in rules if r.id == want]
        coded = [r for r in CODED_RULES if r.covers(want)]
        if not matching and not coded:
            matching = [r for r in rules if r.id.startswith(prefix)]
            coded = [r for r in CODED_RULES if r.id.startswith(prefix)]
        if not matching and not coded:
            print(f"rolint: no rule {args.rule!r}", file=sys.stderr)
            return EXIT_ERROR
        for rule in matching:
            console.print(f"[bold]{rule.id}[/bold]  ({rule.kind}, {rule.category}, {rule.severity.label}, "
                          f"fix: {rule.applicability.label}{'' if rule.enabled_by_default else ', off by default'})")
            console.print(f"  message: {rule.message}", markup=False)
            if rule.description:
                console.print(f"  {rule.description}", markup=False)
            console.print(f"  defined in {rule.location.path}:{rule.location.line}", markup=False)
            _print_examples(console, rule.examples)
        for c in coded:
            console.print(f"[bold]{c.id}[/bold]  ({c.kind}, {c.category}, {c.severity.label}, "
                          f"fix: {c.applicability.label}{'' if c.enabled_by_default else ', off by default'})")
            console.print(f"  {c.summary}", markup=False)
            console.print("  " + c.doc.replace("**", "").replace("\n", "\n  "), markup=False)
            console.print(f"  reported by {c.check.replace(':', '.')}", markup=False)
            _print_examples(console, c.examples)
        return EXIT_OK
    listed: list[Rule | CodedRule] = [*rules, *CODED_RULES]
    width = max(len(r.id) for r in listed)
    for entry in listed:
        off = "" if entry.enabled_by_default else "  (off by default)"
        console.print(
            f"{entry.id:<{width}}  {entry.kind:<12} {entry.category:<12} {entry.severity.label:<7} "
            f"fix:{entry.applicability.label:<6}{off}",
            markup=False, highlight=False,
        )
    console.print(f"{len(rules) + len(CODED_RULES)} rules; `rolint rules ID` shows one with its examples.",
                  markup=False)
    return EXIT_OK


def rules_test(dirs: list[Path]) -> int:
    """``rolint rules --test``: each failing example with its file:line and what went wrong."""
    from rolint.engine import load_rules
    from rolint.engine.selftest import failures

    rules = load_rules(dirs)
    failed = failures(rules)
    for f in failed:
        print(visible(str(f)))
    examples = sum(len(r.examples) for r in rules)
    packs = len({r.location.path for r in rules})
    verdict = f"{len(failed)} failed" if failed else "all pass"
    print(f"{examples} examples of {len(rules)} rules in {packs} pack(s): {verdict}")
    return EXIT_FINDINGS if failed else EXIT_OK


def _print_examples(console: Console, examples: Sequence[Example]) -> None:
    for ex in examples:
        if ex.good:
            console.print(f"  [green]good:[/green] {ex.text}", highlight=False)
        else:
            console.print(f"  [red]bad:[/red]  {ex.text}", highlight=False)
            if ex.fixed is not None:
                console.print(f"  [green]fixed:[/green] {ex.fixed}", highlight=False)


if __name__ == "__main__":
    raise SystemExit(main())
