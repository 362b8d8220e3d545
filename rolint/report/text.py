"""Human report with rich: location, severity, rule, message, the line with the span marked,
and the fix as an inline word diff (removed red, added green). Readable without colour too."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from rich.color import ColorSystem
from rich.console import Console
from rich.style import Style
from rich.text import Text
from wcwidth import wcswidth

from rolint.diagnostics import Applicability, Diagnostic, Edit, Severity
from rolint.document import Document
from rolint.report import FileResult
from rolint.report.visible import UNSAFE_RE, visible

SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
LABEL = {s: s.label for s in Severity}
DIFF_LABEL = {Applicability.SAFE: "    fix: ", Applicability.UNSAFE: "    fix (unsafe): ",
              Applicability.DISPLAY_ONLY: "    suggestion: "}
WINDOW = 36  # characters of context each side of the span
_COLOR_SYSTEMS = {"standard": ColorSystem.STANDARD, "256": ColorSystem.EIGHT_BIT,
                  "truecolor": ColorSystem.TRUECOLOR, "windows": ColorSystem.WINDOWS}


def _window(doc: Document, d: Diagnostic, line: int = 0) -> tuple[int, int, int, int]:
    """The displayed part of the span's line: (line_start, line_end, shown_start, shown_end)."""
    ls, le = doc.line_span(line or doc.position(d.start)[0])
    fix_start, fix_end = d.start, d.end
    if d.fix:
        for ed in d.fix.edits:
            fix_start, fix_end = min(fix_start, ed.start), max(fix_end, ed.end)
    s = max(ls, fix_start - WINDOW)
    e = min(max(le, min(fix_end, len(doc.text))), fix_end + WINDOW)
    if s > ls:  # start on a word boundary
        sp = doc.text.find(" ", s, fix_start)
        s = sp + 1 if sp >= 0 else s
    if e < le:
        sp = doc.text.rfind(" ", fix_end, e)
        e = sp if sp >= 0 else e
    return ls, le, s, e


def cells(s: str) -> int:
    """Terminal cells ``s`` takes: 2 for a wide character or emoji, 0 for a combining mark."""
    if s.isascii():
        return len(s)
    width = wcswidth(s)
    return width if width >= 0 else len(s)  # a character with no width defined: one cell each


def _clean(s: str) -> str:
    """Text of the file as shown on one line: tabs as spaces, line breaks as ⏎, controls escaped."""
    if not UNSAFE_RE.search(s):  # the common case, once per piece of every finding
        return s
    return visible(s.replace("\t", " ").replace("\r", "").replace("\n", "⏎"))


Segments = list[tuple[str, "str | None"]]  # (text, rich style) pieces of one printed line


def _text(segments: Segments, style: str = "") -> Text:
    t = Text(style=style)
    for s, st in segments:
        t.append(s, style=st)
    return t


def _identity(s: str) -> str:
    return s


def _cleaner(doc: Document, window: tuple[int, int, int, int]) -> Callable[[str], str]:
    """``_clean``, or nothing to do when the shown part of the line has no control character."""
    return _clean if UNSAFE_RE.search(doc.text, window[2], window[3]) else _identity


def _context_segments(doc: Document, d: Diagnostic, color: bool, window: tuple[int, int, int, int]) -> Segments:
    ls, le, s, e = window
    clean = _cleaner(doc, window)
    text = doc.text
    before = clean(text[s : d.start])
    span = _clean(text[d.start : d.end] or " ")
    out: Segments = [("    " + ("…" if s > ls else "") + before, None),
                     (span, "bold reverse" if color else None),
                     (clean(text[d.end : e]) + ("…" if e < le else ""), None)]
    if not color:  # mark the span with carets under it, aligned by display width
        pad = 4 + (1 if s > ls else 0) + cells(before)
        out.append(("\n" + " " * pad + "^" * max(1, cells(span)), None))
    return out


def context_line(doc: Document, d: Diagnostic, color: bool) -> Text:
    return _text(_context_segments(doc, d, color, _window(doc, d)))


def _diff_segments(doc: Document, d: Diagnostic, color: bool, window: tuple[int, int, int, int]) -> Segments | None:
    """The fix (or first suggestion) shown as an inline word diff in its context (printed dim)."""
    if d.fix is not None:
        edits = d.fix.edits if len(d.fix.edits) == 1 else sorted(d.fix.edits, key=lambda x: x.start)
        level = d.fix.applicability
    elif d.replacements:
        edits = (Edit(d.start, d.end, d.replacements[0]),)
        level = Applicability.DISPLAY_ONLY
    else:
        return None
    _, _, s, e = window
    clean = _cleaner(doc, window)
    text = doc.text
    out: Segments = [(DIFF_LABEL[level], None)]
    pos = s
    for ed in edits:
        out.append((clean(text[pos : ed.start]), None))
        old, new = text[ed.start : ed.end], ed.content
        if color:
            out.append((_clean(old), "red strike"))
            out.append((_clean(new), "bold green"))
        else:
            if old:
                out.append((f"[-{_clean(old)}-]", None))
            if new:
                out.append((f"{{+{_clean(new)}+}}", None))
        pos = ed.end
    out.append((clean(text[pos : max(pos, e)]), None))
    if len(d.replacements) > 1:
        out.append(("   also: " + ", ".join(_clean(r) for r in d.replacements[1:4]), "dim"))
    return out


def diff_line(doc: Document, d: Diagnostic, color: bool) -> Text | None:
    segments = _diff_segments(doc, d, color, _window(doc, d))
    return None if segments is None else _text(segments, "dim")


