"""A loopback HTTP server whose answer is a function writing raw bytes: endless bodies, bombs,
trickles. Bounded: every answer stops when the client leaves, when the server stops, or after
`Sender.budget` bytes; pauses wake at once when the server stops.

    with HostileServer(lambda send: send.head(200, {"Content-Length": "9"}) or send(b"{}")) as server:
        ...
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Callable

from tests.support.http11 import RequestReader

__all__ = ["ClientLeft", "HostileServer", "Sender"]


class ClientLeft(Exception):
    """The client closed the connection (or the server is stopping)."""


class Sender:
    """What an answer function writes with: `send(bytes)`, `send.head(...)`, `send.pause(s)`."""

    def __init__(self, conn: socket.socket, stopping: threading.Event, budget: int) -> None:
        self._conn, self._stopping = conn, stopping
        self.budget = budget  # bytes this answer may still send
        self.sent = 0

    def __call__(self, data: bytes) -> None:
        if self._stopping.is_set() or self.sent + len(data) > self.budget:
            raise ClientLeft
        try:
            self._conn.sendall(data)
        except OSError:
            raise ClientLeft from None
        self.sent += len(data)

    def head(self, status: int, headers: dict[str, str]) -> None:
        lines = [f"HTTP/1.1 {status} X"] + [f"{name}: {value}" for name, value in headers.items()]
        self(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))

    def pause(self, seconds: float) -> None:
        if self._stopping.wait(seconds):
            raise ClientLeft


class HostileServer:
    def __init__(self, answer: Callable[[Sender], None], *, budget: int = 2 * 1024**3) -> None:
        self.answer, self.budget = answer, budget
        self.requests = 0
        self.sent: list[int] = []  # bytes each answer got out before it ended
        self._stopping = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}/"
        self._threads: list[threading.Thread] = []

    def __enter__(self) -> HostileServer:
        thread = threading.Thread(target=self._accept, daemon=True)
        thread.start()
        self._threads.append(thread)
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stopping.set()
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)  # wakes the accept() below (close alone does not)
        self._listener.close()
        for thread in self._threads:
            thread.join(timeout=10)

    def _accept(self) -> None:
        while not self._stopping.is_set():
            try:
                conn, _ = self._listener.accept()
            except OSError:
                return
            thread = threading.Thread(target=self._serve, args=(conn,), daemon=True)
            thread.start()
            self._threads.append(thread)

    def _serve(self, conn: socket.socket) -> None:
        with conn, contextlib.suppress(ClientLeft, OSError):
            RequestReader(conn).request()
            self.requests += 1
            sender = Sender(conn, self._stopping, self.budget)
            try:
                self.answer(sender)
            finally:
                self.sent.append(sender.sent)
