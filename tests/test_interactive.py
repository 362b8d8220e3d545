"""The interactive review shows file names, messages and text with control characters escaped."""

from __future__ import annotations

import io

from rich.console import Console

from rolint.diagnostics import Applicability, Diagnostic, Fix
from rolint.document import Document
from rolint.interactive import review


def test_review_escapes_control_characters() -> None:
    text = "Titlu \x1b]0;pwned\x07 şi gata.\n"
    doc = Document.from_text(text, "evil\x1b[2J.txt")
    start = text.index("şi")
    d = Diagnostic("diacritics.cedilla", "msg \x1b[5m", start, start + 2, "diacritics",
                   fix=Fix.replace(start, start + 2, "și", Applicability.SAFE))
    buf = io.StringIO()
    result = review(doc, [d], Console(file=buf, color_system=None, width=200), io.StringIO("a\n"))
    out = buf.getvalue()
    assert result.text == text.replace("şi", "și")
    assert "\x1b" not in out and "\x07" not in out, repr(out)
    assert "evil\\x1b[2J.txt:1:" in out and "msg \\x1b[5m" in out and "\\x1b]0;pwned\\x07" in out
