"""Many concurrent `get_job` on `AsyncBackendClient` against raw `httpx.AsyncClient`.

Both pools allow one connection per concurrent request and keep none alive between rounds
(`max_keepalive_connections=0`): httpcore 1.0's pool scans every connection for every idle one
on each request (`_assign_requests_to_connections`), so 1,000 warm idle connections cost
~n^3/2 `is_idle()` calls per round (minutes), and 20 kept alive (httpx's default) makes that work
vary threefold with task scheduling. With none kept, the pool work is a fixed n^2 per round for
both clients; each round opens its connections, which is part of what both measure.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

import httpx

from .common import HEADERS, TIMEOUT, Sizes, async_sdk_client
from .report import Row, median, paired_ratio

Get = Callable[[int], Awaitable[object]]


async def _gather(get: Get, count: int) -> float:
    started = time.perf_counter()
    results = await asyncio.gather(*(get(pk) for pk in range(1, count + 1)))
    elapsed = time.perf_counter() - started
    assert len(results) == count
    return elapsed


async def _run(base_url: str, sizes: Sizes) -> tuple[list[float], list[float]]:
    count = sizes.concurrent
    limits = httpx.Limits(max_connections=count, max_keepalive_connections=0)
    sdk = async_sdk_client(base_url, httpx.AsyncClient(limits=limits))
    raw = httpx.AsyncClient(base_url=base_url, headers=HEADERS, timeout=TIMEOUT, limits=limits)

    async def raw_get(pk: int) -> object:
        return (await raw.get(f"/jobs/{pk}/")).json()

    sdk_t: list[float] = []
    raw_t: list[float] = []
    try:
        await _gather(sdk.get_job, count)  # warm up both code paths
        await _gather(raw_get, count)
        for turn in range(sizes.async_rounds):
            order: list[tuple[list[float], Get]] = [(sdk_t, sdk.get_job), (raw_t, raw_get)]
            for times, get in order if turn % 2 else order[::-1]:
                times.append(await _gather(get, count))
    finally:
        await sdk.close()
        await raw.aclose()
    return sdk_t, raw_t


def run(base_url: str, sizes: Sizes) -> list[Row]:
    sdk_t, raw_t = asyncio.run(_run(base_url, sizes))
    count = sizes.concurrent
    sdk_rate, raw_rate = count / median(sdk_t), count / median(raw_t)
    return [
        Row(
            f"{count:,} concurrent get_job, rate / raw",
            paired_ratio(raw_t, sdk_t),
            0.95,
            at_least=True,
            detail=f"SDK {sdk_rate:,.0f} req/s, raw {raw_rate:,.0f} req/s (medians of {len(sdk_t)} gathers each)",
        ),
    ]
