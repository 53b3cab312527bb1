"""A job's console log: read it whole, or follow it as it is written.

The request builders (`*_operation`) check the inputs and build each request with the generated
code; `ConsoleLogsMixin` and `AsyncConsoleLogsMixin` send them through the client's one boundary (`_base`).
"""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING, Any, cast

import httpx

from .. import _errors, _inputs
from .._base import AsyncAPIClient, SyncAPIClient
from .._lifecycle import DEFAULT_LOG_POLL_INTERVAL, LogCursor, MalformedEvent, job_ended
from .._operation import (
    Operation,
    Page,
    filters,
    page_of,
    types_module,
    unset,
    with_extra_params,
)
from .._pagination import PageWalk
from .jobs import get_job_operation

if TYPE_CHECKING:
    from ..types import (
        ConsoleLogEntry,
    )

log = logging.getLogger("synapse_sdk")


# Statuses of a stream request after which the client polls instead: no such endpoint (an older
# backend), or one that cannot stream.
_NO_STREAM = frozenset({404, 405, 406, 501})
# Transport failures that cut a stream short; the client reconnects where it was.
_STREAM_BROKEN = (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError, httpx.ConnectError)


def list_job_console_logs_operation(
    pk: object, since: object = None, page: int = 1
) -> Operation[list[ConsoleLogEntry] | Page[ConsoleLogEntry]]:
    """The entries: the document's reply is a plain list; a server that paginates its console
    logs answers a page envelope instead, which the client follows."""
    from synapse_api.api.jobs import list_job_console_logs as op

    arguments, _ = filters({"since": since}, types_module().ListJobConsoleLogsParams)
    kwargs = op.request_kwargs(pk=_inputs.job_id(pk), **arguments)
    return Operation(with_extra_params(kwargs, {"page": page} if page > 1 else {}), _list_orpage_of)


def _list_orpage_of(body: Any) -> list[Any] | Page[Any]:
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
        page = self._call(list_job_console_logs_operation(pk, since))
        if isinstance(page, list):
            return page
        walk = PageWalk(self.base_url, {}, 1)
        entries = page.items
        while walk.advance(page.items, page.total, page.next):  # a server that paginates them
            next_page = self._call(list_job_console_logs_operation(pk, since, walk.page))
            if isinstance(next_page, list):  # a server that stopped paginating midway
                return entries + next_page
            entries.extend(next_page.items)
            page = next_page
        return entries

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
        checked = _inputs.job_id(pk)
        cursor = LogCursor(_inputs.position(since, "since"))
        failures = 0
        while True:
            before = cursor.position
            yield from self._stream_logs(checked, cursor)
            if cursor.outcome == "end":
                return
            if cursor.outcome == "unsupported":
                break
            failures = 0 if cursor.position > before else failures + 1
            if failures > self.max_retries:
                break  # the stream keeps failing without progress: polling still works
            time.sleep(cursor.reconnect_delay)
        yield from self._poll_logs(checked, cursor)

    tail_job_console_logs = follow_job_console_logs
    """The production SDK's name for `follow_job_console_logs`."""

    def _stream_logs(self, pk: Any, cursor: LogCursor) -> Iterator[ConsoleLogEntry]:
        """One stream, from the cursor on; sets `cursor.outcome` to how it ended."""
        from httpx_sse import EventSource

        cursor.outcome = "dropped"
        request = self._build_request(self._http, tail_job_console_logs_operation(pk, cursor.position))
        try:
            response = self._http.send(request, stream=True)
        except _STREAM_BROKEN:
            return
        except httpx.TimeoutException:
            cursor.outcome = "unsupported"
            return
        try:
            if response.status_code in _NO_STREAM or (response.is_success and not _is_event_stream(response)):
                cursor.outcome = "unsupported"
                return
            if not response.is_success:
                response.read()
                raise _errors.from_response(response)
            for event in EventSource(response).iter_sse():
                entry = cursor.take_event(event.event, event.data, event.id, event.retry)
                if entry is not None:
                    yield cast("ConsoleLogEntry", entry)
                if cursor.ended:
                    return
        except MalformedEvent as error:
            log.warning("console log stream of job %s: %s; polling instead", pk, error)
            cursor.outcome = "unsupported"
        except httpx.TimeoutException:
            log.info("console log stream of job %s: silent past the read timeout; polling instead", pk)
            cursor.outcome = "unsupported"
        except _STREAM_BROKEN:
            pass  # dropped: the caller reconnects from the cursor
        finally:
            response.close()

    def _poll_logs(self, pk: Any, cursor: LogCursor) -> Iterator[ConsoleLogEntry]:
        while True:
            job = self._call(get_job_operation(pk))
            ended = job_ended(job)
            for entry in cursor.take_polled(self.list_job_console_logs(pk, since=cursor.position or None)):
                yield cast("ConsoleLogEntry", entry)
            if ended:
                return
            time.sleep(DEFAULT_LOG_POLL_INTERVAL)


