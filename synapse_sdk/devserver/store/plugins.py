"""The plugins' queries: rendering, get, filtered list, create and update."""

from __future__ import annotations

import sqlite3
from typing import Any

from .database import Database
from .records import contains, dumps, is_int64, iso, loads, order, with_extra


class PluginQueries(Database):
    @staticmethod
    def _plugin(row: sqlite3.Row) -> dict[str, Any]:
        data: dict[str, Any] = loads(row["data"])
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
        return with_extra(plugin, data)

    def get_plugin(self, pk: int) -> dict[str, Any] | None:
        if not is_int64(pk):
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
            and contains(search, plugin["name"], plugin["description"])
        ]
        return order(found, ordering)

    def create_plugin(self, data: dict[str, Any]) -> dict[str, Any]:
        now = self.clock()
        pk = self.insert("plugins", {"data": dumps(data), "created": now, "modified": now})
        return self.get_plugin(pk) or {}

    def update_plugin(self, pk: int, changes: dict[str, Any]) -> dict[str, Any] | None:
        if not is_int64(pk):
            return None
        with self.transaction() as conn:
            row = conn.execute("SELECT data FROM plugins WHERE id = ?", (pk,)).fetchone()
            if row is None:
                return None
            data = {**loads(row["data"]), **changes}
            conn.execute(
                "UPDATE plugins SET data = ?, modified = ? WHERE id = ?", (dumps(data), self.clock(), pk)
            )
        return self.get_plugin(pk)
