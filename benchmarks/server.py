"""A minimal HTTP/1.1 keep-alive loopback server, run in its own process.

    python -m benchmarks.server        # prints "PORT <n>", then serves until killed

Routes (anything else is a 404):
    GET  /plugins/<pk>/        a canned plugin
    GET  /jobs/<pk>/           a canned job
    GET  /jobs/?page_size=N    one page of N jobs (cached); with `&total=T&page=P`, page P of T
                               jobs, generated on the fly
    POST /plugin_releases/     reads and discards the body (Content-Length or chunked), 201

`running()` starts it from the benchmarks and stops it afterwards. Bodies are encoded in
advance, and the body of an upload is never buffered: this process must cost the client nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
import subprocess
from collections.abc import Iterator
from urllib.parse import parse_qsl

from . import child, data

_PLUGIN = data.encode(data.plugin())
_JOB = data.encode(data.job(789))
_RELEASE = data.encode(data.RELEASE)
_NOT_FOUND = b'{"detail":"Not found."}'
_REASONS = {200: b"OK", 201: b"Created", 404: b"Not Found"}
_page_cache: dict[int, bytes] = {}

HEAD, BODY, CHUNK_SIZE, CHUNK_DATA, TRAILER = range(5)


def _jobs_page(query: str) -> bytes:
    params = dict(parse_qsl(query))
    size = int(params.get("page_size", 100))
    if "total" not in params:  # one canned page
        if size not in _page_cache:
            _page_cache[size] = data.job_page(1, size, size)
        return _page_cache[size]
    return data.job_page(int(params.get("page", 1)), size, int(params["total"]))


def _route(method: bytes, target: bytes) -> tuple[int, bytes]:
    path, _, query = target.decode("latin-1").partition("?")
    if method == b"GET" and path.startswith("/plugins/"):
        return 200, _PLUGIN
    if method == b"GET" and path == "/jobs/":
        return 200, _jobs_page(query)
    if method == b"GET" and path.startswith("/jobs/"):
        return 200, _JOB
    if method == b"POST" and path == "/plugin_releases/":
        return 201, _RELEASE
    return 404, _NOT_FOUND


def _content_length(lowered_headers: bytes) -> int:
    at = lowered_headers.find(b"content-length:")
    if at < 0:
        return 0
    end = lowered_headers.find(b"\r\n", at)
    return int(lowered_headers[at + 15 : end if end >= 0 else None])


class _HTTP(asyncio.Protocol):
    def __init__(self) -> None:
        self.buf = bytearray()
        self.state = HEAD
        self.left = 0  # body (or chunk) bytes still to discard
        self.answer = (404, _NOT_FOUND)

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def data_received(self, chunk: bytes) -> None:
        if self.state in (BODY, CHUNK_DATA) and not self.buf and len(chunk) < self.left:
            self.left -= len(chunk)  # the bulk of an upload: discarded without a copy
            return
        self.buf += chunk
        while self._step():
            pass

    def _step(self) -> bool:
        """Consume what the buffer allows in the current state; False when it needs more."""
        buf = self.buf
        if self.state in (BODY, CHUNK_DATA):
            taken = min(self.left, len(buf))
            del buf[:taken]
            self.left -= taken
            if self.left:
                return False
            if self.state == BODY:
                self.state = HEAD
                self._respond()
            else:
                self.state = CHUNK_SIZE
            return True
        end = buf.find(b"\r\n\r\n") if self.state in (HEAD, TRAILER) else buf.find(b"\r\n")
        if end < 0:
            return False
        if self.state == CHUNK_SIZE:
            size = int(bytes(buf[:end]).split(b";")[0], 16)
            del buf[: end + 2]
            if size:
                self.state, self.left = CHUNK_DATA, size + 2  # the data and its CRLF
            else:
                buf[:0] = b"\r\n"  # no trailers: the next CRLF ends the body
                self.state = TRAILER
            return True
        if self.state == TRAILER:
            del buf[: end + 4]
            self.state = HEAD
            self._respond()
            return True
        head = bytes(buf[:end])
        del buf[: end + 4]
        self._start(head)
        return True

    def _start(self, head: bytes) -> None:
        request_line, _, headers = head.partition(b"\r\n")
        method, target, _ = request_line.split(b" ", 2)
        self.answer = _route(method, target)
        lowered = headers.lower()
        if b"transfer-encoding: chunked" in lowered:
            self.state = CHUNK_SIZE
            return
        length = _content_length(lowered)
        if length:
            self.state, self.left = BODY, length
        else:
            self._respond()

    def _respond(self) -> None:
        status, body = self.answer
        head = b"HTTP/1.1 %d %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n" % (
            status,
            _REASONS[status],
            len(body),
        )
        if len(body) < 65536:
            self.transport.write(head + body)
        else:
            self.transport.write(head)
            self.transport.write(body)


async def _serve() -> None:
    _jobs_page("page_size=10000")  # the large canned page, encoded before the first request
    loop = asyncio.get_running_loop()
    server = await loop.create_server(_HTTP, "127.0.0.1", 0, backlog=4096)
    port = server.sockets[0].getsockname()[1]
    print(f"PORT {port}", flush=True)
    await server.serve_forever()


@contextlib.contextmanager
def running() -> Iterator[str]:
    """Start the server in a child process; yield its base URL; stop it."""
    process = child.popen("server", stdout=subprocess.PIPE)
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        if not line.startswith("PORT "):
            raise RuntimeError(f"benchmark server did not start: {line!r}")
        yield f"http://127.0.0.1:{int(line.split()[1])}/"
    finally:
        process.terminate()
        process.wait(timeout=10)


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve())