class AsyncConsoleLogsMixin(AsyncAPIClient):
    """A job's console log: read it whole, or follow it as it is written. Awaitable."""

    async def list_job_console_logs(
        self, pk: int | str, *, since: int | None = None
    ) -> list[ConsoleLogEntry]:
        """A job's console log entries, oldest first.

        The awaitable twin of `BackendClient.list_job_console_logs`: the same arguments, result and errors."""
        page = await self._call(list_job_console_logs_operation(pk, since))
        if isinstance(page, list):
            return page
        walk = PageWalk(self.base_url, {}, 1)
        entries = page.items
        while walk.advance(page.items, page.total, page.next):  # a server that paginates them
            next_page = await self._call(list_job_console_logs_operation(pk, since, walk.page))
            if isinstance(next_page, list):  # a server that stopped paginating midway
                return entries + next_page
            entries.extend(next_page.items)
            page = next_page
        return entries

    async def follow_job_console_logs(
        self, pk: int | str, *, since: int = 0
    ) -> AsyncIterator[ConsoleLogEntry]:
        """Yield a job's console log entries as they are written, until the job ends.

        The async twin of `BackendClient.follow_job_console_logs`, used with `async for`: the same arguments and errors."""
        checked = _inputs.job_id(pk)
        cursor = LogCursor(_inputs.position(since, "since"))
        failures = 0
        while True:
            before = cursor.position
            async for entry in self._stream_logs(checked, cursor):
                yield entry
            if cursor.outcome == "end":
                return
            if cursor.outcome == "unsupported":
                break
            failures = 0 if cursor.position > before else failures + 1
            if failures > self.max_retries:
                break  # the stream keeps failing without progress: polling still works
            await _sleep(cursor.reconnect_delay)
        async for entry in self._poll_logs(checked, cursor):
            yield entry

    tail_job_console_logs = follow_job_console_logs
    """The production SDK's name for `follow_job_console_logs`."""

    async def _stream_logs(self, pk: Any, cursor: LogCursor) -> AsyncIterator[ConsoleLogEntry]:
        """One stream, from the cursor on; sets `cursor.outcome` to how it ended."""
        from httpx_sse import EventSource

        cursor.outcome = "dropped"
        request = self._build_request(self._http, tail_job_console_logs_operation(pk, cursor.position))
        try:
            response = await self._http.send(request, stream=True)
        except _STREAM_BROKEN:
            return
        except httpx.TimeoutException:
            cursor.outcome = "unsupported"
            return
        try:
            if response.status_code in _NO_STREAM or (response.is_success and not _is_event_stream(response)):
                cursor.outcome = "unsupported"
                return
            if not response.is_success:
                await response.aread()
                raise _errors.from_response(response)
            async for event in EventSource(response).aiter_sse():
                entry = cursor.take_event(event.event, event.data, event.id, event.retry)
                if entry is not None:
                    yield cast("ConsoleLogEntry", entry)
                if cursor.ended:
                    return
        except MalformedEvent as error:
            log.warning("console log stream of job %s: %s; polling instead", pk, error)
            cursor.outcome = "unsupported"
        except httpx.TimeoutException:
            log.info("console log stream of job %s: silent past the read timeout; polling instead", pk)
            cursor.outcome = "unsupported"
        except _STREAM_BROKEN:
            pass  # dropped: the caller reconnects from the cursor
        finally:
            await response.aclose()

    async def _poll_logs(self, pk: Any, cursor: LogCursor) -> AsyncIterator[ConsoleLogEntry]:
        while True:
            job = await self._call(get_job_operation(pk))
            ended = job_ended(job)
            for entry in cursor.take_polled(
                await self.list_job_console_logs(pk, since=cursor.position or None)
            ):
                yield cast("ConsoleLogEntry", entry)
            if ended:
                return
            await _sleep(DEFAULT_LOG_POLL_INTERVAL)


def _is_event_stream(response: httpx.Response) -> bool:
    content_type: str = response.headers.get("content-type", "")
    return content_type.partition(";")[0].strip() == "text/event-stream"


async def _sleep(seconds: float) -> None:
    import asyncio  # only async clients pay for importing asyncio

    await asyncio.sleep(seconds)
