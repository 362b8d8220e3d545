"""GitHub Actions workflow commands (::error file=…,line=…::message)."""

from __future__ import annotations

from rolint.diagnostics import Severity
from rolint.report import FileResult
from rolint.report.visible import visible

LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(s: str) -> str:
    """Line breaks as the runner's %-escapes; other control characters as visible escapes."""
    return visible(s, keep="\r\n").replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def render(results: list[FileResult]) -> str:
    lines = []
    for r in results:
        if r.error:
            lines.append(f"::error file={escape_property(r.path)}::{escape_data(r.error)}")
        if r.doc is None:
            continue
        for d in r.diagnostics:
            sl, sc = r.doc.position(d.start)
            el, ec = r.doc.position(d.end)
            props = f"file={escape_property(r.path)},line={sl},col={sc},endLine={el},endColumn={ec}"
            msg = d.message + (f" → {d.replacements[0]}" if d.replacements else "")
            lines.append(f"::{LEVEL[d.severity]} {props},title={escape_property(d.rule)}::{escape_data(msg)}")
    return "\n".join(lines)
