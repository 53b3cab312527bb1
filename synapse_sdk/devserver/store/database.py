"""The SQLite connection, its schema and transactions, the files directory, and seeding.

One connection guarded by a lock serves every thread: ``:memory:`` databases exist per
connection, and a dev server's load never needs more.

Durability: a file database runs in WAL mode with ``synchronous=FULL``, so a write is on disk
before its reply goes out. An uploaded package is written to ``<files>/tmp``, fsynced, renamed
into place inside the transaction that records it, and the transaction commits after the rename:
a crash leaves either both or a directory without a row, which ``sweep`` removes at start, with
any temporary file.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from .. import dialect as dialects
from .records import iso

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS agents (
    id INTEGER PRIMARY KEY AUTOINCREMENT, token TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
    status TEXT NOT NULL, last_seen REAL, url TEXT, created REAL NOT NULL DEFAULT 0,
    modified REAL NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS plugins (
    id INTEGER PRIMARY KEY AUTOINCREMENT, data TEXT NOT NULL, created REAL NOT NULL, modified REAL NOT NULL);
CREATE TABLE IF NOT EXISTS plugin_releases (
    id INTEGER PRIMARY KEY AUTOINCREMENT, plugin_id INTEGER NOT NULL, data TEXT NOT NULL,
    file_name TEXT NOT NULL, size INTEGER NOT NULL, checksum TEXT NOT NULL, created REAL NOT NULL);
CREATE TABLE IF NOT EXISTS jobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT, uuid TEXT UNIQUE, plugin_id INTEGER, user_id INTEGER,
    status TEXT NOT NULL, progress INTEGER NOT NULL, result TEXT, metadata TEXT NOT NULL,
    metrics TEXT, extra TEXT NOT NULL, parameters TEXT NOT NULL,
    created REAL NOT NULL, modified REAL NOT NULL,
    -- Set while the job follows the simulation; cleared once a client takes over with PATCH.
    sim_started REAL, sim_duration REAL,
    -- How the simulation ends: NULL (completed) or 'failed'.
    sim_outcome TEXT);
CREATE TABLE IF NOT EXISTS console_logs (
    id INTEGER PRIMARY KEY AUTOINCREMENT, job_id INTEGER NOT NULL, timestamp REAL NOT NULL,
    level TEXT NOT NULL, message TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS console_logs_by_job ON console_logs (job_id, timestamp, id);
CREATE INDEX IF NOT EXISTS releases_by_plugin ON plugin_releases (plugin_id);
CREATE TABLE IF NOT EXISTS storages (
    id INTEGER PRIMARY KEY AUTOINCREMENT, data TEXT NOT NULL, created REAL NOT NULL);
-- The production dialect's operations: log entries written by plugins, serve applications.
CREATE TABLE IF NOT EXISTS logs (
    id INTEGER PRIMARY KEY AUTOINCREMENT, data TEXT NOT NULL, created REAL NOT NULL);
CREATE TABLE IF NOT EXISTS serve_applications (
    id INTEGER PRIMARY KEY AUTOINCREMENT, job TEXT NOT NULL, data TEXT NOT NULL, created REAL NOT NULL);
"""

_TABLES = ("meta", "agents", "plugins", "plugin_releases", "jobs", "console_logs", "storages")


def files_dir_for(db: str) -> Path | None:
    """Where a file database keeps uploaded packages: ``<db stem>-files`` next to it."""
    if db == ":memory:" or db.startswith("file:"):
        return None
    path = Path(db)
    return path.with_name(f"{path.stem}-files")


