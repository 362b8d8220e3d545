"""Reports: text (rich), json, sarif, github. Each takes a list of FileResult."""

from __future__ import annotations

from dataclasses import dataclass, field

from rolint.diagnostics import Diagnostic
from rolint.document import Document


@dataclass
class FileResult:
    path: str
    doc: Document | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    error: str | None = None  # the file could not be checked
    fixed: int = 0  # fixes applied (fix mode)


FORMATS = ("text", "json", "sarif", "github")
