"""The control endpoints under ``/_dev/``, outside the API: failure switches and job outcomes.

    GET    /_dev/faults/             the switches in force (with how often each was met)
    POST   /_dev/faults/             add one: {"kind": "status", "status": 503, "path": "jobs/*/",
                                     "times": 2} or {"spec": "GET jobs/*/ 503 times=2"}; 201
    DELETE /_dev/faults/             remove them all; 204
    DELETE /_dev/faults/{id}/        remove one; 204, or 404
    POST   /_dev/jobs/{pk}/{fail|stop|succeed}/   end a job now: failed, STOPPED or completed

They need no token, and answer only clients on loopback (a server bound to another address
keeps them to itself): they exist to break things on purpose.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from . import jobs
from .errors import HttpError, detail, not_found
from .faults import Fault, FaultError

if TYPE_CHECKING:
    from .app import Backend

PREFIX = "/_dev/"
_LOOPBACK = frozenset({"127.0.0.1", "::1", "localhost"})
# Switch -> (status the job ends in, its last console log line).
OUTCOMES = {
    "fail": (jobs.FAILED, "Job failed (ended by a failure switch of the local backend)"),
    "stop": ("STOPPED", "Job stopped (ended by a failure switch of the local backend)"),
    "succeed": (jobs.COMPLETED, "Job completed (ended by a failure switch of the local backend)"),
}


def _json(status: int, body: Any) -> Response:
    return Response(json.dumps(body), status, media_type="application/json")


def routes(backend: Backend) -> list[BaseRoute]:
    async def guarded(request: Request, handler: Any) -> Response:
        client = request.client.host if request.client else ""
        if client not in _LOOPBACK and not client.startswith("127."):
            return _json(403, {"detail": "The /_dev/ switches answer only clients on loopback."})
        try:
            result: Response = await handler(request)
            return result
        except HttpError as exc:
            return _json(exc.status, exc.body)
        except FaultError as exc:
            return _json(400, {"detail": str(exc)})

    async def faults(request: Request) -> Response:
        if request.method == "GET":
            return _json(200, [fault.to_json() for fault in backend.faults.list()])
        if request.method == "DELETE":
            backend.faults.clear()
            return Response(status_code=204)
        try:
            data = json.loads(await request.body())
        except ValueError as exc:
            raise detail(400, f"JSON parse error - {exc}") from None
        return _json(201, backend.faults.add(Fault.from_json(data)).to_json())

    async def one_fault(request: Request) -> Response:
        if not backend.faults.remove(request.path_params["fault_id"]):
            raise not_found(f"No fault {request.path_params['fault_id']}.")
        return Response(status_code=204)

    async def end_job(request: Request) -> Response:
        action = request.path_params["action"]
        if action not in OUTCOMES:
            raise detail(404, f"No switch {action!r}: use one of {', '.join(OUTCOMES)}.")
        raw: str = request.path_params["pk"]
        key: int | str = int(raw) if raw.isdigit() else raw
        status, message = OUTCOMES[action]
        job = await run_in_threadpool(backend.store.end_job, key, status, message)
        if job is None:
            raise not_found(f"No job {raw}.")
        backend.events.notify(key)  # open console-log streams see the end at once
        return _json(200, job)

    def route(path: str, handler: Any, methods: list[str]) -> Route:
        async def endpoint(request: Request) -> Response:
            return await guarded(request, handler)

        return Route(PREFIX.rstrip("/") + path, endpoint, methods=methods)

    return [
        route("/faults/", faults, ["GET", "POST", "DELETE"]),
        route("/faults/{fault_id:int}/", one_fault, ["DELETE"]),
        route("/jobs/{pk}/{action}/", end_job, ["POST"]),
    ]
