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


@dataclass
class SourceStatus:
    """Whether a source of findings ran: ``ran``, ``off`` (not asked for) or ``skipped`` (asked for, but it
    could not be used: the result is partial and ``reason`` says why)."""

    status: str
    reason: str | None = None

    def as_dict(self) -> dict[str, str]:
        return {"status": self.status, **({"reason": self.reason} if self.reason else {})}


@dataclass
class RunInfo:
    """What the run as a whole tells a caller besides the findings."""

    sources: dict[str, SourceStatus] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    @property
    def partial(self) -> bool:
        return any(s.status == "skipped" for s in self.sources.values())


FORMATS = ("text", "json", "sarif", "github")
