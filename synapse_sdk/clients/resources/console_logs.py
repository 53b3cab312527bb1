"""A job's console log: read it whole, or follow it as it is written.

The request builders (`*_operation`) check the inputs and build each request with the generated
code; the flows that read the log (`_flows.pages.collect`, `_flows.following.follow`) are driven
by `ConsoleLogsMixin` and `AsyncConsoleLogsMixin` through the client's one boundary (`_base`).
Entries are dicts in both dialects: production's plain lines become entries by the rule of
`_flows.entries` (docs/jobs.md).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING, Any

from .. import _inputs
from .._base import AsyncAPIClient, SyncAPIClient
from .._boundary import _BaseClient
from .._flows.entries import as_entries
from .._flows.following import JobLog, follow
from .._flows.pages import collect
from .._operation import Operation, Page, filters, page_of, types_module, unset, with_extra_params
from .jobs import get_job_operation

if TYPE_CHECKING:
    from ..types import ConsoleLogEntry


def list_job_console_logs_operation(
    pk: object, since: object = None, page: int = 1
) -> Operation[list[ConsoleLogEntry] | Page[ConsoleLogEntry]]:
    """The entries: the document's reply is a plain list (of entries, or production's lines);
    a server that paginates its console logs answers a page envelope instead."""
    from synapse_api.api.jobs import list_job_console_logs as op

    arguments, _ = filters({"since": since}, types_module().ListJobConsoleLogsParams)
    kwargs = op.request_kwargs(pk=_inputs.job_id(pk), **arguments)
    return Operation(with_extra_params(kwargs, {"page": page} if page > 1 else {}), _list_or_page)


def _list_or_page(body: Any) -> list[Any] | Page[Any]:
    return body if isinstance(body, list) else page_of(body)


def tail_job_console_logs_operation(pk: object, since: int) -> Operation[None]:
    """The stream request; `since` goes out as `Last-Event-ID`, which is what a reconnecting
    SSE client sends (the query form is for clients that cannot set headers)."""
    from synapse_api.api.jobs import tail_job_console_logs as op

    kwargs = op.request_kwargs(pk=_inputs.job_id(pk), last_event_id=str(since) if since else unset())
    kwargs["headers"] = {**kwargs.get("headers", {}), "Accept": "text/event-stream"}
    return Operation(kwargs, _no_shape)


def _no_shape(body: Any) -> None:
    raise TypeError("a stream has no JSON shape")


def _pages(pk: object, since: object) -> Any:
    checked = _inputs.job_id(pk)
    return lambda page: list_job_console_logs_operation(checked, since, page)


def _job_log(client: _BaseClient, pk: object) -> JobLog:
    checked = _inputs.job_id(pk)
    return JobLog(
        checked,
        lambda since: tail_job_console_logs_operation(checked, since),
        lambda since, page: list_job_console_logs_operation(checked, since, page),
        get_job_operation(checked),
        client.base_url,
    )


class ConsoleLogsMixin(SyncAPIClient):
    """A job's console log: read it whole, or follow it as it is written."""

    def list_job_console_logs(self, pk: int | str, *, since: int | None = None) -> list[ConsoleLogEntry]:
        """A job's console log entries, oldest first.

        Args:
            pk: the job's id.
            since: only the entries after this position (entries are numbered from 1, in
                their `id`); for reading a log piece by piece.

        Returns:
            The entries: `timestamp`, `level`, `message` (and `id`, their position).

        Raises:
            NotFoundError: no job has this id.

        Example:
            ```python
            for entry in client.list_job_console_logs(789):
                print(f"[{entry['timestamp']}] {entry['level']}: {entry['message']}")
            ```
        """
        return as_entries(self._run(collect(self.base_url, _pages(pk, since))))

    def follow_job_console_logs(self, pk: int | str, *, since: int = 0) -> Iterator[ConsoleLogEntry]:
        """Yield a job's console log entries as they are written, until the job ends.

        Streams `jobs/<pk>/tail_console_logs/` (server-sent events). A dropped stream is
        reconnected with `Last-Event-ID`, so no entry is lost or yielded twice; a server without
        the stream (404/405), a proxy that buffers it (nothing arrives within the read timeout)
        or a malformed event makes the client poll `console_logs/?since=<position>` instead,
        from where it was. Memory stays constant however long the log.

        Args:
            pk: the job's id.
            since: skip the entries up to this position (0: from the first).

        Yields:
            Entries: `timestamp`, `level`, `message`, and `id` (their position from 1).

        Raises:
            NotFoundError: no job has this id.

        Example:
            ```python
            run = client.run_plugin(123, {'parameters': {'threshold': 0.8}})
            for entry in client.follow_job_console_logs(run['job_id']):
                print(f"[{entry['timestamp']}] {entry['level']}: {entry['message']}")
            ```
        """
        flow = follow(_job_log(self, pk), _inputs.position(since, "since"), self._retry, self._limits)
        return self._iterate(flow)

    tail_job_console_logs = follow_job_console_logs
    """The production SDK's name for `follow_job_console_logs`."""


class AsyncConsoleLogsMixin(AsyncAPIClient):
    """A job's console log: read it whole, or follow it as it is written. Awaitable."""

    async def list_job_console_logs(
        self, pk: int | str, *, since: int | None = None
    ) -> list[ConsoleLogEntry]:
        """A job's console log entries, oldest first.

        The awaitable twin of `BackendClient.list_job_console_logs`: the same arguments, result and errors."""
        return as_entries(await self._run(collect(self.base_url, _pages(pk, since))))

    def follow_job_console_logs(self, pk: int | str, *, since: int = 0) -> AsyncIterator[ConsoleLogEntry]:
        """Yield a job's console log entries as they are written, until the job ends.

        The async twin of `BackendClient.follow_job_console_logs`, used with `async for`: the same arguments and errors."""
        flow = follow(_job_log(self, pk), _inputs.position(since, "since"), self._retry, self._limits)
        return self._iterate(flow)

    tail_job_console_logs = follow_job_console_logs
    """The production SDK's name for `follow_job_console_logs`."""
