"""Configuration: ``[tool.rolint]`` in pyproject.toml, or rolint.toml / .rolint.toml, found upward."""

from __future__ import annotations

import fnmatch
import math
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from rolint.clip import clip, not_utf8
from rolint.diagnostics import Severity

CONFIG_NAMES = ("rolint.toml", ".rolint.toml", "pyproject.toml")
DEFAULT_EXCLUDE = (".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__", ".tox", "build", "dist")
# LanguageTool rules off unless selected by name: style opinions that flood edited text (cacophony,
# sentences starting alike) and rules rolint has its own better-measured version of (word repeats).
DEFAULT_IGNORE = (
    "lt.CACOFONIE*",
    "lt.ROMANIAN_WORD_REPEAT_BEGINNING_RULE",
    "lt.WORD_REPEAT_RULE",
)
KNOWN_KEYS = {
    "select", "ignore", "extend-select", "severity", "rules", "exclude", "words", "words-file",
    "fail-on", "languagetool", "include",
}
# [languagetool]: what each key must be (the table is validated and normalised when the config is read)
LANGUAGETOOL_KEYS = {
    "enabled": "true or false",
    "url": "an http:// or https:// URL",
    "timeout": "a positive number (seconds)",
    "idle_timeout": "a positive number (seconds)",
    "disable": "a list of strings (LanguageTool rule ids)",
    "enable": "a list of strings (LanguageTool rule ids)",
}


_SELECTED: dict[tuple[str, tuple[str, ...], tuple[str, ...]], bool] = {}


class ConfigError(Exception):
    """A configuration that cannot be used (exit 2)."""


@dataclass
class Config:
    path: Path | None = None  # the file it came from
    select: list[str] = field(default_factory=lambda: ["ALL"])
    ignore: list[str] = field(default_factory=lambda: list(DEFAULT_IGNORE))
    severity: dict[str, Severity] = field(default_factory=dict)
    rule_dirs: list[Path] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    include: list[str] = field(default_factory=lambda: ["*.md", "*.markdown", "*.txt", "*.text", "*.html", "*.htm"])
    words: set[str] = field(default_factory=set)
    words_files: list[Path] = field(default_factory=list)  # the words-file entries, read into ``words``
    fail_on: Severity = Severity.WARNING
    languagetool: dict[str, Any] = field(default_factory=dict)

    def selected(self, rule_id: str) -> bool:
        """Ruff-style: the most specific matching prefix among select and ignore wins."""
        key = (rule_id, tuple(self.select), tuple(self.ignore))
        cached = _SELECTED.get(key)
        if cached is None:
            cached = _SELECTED[key] = self._selected(rule_id)
        return cached

    def _selected(self, rule_id: str) -> bool:
        best_sel = max((len(p) for p in self.select if matches(rule_id, p)), default=-1)
        best_ign = max((len(p) for p in self.ignore if matches(rule_id, p)), default=-1)
        return best_sel >= 0 and best_sel > best_ign

    def severity_for(self, rule_id: str, default: Severity) -> Severity:
        if not self.severity:
            return default
        best = max((p for p in self.severity if matches(rule_id, p)), key=len, default=None)
        return self.severity[best] if best is not None else default

    def excluded(self, path: Path) -> bool:
        parts = path.parts
        for pattern in (*DEFAULT_EXCLUDE, *self.exclude):
            if any(fnmatch.fnmatch(part, pattern) for part in parts) or fnmatch.fnmatch(path.as_posix(), pattern):
                return True
        return False


def matches(rule_id: str, prefix: str) -> bool:
    """``prefix`` names the rule, a dotted prefix of it (``typography``), or a glob (``lt.CACOFONIE*``)."""
    if prefix in ("ALL", "all", "*"):
        return True
    if "*" in prefix or "?" in prefix:
        return fnmatch.fnmatchcase(rule_id, prefix)
    return rule_id == prefix or rule_id.startswith(prefix.rstrip(".") + ".")


def find_config(start: Path) -> Path | None:
    """The nearest config file at or above ``start`` (a file's folder, or a folder)."""
    folder = start if start.is_dir() else start.parent
    folder = folder.resolve()
    for d in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            candidate = d / name
            if candidate.is_file():
                if name == "pyproject.toml" and not _has_rolint(_read_toml(candidate)):
                    continue
                return candidate
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: {not_utf8(exc)}") from None


