"""The local backend served by uvicorn: ``make_server`` for the command line, ``DevServer`` for a thread."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterable
from types import TracebackType

import uvicorn

from . import seed
from .app import DEFAULT_HEARTBEAT, MAX_JSON_BYTES, Backend
from .auth import TokenPolicy
from .dialect import DOCUMENTED, checked
from .store import Store

__all__ = ["LISTENING", "MAX_JSON_BYTES", "DevServer", "Server", "make_server", "url_of"]

# The line `python -m synapse_sdk.devserver` prints once it accepts connections.
LISTENING = "Synapse local backend listening on"
# Seconds in-flight requests get to finish after SIGTERM before they are cancelled.
GRACEFUL_SHUTDOWN = 10


class Server(uvicorn.Server):
    """uvicorn's server, ending the console-log streams first when it shuts down.

    uvicorn waits for in-flight requests on shutdown; a stream of a job that never ends would hold
    it until the graceful timeout, so the streams are told to close (clients resume with
    ``Last-Event-ID``) before uvicorn waits.
    """

    def __init__(self, config: uvicorn.Config, backend: Backend, sock: socket.socket, store: Store) -> None:
        super().__init__(config)
        self.backend = backend
        self.socket = sock
        self.store = store
        self.on_started: Callable[[], None] | None = None

    @property
    def url(self) -> str:
        return url_of(self.socket)

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if self.started and self.on_started is not None:
            self.on_started()

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        self.backend.events.close()
        await super().shutdown(sockets)

    def serve_forever(self) -> None:
        """Serve on the bound socket until ``should_exit`` (set by SIGINT/SIGTERM or ``stop``)."""
        self.run(sockets=[self.socket])


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto=IPPROTO_TCP: asyncio sets TCP_NODELAY only on such sockets, and without it a reply's
    # headers and body (two writes) meet Nagle and delayed ACKs: 40 ms per request.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(2048)
        # Bound and listening now: clients connecting before uvicorn runs wait in the backlog.
        sock.set_inheritable(True)
    except BaseException:
        sock.close()
        raise
    return sock


def make_server(
    host: str,
    port: int,
    db: str,
    tokens: Iterable[str] | None,
    readonly_tokens: Iterable[str],
    job_duration: float,
    quiet: bool,
    heartbeat: float = DEFAULT_HEARTBEAT,
    dialect: str = DOCUMENTED,
) -> tuple[Server, Store]:
    """A bound, listening server over a seeded store; the caller runs ``serve_forever``."""
    store = Store(db, job_duration=job_duration, dialect=dialect)
    try:
        seed.populate(store)
        policy = TokenPolicy(
            tokens=None if tokens is None else frozenset(tokens), readonly=frozenset(readonly_tokens)
        )
        backend = Backend(store, policy, heartbeat=heartbeat)
        config = uvicorn.Config(
            backend.build(access_log=not quiet),
            lifespan="off",
            # The server's own logging only: a library must not reconfigure the host's loggers.
            log_config=None,
            access_log=False,
            timeout_graceful_shutdown=GRACEFUL_SHUTDOWN,
            timeout_keep_alive=120,
        )
        return Server(config, backend, _bind(host, port), store), store
    except BaseException:
        store.close()
        raise


def url_of(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
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
        heartbeat: float = DEFAULT_HEARTBEAT,
        dialect: str = DOCUMENTED,
    ) -> None:
        self.host, self.port, self.db = host, port, db
        self.tokens = None if tokens is None else tuple(tokens)
        self.readonly_tokens = tuple(readonly_tokens)
        self.job_duration = job_duration
        self.quiet = quiet
        self.heartbeat = heartbeat
        # `production` answers as the production backend does (see `synapse_sdk.devserver.dialect`).
        self.dialect = checked(dialect)
        self._server: Server | None = None
        self._store: Store | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """The base URL, ending in ``/``."""
        if self._server is None:
            raise RuntimeError("the server is not running; call start() first")
        return self._server.url

    @property
    def store(self) -> Store:
        if self._store is None:
            raise RuntimeError("the server is not running; call start() first")
        return self._store

    def reset(self) -> None:
        """Back to a freshly seeded database, keeping the server (and its port) running."""
        self.store.clear()
        seed.populate(self.store)

    def start(self) -> DevServer:
        """Bind, seed and serve in a daemon thread; returns once connections are accepted."""
        if self._server is not None:
            return self
        server, self._store = make_server(
            self.host,
            self.port,
            self.db,
            self.tokens,
            self.readonly_tokens,
            self.job_duration,
            self.quiet,
            self.heartbeat,
            self.dialect,
        )
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, name="synapse-devserver", daemon=True)
        self._thread.start()
        while not server.started:
            if not self._thread.is_alive():
                self.stop()
                raise RuntimeError("the local backend failed to start; see the log above")
            time.sleep(0.005)
        return self

    def stop(self) -> None:
        if self._server is None:
            return
        self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=GRACEFUL_SHUTDOWN + 5)
        self._server.socket.close()
        if self._store is not None:
            self._store.close()
        self._server = self._store = self._thread = None

    def __enter__(self) -> DevServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
