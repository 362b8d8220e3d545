"""The base every rule kind shares: identity, message, category, severity, fix level, examples."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from rolint.diagnostics import Applicability, Diagnostic, Fix, Severity, suggestion_fix
from rolint.document import Document


class RuleError(Exception):
    """A malformed rule: file, line and reason."""

    MAX_REASON = 600  # characters: the values a reason quotes are clipped, this is the last bound

    def __init__(self, path: str, line: int | None, reason: str) -> None:
        if len(reason) > self.MAX_REASON:
            reason = reason[: self.MAX_REASON] + "..."
        self.path, self.line, self.reason = path, line, reason
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {reason}")

    def __reduce__(self) -> tuple[type[RuleError], tuple[str, int | None, str]]:  # from a worker process
        return (RuleError, (self.path, self.line, self.reason))


@dataclass(frozen=True, slots=True)
class Example:
    """``bad`` must fire (at ``marker`` when given) and fix to ``fixed``; ``good`` must stay silent."""

    text: str
    good: bool
    fixed: str | None = None
    line: int | None = None


@dataclass(slots=True)
class Location:
    path: str
    line: int | None


@dataclass(eq=False)
class Rule:
    """Shared fields of every rule. Subclasses set ``kind`` and implement ``find``."""

    kind: ClassVar[str] = ""
    required: ClassVar[tuple[str, ...]] = ()
    optional: ClassVar[tuple[str, ...]] = ()

    id: str
    message: str
    category: str
    severity: Severity
    applicability: Applicability
    description: str = ""
    examples: list[Example] = field(default_factory=list)
    pack: str = ""
    location: Location = field(default_factory=lambda: Location("<memory>", None))
    enabled_by_default: bool = True
    params: dict[str, Any] = field(default_factory=dict)

    COMMON: ClassVar[tuple[str, ...]] = (
        "id", "kind", "message", "category", "severity", "fix", "description", "examples", "enabled",
    )

    def error(self, reason: str) -> RuleError:
        return RuleError(self.location.path, self.location.line, f"rule {self.id}: {reason}")

    def compile(self) -> None:
        """Validate and prepare kind-specific parameters (raise ``self.error``)."""

    def find(self, doc: Document) -> list[Diagnostic]:
        raise NotImplementedError

    # -- helpers for kinds ---------------------------------------------------------
    def diagnostic(
        self,
        start: int,
        end: int,
        replacements: list[str] | None = None,
        fix: Fix | None = None,
        applicability: Applicability | None = None,
        **fmt: str,
    ) -> Diagnostic:
        reps = [r for r in (replacements or []) if r is not None]
        level = self.applicability if applicability is None else applicability
        if fix is None and reps:
            fix = suggestion_fix(start, end, reps, level)
        elif fix is not None and level < fix.applicability:
            fix = Fix(fix.edits, level)
        fields = {"replacement": reps[0] if reps else "", **fmt}
        try:
            message = self.message.format(**fields)
        except (KeyError, IndexError, ValueError):
            message = self.message
        return Diagnostic(
            rule=self.id,
            message=message,
            start=start,
            end=end,
            category=self.category,
            severity=self.severity,
            source="rolint",
            replacements=reps,
            fix=fix,
        )

    def param(self, name: str, default: Any = None) -> Any:
        return self.params.get(name, default)

    def flag(self, name: str, default: bool) -> bool:
        """A true/false field (``"no"`` is not false: it is refused)."""
        value = self.params.get(name, default)
        if not isinstance(value, bool):
            raise self.error(f"{name} must be true or false")
        return value

    def strings(self, name: str, what: str) -> list[str]:
        """A list of strings (absent: empty)."""
        value = self.params.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.error(f"{name} must be {what}")
        return list(value)

    def need(self, name: str, kind: type | tuple[type, ...]) -> Any:
        if name not in self.params:
            raise self.error(f"missing field {name!r}")
        value = self.params[name]
        if not isinstance(value, kind):
            names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
            raise self.error(f"field {name!r} must be {names}")
        return value


def match_case(template: str, replacement: str) -> str:
    """Give ``replacement`` the case pattern of ``template`` (ALL CAPS, Capitalised, lower)."""
    letters = [c for c in template if c.isalpha()]
    if not letters:
        return replacement
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    if letters[0].isupper() and not replacement[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def as_mapping(value: Any, what: str, rule: Rule) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise rule.error(f"{what} must be a mapping")
    return value
