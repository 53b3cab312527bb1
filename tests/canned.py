"""A loopback server that records each request and answers a canned reply (fixture `canned`)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass
class Canned:
    status: int = 200
    body: bytes = b"{}"
    content_type: str = "application/json"
    hang: threading.Event | None = None  # wait on this event instead of answering


@dataclass
class CannedServer:
    url: str
    reply: Canned = field(default_factory=Canned)
    requests: list[tuple[str, str, dict[str, str], bytes]] = field(default_factory=list)


@pytest.fixture
def canned() -> Iterator[CannedServer]:
    state = CannedServer(url="")

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def handle_one(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            state.requests.append((self.command, self.path, dict(self.headers), body))
            reply = state.reply
            if reply.hang is not None:
                reply.hang.wait(30)
                return
            self.send_response_only(reply.status)
            self.send_header("Content-Type", reply.content_type)
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            self.wfile.write(reply.body)

        do_GET = do_POST = do_PUT = do_PATCH = handle_one

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_port}/"
    try:
        yield state
    finally:
        if state.reply.hang is not None:
            state.reply.hang.set()
        server.shutdown()
        server.server_close()
