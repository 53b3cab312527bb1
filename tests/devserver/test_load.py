"""200 concurrent async clients for 30 s, and a graceful SIGTERM with requests and streams in flight.

The load mixes reads, writes, uploads, console-log streams followed to their end, and requests
that ask for an error (404, 400): every reply must be the one asked for, and the server's
resident memory must level off rather than grow with the number of requests served.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import ssl
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from httpx_sse import aconnect_sse

from synapse_sdk.devserver import DevServerProcess

from .conftest import AUTH

CLIENTS = 200
DURATION = float(os.environ.get("DEVSERVER_LOAD_SECONDS", "30"))
MiB = 1024 * 1024
ROOT = Path(__file__).resolve().parents[2]


def _rss(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmRSS")


@dataclass
class Tally:
    done: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)


async def _expect(tally: Tally, name: str, response: httpx.Response, status: int) -> httpx.Response:
    if response.status_code != status:
        tally.failures.append(f"{name}: {response.status_code} {response.text[:200]}")
    return response


async def _follow(http: httpx.AsyncClient, tally: Tally) -> None:
    job = (await http.post("plugins/123/run/", json={})).json()["job_id"]
    ids: list[int] = []
    end = None
    async with aconnect_sse(http, "GET", f"jobs/{job}/tail_console_logs/") as source:
        async for event in source.aiter_sse():
            if event.event == "log":
                ids.append(json.loads(event.data)["id"])
            elif event.event == "end":
                end = json.loads(event.data)
    if ids != list(range(1, 14)) or end != {"status": "completed"}:
        tally.failures.append(f"stream of job {job}: ids {ids}, end {end}")


async def _client(index: int, base: str, deadline: float, tally: Tally, tls: ssl.SSLContext) -> None:
    # Each client its own connection pool; one TLS context for all (building 200 costs seconds).
    limits = httpx.Limits(max_connections=2)
    async with httpx.AsyncClient(base_url=base, headers=AUTH, timeout=60, limits=limits, verify=tls) as http:
        plugin = (await http.post("plugins/", json={"name": f"load-{index}"})).json()["id"]
        job = (await http.post(f"plugins/{plugin}/run/", json={})).json()["job_id"]
        step = 0
        while time.monotonic() < deadline:
            step += 1
            kind = ("read", "write", "upload", "stream", "error", "read", "write", "list")[(index + step) % 8]
            started = time.monotonic()
            try:
                if kind == "read":
                    await _expect(tally, kind, await http.get("plugins/123/"), 200)
                    await _expect(
                        tally, kind, await http.get(f"jobs/{job}/console_logs/", params={"since": 1}), 200
                    )
                elif kind == "write":
                    await _expect(
                        tally, kind, await http.put(f"plugins/{plugin}/", json={"version": str(step)}), 200
                    )
                    await _expect(
                        tally, kind, await http.patch(f"jobs/{job}/", json={"progress": step % 101}), 200
                    )
                elif kind == "upload":
                    files = {"file": ("p.zip", os.urandom(32 * 1024))}
                    data = {"plugin": str(plugin), "version": f"{index}.{step}"}
                    await _expect(
                        tally, kind, await http.post("plugin_releases/", data=data, files=files), 201
                    )
                elif kind == "stream":
                    await _follow(http, tally)
                elif kind == "error":
                    await _expect(tally, kind, await http.get("plugins/999999/"), 404)
                    await _expect(tally, kind, await http.get("jobs/", params={"page": 0}), 400)
                    await _expect(tally, kind, await http.post("storages/", json={"name": "x"}), 400)
                else:
                    await _expect(tally, kind, await http.get("jobs/", params={"page_size": 5}), 200)
                    await _expect(tally, kind, await http.get("agents/"), 200)
            except httpx.HTTPError as error:
                tally.failures.append(f"{kind}: {type(error).__name__}: {error}")
            tally.done[kind] += 1
            tally.latencies.append(time.monotonic() - started)


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads RSS from /proc")
def test_200_concurrent_clients(tmp_path: Path) -> None:
    with DevServerProcess(db=str(tmp_path / "load.sqlite3"), job_duration=1.0) as server:
        assert server.process is not None
        pid = server.process.pid
        samples: list[tuple[float, int]] = []
        stop = threading.Event()

        def sample() -> None:
            start = time.monotonic()
            while not stop.wait(0.5):
                samples.append((time.monotonic() - start, _rss(pid)))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        tally = Tally()

        async def run() -> None:
            deadline = time.monotonic() + DURATION
            tls = ssl.create_default_context()
            await asyncio.gather(*(_client(i, server.url, deadline, tally, tls) for i in range(CLIENTS)))

        asyncio.run(run())
        stop.set()
        sampler.join()
        assert server.process.poll() is None, "the server died under load"

    requests = sum(tally.done.values())
    third = len(samples) // 3
    settled = max(rss for _, rss in samples[third : 2 * third])
    final = max(rss for _, rss in samples[2 * third :])
    latencies = sorted(tally.latencies)
    print(
        f"\n{CLIENTS} clients, {DURATION:.0f} s: {requests} operations {dict(tally.done)};"
        f" p50 {statistics.median(latencies) * 1000:.0f} ms, p99 {latencies[int(len(latencies) * 0.99)] * 1000:.0f} ms;"
        f" RSS first {samples[0][1] / MiB:.0f} MiB, middle third max {settled / MiB:.0f} MiB,"
        f" last third max {final / MiB:.0f} MiB"
    )
    assert not tally.failures, f"{len(tally.failures)} unexpected replies, first: {tally.failures[:5]}"
    assert all(tally.done[kind] > 0 for kind in ("read", "write", "upload", "stream", "error", "list"))
    # Bounded: the last third of the run may not grow past the middle third's peak by more than a
    # slack for allocator noise (a leak per request or per stream would grow without bound).
    assert final <= settled + 24 * MiB, f"RSS grew from {settled / MiB:.0f} to {final / MiB:.0f} MiB"


def _slow_body(boundary: str, chunks: int, sent: threading.Event) -> Iterator[bytes]:
    yield (
        f'--{boundary}\r\nContent-Disposition: form-data; name="plugin"\r\n\r\n123\r\n'
        f'--{boundary}\r\nContent-Disposition: form-data; name="version"\r\n\r\n9\r\n'
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.zip"\r\n\r\n'
    ).encode()
    for index in range(chunks):
        if index == 2:
            sent.set()  # the request is in flight: the test sends SIGTERM now
        time.sleep(0.05)
        yield b"x" * 4096
    yield f"\r\n--{boundary}--\r\n".encode()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_sigterm_finishes_in_flight_requests_and_closes_streams(tmp_path: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "synapse_sdk.devserver", "--port", "0", "--db", str(tmp_path / "db.sqlite3")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert process.stdout is not None
        url = process.stdout.readline().strip().rsplit(" ", 1)[1]
        with httpx.Client(base_url=url, headers=AUTH, timeout=30) as http:
            stream_lines: list[str] = []
            stream_open = threading.Event()

            def follow() -> None:
                # Job 789 is running and never advances on its own: only shutdown can end this stream.
                with http.stream("GET", "jobs/789/tail_console_logs/") as response:
                    for line in response.iter_lines():
                        stream_lines.append(line)
                        if line.startswith("data:"):
                            stream_open.set()

            follower = threading.Thread(target=follow, daemon=True)
            follower.start()
            assert stream_open.wait(10)
            sent = threading.Event()
            boundary = "graceful-boundary"
            results: list[httpx.Response] = []
            uploader = threading.Thread(
                target=lambda: results.append(
                    http.post(
                        "plugin_releases/",
                        content=_slow_body(boundary, 30, sent),
                        headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
                    )
                ),
                daemon=True,
            )
            uploader.start()
            assert sent.wait(10)
            process.send_signal(signal.SIGTERM)
            uploader.join(30)
            follower.join(30)
            assert not follower.is_alive(), "the stream stayed open after SIGTERM"
            assert [r.status_code for r in results] == [201], "the in-flight upload did not finish"
            assert results[0].json()["size"] == 30 * 4096
            assert "event: end" not in stream_lines  # closed by the server, not ended by the job
        assert process.wait(timeout=20) == 0
        _, stderr = process.communicate(timeout=5)
        assert "Traceback" not in stderr
        assert "graceful shutdown exceeded" not in stderr  # the stream did not hold shutdown up
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
