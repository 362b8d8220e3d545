"""One run's state: configurations (cached per config file), linters (one per configuration), warnings.

Shared by the command line, the process pool's workers and the library functions (``rolint.api``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rolint.config import Config, ConfigError, find_config, load_config
from rolint.diagnostics import Severity
from rolint.document import Document, format_for
from rolint.lint import LANGUAGETOOL_SKIPPED, Linter
from rolint.options import Options
from rolint.report import FileResult, RunInfo, SourceStatus
from rolint.source import InputError, Source, read_path
from rolint.trust import require_trusted

__all__ = ["Session"]


class Session:
    """Configs and linters of one run, shared across files (cached per folder and per config)."""

    def __init__(self, options: Options | None = None) -> None:
        self.options = options = options or Options()
        self._config_selectors: dict[int, set[str]] = {}
        self._tested_packs: set[str] = set()  # --strict-rules: packs whose examples passed
        self.explicit = self.adjust(load_config(options.config.resolve())) if options.config else None
        self._configs: dict[Path | None, Config] = {}
        self._linters: dict[int, Linter] = {}
        self.warnings: list[str] = []
        self.lt_mode = options.languagetool_mode

    def config_for(self, where: Path) -> Config:
        """The configuration of a file or folder: ``--config``'s, else the nearest one upward."""
        if self.explicit is not None:
            return self.explicit
        found = find_config(where)
        if found not in self._configs:
            self._configs[found] = self.adjust(load_config(found))
        return self._configs[found]

    def configs(self) -> list[Config]:
        """The configurations read so far (``--config``'s alone when given)."""
        return [self.explicit] if self.explicit is not None else list(self._configs.values())

    def adjust(self, cfg: Config) -> Config:
        """The options on top of a freshly loaded configuration (once per config)."""
        o = self.options
        # the file's own entries that stay in effect (``--select`` replaces its selection): for the warnings
        self._config_selectors[id(cfg)] = {*([] if o.select else cfg.select), *cfg.ignore}
        if o.select:
            cfg.select = list(o.select)
        if o.extend_select:
            cfg.select = [*cfg.select, *(s for s in o.extend_select if s not in cfg.select)]
        if o.ignore:
            cfg.ignore = [*cfg.ignore, *o.ignore]
        cfg.exclude = [*cfg.exclude, *o.exclude]
        if o.fail_on:
            cfg.fail_on = Severity.parse(o.fail_on)
        if o.explain and "spelling.unknown-word" not in cfg.select:
            cfg.select = [*cfg.select, "spelling.unknown-word"]  # the words taken as correct, with their evidence
        return cfg

    def linter(self, cfg: Config) -> Linter:
        key = id(cfg)
        if key not in self._linters:
            self._linters[key] = Linter(
                cfg,
                languagetool=self.languagetool_check(cfg),
                languagetool_required=self.lt_mode == "required",
                warnings=self.warnings,
                explain=self.options.explain,
            )
            if self.options.strict_rules:
                self.test_rules(self._linters[key])
            for entry in dict.fromkeys(self._linters[key].unknown_selectors()):
                self.warnings.append(f"unknown rule id or prefix {entry!r} in {self.selector_origin(cfg, entry)}")
        return self._linters[key]

    def test_rules(self, linter: Linter) -> None:
        """``--strict-rules``: the examples of each pack not tested yet in this run; ExamplesFailed when one fails."""
        from rolint.engine.selftest import ExamplesFailed, failures

        fresh = [r for r in linter.rules_all if r.location.path not in self._tested_packs]
        if failed := failures(fresh):
            raise ExamplesFailed([str(f) for f in failed])
        self._tested_packs.update(r.location.path for r in fresh)

    def selector_origin(self, cfg: Config, entry: str) -> str:
        """Where a select/ignore entry came from: the command line's options, the configuration file, or both."""
        o = self.options
        flags = [flag for flag, given in (("--select", o.select), ("--extend-select", o.extend_select),
                                          ("--ignore", o.ignore)) if entry in given]
        places = [f"{'/'.join(flags)} on the command line"] if flags else []
        if entry in self._config_selectors.get(id(cfg), ()) or not flags:
            places.append(f"select/ignore ({cfg.path})" if cfg.path else "select/ignore")
        return " and in ".join(places)

    def linter_for(self, where: Path) -> Linter:
        return self.linter(self.config_for(where))

    def languagetool_check(self, cfg: Config) -> Any:
        if self.lt_mode == "off" or cfg.languagetool.get("enabled") is False:
            return None
        if self.options.languagetool_url:
            cfg.languagetool = {**cfg.languagetool, "url": self.options.languagetool_url}  # the user's own choice
        elif cfg.languagetool.get("url") and cfg.path is not None and cfg is not self.explicit:
            require_trusted(cfg.path, "languagetool.url")  # found upward: may be somebody else's file
        try:
            from rolint.languagetool.check import LanguageToolCheck
        except ImportError as exc:
            if self.lt_mode == "required":
                raise ConfigError(f"LanguageTool support is not installed: {exc}") from None
            self.warnings.append(f"{LANGUAGETOOL_SKIPPED}{exc}")
            return None
        return LanguageToolCheck()

    def read(self, path: str) -> Source:
        """A file's text, decoded and size-checked as the options say (raises InputError)."""
        return read_path(path, self.options.encoding, self.options.max_file_size)

    def check_file(self, path: str) -> FileResult:
        """Read and check one file (an unreadable one gives a result with ``error``)."""
        cfg = self.config_for(Path(path).absolute())
        try:
            source = self.read(path)
        except InputError as exc:
            return FileResult(path, None, error=str(exc))
        doc = Document.from_source(source, format_for(path))
        return FileResult(path, doc, self.linter(cfg).lint(doc))

    def run_info(self) -> RunInfo:
        """Which sources ran, for the machine-readable reports (a skipped LanguageTool makes a partial run)."""
        skipped = [w[len(LANGUAGETOOL_SKIPPED):] for w in self.warnings if w.startswith(LANGUAGETOOL_SKIPPED)]
        configs = list(self._configs.values()) or ([self.explicit] if self.explicit else [])
        if self.lt_mode == "off":
            lt = SourceStatus("off", "turned off (--no-languagetool or ROLINT_LANGUAGETOOL=off)")
        elif skipped:
            lt = SourceStatus("skipped", skipped[0])
        elif configs and all(c.languagetool.get("enabled") is False for c in configs):
            lt = SourceStatus("off", "turned off (languagetool.enabled = false)")
        else:
            lt = SourceStatus("ran")
        return RunInfo(sources={"languagetool": lt}, warnings=list(dict.fromkeys(self.warnings)))
