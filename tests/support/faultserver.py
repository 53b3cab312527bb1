"""A real HTTP/1.1 server on loopback whose every answer is scripted: fault injection for clients.

    with FaultServer() as server:
        server.script(Fault.status(503), Fault.status(503), Fault.json(200, {"id": 1}))
        BackendClient(server.url).get_plugin(1)
        assert len(server.arrivals) == 3

Each request takes the next fault of the queue, or `server.default` when it is empty; an entry
may also be a function of the `Arrival` (to answer by path). `server.arrivals` records every
request read (method, target, headers, whole body); `server.connections` counts TCP connections.
Raw sockets and a thread per connection let it do what `http.server` cannot: close before
reading, drop or reset after reading, hang, answer late, trickle, lie about Content-Length, send
bytes that are not HTTP, and stop listening (`refuse()`: connecting fails with ECONNREFUSED).
Answers keep the connection alive unless the fault ends it.
"""

from __future__ import annotations

import contextlib
import http
import json
import select
import socket
import struct
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any, Literal
from urllib.parse import parse_qs, urlsplit

from .http11 import RequestReader, parse_multipart

__all__ = ["Arrival", "Fault", "FaultServer", "Script", "parse_multipart", "refused_url", "unresponsive_url"]

Kind = Literal["answer", "close", "drop", "reset", "hang", "garbage"]
_REASONS = {status.value: status.phrase for status in http.HTTPStatus}


@dataclass(frozen=True)
class Fault:
    """What the server does with one request. Build one with the class methods."""

    kind: Kind = "answer"
    code: int = 200
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes = b""
    delay: float = 0.0  # seconds to wait after reading the request, before answering
    interval: float = 0.0  # trickle: seconds before each chunk of the body
    chunk: int = 0  # trickle: bytes per chunk (0: the body in one piece)
    declared_length: int | None = None  # Content-Length to announce (None: the true length)
    keep_alive: bool = True

    @classmethod
    def status(
        cls,
        code: int,
        body: bytes | str = b"",
        *,
        headers: dict[str, str] | None = None,
        content_type: str = "text/plain; charset=utf-8",
    ) -> Fault:
        """Answer `code` (any three digits: 499, 599, 299...) with this body and headers."""
        raw = body.encode() if isinstance(body, str) else body
        pairs = [("Content-Type", content_type)] if raw else []
        pairs += list((headers or {}).items())
        return cls(code=code, headers=tuple(pairs), body=raw)

    @classmethod
    def json(cls, code: int, value: Any, *, headers: dict[str, str] | None = None) -> Fault:
        """Answer `code` with `value` as JSON."""
        return cls.status(code, json.dumps(value), headers=headers, content_type="application/json")

    @classmethod
    def raw_json(cls, code: int, text: str, *, headers: dict[str, str] | None = None) -> Fault:
        """Answer `code` with `text` sent as is, labelled JSON (e.g. truncated JSON)."""
        return cls.status(code, text, headers=headers, content_type="application/json")

    @classmethod
    def html(cls, code: int, text: str = "<html><body><h1>Bad Gateway</h1></body></html>") -> Fault:
        """Answer `code` with an HTML page, as a proxy in front of the backend does."""
        return cls.status(code, text, content_type="text/html")

    @classmethod
    def close(cls) -> Fault:
        """Accept the connection, then close it before reading the request."""
        return cls(kind="close")

    @classmethod
    def drop(cls) -> Fault:
        """Read the whole request, then close the connection without answering."""
        return cls(kind="drop")

    @classmethod
    def reset(cls) -> Fault:
        """Read the whole request, then reset the connection (RST, ECONNRESET at the client)."""
        return cls(kind="reset")

    @classmethod
    def hang(cls) -> Fault:
        """Read the whole request, then never answer (until the client leaves, `release()` or
        the server stops)."""
        return cls(kind="hang")

    @classmethod
    def garbage(cls, data: bytes = b"SSH-2.0-OpenSSH_9.6\r\n\x00\xff\xfe not http\r\n\r\n") -> Fault:
        """Read the request, answer bytes that are not HTTP, and close."""
        return cls(kind="garbage", body=data, keep_alive=False)

    @classmethod
    def truncated(cls, code: int, body: bytes | str, declared_length: int) -> Fault:
        """Announce `Content-Length: declared_length`, send the shorter body, and close."""
        fault = cls.status(code, body, content_type="application/json")
        return replace(fault, declared_length=declared_length, keep_alive=False)

    @classmethod
    def delayed(cls, seconds: float, then: Fault) -> Fault:
        """Wait `seconds` after reading the request, then do `then`."""
        return replace(then, delay=seconds)

    @classmethod
    def trickle(cls, then: Fault, *, interval: float, chunk: int = 1) -> Fault:
        """Send `then`'s head at once, then its body `chunk` bytes at a time, `interval` apart."""
        return replace(then, interval=interval, chunk=chunk)


