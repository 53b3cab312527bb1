"""Jobs: a plugin run, read, listed, updated and waited for."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable, Iterator
from typing import TYPE_CHECKING, Literal, overload

from typing_extensions import TypedDict

from .. import _inputs
from .._base import AsyncAPIClient, SyncAPIClient
from .._flows.waiting import schedule_for, wait
from .._operation import (
    Extra,
    Operation,
    Page,
    Params,
    as_is,
    body_model,
    filters,
    page_of,
    types_module,
    with_extra_params,
)

if TYPE_CHECKING:
    from ..types import (
        GetJobParams,
        Job,
        JobUpdate,
        JobWithLogs,
        JobWithMetrics,
        JobWithResult,
        ListJobsParams,
    )

log = logging.getLogger("synapse_sdk")
JobCallback = Callable[["Job"], None]


# are there. Any other `params` returns the plain shape.
class _ExpandLogs(TypedDict):
    expand: Literal["logs"]


class _ExpandMetrics(TypedDict):
    expand: Literal["metrics"]


class _ExpandResult(TypedDict):
    expand: Literal["result"]


def get_job_operation(pk: object, params: object = None, extra: Extra = None) -> Operation[Job]:
    from synapse_api.api.jobs import get_job as op

    checked = _inputs.job_id(pk)
    arguments, extra_query = filters(params, types_module().GetJobParams, extra)
    return Operation(with_extra_params(op.request_kwargs(pk=checked, **arguments), extra_query), as_is)


def jobs_page_operation(params: object, extra: Extra = None) -> Operation[Page[Job]]:
    from synapse_api.api.jobs import list_jobs as op

    arguments, extra_query = filters(params, types_module().ListJobsParams, extra)
    return Operation(with_extra_params(op.request_kwargs(**arguments), extra_query), page_of)


def list_jobs_operation(params: object = None, extra: Extra = None) -> Operation[tuple[list[Job], int]]:
    page = jobs_page_operation(params, extra)
    return Operation(page.kwargs, lambda body: page_of(body).pair())


def update_job_operation(pk: object, data: object, extra: Extra = None) -> Operation[Job]:
    from synapse_api.api.jobs import update_job as op
    from synapse_api.models import JobUpdate

    checked = _inputs.job_id(pk)
    body = body_model(JobUpdate, data, types_module().JobUpdate, extra)
    return Operation(op.request_kwargs(pk=checked, body=body), as_is)


class JobsMixin(SyncAPIClient):
    """Jobs: a plugin run, read, listed, updated and waited for."""

    @overload
    def get_job(self, pk: int | str, params: _ExpandLogs, *, extra_query: Extra = None) -> JobWithLogs: ...
    @overload
    def get_job(
        self, pk: int | str, params: _ExpandMetrics, *, extra_query: Extra = None
    ) -> JobWithMetrics: ...
    @overload
    def get_job(
        self, pk: int | str, params: _ExpandResult, *, extra_query: Extra = None
    ) -> JobWithResult: ...
    @overload
    def get_job(
        self, pk: int | str, params: GetJobParams | Params | None = None, *, extra_query: Extra = None
    ) -> Job: ...
    def get_job(
        self, pk: int | str, params: GetJobParams | Params | None = None, *, extra_query: Extra = None
    ) -> Job | JobWithLogs | JobWithMetrics | JobWithResult:
        """Get a job.

        Args:
            pk: the job's id, an int or (newer backends) a UUID string.
            params: `{'expand': 'logs'}` adds its console `logs` (also `metrics`, `result`, or
                several: `'logs,metrics'` or `['logs', 'metrics']`). With one expand value the
                result is typed so that the field asked for is there (`JobWithLogs`, ...).
            extra_query: query parameters the document does not list, sent as given.

        Returns:
            The job: `id`, `plugin`, `status`, `progress`, `metadata`, `user`, `created`,
            `modified`, and what `expand` asked for.

        Raises:
            NotFoundError: no job has this id.

        Example:
            ```python
            job = client.get_job(789, params={'expand': 'logs'})
            print(job['status'], len(job['logs']))
            ```
        """
        return self._call(get_job_operation(pk, params, extra_query))

    def list_jobs(
        self, params: ListJobsParams | Params | None = None, *, extra_query: Extra = None
    ) -> tuple[list[Job], int]:
        """One page of jobs and the number of all that match: `(jobs, total_count)`.

        Args:
            params: filters `status`, `plugin`, `user`, `created_after` (a datetime, a date or
                an ISO 8601 string; a naive value is local time), `search`, `ordering`
                (`-created`, say), and `page`, `page_size`. An unknown key is refused, naming
                the closest one (`'stauts'`: did you mean `'status'`?).
            extra_query: query parameters the document does not list, sent as given.

        Example:
            ```python
            jobs, total = client.list_jobs({'status': 'running', 'ordering': '-created'})
            print(total, [job['id'] for job in jobs])
            ```
        """
        return self._call(list_jobs_operation(params, extra_query))

    def iter_jobs(
        self, params: ListJobsParams | Params | None = None, *, extra_query: Extra = None
    ) -> Iterator[Job]:
        """Every job matching `params` (as for `list_jobs`), page after page, fetched lazily.

        Memory stays constant however many jobs match; `page_size` sets how many a request fetches.

        Example:
            ```python
            for job in client.iter_jobs({'plugin': 123, 'page_size': 500}):
                print(job['id'], job['status'])
            ```
        """
        return self._walk(jobs_page_operation, params, extra_query)

    def update_job(self, pk: int | str, data: JobUpdate | Params, *, extra_body: Extra = None) -> Job:
        """Update a job's `status`, `progress` (0-100), `result` or `metadata`.

        Args:
            pk: the job's id.
            data: the fields to change; a key the document does not name (`'stauts'`) is
                refused before sending.
            extra_body: fields the document does not list, sent as given.

        Returns:
            The updated job.

        Raises:
            NotFoundError: no job has this id.
            ValidationError: a key is unknown, or the server refused a value.

        Example:
            ```python
            job = client.update_job(789, {'progress': 75, 'metadata': {'step': 'resize'}})
            print(job['progress'])
            ```
        """
        return self._call(update_job_operation(pk, data, extra_body))

    def wait_for_job(
        self,
        pk: int | str,
        *,
        timeout: float | None = None,
        poll_interval: float = 1.0,
        max_poll_interval: float = 10.0,
        on_update: JobCallback | None = None,
    ) -> Job:
        """Wait until a job has ended, and return it.

        Polls `get_job`: first after `poll_interval` seconds, then half as long again each time
        up to `max_poll_interval`; a `Retry-After` on a reply sets the next wait, kept between
        `poll_interval` and the retry policy's `max_retry_after`. `timeout` bounds the whole
        wait, a poll that hangs included. A job ends in
        a terminal status (`synapse_sdk.clients.jobs.TERMINAL_STATUSES`: `completed`, `failed`,
        `SUCCEEDED`, `FAILED`, `STOPPED`); a status this client does not know is not terminal.

        A job that failed is returned, not raised: check `jobs.is_success(job['status'])`.

        Args:
            pk: the job's id.
            timeout: seconds to wait at most (None: as long as it takes).
            poll_interval: seconds before the second poll (more than 0).
            max_poll_interval: the longest wait between two polls.
            on_update: called with the job at the first poll and whenever its status or
                progress changes.

        Returns:
            The job, in its terminal status.

        Raises:
            JobWaitTimeoutError: the job had not ended after `timeout` seconds; its `job` is the
                last one seen.
            NotFoundError: no job has this id (before any wait).
            ValueError: `poll_interval`, `max_poll_interval` or `timeout` is not a valid number.

        Example:
            ```python
            run = client.run_plugin(123, {'parameters': {'threshold': 0.8}})
            job = client.wait_for_job(run['job_id'], timeout=60, on_update=lambda j: print(j['progress']))
            print(job['status'])
            ```
        """
        schedule = schedule_for(self._retry, poll_interval, max_poll_interval, timeout)
        job: Job = self._run(wait(pk, get_job_operation(pk), schedule, on_update))
        return job


class AsyncJobsMixin(AsyncAPIClient):
    """Jobs: a plugin run, read, listed, updated and waited for. Awaitable."""

    @overload
    async def get_job(
        self, pk: int | str, params: _ExpandLogs, *, extra_query: Extra = None
    ) -> JobWithLogs: ...
    @overload
    async def get_job(
        self, pk: int | str, params: _ExpandMetrics, *, extra_query: Extra = None
    ) -> JobWithMetrics: ...
    @overload
    async def get_job(
        self, pk: int | str, params: _ExpandResult, *, extra_query: Extra = None
    ) -> JobWithResult: ...
    @overload
    async def get_job(
        self, pk: int | str, params: GetJobParams | Params | None = None, *, extra_query: Extra = None
    ) -> Job: ...
    async def get_job(
        self, pk: int | str, params: GetJobParams | Params | None = None, *, extra_query: Extra = None
    ) -> Job | JobWithLogs | JobWithMetrics | JobWithResult:
        """Get a job.

        The awaitable twin of `BackendClient.get_job`: the same arguments, result and errors."""
        return await self._call(get_job_operation(pk, params, extra_query))

    async def list_jobs(
        self, params: ListJobsParams | Params | None = None, *, extra_query: Extra = None
    ) -> tuple[list[Job], int]:
        """One page of jobs and the number of all that match: `(jobs, total_count)`.

        The awaitable twin of `BackendClient.list_jobs`: the same arguments, result and errors."""
        return await self._call(list_jobs_operation(params, extra_query))

    def iter_jobs(
        self, params: ListJobsParams | Params | None = None, *, extra_query: Extra = None
    ) -> AsyncIterator[Job]:
        """Every job matching `params` (as for `list_jobs`), page after page, fetched lazily.

        The async twin of `BackendClient.iter_jobs`, used with `async for`: the same arguments and errors."""
        return self._walk(jobs_page_operation, params, extra_query)

    async def update_job(self, pk: int | str, data: JobUpdate | Params, *, extra_body: Extra = None) -> Job:
        """Update a job's `status`, `progress` (0-100), `result` or `metadata`.

        The awaitable twin of `BackendClient.update_job`: the same arguments, result and errors."""
        return await self._call(update_job_operation(pk, data, extra_body))

    async def wait_for_job(
        self,
        pk: int | str,
        *,
        timeout: float | None = None,
        poll_interval: float = 1.0,
        max_poll_interval: float = 10.0,
        on_update: JobCallback | None = None,
    ) -> Job:
        """Wait until a job has ended, and return it.

        The awaitable twin of `BackendClient.wait_for_job`: the same arguments, result and errors."""
        schedule = schedule_for(self._retry, poll_interval, max_poll_interval, timeout)
        job: Job = await self._run(wait(pk, get_job_operation(pk), schedule, on_update))
        return job
