"""What every benchmark shares: the sizes of a run, and the SDK and raw httpx clients, built
with the same headers and timeout so that only the SDK's own work differs."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from synapse_sdk.clients.backend import BackendClient

TOKEN = "bench-access-token-0123456789abcdef"
HEADERS = {"Synapse-Access-Token": f"Token {TOKEN}"}  # what the SDK sends for access_token=TOKEN
TIMEOUT = httpx.Timeout(15.0, connect=5.0)  # the SDK's default


@dataclass(frozen=True)
class Sizes:
    calls: int  # get_plugin calls, each of SDK and raw
    page_jobs: int  # jobs in the list_jobs page
    page_reps: int  # list_jobs repetitions, each path
    upload_mib: int
    upload_runs: int  # fresh-process uploads, each of SDK and raw
    concurrent: tuple[int, ...]  # concurrent get_job, one row per size
    async_rounds: tuple[int, ...]  # gathers at each size, each of SDK and raw
    iter_total: int  # jobs iterated (the small run iterates a tenth)
    iter_page_size: int
    import_runs: int  # fresh interpreters, each of bare, httpx+attrs and SDK


FULL = Sizes(3000, 10_000, 40, 512, 10, (1000, 5000), (9, 3), 100_000, 1000, 30)
QUICK = Sizes(200, 1000, 5, 8, 1, (100,), (2,), 5000, 100, 5)


def sdk_client(base_url: str) -> BackendClient:
    return BackendClient(base_url, access_token=TOKEN)


def raw_client(base_url: str, **options: object) -> httpx.Client:
    return httpx.Client(base_url=base_url, headers=HEADERS, timeout=TIMEOUT, **options)  # type: ignore[arg-type]


def timed(call: Callable[[], object]) -> float:
    """Seconds one call takes."""
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def alternate(pairs: list[tuple[list[float], Callable[[], object]]], rounds: int) -> None:
    """Time each call `rounds` times, interleaved (A B C, then C A B, ...) so machine noise
    falls on every path alike; each call's times go to its list."""
    for turn in range(rounds):
        shift = turn % len(pairs)
        for times, call in pairs[shift:] + pairs[:shift]:
            times.append(timed(call))
