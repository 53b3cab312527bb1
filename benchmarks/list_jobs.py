"""`list_jobs` with one large page, against raw httpx + `json.loads`.

The documented path returns the server's dicts. The typed-model path is what a caller of
this SDK can write: `list_jobs` hands back `(jobs, count)`, not the page body, so the models
come from `[Job.from_dict(job) for job in jobs]` (`PaginatedJobList.from_dict` would do the same
per-job work on a body the SDK does not return).
"""

from __future__ import annotations

import json

from synapse_api.models import Job

from .common import Sizes, alternate, raw_client, sdk_client
from .report import Row, median, paired_ratio


def run(base_url: str, sizes: Sizes) -> list[Row]:
    sdk = sdk_client(base_url)
    raw = raw_client(base_url)
    params = {"page_size": sizes.page_jobs}

    def raw_path() -> object:
        return json.loads(raw.get("/jobs/", params=params).content)["results"]

    def dict_path() -> object:
        return sdk.list_jobs(params)[0]

    def typed_path() -> object:
        jobs, _count = sdk.list_jobs(params)
        return [Job.from_dict(job) for job in jobs]

    assert dict_path() == raw_path() and len(typed_path()) == sizes.page_jobs  # type: ignore[arg-type]
    raw_t: list[float] = []
    dict_t: list[float] = []
    typed_t: list[float] = []
    alternate([(raw_t, raw_path), (dict_t, dict_path), (typed_t, typed_path)], sizes.page_reps)
    sdk.close()
    raw.close()
    ms = 1000
    jobs = f"{sizes.page_jobs:,} jobs"
    return [
        Row(
            f"list_jobs dicts / raw ({jobs})",
            paired_ratio(dict_t, raw_t),
            1.05,
            detail=f"SDK {median(dict_t) * ms:.1f} ms, raw {median(raw_t) * ms:.1f} ms (medians of {len(raw_t)})",
        ),
        Row(
            f"list_jobs typed / raw ({jobs})",
            paired_ratio(typed_t, raw_t),
            1.3,
            detail=f"SDK + Job.from_dict {median(typed_t) * ms:.1f} ms, raw {median(raw_t) * ms:.1f} ms",
        ),
    ]
