"""What the language server asks of rolint: check a text, fix it, find its configuration and rule docs.

Configuration is read the way ``rolint check`` reads it: the nearest rolint.toml / .rolint.toml /
pyproject.toml ``[tool.rolint]`` at or above the document's folder (for an unsaved document, the
workspace root). One :class:`~rolint.lint.Linter` is kept per configuration file and the lookup is
cached per folder; :meth:`Engine.reload` forgets both (a config or words file was saved).

The server talks only to :class:`Engine`, so the whole of rolint it depends on is these methods.
"""

from __future__ import annotations

import threading
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rolint.checks import Check
from rolint.checks.registry import coded_rule
from rolint.config import Config, find_config, load_config
from rolint.diagnostics import Applicability, Diagnostic
from rolint.document import Document, format_for
from rolint.engine import builtin_rules_dir, load_rules
from rolint.engine.base import Rule
from rolint.fix import fix_until_stable
from rolint.languagetool.precision import filter_matches
from rolint.lint import Linter
from rolint.merge import merge
from rolint.trust import require_trusted

#: LSP languageId → rolint format, for documents whose path says nothing (unsaved buffers)
LANGUAGE_FORMATS = {"markdown": "markdown", "html": "html", "plaintext": "text"}


@dataclass(frozen=True, slots=True)
class Target:
    """Where a text comes from: its file (None for an unsaved buffer) and its rolint format."""

    path: Path | None
    format: str

    @classmethod
    def of(cls, path: Path | None, language_id: str | None = None) -> Target:
        if path is not None and path.suffix:
            return cls(path, format_for(str(path)))
        return cls(path, LANGUAGE_FORMATS.get(language_id or "", "text"))


