"""The Starlette application: one route per path of the document, each dispatching on the method.

HTTP itself (framing, keep-alive, chunked bodies, HEAD) is uvicorn's and Starlette's; what stays
here is what Django REST framework does and they do not: DRF's error bodies, 405 with ``Allow``,
OPTIONS metadata, authentication and validation from the document, and an access log that
hides the agent tokens in paths.
"""

from __future__ import annotations

import json
import re
import sys
import time
import traceback
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import parse_qsl

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from . import api, dialect, uploads
from .auth import TokenPolicy, authenticate
from .errors import PERMISSION_DENIED, HttpError, detail, not_found
from .store import Store
from .streams import ConsoleLogStream, JobEvents, console_log_events
from .validation import CoercionError, Operation, operations, parameter_value, query_values, render

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
MAX_JSON_BYTES = 16 * 1024 * 1024
DEFAULT_MAX_UPLOAD_BYTES = 4 * 1024**3
DEFAULT_HEARTBEAT = 5.0
# Operations that change a job: their streams wake up at once.
JOB_WRITES = frozenset({"update_job"})
_HOST = re.compile(r"^[A-Za-z0-9.\-_\[\]:]+$")
_AGENT_TOKEN_IN_PATH = re.compile(r"(/agents/)[^/?]+")
TOO_LARGE = {"detail": "Request body is too large."}


def json_response(status: int, body: Any, headers: dict[str, str] | None = None) -> Response:
    try:
        payload = json.dumps(body, ensure_ascii=False, allow_nan=False).encode("utf-8")
    except UnicodeEncodeError:
        # Lone surrogates from a client's JSON cannot be UTF-8: fall back to \u escapes.
        payload = json.dumps(body, allow_nan=False).encode("ascii")
    return Response(payload, status, headers, media_type="application/json")


class Backend:
    """Everything between a request and its reply; ``build`` makes the ASGI application."""

    def __init__(
        self,
        store: Store,
        policy: TokenPolicy,
        *,
        max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES,
        heartbeat: float = DEFAULT_HEARTBEAT,
    ) -> None:
        self.store = store
        self.policy = policy
        self.max_upload_bytes = max_upload_bytes
        self.heartbeat = heartbeat
        self.events = JobEvents()

    def build(self, *, access_log: bool) -> ASGIApp:
        routes = [
            Route(template, endpoint=_PathEndpoint(self, ops)) for template, ops in operations().items()
        ]
        app = Starlette(routes=routes, exception_handlers={HTTPException: _http_exception})
        app.router.redirect_slashes = False  # Django answers 404 for a missing slash in an API path
        return AccessLog(app) if access_log else app

    async def respond(self, request: Request, ops: dict[str, Operation]) -> Response:
        try:
            return await self._respond(request, ops)
        except HttpError as exc:
            return json_response(exc.status, exc.body, exc.headers)
        except uploads.MultipartError as exc:
            return json_response(400, {"detail": f"Multipart form parse error - {exc}"})
        except ClientDisconnect:
            return Response(status_code=400)  # nobody to read it; the upload's files are gone already
        except Exception:
            traceback.print_exc(file=sys.stderr)
            return json_response(500, {"detail": "A server error occurred."})

    async def _respond(self, request: Request, ops: dict[str, Operation]) -> Response:
        method = request.method
        operation = ops.get("GET" if method == "HEAD" else method)
        reference = operation or next(iter(ops.values()))
        path_params = self._path_params(reference, request.path_params)
        allow = {"Allow": ", ".join(_allowed(ops))}
        # A method the path lacks is a 405 whatever the credentials; OPTIONS needs them, as in DRF.
        if operation is None and method != "OPTIONS":
            raise detail(405, f'Method "{method}" not allowed.', allow)
        identity = authenticate(reference, request.headers, self.policy, self.store.is_agent_token)
        if not identity.can_write and method not in SAFE_METHODS:
            raise detail(403, PERMISSION_DENIED)
        if operation is None:
            return json_response(200, _options(ops), allow)
        handler = api.HANDLERS.get(operation.operation_id)
        if handler is None:
            # The document grew an operation this server does not know yet.
            raise detail(501, f"The local backend does not implement {operation.operation_id} yet.")
        pairs = parse_qsl(request.scope["query_string"].decode("latin-1"), keep_blank_values=True)
        query: dict[str, list[str]] = {}
        for key, value in pairs:
            query.setdefault(key, []).append(value)
        values = query_values(operation, query)
        resume = _last_event_id(request.headers.get("Last-Event-ID", ""))
        if resume is not None and any(
            p.name.lower() == "last-event-id" for p in operation.params_in("header")
        ):
            values["since"] = resume  # where the document takes the resume header, it wins over `since`
        body, form = await self._body(request, operation)
        call = api.Request(
            operation=operation,
            path_params=path_params,
            query=values,
            query_pairs=pairs,
            base_url=f"http://{self._host(request)}/",
            path=request.url.path,
            content_type=request.headers.get("Content-Type", ""),
            body=body,
            form=form,
            store=self.store,
        )
        try:
            status, payload = await _in_thread(handler, call)
        finally:
            if form is not None:
                form.discard_files()
        if operation.operation_id in JOB_WRITES:
            self.events.notify(path_params["pk"])
        if isinstance(payload, ConsoleLogStream):
            headers = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
            if method == "HEAD":  # the headers of the stream, without following the job
                return Response(status_code=200, headers=headers, media_type="text/event-stream")
            return StreamingResponse(
                console_log_events(
                    self.store, self.events, payload, self.heartbeat, dialect.frames(self.store.dialect)
                ),
                media_type="text/event-stream",
                headers=headers,
            )
        schema = operation.responses.get(str(status))
        return json_response(status, payload if schema is None else render(payload, schema))

    async def _body(self, request: Request, operation: Operation) -> tuple[bytes, uploads.Form | None]:
        """The raw JSON body (bounded), or a multipart body parsed to disk as it arrives."""
        if operation.body is None:
            return b"", None  # an unexpected body is left to uvicorn, which discards it
        media = request.headers.get("Content-Type", "").split(";", 1)[0].strip().lower()
        if media == "multipart/form-data" and media in operation.body.media_types:
            if request.headers.get("Content-Length") == "0":
                return b"", None
            stream = _bounded(request.stream(), self.max_upload_bytes)
            return b"", await uploads.parse(stream, request.headers["Content-Type"], self.store.tmp_dir)
        chunks = [chunk async for chunk in _bounded(request.stream(), MAX_JSON_BYTES)]
        return b"".join(chunks), None

    @staticmethod
    def _path_params(operation: Operation, raw: dict[str, str]) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for param in operation.params_in("path"):
            try:
                values[param.name] = parameter_value(param, raw[param.name])
            except CoercionError:
                raise not_found() from None  # what Django's URL patterns answer for a malformed id
        return values

    @staticmethod
    def _host(request: Request) -> str:
        host = request.headers.get("Host", "").strip()
        if host and _HOST.match(host):
            return host
        address, port = request.scope.get("server") or ("127.0.0.1", 80)
        return f"[{address}]:{port}" if ":" in address else f"{address}:{port}"


