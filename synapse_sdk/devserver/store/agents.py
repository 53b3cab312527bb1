"""The agents' queries: connecting with a token, the filtered list."""

from __future__ import annotations

from typing import Any

from .. import dialect as dialects
from .database import Database
from .records import contains, iso


class AgentQueries(Database):
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
            if (status is None or agent["status"] == status) and contains(search, agent["name"])
        ]

    def is_agent_token(self, token: str) -> bool:
        return self._one("SELECT 1 FROM agents WHERE token = ?", (token,)) is not None
