"""The jobs' operations: list, get, update, and their console logs (a page or a live stream)."""

from __future__ import annotations

from typing import Any

from .. import dialect as dialects
from ..errors import not_found
from ..store.jobs import JobFilters
from ..store.records import epoch
from ..streams import ConsoleLogStream
from ..validation import parse_datetime
from .request import READ_ONLY, Request, expansions, paginate, requested_ordering, writable

JOB_READ_ONLY = READ_ONLY | {"plugin", "user", "logs", "metrics"}


def list_jobs(request: Request) -> tuple[int, Any]:
    query = request.query
    created_after = query.get("created_after")
    filters = JobFilters(
        status=query.get("status"),
        plugin=query.get("plugin"),
        user=query.get("user"),
        created_after=None if created_after is None else epoch(parse_datetime(created_after)),
        search=query.get("search"),
        ordering=requested_ordering(request),
    )
    return 200, paginate(request, request.store.list_jobs(filters))


def get_job(request: Request) -> tuple[int, Any]:
    job = request.store.get_job(request.path_params["pk"], expansions(request))
    if job is None:
        raise not_found()
    return 200, job


def update_job(request: Request) -> tuple[int, Any]:
    pk = request.path_params["pk"]
    if request.store.get_job(pk) is None:
        raise not_found()
    data = writable(request.json(), JOB_READ_ONLY)
    changes: dict[str, Any] = {
        key: data.pop(key)
        for key in ("status", "progress", "result", "metadata", "console_logs")
        if key in data
    }
    if "progress" in changes:
        changes["progress"] = int(changes["progress"])  # JSON Schema counts 75.0 as an integer
    job = request.store.update_job(pk, changes, data)
    if job is None:
        raise not_found()
    return 200, job


def list_job_console_logs(request: Request) -> tuple[int, Any]:
    dialect = request.store.dialect
    since = dialects.stream_from(request.query.get("since", 0), dialect)
    logs = request.store.job_logs(request.path_params["pk"], since)
    if logs is None:
        raise not_found()
    return 200, dialects.console_logs(logs, dialect)


def tail_job_console_logs(request: Request) -> tuple[int, Any]:
    """404 before any stream for an unknown job (production: 200, then an `error` frame); the app
    turns the answer into the event stream."""
    key = request.path_params["pk"]
    dialect = request.store.dialect
    if dialect != dialects.PRODUCTION and request.store.get_job(key) is None:
        raise not_found()
    return 200, ConsoleLogStream(key, dialects.stream_from(request.query.get("since", 0), dialect))
