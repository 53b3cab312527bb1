"""HTTP plumbing and routing of the local Synapse backend, and the ``DevServer`` that runs it in a thread."""

from __future__ import annotations

import contextlib
import json
import re
import socket
import sys
import threading
import traceback
from collections.abc import Iterable
from dataclasses import dataclass, field
from email.message import Message
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from . import api, seed
from .auth import TokenPolicy, authenticate
from .body import BodyError, BodyReader
from .errors import PERMISSION_DENIED, HttpError, detail, not_found
from .store import Store
from .validation import CoercionError, Operation, operations, parameter_value, query_values

# The line `python -m synapse_sdk.devserver` prints once it accepts connections.
LISTENING = "Synapse local backend listening on"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
MAX_JSON_BYTES = 16 * 1024 * 1024
DEFAULT_MAX_UPLOAD_BYTES = 4 * 1024**3
# Unread request bodies up to this size are drained so the connection can be kept alive.
DRAIN_BUDGET = 1024 * 1024
_HOST = re.compile(r"^[A-Za-z0-9.\-_\[\]:]+$")
_METHOD = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")
_AGENT_TOKEN_IN_PATH = re.compile(r"(/agents/)[^/?]+")


@dataclass
class Reply:
    status: int
    body: Any
    headers: dict[str, str] = field(default_factory=dict)
    close: bool = False


@dataclass(frozen=True)
class Route:
    template: str
    pattern: re.Pattern[str]
    operations: dict[str, Operation]

    @property
    def allowed(self) -> list[str]:
        methods = list(self.operations)
        if "GET" in methods:
            methods.append("HEAD")
        return [*methods, "OPTIONS"]


def _routes() -> list[Route]:
    routes = []
    for template, ops in operations().items():
        # Parameters match one raw (still percent-encoded) segment, as Django's resolver sees them.
        regex = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(template))
        routes.append(Route(template, re.compile(f"^{regex}$"), ops))
    return routes


def _json_bytes(body: Any) -> bytes:
    try:
        text = json.dumps(body, ensure_ascii=False, allow_nan=False)
        return text.encode("utf-8")
    except UnicodeEncodeError:
        # Lone surrogates from a client's JSON cannot be UTF-8: fall back to \\u escapes.
        return json.dumps(body, allow_nan=False).encode("ascii")


