"""`list_jobs` with one large page, against raw httpx + `json.loads`.

The documented path returns the server's dicts. The typed-model path is what a caller of
this SDK can write: `list_jobs` hands back `(jobs, count)`, not the page body, so the models
come from `[Job.from_dict(job) for job in jobs]` (`PaginatedJobList.from_dict` would do the same
per-job work on a body the SDK does not return), and every field of every job is read before
the clock stops (`typed_models.read_job`): a lazy model that is never read costs nothing.
"""

from __future__ import annotations

import json

from synapse_api.models import Job

from .common import Sizes, alternate, raw_client, sdk_client
from .report import Row, median, paired_ratio
from .typed_models import check_reader, read_job


def run(base_url: str, sizes: Sizes) -> list[Row]:
    sdk = sdk_client(base_url)
    raw = raw_client(base_url)
    params = {"page_size": sizes.page_jobs}

    def raw_path() -> object:
        return json.loads(raw.get("/jobs/", params=params).content)["results"]

    def dict_path() -> object:
        return sdk.list_jobs(params)[0]

    def typed_path() -> int:
        jobs, _count = sdk.list_jobs(params)
        typed = [Job.from_dict(job) for job in jobs]  # kept, as a caller keeps its page
        return sum(read_job(job) for job in typed)

    check_reader()
    assert dict_path() == raw_path() and typed_path() >= 9 * sizes.page_jobs
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
            f"list_jobs typed, every field read / raw ({jobs})",
            paired_ratio(typed_t, raw_t),
            2.0,
            detail=f"SDK + Job.from_dict + reads {median(typed_t) * ms:.1f} ms, raw {median(raw_t) * ms:.1f} ms",
        ),
    ]
