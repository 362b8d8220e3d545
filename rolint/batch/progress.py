"""The progress log of a batch run: which records are done, and where the outputs were at each commit.

``results.jsonl.progress.jsonl`` beside the output: a header line (the run's settings), then one line per
commit: the ids of the records checked (those without findings too), the commit tokens of the writers
(:mod:`rolint.batch.output`) and the findings per rule. A line is appended only after the rows it names were
written, so a run stopped anywhere resumes from the last complete line: a torn last line is ignored and
the outputs are cut back to that line's tokens.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rolint.batch.records import BatchInputError

__all__ = ["ProgressLog", "progress_path"]

VERSION = 1


def progress_path(output: Path) -> Path:
    return Path(str(output) + ".progress.jsonl")


@dataclass
class ProgressLog:
    path: Path
    header: dict[str, Any]
    done: set[str] = field(default_factory=set)
    counts: Counter[str] = field(default_factory=Counter)  # findings per rule, over every commit
    records: int = 0  # records checked over every commit
    with_findings: int = 0
    tokens: dict[str, Any] = field(default_factory=dict)  # writer name → its last commit token
    parts: dict[str, list[str]] = field(default_factory=dict)  # writer name → every part committed
    _fh: Any = None

    @classmethod
    def open(cls, path: Path, header: dict[str, Any]) -> ProgressLog:
        """The log at ``path`` (read back when it exists: its settings must be ``header``'s), ready to append."""
        log = cls(path, {"rolint_batch": VERSION, **header})
        if path.exists():
            log._read()
        else:
            path.write_text(json.dumps(log.header, ensure_ascii=False) + "\n", "utf-8")
        log._fh = open(path, "a", encoding="utf-8", newline="\n")  # noqa: SIM115 - closed in close()
        return log

    def _read(self) -> None:
        with open(self.path, "rb") as fh:
            data = fh.read()
        lines = data.split(b"\n")
        complete = lines[:-1]  # the last piece has no newline: torn (or empty)
        if not complete:
            raise BatchInputError(f"{self.path}: not a rolint batch progress log; remove it or pass --restart")
        try:
            head = json.loads(complete[0])
        except ValueError:
            head = None
        if not isinstance(head, dict) or head.get("rolint_batch") != VERSION:
            raise BatchInputError(f"{self.path}: not a rolint batch progress log; remove it or pass --restart")
        changed = [k for k in self.header if head.get(k) != self.header[k]]
        if changed:
            raise BatchInputError(
                f"{self.path}: the results so far were made with other settings ({', '.join(changed)}); "
                "run with the same settings to resume, or pass --restart to start again")
        good = len(complete[0]) + 1
        for raw in complete[1:]:
            try:
                entry = json.loads(raw)
            except ValueError:
                break
            self._apply(entry)
            good += len(raw) + 1
        if good < len(data):  # a torn or corrupt tail: cut it off before appending
            with open(self.path, "r+b") as fh:
                fh.truncate(good)

    def _apply(self, entry: dict[str, Any]) -> None:
        self.done.update(entry["ids"])
        self.counts.update(entry.get("counts", {}))
        self.records += len(entry["ids"])
        self.with_findings += entry.get("with_findings", 0)
        for name, token in entry.get("tokens", {}).items():
            self.tokens[name] = token
            if isinstance(token, str):
                self.parts.setdefault(name, []).append(token)

    def commit(self, ids: list[str], tokens: dict[str, Any], counts: Counter[str], with_findings: int) -> None:
        entry = {"ids": ids, "tokens": tokens, "counts": dict(counts), "with_findings": with_findings}
        self._fh.write(json.dumps(entry, ensure_ascii=False) + "\n")
        self._fh.flush()
        self._apply(entry)

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None
