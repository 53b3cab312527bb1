"""The production dialect's operations: log entries (with attached files) and serve applications."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from .database import Database
from .records import JobKey, dumps, iso, loads, with_extra


class ProductionQueries(Database):
    def create_logs(self, entries: list[dict[str, Any]], files: list[bytes | None]) -> list[dict[str, Any]]:
        """Entries with their attached files (decoded) kept under ``<files>/logs/<id>/file``; an
        entry renders where its file is, as a server keeps an upload rather than echo it."""
        now = self.clock()
        created = []
        with self.transaction() as conn:
            for entry, attached in zip(entries, files, strict=True):
                cursor = conn.execute("INSERT INTO logs (data, created) VALUES (?, ?)", (dumps(entry), now))
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
        data: dict[str, Any] = loads(row["data"])
        job: JobKey = int(row["job"]) if row["job"].isdigit() else row["job"]
        known = {"id": row["id"], "job": job, "status": data.pop("status", None)}
        known["data"] = data.pop("data", None)
        known["created"] = iso(row["created"])
        return with_extra(known, data)

    def create_serve_application(self, job: JobKey, data: dict[str, Any]) -> dict[str, Any]:
        pk = self.insert(
            "serve_applications", {"job": str(job), "data": dumps(data), "created": self.clock()}
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
