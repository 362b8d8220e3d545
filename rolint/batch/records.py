"""Readers of an archive: JSON Lines, Parquet, and folders (or files) of documents.

Each reader yields, in input order, a :class:`Record` (an id and a text to check) or a :class:`BadRecord`
(where it was, its id when known, and why it cannot be checked). A bad record never stops a reader:
invalid UTF-8 or invalid JSON on a line, a record that is not an object, a missing text field, a text that
is not a string. Parquet is read with pyarrow (the ``batch`` extra), imported only when a Parquet file is
read, in batches of rows, so memory does not grow with the file.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rolint.document import format_for

__all__ = ["BadRecord", "BatchInputError", "Record", "RecordFormat", "count_records", "kind_of", "read_records"]

JSONL_SUFFIXES = (".jsonl", ".ndjson")
PARQUET_SUFFIXES = (".parquet", ".pq")
PARQUET_BATCH = 1024  # rows read at a time


class BatchInputError(Exception):
    """An input that cannot be read at all (missing file, no text column): the run stops (exit 2)."""


@dataclass(frozen=True, slots=True)
class RecordFormat:
    """Where a record's text and id are: field (JSON) or column (Parquet) names."""

    text_field: str = "text"
    id_field: str = "id"
    keep_fields: bool = False  # keep the whole record (to write it back fixed)


@dataclass(slots=True)
class Record:
    """One text to check. ``fmt``: "text", "markdown" or "html" (a file's suffix; records are plain text)."""

    id: str
    text: str
    where: str  # file:line, file#row or the file's path
    fmt: str = "text"
    fields: dict[str, Any] | None = None  # the whole record, when kept
    path: str | None = None  # a document's file (its configuration is found upward from it)


@dataclass(frozen=True, slots=True)
class BadRecord:
    where: str
    reason: str
    id: str | None = None

    def __str__(self) -> str:
        who = f" (id {self.id})" if self.id is not None else ""
        return f"{self.where}{who}: {self.reason}"


def kind_of(path: str | Path) -> str:
    """"jsonl", "parquet" or "files" (a folder, or any other file: a document)."""
    p = Path(path)
    if p.is_dir():
        return "files"
    name = p.name.lower()
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(PARQUET_SUFFIXES):
        return "parquet"
    return "files"


def read_records(inputs: list[str], fmt: RecordFormat, files: list[str] | None = None) -> Iterator[Record | BadRecord]:
    """The records of every input, in order. ``files``: the documents of the "files" inputs, already expanded
    (folders recursed as ``rolint check`` does); when None, the "files" inputs are taken as files."""
    docs = iter(files) if files is not None else None
    for path in inputs:
        kind = kind_of(path)
        if kind == "jsonl":
            yield from read_jsonl(path, fmt)
        elif kind == "parquet":
            yield from read_parquet(path, fmt)
        elif docs is None:
            yield read_document(path)
    if docs is not None:
        for f in docs:
            yield read_document(f)


def _text_and_id(obj: object, where: str, fmt: RecordFormat) -> Record | BadRecord:
    if not isinstance(obj, dict):
        return BadRecord(where, f"not a JSON object but {type(obj).__name__}")
    raw_id = obj.get(fmt.id_field)
    rid = where if raw_id is None else str(raw_id)
    if fmt.text_field not in obj or obj[fmt.text_field] is None:
        return BadRecord(where, f"no text field {fmt.text_field!r}", rid)
    text = obj[fmt.text_field]
    if not isinstance(text, str):
        return BadRecord(where, f"text field {fmt.text_field!r} is not a string but {type(text).__name__}", rid)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        return BadRecord(where, f"text field {fmt.text_field!r} has an unpaired surrogate at {exc.start}", rid)
    return Record(rid, text, where, "text", obj if fmt.keep_fields else None)


def read_jsonl(path: str, fmt: RecordFormat) -> Iterator[Record | BadRecord]:
    """One record per non-blank line; blank lines are skipped."""
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise BatchInputError(f"{path}: cannot read: {exc.strerror}") from None
    with fh:
        for n, raw in enumerate(fh, 1):
            where = f"{path}:{n}"
            if not raw.strip():
                continue
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield BadRecord(where, f"invalid UTF-8 at byte {exc.start} of the line (0x{raw[exc.start]:02x})")
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                yield BadRecord(where, f"invalid JSON: {exc.msg} at column {exc.colno}")
                continue
            yield _text_and_id(obj, where, fmt)


def _pyarrow_parquet() -> Any:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise BatchInputError(
            "Parquet needs pyarrow: pip install 'rolint[batch]'") from None
    return pq


def read_parquet(path: str, fmt: RecordFormat) -> Iterator[Record | BadRecord]:
    """One record per row, read in batches of rows; the text column must exist (else BatchInputError)."""
    pq = _pyarrow_parquet()
    try:
        pf = pq.ParquetFile(path)
    except (OSError, ValueError) as exc:
        raise BatchInputError(f"{path}: cannot read as Parquet: {exc}") from None
    names = pf.schema_arrow.names
    if fmt.text_field not in names:
        raise BatchInputError(f"{path}: no column {fmt.text_field!r} (columns: {', '.join(names)}); "
                              "name the text column with --text-field")
    columns = None if fmt.keep_fields else [c for c in (fmt.text_field, fmt.id_field) if c in names]
    row = 0
    for batch in pf.iter_batches(batch_size=PARQUET_BATCH, columns=columns):
        for obj in batch.to_pylist():
            where = f"{path}#{row}"
            row += 1
            yield _text_and_id(obj, where, fmt)


def read_document(path: str) -> Record | BadRecord:
    """A file as one record: its path is the id; Markdown and HTML by suffix as ``rolint check`` reads them."""
    from rolint.source import InputError, read_path

    try:
        source = read_path(path, max_size=0)
    except InputError as exc:
        return BadRecord(path, str(exc), path)
    return Record(path, source.text, path, format_for(path), path=path)


def count_records(inputs: list[str], n_files: int) -> int | None:
    """How many records the inputs hold (lines of JSON Lines files, rows of Parquet files, documents), for
    the progress bar; None when a file cannot be read (the readers then say why)."""
    total = n_files
    try:
        for path in inputs:
            kind = kind_of(path)
            if kind == "jsonl":
                total += _count_lines(path)
            elif kind == "parquet":
                total += _pyarrow_parquet().ParquetFile(path).metadata.num_rows
    except (OSError, ValueError, BatchInputError):
        return None
    return total


def _count_lines(path: str) -> int:
    n = 0
    last = b"\n"
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            n += chunk.count(b"\n")
            last = chunk[-1:]
    return n + (last != b"\n")