class App:
    """Everything between a parsed HTTP request and its reply; independent of the socket layer."""

    def __init__(
        self, store: Store, policy: TokenPolicy, max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES
    ) -> None:
        self.store = store
        self.policy = policy
        self.max_upload_bytes = max_upload_bytes
        self.routes = _routes()

    def handle(self, method: str, target: str, headers: Message, rfile: Any, server_host: str) -> Reply:
        body: BodyReader | None = None
        try:
            # First, so that whatever the reply, an unread body can be drained for keep-alive.
            body = self._body(headers, rfile)
            url = urlsplit(target)
            route, raw_params = self._match(url.path)
            operation = route.operations.get("GET" if method == "HEAD" else method)
            reference = operation or next(iter(route.operations.values()))
            if reference.body is not None and "multipart/form-data" in reference.body.media_types:
                body.limit = self.max_upload_bytes
            path_params = self._path_params(reference, raw_params)
            allow = {"Allow": ", ".join(route.allowed)}
            # A method the path lacks is a 405 whatever the credentials; OPTIONS needs them, as in DRF.
            if operation is None and method != "OPTIONS":
                raise detail(405, f'Method "{method}" not allowed.', allow)
            identity = authenticate(reference, headers, self.policy, self.store.is_agent_token)
            if not identity.can_write and method not in SAFE_METHODS:
                raise detail(403, PERMISSION_DENIED)
            if operation is None:
                return Reply(200, self._options(route), allow)
            handler = api.HANDLERS.get(operation.operation_id)
            if handler is None:
                # The document grew an operation this server does not know yet.
                raise detail(501, f"The local backend does not implement {operation.operation_id} yet.")
            pairs = parse_qsl(url.query, keep_blank_values=True, errors="replace")
            query: dict[str, list[str]] = {}
            for key, value in pairs:
                query.setdefault(key, []).append(value)
            request = api.Request(
                operation=operation,
                path_params=path_params,
                query=query_values(operation, query),
                query_pairs=pairs,
                base_url=f"http://{self._host(headers, server_host)}/",
                path=url.path,
                content_type=headers.get("Content-Type", ""),
                body=body,
                store=self.store,
            )
            status, payload = handler(request)
            reply = Reply(status, payload)
        except BodyError as exc:
            return Reply(exc.status, exc.body, exc.headers, close=True)
        except HttpError as exc:
            reply = Reply(exc.status, exc.body, exc.headers)
        except Exception:
            traceback.print_exc(file=sys.stderr)
            reply = Reply(500, {"detail": "A server error occurred."})
        if body is not None and not body.finished and not body.drain(DRAIN_BUDGET):
            reply.close = True
        return reply

    def _match(self, path: str) -> tuple[Route, dict[str, str]]:
        for route in self.routes:
            found = route.pattern.match(path)
            if found:
                return route, found.groupdict()
        raise not_found()

    @staticmethod
    def _path_params(operation: Operation, raw: dict[str, str]) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for param in operation.params_in("path"):
            try:
                values[param.name] = parameter_value(param, unquote(raw[param.name], errors="replace"))
            except CoercionError:
                raise not_found() from None  # what Django's URL patterns answer for a malformed id
        return values

    def _body(self, headers: Message, rfile: Any) -> BodyReader:
        chunked = "chunked" in headers.get("Transfer-Encoding", "").lower()
        length: int | None = None
        if not chunked and headers.get("Content-Length") is not None:
            text = headers.get("Content-Length", "").strip()
            if not text.isdigit():
                raise BodyError(400, {"detail": "Invalid Content-Length header."})
            length = int(text)
        return BodyReader(rfile, length, chunked, MAX_JSON_BYTES)

    @staticmethod
    def _host(headers: Message, fallback: str) -> str:
        host = headers.get("Host", "").strip()
        return host if host and _HOST.match(host) else fallback

    @staticmethod
    def _options(route: Route) -> dict[str, Any]:
        first = next(iter(route.operations.values()))
        parses = sorted({m for op in route.operations.values() if op.body for m in op.body.media_types})
        return {"name": first.operation_id, "renders": ["application/json"], "parses": parses}


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "SynapseDevServer/1.0"
    sys_version = ""
    # Idle keep-alive connections are dropped after this many seconds.
    timeout = 120
    server: _HTTPServer

    def setup(self) -> None:
        super().setup()
        with contextlib.suppress(OSError):
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def version_string(self) -> str:
        return self.server_version  # without the Python version

    def _handle(self) -> None:
        host, port = str(self.server.server_address[0]), self.server.server_address[1]
        server_host = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
        reply = self.server.app.handle(self.command, self.path, self.headers, self.rfile, server_host)
        self._send(reply)

    def parse_request(self) -> bool:
        if not super().parse_request():
            return False
        # Every method (QUERY, PROPFIND, ...) reaches the router, which answers 405 where a path lacks it.
        if _METHOD.match(self.command):
            setattr(self, f"do_{self.command}", self._handle)
        return True

    def _send(self, reply: Reply) -> None:
        payload = _json_bytes(reply.body)
        if reply.close:
            self.close_connection = True
        self.send_response(reply.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        for name, value in reply.headers.items():
            self.send_header(name, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        # Headers and body in one write: two small writes meet Nagle and delayed ACKs (40 ms stalls).
        # send_header() collects into this stdlib list (undeclared in typeshed, absent for HTTP/0.9).
        pending: list[bytes] = self.__dict__.setdefault("_headers_buffer", [])
        pending.append(b"\r\n")
        if self.command != "HEAD":
            pending.append(payload)
        self.flush_headers()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Errors the stdlib detects (malformed request line, huge headers, unknown method) as JSON too."""
        self.close_connection = True
        if self.request_version == "HTTP/0.9":
            # An unparsable request line leaves the stdlib's HTTP/0.9 default, which sends no status line.
            self.request_version = "HTTP/1.1"
        self._send(Reply(code, {"detail": message or HTTPStatus(code).phrase}, close=True))

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        # The request line only: headers carry tokens, and agent tokens travel in the path.
        line = _AGENT_TOKEN_IN_PATH.sub(r"\1***", self.requestline)
        self.log_message('"%s" %s %s', line, str(getattr(code, "value", code)), str(size))

    def log_message(self, format: str, *args: Any) -> None:
        if not self.server.quiet:
            super().log_message(format, *args)


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], app: App, quiet: bool) -> None:
        self.app = app
        self.quiet = quiet
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()
        super().__init__(address, _Handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that hangs up mid-reply is routine for a dev server, not worth a traceback.
        if isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            return
        super().handle_error(request, client_address)

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        with self._connections_lock:
            self._connections.add(request)
        try:
            super().process_request_thread(request, client_address)
        finally:
            with self._connections_lock:
                self._connections.discard(request)

    def close_connections(self) -> None:
        """Wake handler threads blocked on idle keep-alive connections so that they end."""
        with self._connections_lock:
            for connection in self._connections:
                with contextlib.suppress(OSError):
                    connection.shutdown(socket.SHUT_RDWR)


class _HTTPServer6(_HTTPServer):
    address_family = socket.AF_INET6


def make_server(
    host: str,
    port: int,
    db: str,
    tokens: Iterable[str] | None,
    readonly_tokens: Iterable[str],
    job_duration: float,
    quiet: bool,
) -> tuple[_HTTPServer, Store]:
    """A bound, listening server over a seeded store; the caller runs ``serve_forever``."""
    store = Store(db, job_duration=job_duration)
    try:
        seed.populate(store)
        policy = TokenPolicy(
            tokens=None if tokens is None else frozenset(tokens), readonly=frozenset(readonly_tokens)
        )
        server_class = _HTTPServer6 if ":" in host else _HTTPServer
        return server_class((host, port), App(store, policy), quiet), store
    except BaseException:
        store.close()
        raise


def url_of(server: _HTTPServer) -> str:
    host, port = server.server_address[:2]
    host = str(host)
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


class DevServer:
    """The local backend in a daemon thread of this process; see the package docstring."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        db: str = ":memory:",
        tokens: Iterable[str] | None = None,
        readonly_tokens: Iterable[str] = (),
        job_duration: float = 3.0,
        *,
        quiet: bool = True,
    ) -> None:
        self.host, self.port, self.db = host, port, db
        self.tokens = None if tokens is None else tuple(tokens)
        self.readonly_tokens = tuple(readonly_tokens)
        self.job_duration = job_duration
        self.quiet = quiet
        self._server: _HTTPServer | None = None
        self._store: Store | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """The base URL, ending in ``/``."""
        if self._server is None:
            raise RuntimeError("the server is not running; call start() first")
        return url_of(self._server)

    @property
    def store(self) -> Store:
        if self._store is None:
            raise RuntimeError("the server is not running; call start() first")
        return self._store

    def start(self) -> DevServer:
        """Bind, seed and serve in a daemon thread; returns once connections are accepted."""
        if self._server is not None:
            return self
        self._server, self._store = make_server(
            self.host, self.port, self.db, self.tokens, self.readonly_tokens, self.job_duration, self.quiet
        )
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.1},
            name="synapse-devserver",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is None:
            return
        self._server.shutdown()
        self._server.close_connections()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        if self._store is not None:
            self._store.close()
        self._server = self._store = self._thread = None

    def __enter__(self) -> DevServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
