"""Following a job's console log: requests and bytes per entry, and how late entries arrive.

A job on a loopback server of this module writes its log lines at a steady rate (10,000 in 5 s
for the full run, 1,000 in 3 s for --quick). Three ways of following it are measured, each a fresh job:

- `follow_job_console_logs` on a server that streams (`tail_console_logs/`, server-sent events);
- the same method on a server without the stream (404), so the client polls `console_logs/?since=`;
- the baseline the method replaces: polling `list_job_console_logs(pk)`, the whole log, each second.

The server counts the requests and the body bytes it sends. Lateness is the time from the
server writing an entry (its `written` field, `time.monotonic()`, a clock both processes share
on Linux) to the caller receiving it. Ratios: bytes against the log's own size (the entries as
JSON), and requests per 1,000 entries.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from .common import QUICK, TOKEN, Sizes
from .report import Row, p95


class _Job:
    """A job that writes `entries` lines evenly over `duration` seconds, from when it is made."""

    def __init__(self, entries: int, duration: float) -> None:
        self.entries = entries
        self.rate = entries / duration
        self.started = time.monotonic()

    def due(self, number: int) -> float:
        return self.started + (number - 1) / self.rate

    def written(self) -> int:
        return min(self.entries, int((time.monotonic() - self.started) * self.rate) + 1)

    def entry(self, number: int) -> dict[str, Any]:
        return {
            "id": number,
            "timestamp": "2025-01-15T09:30:00.000000Z",
            "level": "INFO",
            "message": f"processed item {number} of {self.entries}",
            "written": self.due(number),
        }

    def log_size(self) -> int:
        return sum(len(json.dumps(self.entry(n))) for n in range(1, self.entries + 1))


class _State:
    def __init__(self) -> None:
        self.job: _Job | None = None
        self.stream = True
        self.requests = 0
        self.bytes = 0
        self.connected: float | None = None  # when the first stream began
        self.lock = threading.Lock()

    def count(self, sent: int) -> None:
        with self.lock:
            self.requests += 1
            self.bytes += sent

    def add(self, sent: int) -> None:
        with self.lock:
            self.bytes += sent


def _handler(state: _State) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def _json(self, value: Any, status: int = 200) -> None:
            body = json.dumps(value).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            state.count(len(body))  # before writing: the client may finish as soon as it reads
            self.wfile.write(body)

        def do_GET(self) -> None:
            job = state.job
            assert job is not None
            url = urlsplit(self.path)
            query = parse_qs(url.query)
            if url.path.endswith("/tail_console_logs/"):
                if not state.stream:
                    return self._json({"detail": "Not found."}, 404)
                return self._stream(job, int(self.headers.get("Last-Event-ID") or 0))
            if url.path.endswith("/console_logs/"):
                since = int(query.get("since", ["0"])[0])
                return self._json([job.entry(n) for n in range(since + 1, job.written() + 1)])
            done = job.written() >= job.entries
            return self._json({"id": 1, "status": "completed" if done else "running", "progress": 0})

        def _stream(self, job: _Job, after: int) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Connection", "close")
            self.end_headers()
            state.count(0)
            if state.connected is None:
                state.connected = time.monotonic()
            for number in range(after + 1, job.entries + 1):
                delay = job.due(number) - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
                chunk = f"id: {number}\nevent: log\ndata: {json.dumps(job.entry(number))}\n\n".encode()
                state.add(len(chunk))
                self.wfile.write(chunk)
                self.wfile.flush()
            end = b'event: end\ndata: {"status": "completed"}\n\n'
            state.add(len(end))
            self.wfile.write(end)
            self.close_connection = True

    return Handler


@contextmanager
def _server() -> Iterator[tuple[str, _State]]:
    state = _State()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", state
    finally:
        server.shutdown()
        server.server_close()


def _follow(client: Any, job: _Job) -> list[float]:
    lateness = []
    for entry in client.follow_job_console_logs(1):
        lateness.append(time.monotonic() - entry["written"])
    assert len(lateness) == job.entries, len(lateness)
    return lateness


def _whole_log_polling(client: Any, job: _Job) -> list[float]:
    """What users wrote before the helper: read the whole log every second, print the new tail."""
    lateness: list[float] = []
    while True:
        status = client.get_job(1)["status"]
        for entry in client.list_job_console_logs(1)[len(lateness) :]:
            lateness.append(time.monotonic() - entry["written"])
        if status == "completed":
            break
        time.sleep(1.0)
    assert len(lateness) == job.entries
    return lateness


def run(base_url: str, sizes: Sizes) -> list[Row]:
    from synapse_sdk.clients.backend import BackendClient

    entries, duration = (1000, 3.0) if sizes is QUICK else (10_000, 5.0)
    rows: list[Row] = []
    with _server() as (url, state):
        figures = {}
        for name, stream, follow in [
            ("stream", True, _follow),
            ("polling since", False, _follow),
            ("whole-log polling", False, _whole_log_polling),
        ]:
            state.job, state.stream, state.requests, state.bytes = _Job(entries, duration), stream, 0, 0
            state.connected = None
            with BackendClient(url, access_token=TOKEN) as client:
                lateness = follow(client, state.job)
            if state.connected is not None:  # lines written before the client connected are not late
                lateness = [late for n, late in enumerate(lateness, 1) if state.job.due(n) >= state.connected]
            figures[name] = (state.requests, state.bytes, state.job.log_size(), lateness)
    for name in ("stream", "polling since"):
        requests, sent, size, _ = figures[name]
        detail = (
            f"{requests} requests, {sent / 1e6:.2f} MB for a {size / 1e6:.2f} MB log of {entries:,} entries"
        )
        if name == "stream":  # one request, however long the log
            rows.append(
                Row(
                    "follow logs (stream), requests / 1,000 entries",
                    requests * 1000 / entries,
                    1.0,
                    "req",
                    detail=detail,
                )
            )
        else:  # a get_job and a console_logs?since= a second, whatever the log's length
            rows.append(
                Row(
                    "follow logs (polling since), requests / second",
                    requests / duration,
                    3.0,
                    "req",
                    detail=detail,
                )
            )
        rows.append(Row(f"follow logs ({name}), bytes / log size", sent / size, 1.5, detail=detail))
    requests, sent, size, _ = figures["whole-log polling"]
    rows.append(
        Row("follow logs, whole-log polling bytes / stream bytes", sent / figures["stream"][1], 1.5, at_least=True,
            detail=f"the baseline: {requests} requests, {sent / 1e6:.2f} MB (the log each second, whole)")
    )  # fmt: skip
    stream_lateness = figures["stream"][3]
    late = p95(stream_lateness) * 1000
    rows.append(
        Row("follow logs (stream), entry lateness p95", late, 100.0, "ms",
            detail=f"median {sorted(stream_lateness)[len(stream_lateness) // 2] * 1000:.1f} ms, written -> yielded, loopback")
    )  # fmt: skip
    return rows
