"""The jobs' queries: the simulated run, console logs, filters, PATCH and ending a job."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, replace
from typing import Any

from .. import dialect as dialects
from .. import jobs
from .database import Database
from .records import JobKey, contains, dumps, is_int64, iso, loads, order, with_extra

TERMINAL_STATUSES = frozenset({"completed", "failed", "SUCCEEDED", "FAILED", "STOPPED"})


@dataclass(frozen=True)
class JobFilters:
    status: str | None = None
    plugin: int | None = None
    user: int | None = None
    created_after: float | None = None
    search: str | None = None
    ordering: str | None = None


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


class JobQueries(Database):
    def _job_row(self, key: JobKey) -> sqlite3.Row | None:
        if isinstance(key, str):
            return self._one("SELECT * FROM jobs WHERE uuid = ?", (key,))
        if not is_int64(key):
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
                result=loads(row["result"]),
                metrics=loads(row["metrics"]) or {},
            )
            return state, stored
        state = self._simulate(row, self.clock())
        simulated = [{"timestamp": x.timestamp, "level": x.level, "message": x.message} for x in state.logs]
        return state, sorted(stored + simulated, key=lambda entry: float(entry["timestamp"]))

    def _simulate(self, row: sqlite3.Row, now: float) -> jobs.SimulatedState:
        state = jobs.simulate(
            row["sim_started"],
            row["sim_duration"],
            now,
            loads(row["parameters"]) or {},
            row["sim_outcome"] or jobs.COMPLETED,
        )
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
            "metadata": loads(row["metadata"]),
            "user": row["user_id"],
            "created": iso(row["created"]),
            "modified": iso(max(row["modified"], state.modified)),
        }
        job = with_extra(job, loads(row["extra"]))
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
                if not is_int64(value):
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
                r["id"]: loads(r["data"]).get("name", "") for r in self._conn.execute("SELECT * FROM plugins")
            }
        # DRF's SearchFilter over the job's plugin name and metadata, as the document says.
        found = [
            job
            for job in found
            if (filters.status is None or job["status"] == filters.status)
            and contains(
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
            "metadata": dumps(metadata),
            "extra": dumps(extra or {}),
            "parameters": dumps(parameters),
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
                        None if state.result is None else dumps(state.result),
                        dumps(state.metrics),
                        row["id"],
                    ),
                )
            written = dialects.written_entries(changes.get("console_logs"), now)
            conn.executemany(
                "INSERT INTO console_logs (job_id, timestamp, level, message) VALUES (?, ?, ?, ?)",
                [(row["id"], *entry) for entry in written],
            )
            updates: dict[str, Any] = {"modified": now, "extra": dumps({**loads(row["extra"]), **extra})}
            for name in ("status", "progress"):
                if name in changes:
                    updates[name] = changes[name]
            for name in ("result", "metadata"):
                if name in changes:
                    updates[name] = dumps(changes[name])
            assignments = ", ".join(f"{name} = ?" for name in updates)
            conn.execute(f"UPDATE jobs SET {assignments} WHERE id = ?", (*updates.values(), row["id"]))
            updated = conn.execute("SELECT * FROM jobs WHERE id = ?", (row["id"],)).fetchone()
            return self._job(updated, frozenset({"result"}))

    def end_job(self, key: JobKey, status: str, message: str) -> dict[str, Any] | None:
        """End a job now in ``status`` (a failure switch), with ``message`` as its last log line."""
        status = dialects.status(status, self.dialect)
        success = status in jobs.SUCCESS
        changes: dict[str, Any] = {"status": status, **({"progress": 100} if success else {})}
        with self._lock:
            if self.update_job(key, changes, {}) is None:
                return None
            row = self._job_row(key)
            assert row is not None
            with self.transaction() as conn:
                conn.execute(
                    "INSERT INTO console_logs (job_id, timestamp, level, message) VALUES (?, ?, ?, ?)",
                    (row["id"], self.clock(), "INFO" if success else "ERROR", message),
                )
            return self.get_job(key)
