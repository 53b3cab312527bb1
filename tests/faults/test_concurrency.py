"""One client shared by many threads (or tasks): every call succeeds with its own answer, and the
connection pool is reused rather than a connection opened per call."""

from __future__ import annotations

import asyncio
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest

from synapse_sdk.clients.backend import AsyncBackendClient, BackendClient
from tests.support.faultserver import Arrival, Fault, FaultServer

from .helpers import FAST

THREADS, CALLS_PER_THREAD = 16, 25


def _echo_with_some_503(server: FaultServer) -> None:
    """Answer each request with its own path; the first request for every 7th id gets a 503
    (then its retry succeeds)."""
    lock, seen = threading.Lock(), set[str]()

    def answer(arrival: Arrival) -> Fault:
        with lock:
            first = arrival.path not in seen
            seen.add(arrival.path)
        busy = first and int(arrival.path.strip("/").split("/")[-1]) % 7 == 0
        return Fault.html(503) if busy else Fault.json(200, {"id": arrival.path})

    server.default = answer


def _hammer(client: BackendClient) -> list[bool]:
    start = threading.Barrier(THREADS)

    def work(worker: int) -> list[bool]:
        start.wait()
        results = []
        for call in range(CALLS_PER_THREAD):
            pk = worker * 100 + call + 1
            if call % 2:
                results.append(dict(client.get_job(pk)) == {"id": f"/jobs/{pk}/"})
            else:
                results.append(dict(client.get_plugin(pk)) == {"id": f"/plugins/{pk}/"})
        return results

    with ThreadPoolExecutor(THREADS) as pool:
        return [ok for results in pool.map(work, range(THREADS)) for ok in results]


def test_one_client_shared_by_16_threads(server: FaultServer) -> None:
    """16 threads x 25 calls on one BackendClient (already used once) all succeed with their own
    answer, over at most 16 TCP connections (the pool is reused), despite some 503s on the way."""
    _echo_with_some_503(server)
    with BackendClient(server.url, "token-abcd", retry_policy=FAST, timeout=5.0) as client:
        client.get_storage(1)
        outcomes = _hammer(client)
    calls = THREADS * CALLS_PER_THREAD
    assert outcomes == [True] * calls
    busy = sum((w * 100 + c + 1) % 7 == 0 for w in range(THREADS) for c in range(CALLS_PER_THREAD))
    assert len(server.arrivals) == 1 + calls + busy  # the warm-up call, each call, each retry
    assert server.connections <= THREADS


def test_a_fresh_client_shared_by_threads_makes_one_pool(
    server: FaultServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """16 threads starting together on a never-used BackendClient share one httpx.Client (one
    pool), not one each: connections stay within the thread count, no pool is left unclosed."""
    made: list[httpx.Client] = []
    real_init = httpx.Client.__init__

    def counting_init(self: httpx.Client, *args: Any, **kwargs: Any) -> None:
        made.append(self)
        time.sleep(0.05)  # loading the CA bundle takes 60-90 ms in production; this suite caches it
        real_init(self, *args, **kwargs)

    monkeypatch.setattr(httpx.Client, "__init__", counting_init)
    server.default = Fault.json(200, {})
    with BackendClient(server.url, retry_policy=FAST) as client:
        start = threading.Barrier(THREADS)

        def work(_: int) -> None:
            start.wait()
            for _call in range(CALLS_PER_THREAD):
                client.get_plugin(1)

        with ThreadPoolExecutor(THREADS) as pool:
            list(pool.map(work, range(THREADS)))
    unclosed = [http for http in made if not http.is_closed]
    for http in unclosed:  # close what the client leaked, so no socket outlives the test
        http.close()
    assert (len(made), unclosed) == (1, []) and server.connections <= THREADS, (len(made), server.connections)


def test_one_async_client_shared_by_tasks(server: FaultServer) -> None:
    """5 waves of 20 concurrent tasks on one AsyncBackendClient all succeed; the waves reuse the
    pooled connections (httpx keeps 20 alive): at most 20 plus one per 503 retry are opened."""
    _echo_with_some_503(server)

    async def main() -> list[object]:
        async with AsyncBackendClient(server.url, retry_policy=FAST) as client:
            results: list[object] = []
            for wave in range(5):
                ids = range(wave * 20 + 1, wave * 20 + 21)
                results += await asyncio.gather(*(client.get_storage(pk) for pk in ids))
            return results

    results = asyncio.run(main())
    assert results == [{"id": f"/storages/{pk}/"} for pk in range(1, 101)]
    retries = 100 // 7
    assert len(server.arrivals) == 100 + retries
    assert server.connections <= 20 + retries