def fsync_dir(path: Path) -> None:
    """Make a rename or unlink in ``path`` durable (POSIX; a no-op where directories cannot be opened)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class Database:
    """One SQLite connection behind a lock, the uploaded files beside it, and the seeding marker."""

    def __init__(
        self,
        db: str,
        *,
        job_duration: float = 3.0,
        clock: Callable[[], float] = time.time,
        dialect: str = dialects.DOCUMENTED,
    ) -> None:
        self.job_duration = job_duration
        self.dialect = dialects.checked(dialect)
        self.clock = clock
        self._lock = threading.RLock()
        self._conn = sqlite3.connect(db, check_same_thread=False)
        self._conn.row_factory = sqlite3.Row
        directory = files_dir_for(db)
        self._temporary_files = directory is None
        self.files_dir = (
            Path(tempfile.mkdtemp(prefix="synapse-devserver-")) if directory is None else directory
        )
        self.files_dir.mkdir(parents=True, exist_ok=True)
        if directory is not None:
            # WAL: readers never wait for the writer, and FULL syncs the log on every commit.
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=FULL")
        with self._lock, self._conn:
            self._conn.executescript(_SCHEMA)
            columns = {row["name"] for row in self._conn.execute("PRAGMA table_info(jobs)")}
            if "sim_outcome" not in columns:  # a database from before failing seeded jobs
                self._conn.execute("ALTER TABLE jobs ADD COLUMN sim_outcome TEXT")
        self.sweep()

    def clear(self) -> None:
        """Delete every object and uploaded package, ids starting over (``seed.populate`` refills)."""
        with self.transaction() as conn:
            for table in (*_TABLES, "logs", "serve_applications"):
                conn.execute(f"DELETE FROM {table}")
            conn.execute("DELETE FROM sqlite_sequence")
        shutil.rmtree(self.files_dir / "plugin_releases", ignore_errors=True)
        shutil.rmtree(self.files_dir / "logs", ignore_errors=True)

    @property
    def tmp_dir(self) -> Path:
        """Where uploads are written before they are complete; emptied at start."""
        path = self.files_dir / "tmp"
        path.mkdir(parents=True, exist_ok=True)
        return path

    def sweep(self) -> None:
        """Remove what a crash may leave: temporary uploads, and package directories without a row."""
        for leftover in self.tmp_dir.iterdir():
            with suppress(OSError):
                leftover.unlink()
        releases = self.files_dir / "plugin_releases"
        if not releases.is_dir():
            return
        with self._lock:
            known = {str(r[0]) for r in self._conn.execute("SELECT id FROM plugin_releases")}
        for folder in releases.iterdir():
            if folder.name not in known:
                shutil.rmtree(folder, ignore_errors=True)

    def close(self) -> None:
        with self._lock:
            self._conn.close()
            if self._temporary_files:
                shutil.rmtree(self.files_dir, ignore_errors=True)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock, self._conn:
            yield self._conn

    def _one(self, sql: str, params: tuple[Any, ...] = ()) -> sqlite3.Row | None:
        with self._lock:
            row: sqlite3.Row | None = self._conn.execute(sql, params).fetchone()
            return row

    # --- seeding ---

    def is_seeded(self) -> bool:
        return self._one("SELECT 1 FROM meta WHERE key = 'seeded'") is not None

    def seed(self, rows: Iterable[tuple[str, dict[str, Any]]]) -> None:
        """Insert the seed rows and mark the database seeded, in one transaction: all or nothing.

        A server killed while seeding leaves no row behind, so the next start seeds afresh.
        """
        with self.transaction() as conn:
            for table, values in rows:
                self._insert(conn, table, values)
            conn.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('seeded', ?)", (iso(self.clock()),)
            )

    def insert(self, table: str, values: dict[str, Any]) -> int:
        """Insert one row as given; JSON columns must be encoded already."""
        with self.transaction() as conn:
            return self._insert(conn, table, values)

    @staticmethod
    def _insert(conn: sqlite3.Connection, table: str, values: dict[str, Any]) -> int:
        columns = ", ".join(values)
        marks = ", ".join("?" for _ in values)
        cursor = conn.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", tuple(values.values()))
        return int(cursor.lastrowid or 0)
