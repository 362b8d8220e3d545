"""The options of a run, as one frozen, picklable value: :class:`Options`.

The command line builds it once (:meth:`Options.from_args`); the library functions (``rolint.api``), the
process pool (``rolint.parallel``) and the language server take it as it is. The ``check`` command's
arguments are declared here (:func:`add_check_arguments`) so that an argv-like option list can be turned
into :class:`Options` without importing the command line.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rolint.report import FORMATS
from rolint.source import DEFAULT_MAX_SIZE, parse_size

LANGUAGETOOL_MODES = ("auto", "required", "off")
LANGUAGETOOL_ENV = "ROLINT_LANGUAGETOOL"

__all__ = ["LANGUAGETOOL_MODES", "Options", "add_check_arguments"]


@dataclass(frozen=True)
class Options:
    """What a run checks and how; the defaults are those of ``rolint check`` without options.

    ``config``: a configuration file, or None to find one upward from each file (``rolint.toml``,
    ``.rolint.toml``, ``pyproject.toml`` with ``[tool.rolint]``). ``select`` replaces the configuration's
    selection when not empty; ``extend_select`` adds to it (an off-by-default rule runs when named exactly
    there); ``ignore`` and ``exclude`` add to the configuration's. ``fail_on``: ``"info"``, ``"warning"``,
    ``"error"`` or None (the configuration's). ``languagetool``: ``"auto"`` (use it when available),
    ``"required"`` (fail without it), ``"off"``, or None: ``$ROLINT_LANGUAGETOOL``, else ``"auto"``.
    ``languagetool_url``: a server of the user's choosing (the text is sent there). ``encoding``: decode
    files with it instead of refusing non-UTF-8. ``max_file_size``: bytes, 0 for no limit. ``explain``: the
    spelling model's evidence on each finding (and the words it took as correct). ``unsafe_fixes``: fixing
    also applies unsafe fixes. ``strict_rules``: run every example of the rule packs loaded, and refuse them
    (:class:`rolint.engine.selftest.ExamplesFailed`, a ConfigError) when one fails.
    """

    config: Path | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    fail_on: str | None = None
    languagetool: str | None = None
    languagetool_url: str | None = None
    encoding: str | None = None
    max_file_size: int = DEFAULT_MAX_SIZE
    explain: bool = False
    unsafe_fixes: bool = False
    strict_rules: bool = False

    def __post_init__(self) -> None:
        for name in ("select", "ignore", "extend_select", "exclude"):
            value = getattr(self, name)
            if isinstance(value, str):
                raise TypeError(f"Options.{name} is a sequence of rule ids or patterns, not a string")
            object.__setattr__(self, name, tuple(value))
        if self.languagetool is not None and self.languagetool not in LANGUAGETOOL_MODES:
            raise ValueError(f"Options.languagetool must be one of {', '.join(LANGUAGETOOL_MODES)} or None")
        if self.fail_on is not None and self.fail_on not in ("info", "warning", "error"):
            raise ValueError("Options.fail_on must be 'info', 'warning', 'error' or None")
        if self.config is not None and not isinstance(self.config, Path):
            object.__setattr__(self, "config", Path(self.config))

    @property
    def languagetool_mode(self) -> str:
        """The LanguageTool mode in effect: the option, else ``$ROLINT_LANGUAGETOOL``, else ``auto``."""
        return self.languagetool or os.environ.get(LANGUAGETOOL_ENV) or "auto"

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> Options:
        """The options of a parsed ``rolint check`` command line."""

        def tup(name: str) -> tuple[str, ...]:
            return tuple(getattr(args, name, None) or ())

        return cls(
            config=args.config.resolve() if getattr(args, "config", None) else None,
            select=tup("select"),
            ignore=tup("ignore"),
            extend_select=tup("extend_select"),
            exclude=tup("exclude"),
            fail_on=getattr(args, "fail_on", None),
            languagetool=getattr(args, "languagetool", None),
            languagetool_url=getattr(args, "languagetool_url", None),
            encoding=getattr(args, "encoding", None),
            max_file_size=getattr(args, "max_file_size", DEFAULT_MAX_SIZE),
            explain=bool(getattr(args, "explain", False)),
            unsafe_fixes=bool(getattr(args, "unsafe_fixes", False)),
            strict_rules=bool(getattr(args, "strict_rules", False)),
        )

    @classmethod
    def from_argv(cls, argv: Sequence[str]) -> Options:
        """The options of ``rolint check ARGV`` (options only: no paths, no fixing), e.g.
        ``["--no-languagetool", "--select", "diacritics"]``. Raises ValueError for fixing options."""
        parser = argparse.ArgumentParser(prog="rolint check", add_help=False, exit_on_error=False)
        add_check_arguments(parser)
        try:
            args = parser.parse_args(list(argv))
        except (argparse.ArgumentError, SystemExit) as exc:
            raise ValueError(f"bad rolint check options {list(argv)!r}: {exc}") from None
        if args.fix or args.fix_only or args.diff or args.interactive or args.watch:
            raise ValueError("these options only check: drop --fix/--fix-only/--diff/--interactive/--watch")
        if args.paths != ["."]:
            raise ValueError(f"options only, no paths: {args.paths!r}")
        return cls.from_args(args)


def _csv(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def _size(value: str) -> int:
    try:
        return parse_size(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_check_arguments(c: argparse.ArgumentParser) -> None:
    """The arguments of ``rolint check``."""
    c.add_argument("paths", nargs="*", default=["."], help="files, folders, or - for stdin")
    c.add_argument("--format", choices=FORMATS, default="text")
    c.add_argument("--select", type=_csv, help="rule ids or prefixes to check (comma-separated)")
    c.add_argument("--extend-select", type=_csv,
                   help="rule ids or prefixes to check in addition to the configuration's select "
                        "(comma-separated; an off-by-default rule runs when named exactly)")
    c.add_argument("--ignore", type=_csv, help="rule ids or prefixes to skip (comma-separated)")
    c.add_argument("--config", type=Path, help="configuration file (default: found upward from each file)")
    c.add_argument("--no-languagetool", dest="languagetool", action="store_const", const="off",
                   help="do not use LanguageTool")
    c.add_argument("--languagetool", dest="languagetool", choices=LANGUAGETOOL_MODES, default=None,
                   help="auto: use it when available (default); required: exit 2 without it")
    c.add_argument("--languagetool-url", metavar="URL",
                   help="use this LanguageTool server instead of rolint's own local one (the text is sent there)")
    c.add_argument("--encoding", help="decode input with this encoding instead of refusing non-UTF-8")
    c.add_argument("--stdin-filename", help="name (and format) of the text read from stdin")
    c.add_argument("--max-file-size", type=_size, default=DEFAULT_MAX_SIZE, metavar="SIZE",
                   help="refuse larger files and stdin: bytes, or 500k, 10MB, 1G (default 50MB; 0: no limit)")
    c.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    c.add_argument("--quiet", "-q", action="store_true", help="only the summary (text format)")
    c.add_argument("--statistics", action="store_true",
                   help="count the findings per rule instead of listing them")
    c.add_argument("--output-file", "-o", type=Path, metavar="FILE",
                   help="write the report (or the diff) to FILE instead of stdout")
    c.add_argument("--exit-zero", action="store_true",
                   help="exit 0 even when problems are found (still 2 on errors)")
    c.add_argument("--exclude", type=_csv, default=[], help="glob patterns to skip in folders")
    c.add_argument("--explain", action="store_true",
                   help="show the evidence behind each spelling decision, words taken as correct included")
    c.add_argument("--strict-rules", action="store_true",
                   help="run the examples of the rule packs loaded; refuse the packs (exit 2) when one fails")
    c.add_argument("--fix", action="store_true", help="apply safe fixes to the files")
    c.add_argument("--fix-only", action="store_true",
                   help="apply safe fixes and report no findings: one line on what was fixed; exit 1 only "
                        "when a file changed (the pre-commit hook rolint-fix)")
    c.add_argument("--unsafe-fixes", action="store_true",
                   help="with --fix, --fix-only or --diff, also apply unsafe fixes")
    c.add_argument("--diff", action="store_true", help="print a unified diff of the fixes; write nothing")
    c.add_argument("--interactive", "-i", action="store_true",
                   help="review fixable findings one by one: accept, skip, other suggestion, quit")
    c.add_argument("--watch", "-w", action="store_true",
                   help="check, then re-check the files as they change, until Ctrl-C (needs the 'watch' extra; "
                        "with --fix, fix them as they change)")
    c.add_argument("--fail-on", choices=("info", "warning", "error"), help="lowest severity that fails (exit 1)")
    c.add_argument("--jobs", "-j", type=int, default=None,
                   help="processes for many files (default: all cores from 8 files on; 1: no pool)")
