"""Typed models, measured with every field read: a page of jobs from JSON bytes to
`PaginatedJobList` (and `Job`, `JobMetadata`, `JobResult` inside it), in process, against
`json.loads` of the same bytes.

Reply models are lazy (a model converts its mapping on the first read of a field), so a figure
that never reads them measures nothing: `read_job` reads every field of a job, nested models
included, before the clock stops, and `run` first checks that it covers every field the model
declares and that the typed page says what the JSON says. The garbage collector stays on, as in
a caller's process; each turn starts after a `gc.collect()`, so one turn's garbage is not
collected on the next one's clock. The clock is this thread's CPU time (the collector's work
included): the work is in-process and single-threaded, and CPU time does not count the turns
another process on a shared machine takes the core.
"""

from __future__ import annotations

import gc
import json
import time
from typing import Any

import attrs
from synapse_api.models import ConsoleLogEntry, Job, PaginatedJobList
from synapse_api.types import Unset

from . import data
from .common import Sizes
from .report import Row, median, paired_ratio

# What `read_job` reads; `run` refuses to measure if a model gains a field this does not name.
JOB_FIELDS = frozenset(
    {
        "id",
        "plugin",
        "status",
        "progress",
        "metadata",
        "user",
        "created",
        "modified",
        "result",
        "metrics",
        "logs",
        # The production dialect's fields (absent from this page, still read).
        "action",
        "params",
        "progress_record",
        "metrics_record",
        "meta",
        "queue",
        "error",
        "is_active",
        "plugin_release_id",
        "completed",
        "additional_properties",
    }
)
LOG_FIELDS = frozenset({"id", "timestamp", "level", "message", "line", "additional_properties"})


def read_job(job: Job) -> int:
    """Read every field of `job` as a caller would, attribute by attribute (a nested model's
    fields too); the count returned keeps the reads from being dead code."""
    seen = len(
        (
            job.id,
            job.plugin,
            job.status,
            job.progress,
            job.user,
            job.created,
            job.modified,
            job.additional_properties,
            job.metadata.additional_properties,
            job.action,
            job.is_active,
            job.plugin_release_id,
            job.completed,
        )
    )
    for nested in (job.params, job.progress_record, job.metrics_record, job.meta, job.queue, job.error):
        if nested is not None and not isinstance(nested, Unset):
            seen += len(nested.additional_properties)
    result, metrics, logs = job.result, job.metrics, job.logs
    if isinstance(result, list):
        seen += len(result)
    elif not isinstance(result, Unset):
        seen += len(result.additional_properties)
    if not isinstance(metrics, Unset):
        seen += len(metrics.additional_properties)
    if not isinstance(logs, Unset):
        for entry in logs:
            seen += len(
                (
                    entry.id,
                    entry.timestamp,
                    entry.level,
                    entry.message,
                    entry.line,
                    entry.additional_properties,
                )
            )
    return seen


def check_reader() -> None:
    """`read_job` must read what the models declare: a new field makes the figure stale."""
    for model, named in ((Job, JOB_FIELDS), (ConsoleLogEntry, LOG_FIELDS)):
        declared = {field.name for field in attrs.fields(model)}
        if declared != named:
            raise RuntimeError(
                f"benchmarks.typed_models reads {sorted(named)} of {model.__name__}, which declares {sorted(declared)}"
            )


def _plain(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def _check_page(page: PaginatedJobList, body: dict[str, Any]) -> None:
    """The typed page says what the JSON says (checked once, off the clock)."""
    assert page.count == body["count"] and len(page.results) == len(body["results"])
    for job, raw in zip(page.results, body["results"], strict=True):
        assert job.to_dict() == raw, (job, raw)
        assert str(job.id) == str(raw["id"]) and _plain(job.created) == raw["created"]


def run(_base_url: str, sizes: Sizes) -> list[Row]:
    check_reader()
    body = data.job_page(1, sizes.page_jobs, sizes.page_jobs)
    _check_page(PaginatedJobList.from_dict(json.loads(body)), json.loads(body))

    def loads() -> None:
        json.loads(body)

    def typed() -> None:
        page = PaginatedJobList.from_dict(json.loads(body))
        assert sum(read_job(job) for job in page.results) >= 9 * sizes.page_jobs

    loads_t: list[float] = []
    typed_t: list[float] = []
    for turn in range(sizes.page_reps):
        for times, call in ((loads_t, loads), (typed_t, typed))[:: 1 if turn % 2 else -1]:
            gc.collect()
            started = time.thread_time()
            call()
            times.append(time.thread_time() - started)
    ms = 1000
    per_job = (median(typed_t) - median(loads_t)) / sizes.page_jobs * 1e6
    return [
        Row(
            f"typed models in process, every field read / json.loads ({sizes.page_jobs:,} jobs)",
            paired_ratio(typed_t, loads_t),
            2.0,
            detail=f"json.loads + PaginatedJobList.from_dict + reads {median(typed_t) * ms:.1f} ms CPU, "
            f"json.loads {median(loads_t) * ms:.1f} ms ({per_job:.1f} µs a job more; medians of {len(loads_t)}, "
            f"{len(body) / 1e6:.1f} MB)",
        ),
    ]