class Engine:
    """Checks under the configuration each document's folder resolves to: the offline ones at once,
    LanguageTool's (when ``languagetool`` is given) in a second step."""

    def __init__(
        self, root: Path | None = None, languagetool: Callable[[], Check] | None = None
    ) -> None:
        self.root = root  # the workspace root: where unsaved documents look for a configuration
        #: makes the LanguageTool check of a configuration (None: LanguageTool is not used)
        self.languagetool = languagetool
        self._config_paths: dict[Path, Path | None] = {}  # folder → config file
        self._linters: dict[Path | None, Linter] = {}  # config file → its linter
        self._lt_linters: dict[Path | None, Linter | None] = {}  # … and its LanguageTool-only one
        self._rules: dict[Path | None, dict[str, Rule]] = {}
        self._lock = threading.Lock()  # checks run in a worker thread; lookups may come from another
        self._lt_lock = threading.Lock()  # LanguageTool runs in its own thread, not holding the checks up

    # -- configuration -------------------------------------------------------------
    def config_path(self, target: Target) -> Path | None:
        folder = target.path.parent if target.path is not None else self.root
        if folder is None:
            return None
        with self._lock:
            if folder not in self._config_paths:
                self._config_paths[folder] = find_config(folder) if folder.is_dir() else None
            return self._config_paths[folder]

    def config(self, target: Target) -> Config:
        return self.linter(target).config

    def linter(self, target: Target) -> Linter:
        key = self.config_path(target)
        with self._lock:
            linter = self._linters.get(key)
            if linter is None:
                linter = self._linters[key] = Linter(load_config(key), languagetool=None)
            return linter

    def reload(self) -> None:
        """Forget every configuration read (a config or words file changed)."""
        with self._lock:
            self._config_paths.clear()
            self._linters.clear()
            self._rules.clear()
        with self._lt_lock:
            self._lt_linters.clear()

    def words_files(self, target: Target) -> list[Path]:
        """The ``words-file`` entries of the document's configuration, as paths."""
        path = self.config_path(target)
        if path is None:
            return []
        try:
            with path.open("rb") as fh:
                table: Any = tomllib.load(fh)
        except (OSError, tomllib.TOMLDecodeError):
            return []  # the checks report the broken file; here there is simply no words file
        if path.name == "pyproject.toml":
            table = table.get("tool", {}).get("rolint", {})
        value = table.get("words-file", []) if isinstance(table, dict) else []
        names = [value] if isinstance(value, str) else [v for v in value if isinstance(v, str)]
        return [path.parent / name for name in names]

    def watched(self, path: Path) -> bool:
        """Whether saving ``path`` changes what the checks say: a config file or a words file."""
        if path.name in ("rolint.toml", ".rolint.toml", "pyproject.toml"):
            return True
        with self._lock:
            configs = {p for p in self._linters if p is not None}
        for config in configs:
            if path in self.words_files(Target(config, "text")):
                return True
        return False

    # -- checking and fixing ---------------------------------------------------------
    def check(self, text: str, target: Target) -> list[Diagnostic]:
        linter = self.linter(target)
        doc = Document.from_text(text, str(target.path or "<unsaved>"), target.format)
        with self._lock:  # one Linter is not meant to run two documents at once
            return linter.lint(doc)

    def check_languagetool(
        self, text: str, target: Target, offline: list[Diagnostic]
    ) -> tuple[list[Diagnostic], list[str]]:
        """``offline`` (the findings of :meth:`check` for ``text``) with LanguageTool's added, and the
        warnings of the run (LanguageTool unavailable). Slow (a server round trip): run it apart."""
        key = self.config_path(target)
        with self._lt_lock:
            if key not in self._lt_linters:
                self._lt_linters[key] = self._lt_linter(key)
            linter = self._lt_linters[key]
            if linter is None:
                return offline, []
            doc = Document.from_text(text, str(target.path or "<unsaved>"), target.format)
            linter.warnings.clear()
            found = [d for d in linter.lint(doc) if d.rule.startswith("lt.")]
            warnings = list(linter.warnings)
        found = filter_matches(doc, found, offline)  # against the speller's findings too
        return sorted(merge([*offline, *found]), key=Diagnostic.sort_key), warnings

    def _lt_linter(self, key: Path | None) -> Linter | None:
        """The Linter that runs LanguageTool (and the rule packs its precision layer needs, no speller)."""
        if self.languagetool is None:
            return None
        cfg = load_config(key)
        if cfg.languagetool.get("enabled") is False:
            return None
        if cfg.languagetool.get("url") and cfg.path is not None:
            require_trusted(cfg.path, "languagetool.url")  # found upward: may be somebody else's file
        return Linter(cfg, languagetool=self.languagetool(), spelling=False)

    def fix_safe(self, text: str, target: Target) -> str:
        """The text with every safe fix applied, re-checked until stable (``rolint check --fix``)."""
        return fix_until_stable(text, lambda t: self.check(t, target), Applicability.SAFE).text

    # -- documentation ---------------------------------------------------------------
    def rule_doc(self, rule_id: str, target: Target) -> str | None:
        """Markdown describing ``rule_id``: a coded rule's doc, or a YAML rule's description and examples."""
        coded = coded_rule(rule_id)
        if coded is not None:
            return f"**{rule_id}** — {coded.summary}\n\n{coded.doc}"
        rule = self._rule_table(target).get(rule_id)
        if rule is None:
            return None
        parts = [f"**{rule.id}** ({rule.category}, {rule.severity.label}, fix: {rule.applicability.label})"]
        if rule.description:
            parts.append(rule.description.strip())
        bad = [e for e in rule.examples if not e.good]
        good = [e for e in rule.examples if e.good]
        if bad:
            parts.append("Bad:\n" + "\n".join(f"- {e.text}" + (f" → {e.fixed}" if e.fixed else "") for e in bad))
        if good:
            parts.append("Good:\n" + "\n".join(f"- {e.text}" for e in good))
        return "\n\n".join(parts)

    def _rule_table(self, target: Target) -> dict[str, Rule]:
        key = self.config_path(target)
        with self._lock:
            if key not in self._rules:
                dirs = [builtin_rules_dir(), *load_config(key).rule_dirs]
                self._rules[key] = {r.id: r for r in load_rules(dirs)}
            return self._rules[key]