@dataclass(frozen=True)
class Arrival:
    """One request the server read in full."""

    method: str
    target: str  # the request target as sent: path and query
    headers: dict[str, str]  # names lowercased
    body: bytes
    connection: int  # which TCP connection (1, 2, ...) carried it
    at: float = field(default_factory=time.monotonic)  # when it was read, time.monotonic()

    @property
    def path(self) -> str:
        return urlsplit(self.target).path

    @property
    def query(self) -> dict[str, list[str]]:
        return parse_qs(urlsplit(self.target).query, keep_blank_values=True)

    def json(self) -> Any:
        return json.loads(self.body)

    def multipart(self) -> dict[str, bytes]:
        return parse_multipart(self.body, self.headers.get("content-type", ""))


Script = Fault | Callable[[Arrival], Fault]


@contextlib.contextmanager
def refused_url() -> Iterator[str]:
    """The URL of a loopback port that is bound but where nobody listens: connecting fails at
    once with ECONNREFUSED, and no other program can take the port meanwhile."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}/"
    finally:
        sock.close()


@contextlib.contextmanager
def unresponsive_url() -> Iterator[str]:
    """The URL of a loopback port whose accept queue is full: the kernel drops new SYNs, so
    connecting hangs until the client's connect timeout (ConnectTimeout)."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(0)
    fillers = [socket.socket() for _ in range(3)]
    for filler in fillers:
        filler.setblocking(False)
        filler.connect_ex(sock.getsockname())
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}/"
    finally:
        for each in [*fillers, sock]:
            each.close()


