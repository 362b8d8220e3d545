"""rolint ↔ LSP: code-point offsets and LSP positions, rolint findings and LSP diagnostics.

rolint counts code points; LSP counts UTF-16 code units by default (an emoji is two), or UTF-8
bytes or code points when client and server agree on it (``positionEncoding``). Lines end at
``\\r\\n``, ``\\r`` or ``\\n`` in both.
"""

from __future__ import annotations

import bisect
from typing import Any

from lsprotocol import types as lsp

from rolint.diagnostics import Applicability, Diagnostic, Severity
from rolint.document import LINE_BREAK_RE

SOURCE = "rolint"

SEVERITIES = {
    Severity.ERROR: lsp.DiagnosticSeverity.Error,
    Severity.WARNING: lsp.DiagnosticSeverity.Warning,
    Severity.INFO: lsp.DiagnosticSeverity.Information,
}


def _units(ch: str, encoding: str) -> int:
    cp = ord(ch)
    if encoding == lsp.PositionEncodingKind.Utf8:
        return 1 if cp < 0x80 else 2 if cp < 0x800 else 3 if cp < 0x10000 else 4
    if encoding == lsp.PositionEncodingKind.Utf32:
        return 1
    return 2 if cp > 0xFFFF else 1


class Positions:
    """Converts between code-point offsets into ``text`` and LSP positions in ``encoding``."""

    def __init__(self, text: str, encoding: str = lsp.PositionEncodingKind.Utf16) -> None:
        self.text = text
        self.encoding = encoding
        self.line_starts = [0, *(m.end() for m in LINE_BREAK_RE.finditer(text))]

    def _line_end(self, line: int) -> int:
        """Code-point offset of the end of ``line`` (0-based), before its line break."""
        end = self.line_starts[line + 1] if line + 1 < len(self.line_starts) else len(self.text)
        while end > self.line_starts[line] and self.text[end - 1] in "\r\n":
            end -= 1
        return end

    def position(self, offset: int) -> lsp.Position:
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.line_starts, offset) - 1
        start = self.line_starts[line]
        return lsp.Position(line, sum(_units(ch, self.encoding) for ch in self.text[start:offset]))

    def offset(self, position: lsp.Position) -> int:
        """The code-point offset of ``position``; past a line's end it clamps to the end (as LSP says)."""
        if position.line >= len(self.line_starts):
            return len(self.text)
        pos, end, units = self.line_starts[position.line], self._line_end(position.line), 0
        while pos < end and units < position.character:
            units += _units(self.text[pos], self.encoding)
            pos += 1
        return pos

    def range(self, start: int, end: int) -> lsp.Range:
        return lsp.Range(self.position(start), self.position(end))

    def whole(self) -> lsp.Range:
        return self.range(0, len(self.text))


def to_lsp(d: Diagnostic, positions: Positions) -> lsp.Diagnostic:
    """The LSP diagnostic; ``data`` carries what code actions need without asking the server again:
    the fix as LSP text edits with its applicability, and the span's ranked replacements."""
    data: dict[str, Any] = {"replacements": list(d.replacements)}
    if d.fix is not None and d.fix.applicability > Applicability.DISPLAY_ONLY:
        data["fix"] = {
            "applicability": d.fix.applicability.label,
            "edits": [
                {"range": _range_json(positions.range(e.start, e.end)), "newText": e.content} for e in d.fix.edits
            ],
        }
    message = d.message if not d.why else f"{d.message}\n{d.why}"
    return lsp.Diagnostic(
        range=positions.range(d.start, d.end),
        message=message,
        severity=SEVERITIES[d.severity],
        code=d.rule,
        source=SOURCE,
        data=data,
    )


def _range_json(r: lsp.Range) -> dict[str, Any]:
    return {
        "start": {"line": r.start.line, "character": r.start.character},
        "end": {"line": r.end.line, "character": r.end.character},
    }


def range_from_json(value: Any) -> lsp.Range:
    s, e = value["start"], value["end"]
    return lsp.Range(lsp.Position(s["line"], s["character"]), lsp.Position(e["line"], e["character"]))


def contains(r: lsp.Range, p: lsp.Position) -> bool:
    """``p`` lies in ``r`` (ends included: a cursor just after a word is on it)."""
    return (r.start.line, r.start.character) <= (p.line, p.character) <= (r.end.line, r.end.character)


def overlaps(a: lsp.Range, b: lsp.Range) -> bool:
    return (a.start.line, a.start.character) <= (b.end.line, b.end.character) and (
        b.start.line,
        b.start.character,
    ) <= (a.end.line, a.end.character)
