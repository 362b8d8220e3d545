"""Command line: ``rolint check``, ``rolint rules``, ``rolint server``, ``rolint languagetool``."""

from __future__ import annotations

import argparse
import difflib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console

from rolint import __version__
from rolint.config import Config, ConfigError, find_config, load_config
from rolint.diagnostics import Applicability, Diagnostic, Severity
from rolint.document import Document
from rolint.engine import RuleError
from rolint.files import expand
from rolint.fix import fix_until_stable
from rolint.lint import Linter
from rolint.report import FORMATS, FileResult
from rolint.source import InputError, Source, decode, read_path
from rolint.write import write_fixed

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _csv(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="rolint", description="Editorial QA linter for Romanian text.")
    parser.add_argument("--version", action="version", version=f"rolint {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    c = sub.add_parser("check", help="check files, folders or stdin (-)")
    c.add_argument("paths", nargs="*", default=["."], help="files, folders, or - for stdin")
    c.add_argument("--format", choices=FORMATS, default="text")
    c.add_argument("--select", type=_csv, help="rule ids or prefixes to check (comma-separated)")
    c.add_argument("--ignore", type=_csv, help="rule ids or prefixes to skip (comma-separated)")
    c.add_argument("--config", type=Path, help="configuration file (default: found upward from each file)")
    c.add_argument("--no-languagetool", dest="languagetool", action="store_const", const="off",
                   help="do not use LanguageTool")
    c.add_argument("--languagetool", dest="languagetool", choices=("auto", "required", "off"), default=None,
                   help="auto: use it when available (default); required: exit 2 without it")
    c.add_argument("--encoding", help="decode input with this encoding instead of refusing non-UTF-8")
    c.add_argument("--stdin-filename", help="name (and format) of the text read from stdin")
    c.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    c.add_argument("--quiet", "-q", action="store_true", help="only the summary (text format)")
    c.add_argument("--exclude", type=_csv, default=[], help="glob patterns to skip in folders")
    c.add_argument("--fix", action="store_true", help="apply safe fixes to the files")
    c.add_argument("--unsafe-fixes", action="store_true", help="with --fix or --diff, also apply unsafe fixes")
    c.add_argument("--diff", action="store_true", help="print a unified diff of the fixes; write nothing")
    c.add_argument("--fail-on", choices=("info", "warning", "error"), help="lowest severity that fails (exit 1)")

    r = sub.add_parser("rules", help="list the rules, or show one with its examples")
    r.add_argument("rule", nargs="?")
    r.add_argument("--config", type=Path)

    s = sub.add_parser("server", help="the managed LanguageTool server")
    s.add_argument("action", choices=("start", "stop", "status"))

    lt = sub.add_parser("languagetool", help="LanguageTool provisioning")
    lt.add_argument("action", choices=("install",))
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
        if args.command == "server":
            from rolint.languagetool.server import cli_server

            return cli_server(args.action)
        if args.command == "languagetool":
            from rolint.languagetool.provision import cli_install

            return cli_install()
    except (ConfigError, RuleError) as exc:
        print(f"rolint: {exc}", file=sys.stderr)
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


# -- check --------------------------------------------------------------------------------


class Session:
    """Configs and linters of one run, shared across files (cached per folder and per config)."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.explicit = load_config(args.config.resolve()) if args.config else None
        self._configs: dict[Path | None, Config] = {}
        self._linters: dict[int, Linter] = {}
        self.warnings: list[str] = []
        self.lt_mode = args.languagetool or os.environ.get("ROLINT_LANGUAGETOOL") or "auto"

    def config_for(self, where: Path) -> Config:
        if self.explicit is not None:
            return self.adjust(self.explicit)
        found = find_config(where)
        if found not in self._configs:
            self._configs[found] = self.adjust(load_config(found))
        return self._configs[found]

    def adjust(self, cfg: Config) -> Config:
        if getattr(cfg, "_adjusted", False):
            return cfg
        if self.args.select:
            cfg.select = list(self.args.select)
        if self.args.ignore:
            cfg.ignore = [*cfg.ignore, *self.args.ignore]
        cfg.exclude = [*cfg.exclude, *self.args.exclude]
        if self.args.fail_on:
            cfg.fail_on = Severity.parse(self.args.fail_on)
        cfg._adjusted = True  # type: ignore[attr-defined]
        return cfg

    def linter(self, cfg: Config) -> Linter:
        key = id(cfg)
        if key not in self._linters:
            self._linters[key] = Linter(
                cfg,
                languagetool=self.languagetool_check(cfg),
                languagetool_required=self.lt_mode == "required",
                warnings=self.warnings,
            )
        return self._linters[key]

    def languagetool_check(self, cfg: Config):  # type: ignore[no-untyped-def]
        if self.lt_mode == "off" or cfg.languagetool.get("enabled") is False:
            return None
        try:
            from rolint.languagetool.check import LanguageToolCheck
        except ImportError as exc:
            if self.lt_mode == "required":
                raise ConfigError(f"LanguageTool support is not installed: {exc}") from None
            self.warnings.append(f"skipped LanguageTool: {exc}")
            return None
        return LanguageToolCheck()


def read_input(path: str, args: argparse.Namespace) -> Source:
    if path == "-":
        data = sys.stdin.buffer.read()
        return decode(data, args.stdin_filename or "-", args.encoding)
    return read_path(path, args.encoding)


def cmd_check(args: argparse.Namespace) -> int:
    session = Session(args)
    paths = expand(args.paths, session.config_for)
    level = Applicability.UNSAFE if args.unsafe_fixes else Applicability.SAFE
    results: list[FileResult] = []
    diffs: list[str] = []
    exit_code = EXIT_OK
    input_error = False
    for path in paths:
        display = args.stdin_filename or "-" if path == "-" else path
        cfg = session.config_for(Path(path if path != "-" else (args.stdin_filename or ".")).absolute())
        try:
            source = read_input(path, args)
        except InputError as exc:
            results.append(FileResult(display, None, error=str(exc)))
            input_error = True
            continue
        linter = session.linter(cfg)
        fmt_path = args.stdin_filename if path == "-" and args.stdin_filename else path
        doc = Document.from_source(source, _format_of(fmt_path))
        result = FileResult(display, doc)
        if args.fix or args.diff:
            def check_text(text: str, _fmt=doc.format, _p=display) -> list[Diagnostic]:
                return linter.lint(Document.from_source(Source(_p, text), _fmt))

            fixed = fix_until_stable(source.text, check_text, level)
            if not fixed.converged:
                session.warnings.append(f"{display}: fixes did not converge after {fixed.passes} passes")
            if fixed.text != source.text:
                if args.diff:
                    diffs.append(unified_diff(display, source.text, fixed.text))
                elif path == "-":
                    sys.stdout.write(fixed.text)
                else:
                    try:
                        write_fixed(source, fixed.text)
                    except InputError as exc:
                        result.error = str(exc)
                        input_error = True
                        results.append(result)
                        result.diagnostics = linter.lint(doc)
                        continue
                if args.diff:
                    exit_code = EXIT_FINDINGS
            result.fixed = sum(fixed.applied.values())
            if not args.diff:
                doc = Document.from_source(Source(source.path, fixed.text, source.encoding, source.bom,
                                                  source.newline), doc.format)
                result.doc = doc
        if not args.diff or True:
            result.diagnostics = linter.lint(doc) if not args.diff else linter.lint(doc)
        if any(d.severity >= cfg.fail_on for d in result.diagnostics) and not args.diff:
            exit_code = EXIT_FINDINGS
        results.append(result)

    stdout_taken = args.fix and "-" in paths
    err_console = make_console(args.color, sys.stderr)
    for w in dict.fromkeys(session.warnings):
        err_console.print(f"rolint: warning: {w}", style="yellow", highlight=False)
    if args.diff:
        out = make_console(args.color)
        for d in diffs:
            print_diff(out, d)
    elif args.format == "text":
        from rolint.report import text

        text.render(results, err_console if stdout_taken else make_console(args.color), quiet=args.quiet)
    else:
        from importlib import import_module

        rendered = import_module(f"rolint.report.{args.format}").render(results)
        (sys.stderr if stdout_taken else sys.stdout).write(rendered + "\n")
    if input_error:
        for r in results:
            if r.error and args.format != "text":
                print(f"rolint: {r.error}", file=sys.stderr)
        return EXIT_ERROR
    return exit_code


def _format_of(path: str) -> str | None:
    from rolint.document import format_for

    return format_for(path)


def unified_diff(path: str, old: str, new: str) -> str:
    return "".join(
        difflib.unified_diff(
            old.splitlines(keepends=True), new.splitlines(keepends=True), fromfile=f"a/{path}", tofile=f"b/{path}"
        )
    )


def print_diff(console: Console, diff: str) -> None:
    from rich.text import Text

    for line in diff.splitlines():
        style = None
        if line.startswith(("+++", "---")):
            style = "bold"
        elif line.startswith("+"):
            style = "green"
        elif line.startswith("-"):
            style = "red"
        elif line.startswith("@@"):
            style = "cyan"
        console.print(Text(line, style=style), soft_wrap=True)


# -- rules --------------------------------------------------------------------------------


def cmd_rules(args: argparse.Namespace) -> int:
    from rich.table import Table

    from rolint.engine import builtin_rules_dir, load_rules

    cfg = load_config(args.config.resolve()) if args.config else load_config(find_config(Path.cwd()))
    rules = load_rules([builtin_rules_dir(), *cfg.rule_dirs])
    console = make_console("auto")
    if args.rule:
        matching = [r for r in rules if r.id == args.rule] or [r for r in rules if r.id.startswith(args.rule + ".")]
        if not matching:
            print(f"rolint: no rule {args.rule!r}", file=sys.stderr)
            return EXIT_ERROR
        for rule in matching:
            console.print(f"[bold]{rule.id}[/bold]  ({rule.kind}, {rule.category}, {rule.severity.label}, "
                          f"fix: {rule.applicability.label}{'' if rule.enabled_by_default else ', off by default'})")
            console.print(f"  message: {rule.message}", markup=False)
            if rule.description:
                console.print(f"  {rule.description}", markup=False)
            console.print(f"  defined in {rule.location.path}:{rule.location.line}", markup=False)
            for ex in rule.examples:
                if ex.good:
                    console.print(f"  [green]good:[/green] {ex.text}", highlight=False)
                else:
                    console.print(f"  [red]bad:[/red]  {ex.text}", highlight=False)
                    if ex.fixed is not None:
                        console.print(f"  [green]fixed:[/green] {ex.fixed}", highlight=False)
        return EXIT_OK
    table = Table("rule", "kind", "category", "severity", "fix", "message")
    for rule in rules:
        table.add_row(rule.id, rule.kind, rule.category, rule.severity.label, rule.applicability.label,
                      rule.message if len(rule.message) < 70 else rule.message[:67] + "…")
    console.print(table)
    return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
