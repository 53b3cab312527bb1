"""The agents' operations: the token's health check and the list."""

from __future__ import annotations

from typing import Any

from .. import dialect as dialects
from ..errors import not_found
from .request import Request, paginate


def health_check_agent(request: Request) -> tuple[int, Any]:
    health = request.store.connect_agent(request.path_params["token"])
    if health is None:
        raise not_found()
    return 200, health


def list_agents(request: Request) -> tuple[int, Any]:
    agents = request.store.list_agents(request.query.get("status"), request.query.get("search"))
    agents = [dialects.agent(a, request.base_url, request.store.dialect) for a in agents]
    return 200, paginate(request, agents)
