"""rolint.batch.records: records and bad records from JSON Lines, Parquet and folders."""

from __future__ import annotations

from pathlib import Path

import pytest

from rolint.batch.records import (
    BadRecord,
    BatchInputError,
    Record,
    RecordFormat,
    count_records,
    kind_of,
    read_records,
)


def write_lines(path: Path, lines: list[bytes]) -> Path:
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


def test_jsonl_bad_records_are_reported_with_their_line_and_id(tmp_path: Path) -> None:
    src = write_lines(tmp_path / "in.jsonl", [
        b'{"id": "a", "text": "Bun."}',
        b'{"id": "b"}',                                   # no text
        b'{"id": "c", "text": ["x"]}',                     # not a string
        b'{"id": "d", "text": "caf\xe9"}',                 # invalid UTF-8 (latin-1 byte)
        b'{"id": "e", "text": "unclosed',                  # invalid JSON
        b'[1, 2]',                                         # not an object
        b'',                                               # blank: skipped
        b'{"id": 7, "text": "\\ud800"}',                   # an unpaired surrogate cannot be written back
        b'{"text": "Fara id."}',                           # no id: file:line
    ])
    got = list(read_records([str(src)], RecordFormat()))
    good = [r for r in got if isinstance(r, Record)]
    bad = [r for r in got if isinstance(r, BadRecord)]
    assert [(r.id, r.text) for r in good] == [("a", "Bun."), (f"{src}:9", "Fara id.")]
    assert [(b.where.rsplit(":", 1)[1], b.id) for b in bad] == [
        ("2", "b"), ("3", "c"), ("4", None), ("5", None), ("6", None), ("8", "7")]
    reasons = [b.reason for b in bad]
    assert "no text field 'text'" in reasons[0]
    assert "not a string but list" in reasons[1]
    assert "invalid UTF-8 at byte" in reasons[2] and "0xe9" in reasons[2]
    assert reasons[3].startswith("invalid JSON")
    assert "not a JSON object" in reasons[4]
    assert "surrogate" in reasons[5]
    assert str(bad[0]) == f"{src}:2 (id b): no text field 'text'"


def test_field_names_are_configurable_and_fields_kept_on_request(tmp_path: Path) -> None:
    src = write_lines(tmp_path / "in.ndjson", [b'{"key": 3, "body": "Text.", "lang": "ro"}'])
    fmt = RecordFormat(text_field="body", id_field="key", keep_fields=True)
    (rec,) = read_records([str(src)], fmt)
    assert isinstance(rec, Record)
    assert (rec.id, rec.text, rec.fields) == ("3", "Text.", {"key": 3, "body": "Text.", "lang": "ro"})


def test_parquet_rows_nulls_and_a_missing_text_column(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "in.parquet"
    pq.write_table(pa.table({"id": ["x", "y", None], "text": ["Unu.", None, "Trei."]}), path)
    got = list(read_records([str(path)], RecordFormat()))
    assert isinstance(got[0], Record) and (got[0].id, got[0].text) == ("x", "Unu.")
    assert isinstance(got[1], BadRecord) and got[1].where == f"{path}#1" and got[1].id == "y"
    assert isinstance(got[2], Record) and got[2].id == f"{path}#2"
    assert count_records([str(path)], 0) == 3
    with pytest.raises(BatchInputError, match="no column 'body'"):
        list(read_records([str(path)], RecordFormat(text_field="body")))


def test_documents_of_a_folder_keep_their_format(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# Titlu\n", "utf-8")
    (tmp_path / "b.txt").write_bytes(b"\xff\xfe bad")
    files = [str(tmp_path / "a.md"), str(tmp_path / "b.txt")]
    assert kind_of(tmp_path) == "files"
    md, bad = read_records([str(tmp_path)], RecordFormat(), files)
    assert isinstance(md, Record) and md.fmt == "markdown" and md.path == files[0]
    assert isinstance(bad, BadRecord) and bad.id == files[1]


def test_count_records_counts_lines_without_a_final_newline(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_bytes(b'{"text": "a"}\n{"text": "b"}')
    assert count_records([str(src)], 2) == 4
    assert count_records([str(tmp_path / "missing.jsonl")], 0) is None