class FaultServer:
    """A scriptable HTTP server on 127.0.0.1 in background threads. Use it as a context manager
    or call `start()` and `stop()`."""

    def __init__(self, default: Script | None = None) -> None:
        self.default: Script = default if default is not None else Fault.json(200, {})
        self.connections = 0  # TCP connections accepted
        self.errors: list[BaseException] = []  # the server's own failures, for debugging
        self._queue: deque[Script] = deque()
        self._arrivals: list[Arrival] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._released = threading.Event()
        self._open: set[socket.socket] = set()
        self._threads: list[threading.Thread] = []
        self._port_holder = self._bound_socket(0)  # bound; listening unless refuse()d
        self.port: int = self._port_holder.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/"
        self._listener: socket.socket | None = None

    # -- scripting and inspection -----------------------------------------------------------

    def script(self, *faults: Script) -> FaultServer:
        """Queue faults for the next requests, in order."""
        with self._lock:
            self._queue.extend(faults)
        return self

    @property
    def arrivals(self) -> list[Arrival]:
        with self._lock:
            return list(self._arrivals)

    @property
    def pending(self) -> int:
        """Faults still queued."""
        with self._lock:
            return len(self._queue)

    def release(self) -> None:
        """End every hang: the hanging connections are closed without an answer."""
        self._released.set()

    # -- listening ----------------------------------------------------------------------------

    def start(self) -> FaultServer:
        self.listen()
        thread = threading.Thread(target=self._accept_loop, name=f"faultserver:{self.port}", daemon=True)
        thread.start()
        self._threads.append(thread)
        return self

    def listen(self) -> None:
        """(Re)start listening on the same port."""
        with self._lock:
            if self._listener is None:
                self._port_holder.listen(128)
                self._listener = self._port_holder

    def refuse(self) -> None:
        """Stop listening and close every open connection: connecting now fails with
        ECONNREFUSED, until `listen()`. The port stays bound, so nobody else takes it."""
        with self._lock:
            listener, self._listener = self._listener, None
            conns, self._open = list(self._open), set()
            for sock in [*conns, *([listener] if listener else [])]:
                _close(sock)
            if listener is not None:
                self._port_holder = self._bound_socket(self.port)

    def stop(self) -> None:
        self._stopping.set()
        self._released.set()
        with self._lock:
            socks, self._open, self._listener = [*self._open, self._port_holder], set(), None
        for sock in socks:
            _close(sock)
        for thread in self._threads:
            thread.join(timeout=2)

    def __enter__(self) -> FaultServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @staticmethod
    def _bound_socket(port: int) -> socket.socket:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        for attempt in range(100):  # a closed listener lingers while a select() still holds it
            try:
                sock.bind(("127.0.0.1", port))
                break
            except OSError:
                if attempt == 99:
                    raise
                time.sleep(0.01)
        return sock

    def _accept_loop(self) -> None:
        while not self._stopping.is_set():
            listener = self._listener
            try:
                if listener is None or not select.select([listener], [], [], 0.02)[0]:
                    time.sleep(0.005 if listener is None else 0)
                    continue
                conn, _ = listener.accept()
                conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            except (OSError, ValueError):  # closed under us by refuse() or stop()
                continue
            with self._lock:
                self.connections += 1
                number = self.connections
                self._open.add(conn)
            thread = threading.Thread(target=self._serve, args=(conn, number), daemon=True)
            self._threads.append(thread)
            thread.start()

    # -- one connection -----------------------------------------------------------------------

    def _serve(self, conn: socket.socket, number: int) -> None:
        reader = RequestReader(conn)
        try:
            while not self._stopping.is_set():
                if not reader.buffer:
                    select.select([conn], [], [])
                    if not conn.recv(1, socket.MSG_PEEK):
                        return  # the client closed an idle connection
                early = self._take(None)
                if early is not None and early.kind == "close":
                    return
                method, target, headers, body = reader.request()
                arrival = Arrival(method, target, headers, body, number)
                with self._lock:
                    self._arrivals.append(arrival)
                fault = early or self._take(arrival)
                if fault is None or not self._act(conn, fault) or headers.get("connection") == "close":
                    return
        except (OSError, ValueError):  # the peer left, or sent something that is not HTTP
            pass
        except Exception as error:  # a bug in this server: keep it for the test to see
            self.errors.append(error)
        finally:
            with self._lock:
                self._open.discard(conn)
            _close(conn)

    def _take(self, arrival: Arrival | None) -> Fault | None:
        """The next fault. Before the request is read (`arrival` None) only a plain Fault is
        taken, since a function needs the arrival: None then says "ask again after reading"."""
        with self._lock:
            entry = self._queue[0] if self._queue else self.default
            if arrival is None and not isinstance(entry, Fault):
                return None
            if self._queue:
                self._queue.popleft()
        if isinstance(entry, Fault):
            return entry
        assert arrival is not None
        return entry(arrival)

    def _act(self, conn: socket.socket, fault: Fault) -> bool:
        """Do what the fault says; whether the connection stays open."""
        if fault.delay and self._stopping.wait(fault.delay):
            return False
        if fault.kind == "drop":
            return False
        if fault.kind == "reset":
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            return False
        if fault.kind == "hang":
            while not self._released.wait(0.02):
                if select.select([conn], [], [], 0)[0] and not conn.recv(1, socket.MSG_PEEK):
                    break  # the client gave up
            return False
        if fault.kind == "garbage":
            conn.sendall(fault.body)
            return False
        reason = _REASONS.get(fault.code, "Nonstandard")
        length = len(fault.body) if fault.declared_length is None else fault.declared_length
        head = [f"HTTP/1.1 {fault.code} {reason}", f"Content-Length: {length}"]
        head += [f"{name}: {value}" for name, value in fault.headers]
        if not fault.keep_alive:
            head.append("Connection: close")
        head_bytes = ("\r\n".join(head) + "\r\n\r\n").encode("latin-1")
        if not fault.interval:
            conn.sendall(head_bytes + fault.body)
            return fault.keep_alive
        conn.sendall(head_bytes)
        step = fault.chunk or len(fault.body) or 1
        for start in range(0, len(fault.body), step):
            if self._stopping.wait(fault.interval):
                return False
            conn.sendall(fault.body[start : start + step])
        return fault.keep_alive


def _close(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    with contextlib.suppress(OSError):
        sock.close()
