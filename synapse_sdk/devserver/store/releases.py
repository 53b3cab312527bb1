"""The plugin releases' queries, and where their uploaded packages are kept."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path
from typing import Any

from .database import fsync_dir
from .plugins import PluginQueries
from .records import dumps, is_int64, iso, loads, order, with_extra


class ReleaseQueries(PluginQueries):
    def get_release(self, pk: int, *, expand_plugin: bool = False) -> dict[str, Any] | None:
        if not is_int64(pk):
            return None
        row = self._one("SELECT * FROM plugin_releases WHERE id = ?", (pk,))
        return None if row is None else self._release(row, expand_plugin)

    def list_releases(self, plugin: int | None, ordering: str | None) -> list[dict[str, Any]]:
        sql, params = "SELECT * FROM plugin_releases", tuple[Any, ...]()
        if plugin is not None:
            if not is_int64(plugin):
                return []
            sql, params = sql + " WHERE plugin_id = ?", (plugin,)
        with self._lock:
            rows = self._conn.execute(sql + " ORDER BY created DESC, id DESC", params).fetchall()
            return order([self._release(row) for row in rows], ordering)

    def _release(self, row: sqlite3.Row, expand_plugin: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = loads(row["data"])
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
        return with_extra(release, data)

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
                (plugin_id, dumps(data), file_name, size, checksum, self.clock()),
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
