"""A large `create_plugin_release` against a raw httpx streaming multipart upload of the same
file: peak RSS growth of the uploading process, throughput, and client CPU per MiB. Each upload
runs in a fresh process (`upload_worker`); SDK and raw runs alternate. The SDK passes a progress
callback; raw httpx sends its default 64 KiB chunks."""

from __future__ import annotations

import json
import os
import random
import tempfile

from . import child
from .common import Sizes
from .report import Row, median, paired_ratio

MiB = 1024 * 1024


def _write_package(path: str, mib: int) -> None:
    """`mib` MiB of pseudo-random bytes (incompressible, and really written: not sparse)."""
    rng = random.Random(20250115)
    with open(path, "wb") as file:
        for _ in range(mib):
            file.write(rng.randbytes(MiB))


def _upload(mode: str, base_url: str, path: str) -> dict[str, float]:
    return json.loads(child.run("upload_worker", mode, base_url, path))  # type: ignore[no-any-return]


def run(base_url: str, sizes: Sizes) -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="synapse-bench-") as tmp:
        path = os.path.join(tmp, "package.zip")
        _write_package(path, sizes.upload_mib)
        sdk: list[dict[str, float]] = []
        raw: list[dict[str, float]] = []
        for turn in range(sizes.upload_runs):
            for mode, results in [("sdk", sdk), ("raw", raw)][:: 1 if turn % 2 else -1]:
                results.append(_upload(mode, base_url, path))
    size = sizes.upload_mib
    sdk_rate = median([size / r["seconds"] for r in sdk])
    raw_rate = median([size / r["seconds"] for r in raw])
    ratio = paired_ratio([r["seconds"] for r in raw], [r["seconds"] for r in sdk])
    cpu_ratio = paired_ratio([r["cpu"] for r in sdk], [r["cpu"] for r in raw])
    sdk_cpu = median([r["cpu"] for r in sdk]) / size * 1e6  # µs per MiB
    raw_cpu = median([r["cpu"] for r in raw]) / size * 1e6
    sdk_growth = max(r["growth"] for r in sdk) / MiB
    raw_growth = max(r["growth"] for r in raw) / MiB
    return [
        Row(
            f"upload {size} MiB, peak RSS growth",
            sdk_growth,
            16,
            unit="MiB",
            detail=f"SDK {sdk_growth * 1024:.0f} KiB, raw httpx {raw_growth * 1024:.0f} KiB "
            f"(max of {len(sdk)} fresh processes, {sdk[0]['method']})",
        ),
        Row(
            f"upload {size} MiB, throughput / raw",
            ratio,
            1.2,
            at_least=True,
            detail=f"SDK {sdk_rate:.0f} MiB/s, raw {raw_rate:.0f} MiB/s (median of {len(sdk)})",
        ),
        Row(
            f"upload {size} MiB, client CPU / raw",
            cpu_ratio,
            1.0,
            detail=f"SDK {sdk_cpu:.0f} µs/MiB, raw {raw_cpu:.0f} µs/MiB (median of {len(sdk)})",
        ),
    ]
