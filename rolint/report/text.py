"""Human report with rich: location, severity, rule, message, the line with the span marked,
and the fix as an inline word diff (removed red, added green). Readable without colour too."""

from __future__ import annotations

from collections import Counter

from rich.console import Console
from rich.text import Text

from rolint.diagnostics import Applicability, Diagnostic, Severity
from rolint.document import Document
from rolint.report import FileResult
from rolint.report.visible import visible

SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
WINDOW = 36  # characters of context each side of the span


def _window(doc: Document, d: Diagnostic) -> tuple[int, int, int, int]:
    """The displayed part of the span's line: (line_start, line_end, shown_start, shown_end)."""
    line, _ = doc.position(d.start)
    ls, le = doc.line_span(line)
    fix_end = max([d.end, *(e.end for e in d.fix.edits)]) if d.fix else d.end
    fix_start = min([d.start, *(e.start for e in d.fix.edits)]) if d.fix else d.start
    s = max(ls, fix_start - WINDOW)
    e = min(max(le, min(fix_end, len(doc.text))), fix_end + WINDOW)
    if s > ls:  # start on a word boundary
        sp = doc.text.find(" ", s, fix_start)
        s = sp + 1 if sp >= 0 else s
    if e < le:
        sp = doc.text.rfind(" ", fix_end, e)
        e = sp if sp >= 0 else e
    return ls, le, s, e


def _clean(s: str) -> str:
    """Text of the file as shown on one line: tabs as spaces, line breaks as ⏎, controls escaped."""
    return visible(s.replace("\t", " ").replace("\r", "").replace("\n", "⏎"))


def context_line(doc: Document, d: Diagnostic, color: bool) -> Text:
    ls, le, s, e = _window(doc, d)
    t = Text("    ")
    t.append("…" if s > ls else "")
    t.append(_clean(doc.text[s : d.start]))
    span = doc.text[d.start : d.end] or " "
    t.append(_clean(span), style="bold reverse" if color else None)
    t.append(_clean(doc.text[d.end : e]))
    t.append("…" if e < le else "")
    if not color:  # mark the span with carets under it
        pad = 4 + (1 if s > ls else 0) + len(_clean(doc.text[s : d.start]))
        t.append("\n" + " " * pad + "^" * max(1, len(_clean(span))))
    return t


def diff_line(doc: Document, d: Diagnostic, color: bool) -> Text | None:
    """The fix (or first suggestion) shown as an inline word diff in its context."""
    if d.fix is not None:
        edits = sorted(d.fix.edits, key=lambda x: x.start)
        level = d.fix.applicability
    elif d.replacements:
        from rolint.diagnostics import Edit

        edits = [Edit(d.start, d.end, d.replacements[0])]
        level = Applicability.DISPLAY_ONLY
    else:
        return None
    _, _, s, e = _window(doc, d)
    label = {Applicability.SAFE: "fix", Applicability.UNSAFE: "fix (unsafe)"}.get(level, "suggestion")
    t = Text(f"    {label}: ", style="dim")
    pos = s
    for ed in edits:
        t.append(_clean(doc.text[pos : ed.start]))
        old, new = doc.text[ed.start : ed.end], ed.content
        if color:
            t.append(_clean(old), style="red strike")
            t.append(_clean(new), style="bold green")
        else:
            if old:
                t.append(f"[-{_clean(old)}-]")
            if new:
                t.append(f"{{+{_clean(new)}+}}")
        pos = ed.end
    t.append(_clean(doc.text[pos : max(pos, e)]))
    if len(d.replacements) > 1:
        t.append("   also: " + ", ".join(_clean(r) for r in d.replacements[1:4]), style="dim")
    return t


def render(results: list[FileResult], console: Console, quiet: bool = False, show_fixed: bool = True) -> None:
    color = console.color_system is not None
    by_cat: Counter[str] = Counter()
    by_sev: Counter[str] = Counter()
    safe = unsafe = files_with = 0
    for r in results:
        if r.doc is None or not r.diagnostics:
            continue
        files_with += 1
        for d in r.diagnostics:
            line, col = r.doc.position(d.start)
            by_cat[d.category] += 1
            by_sev[d.severity.label] += 1
            if d.fix is not None and d.fix.applicability is Applicability.SAFE:
                safe += 1
            elif d.fixable:
                unsafe += 1
            if quiet:
                continue
            head = Text()
            head.append(f"{visible(r.path)}:{line}:{col}", style="bold")
            head.append(" ")
            head.append(d.severity.label, style=SEVERITY_STYLE[d.severity])
            head.append(" ")
            head.append(visible(d.rule), style="magenta")
            if d.source != "rolint":
                head.append(f" [{visible(d.source)}]", style="dim")
            head.append("  " + visible(d.message))
            console.print(head, soft_wrap=True)
            console.print(context_line(r.doc, d, color), soft_wrap=True)
            dl = diff_line(r.doc, d, color)
            if dl is not None:
                console.print(dl, soft_wrap=True)
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


