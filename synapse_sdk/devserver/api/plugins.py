"""The plugins' operations: list, get, create, update and run."""

from __future__ import annotations

from typing import Any

from .. import dialect as dialects
from ..errors import not_found
from ..store.records import is_int64
from .request import READ_ONLY, Request, paginate, requested_ordering, writable

DEFAULT_USER = 1


def list_plugins(request: Request) -> tuple[int, Any]:
    query = request.query
    plugins = request.store.list_plugins(
        query.get("search"), query.get("category"), requested_ordering(request)
    )
    return 200, paginate(request, plugins)


def get_plugin(request: Request) -> tuple[int, Any]:
    plugin = request.store.get_plugin(request.path_params["pk"])
    if plugin is None:
        raise not_found()
    return 200, plugin


def create_plugin(request: Request) -> tuple[int, Any]:
    return 201, request.store.create_plugin(writable(request.json(), READ_ONLY))


def update_plugin(request: Request) -> tuple[int, Any]:
    pk = request.path_params["pk"]
    if request.store.get_plugin(pk) is None:
        raise not_found()
    plugin = request.store.update_plugin(pk, writable(request.json(), READ_ONLY))
    if plugin is None:
        raise not_found()
    return 200, plugin


def run_plugin(request: Request) -> tuple[int, Any]:
    store = request.store
    pk = dialects.plugin_id(store, request.path_params["pk"])  # an id, or the plugin's code
    if pk is None:
        raise not_found()
    run = request.json()
    context = run.get("context", {})
    user = context.get("user_id")
    if not (is_int64(user) and user > 0):
        user = DEFAULT_USER
    # The page's `parameters`, or production's `params` (with `action`), drive the simulated run.
    parameters = run.get("parameters", run.get("params", {}))
    job_id = store.run_plugin(pk, user, parameters, run, dialects.run_fields(store, pk, run))
    return 200, {"job_id": job_id, "status": dialects.status("queued", store.dialect)}