def _has_rolint(pyproject: dict[str, Any]) -> bool:
    tool = pyproject.get("tool")
    return isinstance(tool, dict) and "rolint" in tool


def load_config(path: Path | None) -> Config:
    if path is None:
        return Config()
    data = _read_toml(path)
    table: Any = data
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        table = tool.get("rolint", {}) if isinstance(tool, dict) else {}
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.rolint] must be a table")
    return parse_config(table, path)


def _strings(value: Any, key: str, path: Path) -> list[str]:
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{path}: '{key}' must be a list of strings")
    return list(value)


def _severity(value: Any, key: str, path: Path) -> Severity:
    if isinstance(value, str):
        try:
            return Severity.parse(value)
        except ValueError:
            pass
    raise ConfigError(f"{path}: {key}: unknown severity {clip(value)} (info, warning, error)")


def parse_config(table: dict[str, Any], path: Path) -> Config:
    unknown = sorted(set(table) - KNOWN_KEYS)
    if unknown:
        raise ConfigError(f"{path}: unknown setting {clip(unknown[0])} (known: {', '.join(sorted(KNOWN_KEYS))})")
    base = path.parent
    cfg = Config(path=path)
    if "select" in table:
        cfg.select = _strings(table["select"], "select", path)
    cfg.select += _strings(table.get("extend-select", []), "extend-select", path)
    cfg.ignore = [*DEFAULT_IGNORE, *_strings(table.get("ignore", []), "ignore", path)]
    sev = table.get("severity", {})
    if not isinstance(sev, dict):
        raise ConfigError(f"{path}: 'severity' must be a table of rule = level")
    cfg.severity = {k: _severity(v, f"severity.{k}", path) for k, v in sev.items()}
    cfg.fail_on = _severity(table.get("fail-on", "warning"), "fail-on", path)
    cfg.rule_dirs = [(base / p).resolve() for p in _strings(table.get("rules", []), "rules", path)]
    cfg.exclude = _strings(table.get("exclude", []), "exclude", path)
    if "include" in table:
        cfg.include = _strings(table["include"], "include", path)
    cfg.words = set(_strings(table.get("words", []), "words", path))
    cfg.words_files = [base / wf for wf in _strings(table.get("words-file", []), "words-file", path)]
    for wf in cfg.words_files:
        cfg.words |= read_words_file(wf)
    lt = table.get("languagetool", {})
    if not isinstance(lt, dict):
        raise ConfigError(f"{path}: 'languagetool' must be a table")
    cfg.languagetool = parse_languagetool(lt, path)
    return cfg


def parse_languagetool(table: dict[str, Any], path: Path) -> dict[str, Any]:
    """The ``[languagetool]`` table checked and normalised: ``enabled`` bool, ``url`` str, ``timeout`` and
    ``idle_timeout`` float > 0, ``disable`` and ``enable`` lists of non-empty strings. Absent keys stay absent."""
    unknown = sorted(set(table) - set(LANGUAGETOOL_KEYS))
    if unknown:
        raise ConfigError(
            f"{path}: unknown setting {clip('languagetool.' + str(unknown[0]))} "
            f"(known: {', '.join(sorted(LANGUAGETOOL_KEYS))})"
        )
    out: dict[str, Any] = {}
    for key, value in table.items():
        normalised = _lt_value(key, value)
        if normalised is None:
            raise ConfigError(f"{path}: languagetool.{key} must be {LANGUAGETOOL_KEYS[key]}, not {clip(value)}")
        out[key] = normalised
    return out


def _lt_value(key: str, value: Any) -> Any:
    """The normalised value, or None when ``value`` is not acceptable for ``key``."""
    if key == "enabled":
        return value if isinstance(value, bool) else None
    if key == "url":
        if not isinstance(value, str):
            return None
        url = value.strip()
        try:
            parts = urlsplit(url)
        except ValueError:  # a malformed [IPv6] host
            return None
        return url if parts.scheme in ("http", "https") and parts.netloc else None
    if key in ("timeout", "idle_timeout"):
        ok = isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value) and value > 0
        return float(value) if ok else None
    # disable / enable: a list of ids, or one string of comma-separated ids
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(v, str) for v in items):
        return None
    return [v.strip() for v in items if v.strip()]


def read_words_file(path: Path) -> set[str]:
    """One word per line; '#' starts a comment."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read words file: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: words file {not_utf8(exc)}") from None
    return {w for line in lines if (w := line.split("#", 1)[0].strip())}

