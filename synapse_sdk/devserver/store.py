"""SQLite persistence of the local backend: agents, plugins, releases, jobs, console logs, storages.

One connection guarded by a lock serves every thread: ``:memory:`` databases exist per
connection, and a dev server's load never needs more. Methods return objects already in the
document's shapes (ISO 8601 date-times); secrets are masked one layer up, in ``api``.

Durability: a file database runs in WAL mode with ``synchronous=FULL``, so a write is on disk
before its reply goes out. An uploaded package is written to ``<files>/tmp``, fsynced, renamed
into place inside the transaction that records it, and the transaction commits after the rename:
a crash leaves either both or a directory without a row, which ``sweep`` removes at start, with
any temporary file.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from . import dialect as dialects
from . import jobs

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
    sim_started REAL, sim_duration REAL);
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
_INT64 = range(-(2**63), 2**63)
TERMINAL_STATUSES = frozenset({"completed", "failed", "SUCCEEDED", "FAILED", "STOPPED"})
JobKey = int | str


def iso(timestamp: float) -> str:
    """A Unix time as DRF renders date-times: ISO 8601 in UTC with ``Z``."""
    return dt.datetime.fromtimestamp(timestamp, dt.UTC).isoformat().replace("+00:00", "Z")


def epoch(value: dt.datetime) -> float:
    try:
        return value.timestamp()
    except (OverflowError, ValueError):
        # Offsets can push year 1 or 9999 out of range; such instants are before or after every job.
        return float("-inf") if value.year < 1970 else float("inf")


def _dumps(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), allow_nan=False)


def _loads(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def _with_extra(known: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """Echo fields the document does not list (forward compatibility); they never replace known ones."""
    for name, value in extra.items():
        known.setdefault(name, value)
    return known


def files_dir_for(db: str) -> Path | None:
    """Where a file database keeps uploaded packages: ``<db stem>-files`` next to it."""
    if db == ":memory:" or db.startswith("file:"):
        return None
    path = Path(db)
    return path.with_name(f"{path.stem}-files")


@dataclass(frozen=True)
class JobFilters:
    status: str | None = None
    plugin: int | None = None
    user: int | None = None
    created_after: float | None = None
    search: str | None = None
    ordering: str | None = None


def order(items: list[dict[str, Any]], ordering: str | None) -> list[dict[str, Any]]:
    """DRF's OrderingFilter on rendered objects: ``field`` or ``-field``, comma-separated; nulls first."""
    for part in reversed([p.strip() for p in (ordering or "").split(",") if p.strip()]):
        name = part.lstrip("-")

        def key(item: dict[str, Any], name: str = name) -> tuple[bool, str, Any]:
            value = item.get(name)
            # Mixed types (an int id and a uuid) compare by type name first rather than fail.
            return (value is not None, type(value).__name__, value)

        items = sorted(items, key=key, reverse=part.startswith("-"))
    return items


def _contains(needle: str | None, *haystack: Any) -> bool:
    if not needle:
        return True
    lowered = needle.lower()
    return any(lowered in (text if isinstance(text, str) else _dumps(text)).lower() for text in haystack)


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


@dataclass(frozen=True)
class JobProgress:
    job_id: int
    status: str
    entries: list[dict[str, Any]]
    # When the simulation next writes an entry or changes status; None when only a PATCH can.
    next_change: float | None

    @property
    def ended(self) -> bool:
        return self.status in TERMINAL_STATUSES


