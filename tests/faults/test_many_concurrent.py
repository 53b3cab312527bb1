"""Far more concurrent calls than the connection pool holds: every call succeeds with its own
answer, and no more attempts are in flight at once than the client's `max_concurrency`.

Without a cap, httpcore queues the surplus in its pool, whose wait grows with the square of the
queue until the pool timeout fails every call (1,000 concurrent calls did, after minutes)."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest

from synapse_sdk.clients.backend import AsyncBackendClient, BackendClient
from tests.support.faultserver import Arrival, Fault, FaultServer

from .helpers import FAST


class _InFlight:
    """Answers each request with its own path after a short pause, counting the requests the
    server is answering at the same time."""

    def __init__(self, pause: float) -> None:
        self.pause = pause
        self.now = 0
        self.most = 0
        self._lock = threading.Lock()

    def __call__(self, arrival: Arrival) -> Fault:
        with self._lock:
            self.now += 1
            self.most = max(self.most, self.now)
        time.sleep(self.pause)  # one thread per connection: this holds only this request
        with self._lock:
            self.now -= 1
        return Fault.json(200, {"id": arrival.path})


def _gather(client: AsyncBackendClient, count: int) -> list[object]:
    async def main() -> list[object]:
        async with client:
            return list(await asyncio.gather(*(client.get_job(pk) for pk in range(1, count + 1))))

    return asyncio.run(main())


def test_1000_concurrent_async_calls_with_the_defaults_all_succeed(server: FaultServer) -> None:
    in_flight = _InFlight(pause=0.002)
    server.default = in_flight
    client = AsyncBackendClient(server.url, retry_policy=FAST)
    assert client.max_concurrency == 100  # httpx's pool size
    results = _gather(client, 1000)
    assert results == [{"id": f"/jobs/{pk}/"} for pk in range(1, 1001)]
    assert len(server.arrivals) == 1000  # no call needed a retry
    assert 1 < in_flight.most <= 100, in_flight.most


def test_max_concurrency_caps_the_attempts_in_flight(server: FaultServer) -> None:
    in_flight = _InFlight(pause=0.005)
    server.default = in_flight
    results = _gather(AsyncBackendClient(server.url, retry_policy=FAST, max_concurrency=5), 200)
    assert results == [{"id": f"/jobs/{pk}/"} for pk in range(1, 201)]
    assert 1 < in_flight.most <= 5, in_flight.most


def test_the_cap_is_shared_by_threads_and_by_with_options_copies(server: FaultServer) -> None:
    in_flight = _InFlight(pause=0.005)
    server.default = in_flight
    with BackendClient(server.url, retry_policy=FAST, max_concurrency=3) as client:
        other = client.with_options(max_retries=0)
        calls: list[Callable[[int], object]] = [client.get_job, other.get_job]
        with ThreadPoolExecutor(12) as pool:
            results = list(pool.map(lambda pk: calls[pk % 2](pk), range(1, 121)))
    assert results == [{"id": f"/jobs/{pk}/"} for pk in range(1, 121)]
    assert 1 < in_flight.most <= 3, in_flight.most


@pytest.mark.parametrize("value", [0, -1, 2.5, True, "10"])
def test_a_bad_max_concurrency_is_refused(value: object) -> None:
    with pytest.raises(ValueError, match="max_concurrency must be a positive int or None"):
        BackendClient("http://127.0.0.1:9/", max_concurrency=value)  # type: ignore[arg-type]


def test_none_means_no_cap_and_a_given_pool_sets_the_default() -> None:
    import httpx

    assert BackendClient("http://127.0.0.1:9/", max_concurrency=None).max_concurrency is None
    wide = httpx.AsyncClient(limits=httpx.Limits(max_connections=250))
    assert AsyncBackendClient("http://127.0.0.1:9/", http_client=wide).max_concurrency == 250
    unbounded = httpx.Client(limits=httpx.Limits(max_connections=None))
    assert BackendClient("http://127.0.0.1:9/", http_client=unbounded).max_concurrency is None
    unbounded.close()
    asyncio.run(wide.aclose())
