"""`get_plugin` per call against raw `httpx.Client.get(url).json()`: median and p95."""

from __future__ import annotations

import time

from .common import Sizes, raw_client, sdk_client
from .report import Row, median, p95

BATCH = 10  # calls per batch; batches alternate SDK and raw (ABBA...), so noise hits both alike


def run(base_url: str, sizes: Sizes) -> list[Row]:
    sdk = sdk_client(base_url)
    raw = raw_client(base_url)

    def sdk_call() -> object:
        return sdk.get_plugin(123)

    def raw_call() -> object:
        return raw.get("/plugins/123/").json()

    assert sdk_call() == raw_call()
    for _ in range(max(100, sizes.calls // 10)):  # warm up both paths and connections
        sdk_call()
        raw_call()
    sdk_times: list[float] = []
    raw_times: list[float] = []
    for batch in range(-(-sizes.calls // BATCH)):
        order = [(sdk_times, sdk_call), (raw_times, raw_call)]
        for times, call in order if batch % 2 else order[::-1]:
            for _ in range(BATCH):
                started = time.perf_counter_ns()
                call()
                times.append((time.perf_counter_ns() - started) / 1000)
    sdk.close()
    raw.close()
    detail = "SDK {:.0f} µs, raw {:.0f} µs ({} calls each)"
    return [
        Row(
            "get_plugin median / raw",
            median(sdk_times) / median(raw_times),
            1.05,
            detail=detail.format(median(sdk_times), median(raw_times), len(sdk_times)),
        ),
        Row(
            "get_plugin p95 / raw",
            p95(sdk_times) / p95(raw_times),
            1.05,
            detail=detail.format(p95(sdk_times), p95(raw_times), len(sdk_times)),
        ),
    ]
