"""Many concurrent `get_job` on `AsyncBackendClient` with its defaults, against the best of
several raw `httpx.AsyncClient` set-ups in the same run.

Raw httpx with its defaults (a pool of 100 connections) fails 1,000 concurrent calls: httpcore's
pool re-examines every queued request on each event, so the queue's wait grows with its square
until the pool timeout fires (minutes). So the raw candidates are what a raw-httpx user must
write instead: (a) a pool as wide as the burst with no idle connections kept (httpcore rescans
idle ones for every request), and (b) httpx's default pool behind an `asyncio.Semaphore(100)`.
Each size warms every candidate up once; candidates that fail or are more than 1.25x slower than
the best warm-up are dropped (at 5,000, (a) takes about three times as long, or times out on a
loaded machine), the rest run in interleaved rounds,
and the SDK is compared, round by round, with the candidate of the best median.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Awaitable, Callable

import httpx

from .common import HEADERS, TIMEOUT, TOKEN, Sizes
from .report import Row, median, paired_ratio

Get = Callable[[int], Awaitable[object]]


class Failed(Exception):
    """Some calls of a gather failed (a raw set-up can time out at 5,000: it is then dropped)."""


async def _gather(get: Get, count: int) -> float:
    started = time.perf_counter()
    results = await asyncio.gather(*(get(pk) for pk in range(1, count + 1)), return_exceptions=True)
    elapsed = time.perf_counter() - started
    errors = [result for result in results if not isinstance(result, dict)]
    if errors:
        raise Failed(f"{len(errors)} of {count} calls failed, e.g. {errors[0]!r}")
    return elapsed


async def _measure(base_url: str, count: int, rounds: int) -> tuple[list[float], str, list[float]]:
    from synapse_sdk.clients.backend import AsyncBackendClient

    sdk = AsyncBackendClient(base_url, access_token=TOKEN)  # every default, the pool's included
    wide = httpx.AsyncClient(
        base_url=base_url,
        headers=HEADERS,
        timeout=TIMEOUT,
        limits=httpx.Limits(max_connections=count, max_keepalive_connections=0),
    )
    pooled = httpx.AsyncClient(base_url=base_url, headers=HEADERS, timeout=TIMEOUT)
    slots = asyncio.Semaphore(100)

    async def wide_get(pk: int) -> object:
        return (await wide.get(f"/jobs/{pk}/")).json()

    async def pooled_get(pk: int) -> object:
        async with slots:
            response = await pooled.get(f"/jobs/{pk}/")
        return response.json()

    candidates: dict[str, Get] = {
        f"pool of {count:,}, none kept alive": wide_get,
        "default pool + Semaphore(100)": pooled_get,
    }
    try:
        await _gather(sdk.get_job, count)
        warm: dict[str, float] = {}
        for name, get in candidates.items():
            with contextlib.suppress(Failed):  # a raw set-up that fails is no candidate
                warm[name] = await _gather(get, count)
        best_warm = min(warm.values())
        kept = {
            name: get for name, get in candidates.items() if warm.get(name, float("inf")) <= 1.25 * best_warm
        }
        times: dict[str, list[float]] = {"sdk": [], **{name: [] for name in kept}}
        order: list[tuple[str, Get]] = [("sdk", sdk.get_job), *kept.items()]
        for turn in range(rounds):
            shift = turn % len(order)
            for name, get in order[shift:] + order[:shift]:
                times[name].append(await _gather(get, count))
    finally:
        await sdk.close()
        await wide.aclose()
        await pooled.aclose()
    best = min(kept, key=lambda name: median(times[name]))
    return times["sdk"], best, times[best]


def _spread(times: list[float]) -> str:
    ordered = sorted(times)
    return f"{ordered[0]:.2f}/{median(ordered):.2f}/{ordered[-1]:.2f} s"


def run(base_url: str, sizes: Sizes) -> list[Row]:
    rows = []
    for count, rounds in zip(sizes.concurrent, sizes.async_rounds, strict=True):
        sdk_t, best, raw_t = asyncio.run(_measure(base_url, count, rounds))
        rows.append(
            Row(
                f"{count:,} concurrent get_job, rate / best raw",
                paired_ratio(raw_t, sdk_t),
                0.95,
                at_least=True,
                detail=f"SDK {count / median(sdk_t):,.0f} req/s, raw ({best}) {count / median(raw_t):,.0f} req/s; "
                f"gathers min/median/max SDK {_spread(sdk_t)}, raw {_spread(raw_t)} ({len(sdk_t)} each)",
            )
        )
    return rows
