"""Writers of a batch run's results: one row per finding, and the fixed records, as JSON Lines or Parquet.

Rows are written in commits (one per checked partition of records). A JSON Lines file is appended to and a
commit is the byte offset after it; a Parquet result is written as one part file per commit in a folder
beside it (``results.parquet.parts/``), each part renamed into place once complete, and merged into the
final file, row group by row group, when the run ends. The commit tokens go to the progress log
(:mod:`rolint.batch.progress`), so a run that was stopped resumes from its last commit: what was written
after it (a half-written partition) is cut off or deleted before anything new is written.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

from rolint.batch.records import JSONL_SUFFIXES, PARQUET_SUFFIXES, BatchInputError

__all__ = ["FINDING_COLUMNS", "JsonlWriter", "ParquetWriter", "output_kind", "writer_for"]

#: the columns of a findings row, in order (the Parquet schema in :func:`_findings_schema`)
FINDING_COLUMNS = ("id", "rule", "source", "category", "severity", "start", "end", "line", "column",
                   "end_line", "end_column", "message", "replacement", "fix")
PART_RE = re.compile(r"part-(\d{6})\.parquet$")


def output_kind(path: str | Path) -> str:
    name = str(path).lower()
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(PARQUET_SUFFIXES):
        return "parquet"
    raise BatchInputError(f"{path}: an output is .jsonl, .ndjson or .parquet")


class JsonlWriter:
    """Rows appended as JSON objects, one a line; a commit is the file's length after it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._buf: list[str] = []
        self._fh = None

    def restore(self, token: Any) -> None:
        """Cut the file back to the last commit (``token``: its length then; None: nothing committed)."""
        keep = int(token or 0)
        if self.path.exists() and self.path.stat().st_size > keep:
            os.truncate(self.path, keep)

    def write(self, rows: list[dict[str, Any]]) -> None:
        self._buf.extend(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)

    def commit(self) -> int:
        if self._fh is None:
            self._fh = open(self.path, "a", encoding="utf-8", newline="\n")  # noqa: SIM115 - closed in finish
        if self._buf:
            self._fh.write("".join(self._buf))
            self._buf.clear()
        self._fh.flush()
        return self._fh.tell()

    def finish(self) -> None:
        if self._fh is None:
            self.commit()
        assert self._fh is not None
        self._fh.close()
        self._fh = None

    def rows(self) -> list[dict[str, Any]]:
        with open(self.path, encoding="utf-8") as fh:
            return [json.loads(line) for line in fh if line.strip()]


def _findings_schema() -> Any:
    import pyarrow as pa

    s, i = pa.string(), pa.int64()
    return pa.schema([("id", s), ("rule", s), ("source", s), ("category", s), ("severity", s), ("start", i),
                      ("end", i), ("line", i), ("column", i), ("end_line", i), ("end_column", i),
                      ("message", s), ("replacement", s), ("fix", s)])


def records_schema(id_field: str, text_field: str) -> Any:
    import pyarrow as pa

    return pa.schema([(id_field, pa.string()), (text_field, pa.string()), ("fixes", pa.int64())])


class ParquetWriter:
    """Rows in part files (one per commit) merged into ``path`` by :meth:`finish`."""

    def __init__(self, path: Path, schema: Any) -> None:
        self.path = path
        self.parts = Path(str(path) + ".parts")
        self.schema = schema
        self._buf: list[dict[str, Any]] = []
        self._seq = 1

    def restore(self, committed: list[str]) -> None:
        """Keep the part files named in ``committed`` (and the previous run's merged result), delete the rest."""
        self.parts.mkdir(exist_ok=True)
        first = self.parts / "part-000000.parquet"
        if self.path.exists():  # a finished run's merge holds every part committed before it
            for p in self.parts.iterdir():
                p.unlink()
            os.replace(self.path, first)
        keep = set(committed) | {first.name}
        numbers = [0]
        for p in self.parts.iterdir():
            if p.name not in keep:
                p.unlink()
            elif m := PART_RE.match(p.name):
                numbers.append(int(m.group(1)))
        numbers += [int(m.group(1)) for name in committed if (m := PART_RE.match(name))]
        self._seq = max(numbers) + 1  # never reuse a name an earlier commit line names

    def write(self, rows: list[dict[str, Any]]) -> None:
        self._buf.extend(rows)

    def commit(self) -> str | None:
        if not self._buf:
            return None
        import pyarrow as pa
        import pyarrow.parquet as pq

        name = f"part-{self._seq:06d}.parquet"
        self._seq += 1
        tmp = self.parts / (name + ".tmp")
        pq.write_table(pa.Table.from_pylist(self._buf, schema=self.schema), tmp)
        os.replace(tmp, self.parts / name)
        self._buf.clear()
        return name

    def finish(self) -> None:
        """Merge the parts, in order, into ``path`` (written beside it, then renamed) and remove them."""
        import pyarrow.parquet as pq

        tmp = Path(str(self.path) + ".tmp")
        names = sorted(p for p in self.parts.iterdir() if PART_RE.match(p.name)) if self.parts.exists() else []
        with pq.ParquetWriter(tmp, self.schema) as out:
            for p in names:
                pf = pq.ParquetFile(p)
                for g in range(pf.num_row_groups):
                    out.write_table(pf.read_row_group(g).cast(self.schema))
        os.replace(tmp, self.path)
        shutil.rmtree(self.parts, ignore_errors=True)

    def rows(self) -> list[dict[str, Any]]:
        import pyarrow.parquet as pq

        return pq.read_table(self.path).to_pylist()


def writer_for(path: Path, what: str, id_field: str = "id", text_field: str = "text") -> JsonlWriter | ParquetWriter:
    """The writer of ``path`` by its suffix; ``what``: "findings" or "records" (the fixed records)."""
    if output_kind(path) == "jsonl":
        return JsonlWriter(path)
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise BatchInputError("Parquet needs pyarrow: pip install 'rolint[batch]'") from None
    schema = _findings_schema() if what == "findings" else records_schema(id_field, text_field)
    return ParquetWriter(path, schema)
