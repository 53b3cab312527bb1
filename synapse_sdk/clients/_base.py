"""The one boundary: every request of the client, streams included, goes through here.

`_BaseClient` (`_boundary`) holds what is independent of I/O, on top of the settings of
`_settings`: building a request, judging an attempt by the retry policy, turning an answer into a
result or a `ClientError`. `SyncAPIClient` and `AsyncAPIClient` add the send loop (the limiter's slot held
for each attempt; for a stream, while it is open) and the driver of the flows in `_flows`;
they differ only in how they wait.

From a method to the socket: `_call(operation)` -> `_send` -> `httpx.Client.send`; a flow's
`Call` and `Open` actions take the same path (`_drive` -> `_send` -> `httpx.Client.send`).
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any, Self, TypeVar

import httpx

from . import _attempt, _errors, _limit
from ._boundary import _BaseClient
from ._config import NOT_GIVEN
from ._flows.actions import Call, Emit, Flow, Open, Sleep, Steps
from ._flows.pages import walk
from ._operation import Extra, Operation, Page
from .exceptions import ClientError

log = logging.getLogger("synapse_sdk")


async def _asyncio_sleep(seconds: float) -> None:
    import asyncio  # only async clients pay for importing asyncio

    await asyncio.sleep(seconds)


T = TypeVar("T")
R = TypeVar("R")
PageOperation = Callable[[dict[str, Any], Extra], Operation[Page[T]]]


class SyncAPIClient(_BaseClient):
    _plumbing = True
    _http: httpx.Client
    _limiter: _limit.SyncLimiter

    def _attach_limiter(self, limit: int | None) -> None:
        self._limiter = _limit.SyncLimiter(limit)

    def _attach_http(self, http_client: httpx.Client | httpx.AsyncClient | None) -> None:
        if http_client is None:
            self._http = self._api.get_httpx_client()
        elif isinstance(http_client, httpx.Client):
            self._http = self._api.set_httpx_client(http_client).get_httpx_client()
        else:
            raise TypeError("http_client must be an httpx.Client for BackendClient")

    def _transmit(
        self, http: httpx.Client, request: httpx.Request, *, stream: bool = False
    ) -> httpx.Response:
        """One attempt on the wire, the single hook every request (streams too) goes through:
        credentials kept to the base URL's origin, the attempt's deadline, the body read within
        `self._limits` (see `_attempt`)."""
        return _attempt.send(http, request, self.base_url, self._limits, self._attempt_timeout, stream=stream)

    def _call(self, operation: Operation[T], deadline: float | None = None) -> T:
        try:
            return self._result(operation, self._send(operation, deadline=deadline))
        finally:
            for handle in operation.closes:
                handle.close()

    def _send(
        self,
        operation: Operation[Any],
        hold: contextlib.ExitStack | None = None,
        deadline: float | None = None,
    ) -> httpx.Response:
        """The final answer to `operation`, after the retries the policy allows. With `hold`, a
        stream: a success is returned unread, its slot and its close pushed onto `hold`."""
        http = self._http
        request = self._build_request(http, operation, deadline)
        retries_done, waited = 0, 0.0
        while True:
            started = time.monotonic()
            outcome: httpx.Response | httpx.HTTPError
            with contextlib.ExitStack() as attempt:
                attempt.enter_context(self._limiter.slot())  # for the attempt (a stream: while open)
                try:
                    outcome = self._transmit(http, request, stream=hold is not None)
                except httpx.HTTPError as error:
                    outcome = error
                except OSError as error:  # httpx wraps network errors: this is the package being read
                    raise _errors.unreadable_upload(error, request) from error
                if hold is not None and isinstance(outcome, httpx.Response):
                    attempt.callback(outcome.close)
                    if outcome.is_success:
                        hold.enter_context(attempt.pop_all())
                    else:
                        outcome.read()
            step = self._settle(request, retries_done, waited, started, outcome)
            if isinstance(step, httpx.Response):
                return step
            time.sleep(step)
            retries_done, waited = retries_done + 1, waited + step

    def _walk(self, operation: PageOperation[T], params: object, extra: Extra) -> Iterator[T]:
        return self._iterate(walk(self.base_url, operation, params, extra))

    def _iterate(self, flow: Flow[None]) -> Iterator[Any]:
        """The items a flow emits, lazily: nothing is sent before the first is asked for."""
        return self._drive(Steps(flow))

    def _run(self, flow: Flow[R]) -> R:
        """Run a flow that emits nothing; its result."""
        steps = Steps(flow)
        for _ in self._drive(steps):
            raise TypeError("a flow that emits items is driven by _drive")
        result: R = steps.result
        return result

    def _drive(self, steps: Steps) -> Iterator[Any]:
        """Carry out a flow's actions (see `_flows`), yielding the items it emits."""
        with contextlib.closing(steps.flow), _SyncStream() as stream:
            while (action := steps.next()) is not None:
                try:
                    if isinstance(action, Emit):
                        yield from action.items
                    elif isinstance(action, Call):
                        response = self._send(action.operation, deadline=action.deadline)
                        steps.reply = self._answer(action, response)
                    elif isinstance(action, Sleep):
                        time.sleep(action.seconds)
                    elif isinstance(action, Open):
                        stream.close()
                        steps.reply = stream.opened(self._check(self._send(action.operation, stream.hold)))
                    else:
                        steps.reply = stream.read(self)
                except ClientError as error:
                    steps.error = error

    def close(self) -> None:
        """Close the connection pool (not an `http_client` you passed: that one is yours). The
        client, and every `with_options` copy of it, can not be used afterwards."""
        self._lifetime.closed = True
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class AsyncAPIClient(_BaseClient):
    _plumbing = True
    _http: httpx.AsyncClient
    _limiter: _limit.AsyncLimiter

    def _attach_limiter(self, limit: int | None) -> None:
        self._limiter = _limit.AsyncLimiter(limit)

    def _attach_http(self, http_client: httpx.Client | httpx.AsyncClient | None) -> None:
        if http_client is None:
            self._http = self._api.get_async_httpx_client()
        elif isinstance(http_client, httpx.AsyncClient):
            self._http = self._api.set_async_httpx_client(http_client).get_async_httpx_client()
        else:
            raise TypeError("http_client must be an httpx.AsyncClient for AsyncBackendClient")

    async def _transmit(
        self, http: httpx.AsyncClient, request: httpx.Request, *, stream: bool = False
    ) -> httpx.Response:
        """One attempt on the wire: see `SyncAPIClient._transmit`."""
        return await _attempt.send_async(
            http, request, self.base_url, self._limits, self._attempt_timeout, stream=stream
        )

    async def _call(self, operation: Operation[T], deadline: float | None = None) -> T:
        try:
            return self._result(operation, await self._send(operation, deadline=deadline))
        finally:
            for handle in operation.closes:
                handle.close()

    async def _send(
        self,
        operation: Operation[Any],
        hold: contextlib.AsyncExitStack | None = None,
        deadline: float | None = None,
    ) -> httpx.Response:
        """The final answer to `operation`, after the retries the policy allows. With `hold`, a
        stream: a success is returned unread, its slot and its close pushed onto `hold`."""
        http = self._http
        request = self._build_request(http, operation, deadline)
        retries_done, waited = 0, 0.0
        while True:
            started = time.monotonic()
            outcome: httpx.Response | httpx.HTTPError
            async with contextlib.AsyncExitStack() as attempt:
                await attempt.enter_async_context(
                    self._limiter.slot()
                )  # for the attempt (a stream: while open)
                try:
                    outcome = await self._transmit(http, request, stream=hold is not None)
                except httpx.HTTPError as error:
                    outcome = error
                except OSError as error:  # httpx wraps network errors: this is the package being read
                    raise _errors.unreadable_upload(error, request) from error
                if hold is not None and isinstance(outcome, httpx.Response):
                    attempt.push_async_callback(outcome.aclose)
                    if outcome.is_success:
                        await hold.enter_async_context(attempt.pop_all())
                    else:
                        await outcome.aread()
            step = self._settle(request, retries_done, waited, started, outcome)
            if isinstance(step, httpx.Response):
                return step
            await _asyncio_sleep(step)
            retries_done, waited = retries_done + 1, waited + step

    def _walk(self, operation: PageOperation[T], params: object, extra: Extra) -> AsyncIterator[T]:
        return self._iterate(walk(self.base_url, operation, params, extra))

    def _iterate(self, flow: Flow[None]) -> AsyncIterator[Any]:
        """The items a flow emits, lazily: nothing is sent before the first is asked for."""
        return self._drive(Steps(flow))

    async def _run(self, flow: Flow[R]) -> R:
        """Run a flow that emits nothing; its result."""
        steps = Steps(flow)
        async for _ in self._drive(steps):
            raise TypeError("a flow that emits items is driven by _drive")
        result: R = steps.result
        return result

    async def _drive(self, steps: Steps) -> AsyncIterator[Any]:
        """Carry out a flow's actions (see `_flows`), yielding the items it emits."""
        with contextlib.closing(steps.flow):
            async with _AsyncStream() as stream:
                while (action := steps.next()) is not None:
                    try:
                        if isinstance(action, Emit):
                            for item in action.items:
                                yield item
                        elif isinstance(action, Call):
                            response = await self._send(action.operation, deadline=action.deadline)
                            steps.reply = self._answer(action, response)
                        elif isinstance(action, Sleep):
                            await _asyncio_sleep(action.seconds)
                        elif isinstance(action, Open):
                            await stream.aclose()
                            response = self._check(await self._send(action.operation, stream.hold))
                            steps.reply = stream.opened(response)
                        else:
                            steps.reply = await stream.read(self)
                    except ClientError as error:
                        steps.error = error

    async def close(self) -> None:
        """Close the connection pool (not an `http_client` you passed: that one is yours). The
        client, and every `with_options` copy of it, can not be used afterwards."""
        self._lifetime.closed = True
        if self._owns_http:
            await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()