class _PathEndpoint:
    """The ASGI app of one document path; Starlette sends it every method (405 is ours to answer)."""

    def __init__(self, backend: Backend, ops: dict[str, Operation]) -> None:
        self.backend = backend
        self.ops = ops

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = await self.backend.respond(Request(scope, receive), self.ops)
        await response(scope, receive, send)


async def _in_thread(handler: Any, call: api.Request) -> tuple[int, Any]:
    # SQLite calls block: off the event loop, so that streams and other requests keep going.
    result: tuple[int, Any] = await run_in_threadpool(handler, call)
    return result


async def _bounded(stream: AsyncIterator[bytes], limit: int) -> AsyncIterator[bytes]:
    size = 0
    async for chunk in stream:
        size += len(chunk)
        if size > limit:
            # Closing tells uvicorn not to wait for the rest of a body nobody will read.
            raise HttpError(413, TOO_LARGE, {"Connection": "close"})
        yield chunk


def _last_event_id(value: str) -> int | None:
    """The position a reconnecting client saw last; an id this server never sent is ignored."""
    text = value.strip()
    return int(text) if text.isdigit() else None


def _allowed(ops: dict[str, Operation]) -> list[str]:
    methods = list(ops)
    if "GET" in methods:
        methods.append("HEAD")
    return [*methods, "OPTIONS"]


def _options(ops: dict[str, Operation]) -> dict[str, Any]:
    first = next(iter(ops.values()))
    parses = sorted({m for op in ops.values() if op.body for m in op.body.media_types})
    return {"name": first.operation_id, "renders": ["application/json"], "parses": parses}


async def _http_exception(request: Request, exc: Exception) -> Response:
    """Starlette's own errors (no route matched) in DRF's shape."""
    assert isinstance(exc, HTTPException)
    message = "Not found." if exc.status_code == 404 else str(exc.detail)
    return json_response(exc.status_code, {"detail": message}, dict(exc.headers or {}))


class AccessLog:
    """One line per request on stderr, as http.server printed it, with agent tokens masked."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        status = 0

        async def record(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, record)
        finally:
            target = scope.get("raw_path", b"").decode("latin-1") or scope["path"]
            if scope.get("query_string"):
                target += "?" + scope["query_string"].decode("latin-1")
            line = _AGENT_TOKEN_IN_PATH.sub(
                r"\1***", f"{scope['method']} {target} HTTP/{scope['http_version']}"
            )
            client = (scope.get("client") or ("-",))[0]
            stamp = time.strftime("%d/%b/%Y %H:%M:%S")
            print(f'{client} - - [{stamp}] "{line}" {status or "-"} -', file=sys.stderr, flush=True)
