"""The diagnostic model: what a check reports, and the fix it proposes.

Modelled on Ruff's ``ruff_diagnostics``: a :class:`Fix` is a list of :class:`Edit`
with an :class:`Applicability`; applicability is ordered so that a fix applies
when its level meets the level the user asked for.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Applicability(enum.IntEnum):
    """How far a fix can be trusted (ordered: DISPLAY_ONLY < UNSAFE < SAFE)."""

    DISPLAY_ONLY = 0
    UNSAFE = 1
    SAFE = 2

    @classmethod
    def parse(cls, value: str) -> Applicability:
        table = {"safe": cls.SAFE, "unsafe": cls.UNSAFE, "none": cls.DISPLAY_ONLY, "display": cls.DISPLAY_ONLY}
        try:
            return table[value.lower()]
        except KeyError:
            raise ValueError(f"unknown fix applicability {value!r} (safe, unsafe, none)") from None

    @property
    def label(self) -> str:
        return {2: "safe", 1: "unsafe", 0: "none"}[int(self)]


class Severity(enum.IntEnum):
    INFO = 0
    WARNING = 1
    ERROR = 2

    @classmethod
    def parse(cls, value: str) -> Severity:
        table = {"info": cls.INFO, "suggestion": cls.INFO, "warning": cls.WARNING, "error": cls.ERROR}
        try:
            return table[value.lower()]
        except KeyError:
            raise ValueError(f"unknown severity {value!r} (info, warning, error)") from None

    @property
    def label(self) -> str:
        return self.name.lower()


CATEGORIES = (
    "spelling",
    "grammar",
    "diacritics",
    "typography",
    "punctuation",
    "missing-word",
    "name",
    "style",
    "artifact",
)


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace text[start:end] (code points, end exclusive) by ``content``."""

    start: int
    end: int
    content: str

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"bad edit span {self.start}..{self.end}")


@dataclass(frozen=True, slots=True)
class Fix:
    edits: tuple[Edit, ...]
    applicability: Applicability

    @classmethod
    def replace(cls, start: int, end: int, content: str, applicability: Applicability) -> Fix:
        return cls((Edit(start, end, content),), applicability)

    @property
    def start(self) -> int:
        return min(e.start for e in self.edits)

    @property
    def end(self) -> int:
        return max(e.end for e in self.edits)

    def apply(self, text: str) -> str:
        out = text
        for e in sorted(self.edits, key=lambda e: e.start, reverse=True):
            out = out[: e.start] + e.content + out[e.end :]
        return out


@dataclass(slots=True)
class Diagnostic:
    """One finding. Offsets are 0-based code points into the decoded text."""

    rule: str
    message: str
    start: int
    end: int
    category: str = "style"
    severity: Severity = Severity.WARNING
    source: str = "rolint"
    replacements: list[str] = field(default_factory=list)
    fix: Fix | None = None
    why: str | None = None  # the evidence behind the finding (``--explain``)

    @property
    def fixable(self) -> bool:
        return self.fix is not None and self.fix.applicability > Applicability.DISPLAY_ONLY

    def sort_key(self) -> tuple[int, int, str]:
        return (self.start, self.end, self.rule)


def suggestion_fix(start: int, end: int, replacements: list[str], applicability: Applicability) -> Fix | None:
    """The fix for a span with ranked replacements: never safe when more than one is plausible."""
    if not replacements:
        return None
    if len(replacements) > 1 and applicability is Applicability.SAFE:
        applicability = Applicability.UNSAFE
    return Fix.replace(start, end, replacements[0], applicability)
