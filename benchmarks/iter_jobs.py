"""`iter_jobs` over many pages: peak traced memory (tracemalloc) must not grow with the total.

The server generates each page on the fly (`total` is a query parameter it reads, passed on by
the SDK as an extra filter). The figure is the peak while iterating `total` jobs over the peak
at a tenth of them; raw httpx fetching the same pages one by one is shown for reference. Each
measurement runs in a fresh process (`python -m benchmarks.iter_jobs sdk|raw ...`), so what
earlier benchmarks left in the heap (and in the garbage collector's generations) is not part
of it.
"""

from __future__ import annotations

import gc
import json
import sys
import tracemalloc

from . import child
from .common import Sizes, raw_client, sdk_client
from .report import Row

MiB = 1024 * 1024


def _sdk_iter(base_url: str, page_size: int, total: int) -> int:
    sdk = sdk_client(base_url)
    return sum(1 for _job in sdk.iter_jobs({"page_size": page_size}, extra_query={"total": total}))


def _raw_iter(base_url: str, page_size: int, total: int) -> int:
    raw = raw_client(base_url)
    seen, page = 0, 1
    while True:
        query = {"page_size": page_size, "total": total, "page": page}
        body = json.loads(raw.get("/jobs/", params=query).content)
        seen += sum(1 for _job in body["results"])
        if body["next"] is None:
            return seen
        page += 1


def worker(mode: str, base_url: str, page_size: int, total: int) -> int:
    """Peak bytes traced while iterating `total` jobs, after a warm-up of three pages."""
    iterate = _sdk_iter if mode == "sdk" else _raw_iter
    iterate(base_url, page_size, 3 * page_size)  # lazy imports, code paths
    gc.collect()
    tracemalloc.start()
    try:
        seen = iterate(base_url, page_size, total)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert seen == total, (seen, total)
    return peak


def _peak(mode: str, base_url: str, page_size: int, total: int) -> int:
    return int(child.run("iter_jobs", mode, base_url, str(page_size), str(total)))


def run(base_url: str, sizes: Sizes) -> list[Row]:
    size, large = sizes.iter_page_size, sizes.iter_total
    small = large // 10
    sdk_small = _peak("sdk", base_url, size, small)
    sdk_large = _peak("sdk", base_url, size, large)
    raw_small = _peak("raw", base_url, size, small)
    raw_large = _peak("raw", base_url, size, large)
    return [
        Row(
            f"iter_jobs peak memory, {large:,} / {small:,} jobs",
            sdk_large / sdk_small,
            1.2,
            detail=f"SDK {sdk_small / MiB:.2f} -> {sdk_large / MiB:.2f} MiB; raw httpx pages "
            f"{raw_small / MiB:.2f} -> {raw_large / MiB:.2f} MiB (pages of {size:,}, tracemalloc)",
        ),
    ]


if __name__ == "__main__":
    print(worker(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])))
