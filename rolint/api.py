"""rolint as a library: check and fix text or files without the command line.

    import rolint.api as rolint

    opts = rolint.Options(languagetool="off")
    for d in rolint.check_text("Sistemul şi aplicaţiile.", options=opts):
        print(d.rule, d.start, d.end, d.message)
    print(rolint.fix_text("Sistemul şi aplicaţiile.", options=opts).text)

``check_text`` and ``fix_text`` reuse one :class:`~rolint.session.Session` per :class:`Options` value
(configurations read once, rule packs and the speller loaded once); :func:`reset` forgets them, e.g.
after a configuration file changed. ``options=None`` means ``Options()``: the defaults of
``rolint check`` — LanguageTool ``"auto"`` (used when it is available; ``$ROLINT_LANGUAGETOOL`` can
turn it off), configuration found upward from ``path`` (or from the current folder).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import Path

from rolint.diagnostics import Applicability, Diagnostic
from rolint.document import Document, format_for
from rolint.files import expand
from rolint.fix import FixResult, fix_until_stable
from rolint.options import Options
from rolint.report import FileResult
from rolint.session import Session
from rolint.source import Source

__all__ = ["Diagnostic", "FileResult", "FixResult", "Options", "Session", "check_paths", "check_text",
           "fix_text", "reset", "restore_text", "session"]

_SESSIONS: dict[Options, Session] = {}
_LOCK = threading.Lock()


def session(options: Options | None = None) -> Session:
    """The session the library functions use for ``options`` (created on first use). Its ``warnings``
    list collects what a command line run would print as warnings (skipped LanguageTool…)."""
    options = options or Options()
    with _LOCK:
        found = _SESSIONS.get(options)
        if found is None:
            found = _SESSIONS[options] = Session(options)
        return found


def reset() -> None:
    """Forget the cached sessions: configuration files are read again on the next call."""
    with _LOCK:
        _SESSIONS.clear()


FORMATS = ("text", "markdown", "html")


def _document(text: str, path: str | Path | None, fmt: str | None) -> tuple[Document, Path]:
    if fmt is not None and fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)} or None, not {fmt!r}")
    name = str(path) if path is not None else "<text>"
    where = Path(path).absolute() if path is not None else Path.cwd()
    return Document.from_source(Source(name, text), fmt or format_for(name)), where


def check_text(
    text: str, *, path: str | Path | None = None, options: Options | None = None, format: str | None = None
) -> list[Diagnostic]:
    """The findings of ``text``, in text order. ``path`` is not read: its suffix names the format
    (``.md`` Markdown, ``.html`` HTML, otherwise plain text) and the configuration is looked up from
    it (from the current folder without it; ``options.config`` overrides both). ``format``
    (``"text"``, ``"markdown"``, ``"html"``) overrides the suffix: for a name without one, such as an
    editor's unsaved buffer."""
    s = session(options)
    doc, where = _document(text, path, format)
    return s.linter_for(where).lint(doc)


def fix_text(
    text: str,
    *,
    path: str | Path | None = None,
    unsafe: bool = False,
    options: Options | None = None,
    format: str | None = None,
) -> FixResult:
    """Apply the fixes to ``text`` until none applies (safe ones; unsafe ones too with ``unsafe`` or
    ``options.unsafe_fixes``). The result has the fixed ``text``, ``applied`` (rule id → fixes),
    ``converged`` (False: fixes kept undoing or feeding each other; the text is then the last pass's)
    and ``remaining`` (the findings of the fixed text). ``path`` and ``format`` as for :func:`check_text`."""
    options = options or Options()
    s = session(options)
    doc, where = _document(text, path, format)
    linter = s.linter_for(where)
    level = Applicability.UNSAFE if unsafe or options.unsafe_fixes else Applicability.SAFE

    def check(t: str) -> list[Diagnostic]:
        return linter.lint(Document.from_source(Source(doc.path, t), doc.format))

    return fix_until_stable(text, check, level)


def restore_text(text: str, *, path: str | Path | None = None, format: str | None = None) -> str:
    """``text`` with its diacritics restored by the context model (rolint.spelling.restore): a text
    written without diacritics (or with ş ţ only) gets every word restored, each line decoded as a
    sentence; in a text written with diacritics only its long lines without any are; cedilla letters
    become ș ț. A text that already has its diacritics comes back unchanged. ``path`` is not read: its
    suffix names the format (``format``, as for :func:`check_text`, overrides it), and in Markdown or HTML
    only the prose changes (not code or URLs)."""
    from rolint.spelling.restore import restore_text as restore

    doc, _ = _document(text, path, format)
    return restore(text, prose=doc.prose)


def check_paths(
    paths: Iterable[str | Path],
    *,
    options: Options | None = None,
    jobs: int | None = 1,
    warnings: list[str] | None = None,
) -> list[FileResult]:
    """Check files and folders (folders recursed as ``rolint check`` does: included suffixes, excluded
    globs) with up to ``jobs`` processes (``None`` or 0: one per CPU). One :class:`FileResult` per file,
    in a stable order; a file that cannot be read has ``error`` set. Warnings are appended to
    ``warnings`` when given. Configuration and rule-file errors raise ``ConfigError``/``RuleError``."""
    options = options or Options()
    names = [str(p) for p in paths]
    if "-" in names:
        raise ValueError("check_paths reads files; use check_text for text from stdin")
    run = Session(options)
    files = expand(names, run.config_for)
    if jobs == 1 or len(files) <= 1:
        results = [run.check_file(f) for f in files]
        found = run.warnings
    else:
        from rolint.parallel import lint_files

        found = []
        results = lint_files(files, options, jobs, found)
    if warnings is not None:
        warnings.extend(w for w in dict.fromkeys(found) if w not in warnings)
    return results