class Store:
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

    def mark_seeded(self) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('seeded', ?)", (iso(self.clock()),)
            )

    def insert(self, table: str, values: dict[str, Any]) -> int:
        """Insert one row as given (seed data with fixed ids); JSON columns must be encoded already."""
        columns = ", ".join(values)
        marks = ", ".join("?" for _ in values)
        with self.transaction() as conn:
            cursor = conn.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", tuple(values.values()))
            return int(cursor.lastrowid or 0)

    # --- agents ---

    def connect_agent(self, token: str) -> dict[str, Any] | None:
        now = self.clock()
        with self.transaction() as conn:
            row = conn.execute("SELECT * FROM agents WHERE token = ?", (token,)).fetchone()
            if row is None:
                return None
            conn.execute("UPDATE agents SET last_seen = ?, modified = ? WHERE id = ?", (now, now, row["id"]))
        healthy = row["status"] == "healthy"
        return {
            "status": row["status"],
            "connected": healthy,
            "agent": row["id"],
            "name": row["name"],
            "last_seen": iso(now),
        }

    def list_agents(self, status: str | None, search: str | None) -> list[dict[str, Any]]:
        with self._lock:
            rows = self._conn.execute("SELECT * FROM agents ORDER BY id").fetchall()
        agents = [
            {
                "id": row["id"],
                "name": row["name"],
                "status": row["status"],
                "url": row["url"],
                "last_seen": iso(row["last_seen"]) if row["last_seen"] is not None else None,
                "created": iso(row["created"]),
                "modified": iso(row["modified"]),
                # Production lists show the agent's token; the page's do not.
                **({"token": row["token"]} if self.dialect == dialects.PRODUCTION else {}),
            }
            for row in rows
        ]
        return [
            agent
            for agent in agents
            if (status is None or agent["status"] == status) and _contains(search, agent["name"])
        ]

    def is_agent_token(self, token: str) -> bool:
        return self._one("SELECT 1 FROM agents WHERE token = ?", (token,)) is not None

    # --- plugins ---

    @staticmethod
    def _plugin(row: sqlite3.Row) -> dict[str, Any]:
        data: dict[str, Any] = _loads(row["data"])
        plugin = {
            "id": row["id"],
            "name": data.pop("name"),
            "description": data.pop("description", ""),
            "version": data.pop("version", ""),
            "author": data.pop("author", ""),
            "category": data.pop("category", ""),
            "configuration": data.pop("configuration", {}),
            "created": iso(row["created"]),
            "modified": iso(row["modified"]),
        }
        return _with_extra(plugin, data)

    def get_plugin(self, pk: int) -> dict[str, Any] | None:
        if pk not in _INT64:
            return None
        row = self._one("SELECT * FROM plugins WHERE id = ?", (pk,))
        return None if row is None else self._plugin(row)

    def list_plugins(
        self, search: str | None, category: str | None, ordering: str | None
    ) -> list[dict[str, Any]]:
        with self._lock:
            plugins = [self._plugin(row) for row in self._conn.execute("SELECT * FROM plugins ORDER BY id")]
        found = [
            plugin
            for plugin in plugins
            if (category is None or plugin["category"] == category)
            and _contains(search, plugin["name"], plugin["description"])
        ]
        return order(found, ordering)

    def create_plugin(self, data: dict[str, Any]) -> dict[str, Any]:
        now = self.clock()
        pk = self.insert("plugins", {"data": _dumps(data), "created": now, "modified": now})
        return self.get_plugin(pk) or {}

    def update_plugin(self, pk: int, changes: dict[str, Any]) -> dict[str, Any] | None:
        if pk not in _INT64:
            return None
        with self.transaction() as conn:
            row = conn.execute("SELECT data FROM plugins WHERE id = ?", (pk,)).fetchone()
            if row is None:
                return None
            data = {**_loads(row["data"]), **changes}
            conn.execute(
                "UPDATE plugins SET data = ?, modified = ? WHERE id = ?", (_dumps(data), self.clock(), pk)
            )
        return self.get_plugin(pk)

    # --- plugin releases ---

    def get_release(self, pk: int, *, expand_plugin: bool = False) -> dict[str, Any] | None:
        if pk not in _INT64:
            return None
        row = self._one("SELECT * FROM plugin_releases WHERE id = ?", (pk,))
        return None if row is None else self._release(row, expand_plugin)

    def list_releases(self, plugin: int | None, ordering: str | None) -> list[dict[str, Any]]:
        sql, params = "SELECT * FROM plugin_releases", tuple[Any, ...]()
        if plugin is not None:
            if plugin not in _INT64:
                return []
            sql, params = sql + " WHERE plugin_id = ?", (plugin,)
        with self._lock:
            rows = self._conn.execute(sql + " ORDER BY created DESC, id DESC", params).fetchall()
            return order([self._release(row) for row in rows], ordering)

    def _release(self, row: sqlite3.Row, expand_plugin: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = _loads(row["data"])
        plugin: Any = row["plugin_id"]
        if expand_plugin:
            plugin = self.get_plugin(row["plugin_id"]) or plugin
        release = {
            "id": row["id"],
            "plugin": plugin,
            "version": data.pop("version"),
            "changelog": data.pop("changelog", ""),
            "is_stable": data.pop("is_stable", False),
            "file": f"/media/plugin_releases/{row['id']}/{row['file_name']}",
            "size": row["size"],
            "checksum": row["checksum"],
            "created": iso(row["created"]),
        }
        return _with_extra(release, data)

    def release_path(self, pk: int, file_name: str) -> Path:
        return self.files_dir / "plugin_releases" / str(pk) / file_name

    def create_release(
        self, plugin_id: int, data: dict[str, Any], upload: Path, file_name: str, size: int, checksum: str
    ) -> dict[str, Any]:
        """Record a release and move its already-written (and fsynced) package into place."""
        with self.transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO plugin_releases (plugin_id, data, file_name, size, checksum, created)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (plugin_id, _dumps(data), file_name, size, checksum, self.clock()),
            )
            pk = int(cursor.lastrowid or 0)
            target = self.release_path(pk, file_name)
            target.parent.mkdir(parents=True, exist_ok=True)
            # Same file system, so an atomic rename; made durable before the row commits.
            os.replace(upload, target)
            try:
                if not self._temporary_files:
                    fsync_dir(target.parent)
                    fsync_dir(target.parent.parent)
                row = conn.execute("SELECT * FROM plugin_releases WHERE id = ?", (pk,)).fetchone()
                release = self._release(row)
            except BaseException:
                shutil.rmtree(target.parent, ignore_errors=True)  # the row rolls back: so does the file
                raise
        return release

    # --- jobs ---

    def _job_row(self, key: JobKey) -> sqlite3.Row | None:
        if isinstance(key, str):
            return self._one("SELECT * FROM jobs WHERE uuid = ?", (key,))
        if key not in _INT64:
            return None
        return self._one("SELECT * FROM jobs WHERE id = ? AND uuid IS NULL", (key,))

    def _state(
        self, row: sqlite3.Row, *, logs: bool = True
    ) -> tuple[jobs.SimulatedState, list[dict[str, Any]]]:
        """The job's state now and (with ``logs``) its console log, stored lines and simulated ones."""
        stored = (
            [
                {"timestamp": r["timestamp"], "level": r["level"], "message": r["message"]}
                for r in self._conn.execute(
                    "SELECT timestamp, level, message FROM console_logs WHERE job_id = ? ORDER BY timestamp, id",
                    (row["id"],),
                )
            ]
            if logs
            else []
        )
        if row["sim_started"] is None:
            state = jobs.SimulatedState(
                status=row["status"],
                progress=row["progress"],
                modified=row["modified"],
                logs=[],
                result=_loads(row["result"]),
                metrics=_loads(row["metrics"]) or {},
            )
            return state, stored
        state = self._simulate(row, self.clock())
        simulated = [{"timestamp": x.timestamp, "level": x.level, "message": x.message} for x in state.logs]
        return state, sorted(stored + simulated, key=lambda entry: float(entry["timestamp"]))

    def _simulate(self, row: sqlite3.Row, now: float) -> jobs.SimulatedState:
        state = jobs.simulate(row["sim_started"], row["sim_duration"], now, _loads(row["parameters"]) or {})
        return replace(state, status=dialects.status(state.status, self.dialect))

    @staticmethod
    def _numbered(logs: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Entries as rendered: ``id`` is the 1-based position, stable since the log only grows."""
        return [{"id": n, **entry, "timestamp": iso(entry["timestamp"])} for n, entry in enumerate(logs, 1)]

    def _job(self, row: sqlite3.Row, expand: frozenset[str] = frozenset()) -> dict[str, Any]:
        state, logs = self._state(row, logs="logs" in expand)
        job: dict[str, Any] = {
            "id": row["uuid"] or row["id"],
            "plugin": row["plugin_id"],
            "status": state.status,
            "progress": state.progress,
            "metadata": _loads(row["metadata"]),
            "user": row["user_id"],
            "created": iso(row["created"]),
            "modified": iso(max(row["modified"], state.modified)),
        }
        job = _with_extra(job, _loads(row["extra"]))
        if "result" in expand:
            job["result"] = state.result or {}
        if "metrics" in expand:
            job["metrics"] = state.metrics
        if "logs" in expand:
            job["logs"] = self._numbered(logs)
        return dialects.job(job, state.result, job["modified"], self.dialect)

    def get_job(self, key: JobKey, expand: frozenset[str] = frozenset()) -> dict[str, Any] | None:
        with self._lock:
            row = self._job_row(key)
            return None if row is None else self._job(row, expand)

    def job_logs(self, key: JobKey, since: int = 0) -> list[dict[str, Any]] | None:
        """The job's console log after position ``since``; None for an unknown job."""
        follow = self.follow_job(key, since)
        return None if follow is None else follow.entries

    def follow_job(self, key: JobKey, since: int = 0) -> JobProgress | None:
        """What a console-log stream needs: new entries, whether the job ended, when it next changes."""
        with self._lock:
            row = self._job_row(key)
            if row is None:
                return None
            state, logs = self._state(row)
            simulated = row["sim_started"] is not None
            due = (
                jobs.next_change(row["sim_started"], row["sim_duration"], self.clock()) if simulated else None
            )
            return JobProgress(
                job_id=row["id"],
                status=state.status,
                entries=self._numbered(logs)[max(since, 0) :],
                next_change=due,
            )

    def list_jobs(self, filters: JobFilters) -> list[dict[str, Any]]:
        """Matching jobs, newest first. Status is filtered after simulation, as it changes with time."""
        sql, params = "SELECT * FROM jobs WHERE 1 = 1", list[Any]()
        for column, value in (("plugin_id", filters.plugin), ("user_id", filters.user)):
            if value is not None:
                if value not in _INT64:
                    return []
                sql += f" AND {column} = ?"
                params.append(value)
        if filters.created_after is not None:
            sql += " AND created > ?"
            params.append(max(min(filters.created_after, 1e18), -1e18))
        sql += " ORDER BY created DESC, id DESC"
        with self._lock:
            found = [self._job(row) for row in self._conn.execute(sql, params).fetchall()]
            names = {
                r["id"]: _loads(r["data"]).get("name", "")
                for r in self._conn.execute("SELECT * FROM plugins")
            }
        # DRF's SearchFilter over the job's plugin name and metadata, as the document says.
        found = [
            job
            for job in found
            if (filters.status is None or job["status"] == filters.status)
            and _contains(
                filters.search, str(job["id"]), job["status"], names.get(job["plugin"], ""), job["metadata"]
            )
        ]
        return order(found, filters.ordering)

    def run_plugin(
        self,
        plugin_id: int,
        user: int | None,
        parameters: dict[str, Any],
        metadata: dict[str, Any],
        extra: dict[str, Any] | None = None,
    ) -> JobKey:
        now = self.clock()
        key = dialects.new_job_key(self.dialect)
        values = {
            "uuid": key,
            "plugin_id": plugin_id,
            "user_id": user,
            "status": dialects.status("queued", self.dialect),
            "progress": 0,
            "metadata": _dumps(metadata),
            "extra": _dumps(extra or {}),
            "parameters": _dumps(parameters),
            "created": now,
            "modified": now,
            "sim_started": now,
            "sim_duration": self.job_duration,
        }
        pk = self.insert("jobs", values)
        return key or pk

    def update_job(
        self, key: JobKey, changes: dict[str, Any], extra: dict[str, Any]
    ) -> dict[str, Any] | None:
        """Apply a PATCH; a simulated job freezes where it stands and follows the client from then on."""
        now = self.clock()
        with self.transaction() as conn:
            row = self._job_row(key)
            if row is None:
                return None
            if row["sim_started"] is not None:
                state = self._simulate(row, now)
                conn.executemany(
                    "INSERT INTO console_logs (job_id, timestamp, level, message) VALUES (?, ?, ?, ?)",
                    [(row["id"], x.timestamp, x.level, x.message) for x in state.logs],
                )
                conn.execute(
                    "UPDATE jobs SET status = ?, progress = ?, result = ?, metrics = ?,"
                    " sim_started = NULL, sim_duration = NULL WHERE id = ?",
                    (
                        state.status,
                        state.progress,
                        None if state.result is None else _dumps(state.result),
                        _dumps(state.metrics),
                        row["id"],
                    ),
                )
            written = dialects.written_entries(changes.get("console_logs"), now)
            conn.executemany(
                "INSERT INTO console_logs (job_id, timestamp, level, message) VALUES (?, ?, ?, ?)",
                [(row["id"], *entry) for entry in written],
            )
            updates: dict[str, Any] = {"modified": now, "extra": _dumps({**_loads(row["extra"]), **extra})}
            for name in ("status", "progress"):
                if name in changes:
                    updates[name] = changes[name]
            for name in ("result", "metadata"):
                if name in changes:
                    updates[name] = _dumps(changes[name])
            assignments = ", ".join(f"{name} = ?" for name in updates)
            conn.execute(f"UPDATE jobs SET {assignments} WHERE id = ?", (*updates.values(), row["id"]))
            updated = conn.execute("SELECT * FROM jobs WHERE id = ?", (row["id"],)).fetchone()
            return self._job(updated, frozenset({"result"}))

    # --- storages ---

    def _storage(self, row: sqlite3.Row) -> dict[str, Any]:
        data: dict[str, Any] = _loads(row["data"])
        storage = {
            "id": row["id"],
            "name": data.pop("name"),
            "provider": data.pop("provider"),
            **({"category": data.pop("category")} if "category" in data else {}),
            "configuration": data.pop("configuration", {}),
            "created": iso(row["created"]),
        }
        return dialects.storage(_with_extra(storage, data), self.dialect)

    def get_storage(self, pk: int) -> dict[str, Any] | None:
        if pk not in _INT64:
            return None
        row = self._one("SELECT * FROM storages WHERE id = ?", (pk,))
        return None if row is None else self._storage(row)

    def list_storages(self) -> list[dict[str, Any]]:
        with self._lock:
            return [self._storage(row) for row in self._conn.execute("SELECT * FROM storages ORDER BY id")]

    def create_storage(self, data: dict[str, Any]) -> dict[str, Any]:
        pk = self.insert("storages", {"data": _dumps(data), "created": self.clock()})
        return self.get_storage(pk) or {}

    # --- log entries and serve applications (the production dialect's operations) ---

    def create_logs(self, entries: list[dict[str, Any]], files: list[bytes | None]) -> list[dict[str, Any]]:
        """Entries with their attached files (decoded) kept under ``<files>/logs/<id>/file``; an
        entry renders where its file is, as a server keeps an upload rather than echo it."""
        now = self.clock()
        created = []
        with self.transaction() as conn:
            for entry, attached in zip(entries, files, strict=True):
                cursor = conn.execute("INSERT INTO logs (data, created) VALUES (?, ?)", (_dumps(entry), now))
                pk = int(cursor.lastrowid or 0)
                if attached is not None:
                    path = self.log_file_path(pk)
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_bytes(attached)
                url = None if attached is None else f"/media/logs/{pk}/file"
                created.append({"id": pk, **entry, "file": url, "created": iso(now)})
        return created

    def log_file_path(self, pk: int) -> Path:
        return self.files_dir / "logs" / str(pk) / "file"

    @staticmethod
    def _serve_application(row: sqlite3.Row) -> dict[str, Any]:
        data: dict[str, Any] = _loads(row["data"])
        job: JobKey = int(row["job"]) if row["job"].isdigit() else row["job"]
        known = {"id": row["id"], "job": job, "status": data.pop("status", None)}
        known["data"] = data.pop("data", None)
        known["created"] = iso(row["created"])
        return _with_extra(known, data)

    def create_serve_application(self, job: JobKey, data: dict[str, Any]) -> dict[str, Any]:
        pk = self.insert(
            "serve_applications", {"job": str(job), "data": _dumps(data), "created": self.clock()}
        )
        row = self._one("SELECT * FROM serve_applications WHERE id = ?", (pk,))
        assert row is not None
        return self._serve_application(row)

    def list_serve_applications(self, job: JobKey | None, status: str | None) -> list[dict[str, Any]]:
        with self._lock:
            rows = self._conn.execute("SELECT * FROM serve_applications ORDER BY id").fetchall()
        found = [self._serve_application(row) for row in rows]
        return [
            app
            for app in found
            if (job is None or str(app["job"]) == str(job)) and (status is None or app["status"] == status)
        ]