def _head_segments(path: str, line: int, col: int, d: Diagnostic) -> Segments:
    out: Segments = [(f"{path}:{line}:{col}", "bold"), (" ", None), (LABEL[d.severity], SEVERITY_STYLE[d.severity]),
                     (" ", None), (visible(d.rule), "magenta")]
    if d.source != "rolint":
        out.append((f" [{visible(d.source)}]", "dim"))
    out.append(("  " + visible(d.message), None))
    return out


class _Writer:
    """Prints the findings' lines as rich would (same text, same ANSI codes), without rich's per-print
    cost (~0.2 ms a line): lines are rendered here and written in batches. Consoles that record, or
    that rich drives specially (Jupyter, legacy Windows), get the lines through ``console.print``."""

    BATCH = 2000  # lines per write

    def __init__(self, console: Console) -> None:
        self.console = console
        self.direct = not (console.record or console.is_jupyter or console.legacy_windows)
        self.system = _COLOR_SYSTEMS.get(console.color_system or "")
        self.styles: dict[tuple[str, str | None], Style] = {}
        self.pending: list[str] = []

    def line(self, segments: Segments, style: str = "") -> None:
        if not self.direct:
            self.console.print(_text(segments, style), soft_wrap=True)
            return
        if self.system is None:
            self.pending.append("".join([s for s, _ in segments]))
        else:
            parts: list[str] = []
            plain = ""  # unstyled text runs together, as in a rich Text (styled spans do not merge)
            for s, st in segments:
                if st is None:
                    plain += s
                    continue
                if plain:
                    parts.append(self._ansi(plain, style, None))
                    plain = ""
                if s:
                    parts.append(self._ansi(s, style, st))
            if plain:
                parts.append(self._ansi(plain, style, None))
            self.pending.append("".join(parts))
        if len(self.pending) >= self.BATCH:
            self.flush()

    def _ansi(self, text: str, base: str, style: str | None) -> str:
        key = (base, style)
        st = self.styles.get(key)
        if st is None:
            st = self.console.get_style(base or "none") + self.console.get_style(style or "none")
            if self.console.no_color:
                st = st.without_color
            self.styles[key] = st
        return st.render(text, color_system=self.system)

    def flush(self) -> None:
        if self.pending:
            self.pending.append("")
            self.console.file.write("\n".join(self.pending))
            self.console.file.flush()
            self.pending = []


def render(results: list[FileResult], console: Console, quiet: bool = False, show_fixed: bool = True) -> None:
    color = console.color_system is not None
    by_cat: Counter[str] = Counter()
    by_sev: Counter[str] = Counter()
    safe = unsafe = files_with = 0
    out = _Writer(console)
    for r in results:
        if r.doc is None or not r.diagnostics:
            continue
        files_with += 1
        path = visible(r.path)
        for d in r.diagnostics:
            by_cat[d.category] += 1
            by_sev[LABEL[d.severity]] += 1
            if d.fix is not None and d.fix.applicability is Applicability.SAFE:
                safe += 1
            elif d.fixable:
                unsafe += 1
            if quiet:
                continue
            line, col = r.doc.position(d.start)
            window = _window(r.doc, d, line)
            out.line(_head_segments(path, line, col, d))
            out.line(_context_segments(r.doc, d, color, window))
            dl = _diff_segments(r.doc, d, color, window)
            if dl is not None:
                out.line(dl, "dim")
            if d.why:
                out.line([("    why: " + visible(d.why), "dim")])
    out.flush()
    total = sum(by_cat.values())
    fixed = sum(r.fixed for r in results)
    refused = sum(1 for r in results if r.doc is None)
    checked = len(results) - refused
    not_checked = f"; {refused} file(s) could not be checked (errors on stderr)" if refused else ""
    if total == 0 and checked == 0:
        console.print(Text(f"{refused} file(s) could not be checked (errors on stderr).", style="bold red"))
        return
    if total == 0:
        msg = f"No problems found in {checked} file(s){not_checked}."
        if fixed:
            msg = f"Fixed {fixed} problem(s); no problems remain in {checked} file(s){not_checked}."
        console.print(Text(msg, style="yellow" if refused else "green"))
        return
    summary = Text(f"\nFound {total} problem(s) in {files_with} of {checked} file(s){not_checked}", style="bold")
    if fixed:
        summary.append(f" after fixing {fixed}", style="bold green")
    summary.append(": " + ", ".join(f"{n} {s}" for s, n in by_sev.most_common()))
    console.print(summary)
    console.print("  by category: " + ", ".join(f"{c} {n}" for c, n in by_cat.most_common()))
    if safe or unsafe:
        parts = [f"{safe} fixable with --fix"] if safe else []
        if unsafe:
            parts.append(f"{unsafe} more with --fix --unsafe-fixes")
        console.print(Text("  " + ", ".join(parts), style="green"))




ACCEPT_HINTS = (
    "How to accept a finding (RULE: the id shown on it, or a prefix such as spelling):",
    "  a word:     add it to words = [...] (or the words-file) in rolint.toml",
    "  one line:   put <!-- rolint-disable-next-line RULE --> on the line above (Markdown, HTML, text)",
    '  a rule:     ignore = ["RULE"] in rolint.toml',
    "  this once:  SKIP=rolint git commit ...  (pre-commit)",
)


def accept_hints(console: Console) -> None:
    """How an editor accepts what the report shows: once per run, after the summary."""
    console.print(Text("\n".join(ACCEPT_HINTS), style="dim"), highlight=False)
