"""What the language server asks of rolint: check a text, fix it, find its configuration and rule docs.

A thin layer over :mod:`rolint.api`: the checks run with :class:`~rolint.options.Options` as
``rolint check`` builds them without options — the configuration is the nearest rolint.toml /
.rolint.toml / pyproject.toml ``[tool.rolint]`` at or above the document's folder (for an unsaved
document, the workspace root), LanguageTool off for the offline pass and on (``auto``) for the second
one when the client asked for it. The api keeps one session per Options value (configurations read,
rule packs and speller loaded once); :meth:`Engine.reload` forgets them (a config or words file was
saved).

The server talks only to :class:`Engine`, so the whole of rolint it depends on is these methods.
"""

from __future__ import annotations

import threading
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import rolint.api as api
from rolint.checks.registry import coded_rule
from rolint.config import Config, find_config
from rolint.diagnostics import Diagnostic
from rolint.document import format_for
from rolint.engine.base import Rule
from rolint.options import Options

#: LSP languageId → rolint format, for documents whose path says nothing (unsaved buffers)
LANGUAGE_FORMATS = {"markdown": "markdown", "html": "html", "plaintext": "text"}
#: the name an unsaved document is checked under, in the workspace root (never read)
UNSAVED = "untitled"


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
    LanguageTool's (when ``languagetool`` is True) in a second step."""

    def __init__(self, root: Path | None = None, languagetool: bool = False) -> None:
        self.root = root  # the workspace root: where unsaved documents look for a configuration
        self.languagetool = languagetool  # the second step runs: the client asked for LanguageTool
        self.options = Options(languagetool="off")
        self.lt_options = Options(languagetool="auto")
        self._lock = threading.Lock()  # checks run in a worker thread; lookups may come from another
        self._lt_lock = threading.Lock()  # LanguageTool runs in its own thread, not holding the checks up

    # -- configuration -------------------------------------------------------------
    def name(self, target: Target) -> Path:
        """The path the text is checked under: its file's, or :data:`UNSAVED` in the workspace root."""
        if target.path is not None:
            return target.path
        return (self.root or Path.cwd()) / UNSAVED

    def config_path(self, target: Target) -> Path | None:
        folder = self.name(target).parent
        return find_config(folder) if folder.is_dir() else None

    def config(self, target: Target) -> Config:
        with self._lock:
            return api.session(self.options).config_for(self.name(target).absolute())

    def reload(self) -> None:
        """Forget every configuration read (a config or words file changed)."""
        with self._lock, self._lt_lock:
            api.reset()

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
            configs = {c.path for c in api.session(self.options).configs() if c.path is not None}
        return any(path in self.words_files(Target(config, "text")) for config in configs)

    # -- checking and fixing ---------------------------------------------------------
    def check(self, text: str, target: Target) -> list[Diagnostic]:
        """The offline findings (``rolint check --no-languagetool``)."""
        with self._lock:  # one Linter is not meant to run two documents at once
            return api.check_text(text, path=self.name(target), options=self.options, format=target.format)

    def check_languagetool(
        self, text: str, target: Target, offline: list[Diagnostic]
    ) -> tuple[list[Diagnostic], list[str]]:
        """The findings of ``text`` with LanguageTool's (``rolint check``), and the warnings of the run
        (LanguageTool unavailable); ``offline`` (the findings of :meth:`check` for ``text``) as they are
        when LanguageTool is not to run for this document. Slow (a server round trip): run it apart."""
        if not self.languagetool:
            return offline, []
        with self._lt_lock:
            session = api.session(self.lt_options)
            where = self.name(target).absolute()
            if session.config_for(where).languagetool.get("enabled") is False:
                return offline, []
            seen = len(session.warnings)
            found = api.check_text(text, path=self.name(target), options=self.lt_options, format=target.format)
            return found, session.warnings[seen:]

    def fix_safe(self, text: str, target: Target) -> str:
        """The text with every safe fix applied, re-checked until stable (``rolint check --fix``)."""
        with self._lock:
            return api.fix_text(text, path=self.name(target), options=self.options, format=target.format).text

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
        with self._lock:
            linter = api.session(self.options).linter_for(self.name(target).absolute())
            return {r.id: r for r in linter.rules_all}
