"""On-disk cache of LanguageTool results per block (sqlite3, safe across processes).

The key is a hash of the block text, the LanguageTool version (or the external server URL) and the
rule settings; the value is the list of raw matches (offsets relative to the block text).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
import time
from collections.abc import Iterable, Mapping
from pathlib import Path

from rolint.languagetool.paths import lt_root, private_lt_root
from rolint.private import private_file

RawMatch = dict[str, object]
SCHEMA = "CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, matches TEXT NOT NULL, used REAL NOT NULL)"


def cache_key(text: str, server_id: str, settings: Mapping[str, object]) -> str:
    blob = json.dumps([1, server_id, settings, text], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class ResultCache:
    """Block results; every failure to read or write just means a cache miss."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or lt_root() / "results.sqlite3"
        self._conn: sqlite3.Connection | None = None

    def _connect(self) -> sqlite3.Connection | None:
        if self._conn is None:
            try:
                private_lt_root()
                private_file(self.path)  # it holds the user's sentences: 0600 (sqlite's -wal/-shm follow it)
                conn = sqlite3.connect(self.path, timeout=10, isolation_level=None)
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=NORMAL")
                conn.execute(SCHEMA)
                self._conn = conn
            except (sqlite3.Error, OSError):
                return None
        return self._conn

    def get_many(self, keys: Iterable[str]) -> dict[str, list[RawMatch]]:
        conn = self._connect()
        keys = list(dict.fromkeys(keys))
        found: dict[str, list[RawMatch]] = {}
        if conn is None or not keys:
            return found
        try:
            for i in range(0, len(keys), 500):
                chunk = keys[i : i + 500]
                marks = ",".join("?" * len(chunk))
                for key, matches in conn.execute(f"SELECT key, matches FROM results WHERE key IN ({marks})", chunk):
                    found[key] = json.loads(matches)
        except (sqlite3.Error, ValueError):
            return {}
        return found

    def put_many(self, items: Mapping[str, list[RawMatch]]) -> None:
        conn = self._connect()
        if conn is None or not items:
            return
        now = time.time()
        rows = [(k, json.dumps(v, ensure_ascii=False), now) for k, v in items.items()]
        with contextlib.suppress(sqlite3.Error):
            conn.execute("BEGIN IMMEDIATE")
            try:
                conn.executemany("INSERT OR REPLACE INTO results (key, matches, used) VALUES (?, ?, ?)", rows)
                conn.execute("COMMIT")
            except sqlite3.Error:
                conn.execute("ROLLBACK")
                raise

    def clear(self) -> None:
        conn = self._connect()
        if conn is not None:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("DELETE FROM results")

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
