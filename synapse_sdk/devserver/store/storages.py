"""The storages' queries: rendering, get, list and create."""

from __future__ import annotations

import sqlite3
from typing import Any

from .. import dialect as dialects
from .database import Database
from .records import dumps, is_int64, iso, loads, with_extra


class StorageQueries(Database):
    def _storage(self, row: sqlite3.Row) -> dict[str, Any]:
        data: dict[str, Any] = loads(row["data"])
        storage = {
            "id": row["id"],
            "name": data.pop("name"),
            "provider": data.pop("provider"),
            **({"category": data.pop("category")} if "category" in data else {}),
            "configuration": data.pop("configuration", {}),
            "created": iso(row["created"]),
        }
        return dialects.storage(with_extra(storage, data), self.dialect)

    def get_storage(self, pk: int) -> dict[str, Any] | None:
        if not is_int64(pk):
            return None
        row = self._one("SELECT * FROM storages WHERE id = ?", (pk,))
        return None if row is None else self._storage(row)

    def list_storages(self) -> list[dict[str, Any]]:
        with self._lock:
            return [self._storage(row) for row in self._conn.execute("SELECT * FROM storages ORDER BY id")]

    def create_storage(self, data: dict[str, Any]) -> dict[str, Any]:
        pk = self.insert("storages", {"data": dumps(data), "created": self.clock()})
        return self.get_storage(pk) or {}