class _SyncStream:
    """The open stream of a flow (at most one): its chunks, and what closes it and frees its slot."""

    chunks: Iterator[bytes]
    response: httpx.Response

    def __init__(self) -> None:
        self.hold = contextlib.ExitStack()

    def opened(self, response: httpx.Response) -> str:
        """Keep the newly opened stream; its content type (the reply to `Open`)."""
        self.chunks, self.response = response.iter_bytes(), response
        return response.headers.get("content-type", "")  # type: ignore[no-any-return]

    def read(self, client: _BaseClient) -> bytes:
        try:
            return next(self.chunks, b"")
        except httpx.HTTPError as error:
            raise client._read_error(error, self.response) from error

    def close(self) -> None:
        self.hold.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class _AsyncStream:
    """The open stream of an async flow (at most one); see `_SyncStream`."""

    chunks: AsyncIterator[bytes]
    response: httpx.Response

    def __init__(self) -> None:
        self.hold = contextlib.AsyncExitStack()

    def opened(self, response: httpx.Response) -> str:
        """Keep the newly opened stream; its content type (the reply to `Open`)."""
        self.chunks, self.response = response.aiter_bytes(), response
        return response.headers.get("content-type", "")  # type: ignore[no-any-return]

    async def read(self, client: _BaseClient) -> bytes:
        try:
            return await anext(self.chunks, b"")
        except httpx.HTTPError as error:
            raise client._read_error(error, self.response) from error

    async def aclose(self) -> None:
        await self.hold.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()


__all__ = ["NOT_GIVEN", "AsyncAPIClient", "SyncAPIClient"]
