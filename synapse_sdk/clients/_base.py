"""The one boundary: every request of the client, streams included, goes through here.

`_BaseClient` holds what is independent of I/O (on top of the settings of `_settings`): building
a request, judging an attempt by the retry policy, turning an answer into a result or a
`ClientError`. `SyncAPIClient` and `AsyncAPIClient` add the send loop (the limiter's slot held
for each attempt; for a stream, while it is open) and the driver of the flows in `_flows`;
they differ only in how they wait.

From a method to the socket: `_call(operation)` -> `_send` -> `httpx.Client.send`; a flow's
`Call` and `Open` actions take the same path (`_drive` -> `_do` -> `_call` / `_send`).
"""

from __future__ import annotations

import contextlib
import json
import logging
import time
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any, Self, TypeVar

import httpx

from . import _config, _errors, _limit, _policy, _upload
from ._config import NOT_GIVEN
from ._flows.actions import Call, Emit, Flow, Open, Sleep
from ._flows.pages import walk
from ._operation import Extra, Operation, Page
from ._redact import register_secrets
from ._settings import ClientSettings
from .exceptions import ClientError

log = logging.getLogger("synapse_sdk")


async def _asyncio_sleep(seconds: float) -> None:
    import asyncio  # only async clients pay for importing asyncio

    await asyncio.sleep(seconds)


T = TypeVar("T")
R = TypeVar("R")
PageOperation = Callable[[dict[str, Any], Extra], Operation[Page[T]]]

# `params={}` from the generated code would make httpx re-parse the URL (about 20 µs a call);
# `url` and `headers` are joined with the client's own.
_OWN_KWARGS = frozenset({"url", "headers", "params"})
_DEADLINE = "synapse_sdk.deadline"
_REQUEST_ID = "x-request-id"


class Steps:
    """A flow being driven: the next action it asks for, given the reply (or error) to the last."""

    __slots__ = ("error", "flow", "reply", "result")

    def __init__(self, flow: Flow[Any]) -> None:
        self.flow = flow
        self.reply: Any = None
        self.error: ClientError | None = None
        self.result: Any = None

    def next(self) -> Call | Sleep | Emit | Open | None:
        """The next action, or None once the flow has returned (its value in `result`)."""
        try:
            action = self.flow.throw(self.error) if self.error is not None else self.flow.send(self.reply)
        except StopIteration as stop:
            self.result = stop.value
            return None
        self.reply, self.error = None, None
        return action  # type: ignore[return-value]  # Read is handled as "not the others"


class _BaseClient(ClientSettings):
    """The I/O-free steps of every call: build the request, judge an attempt, shape the answer."""

    _plumbing = True

    def _build_request(
        self, http: httpx.Client | httpx.AsyncClient, operation: Operation[Any], deadline: float | None = None
    ) -> httpx.Request:
        """The one place a request is made: this client's base URL, tokens and timeout go on
        the request itself, so the httpx client (perhaps the caller's) is never changed. A
        `deadline` (`time.monotonic()`) caps every timeout of the request and ends retries."""
        if self._lifetime.closed or http.is_closed:
            raise _errors.closed_client()
        if operation.secrets:
            register_secrets(operation.secrets)
        timeout = self._timeout
        kwargs = operation.kwargs
        if operation.upload_size is not None or "files" in kwargs:
            timeout = _policy.upload_timeout(timeout, operation.upload_size)
        if deadline is not None:
            timeout = _policy.capped_timeout(timeout, deadline - time.monotonic())
        rest = {key: value for key, value in kwargs.items() if key not in _OWN_KWARGS}
        if kwargs.get("params"):
            rest["params"] = kwargs["params"]
        extra = kwargs.get("headers")
        request = http.build_request(
            url=self._base + kwargs["url"].lstrip("/"),
            headers={**self._headers, **extra} if extra else self._headers,
            timeout=timeout,
            **rest,
        )
        if operation.package is not None:
            request.extensions[_upload.PACKAGE] = operation.package
        if deadline is not None:
            request.extensions[_DEADLINE] = deadline
        return request

    def _settle(
        self,
        request: httpx.Request,
        retries_done: int,
        waited: float,
        started: float,
        outcome: httpx.Response | httpx.HTTPError,
    ) -> httpx.Response | float:
        """After an attempt: the final answer, or the seconds to wait before the next attempt.
        A transport failure that is not retried is raised here as its ClientError."""
        if log.isEnabledFor(logging.DEBUG):
            self._log_attempt(request, retries_done + 1, started, outcome)
        # For the error messages: how many attempts, since when.
        if retries_done:
            request.extensions[_errors.ATTEMPTS] = retries_done + 1
        else:
            request.extensions[_errors.STARTED] = started
        method = request.method
        if isinstance(outcome, httpx.Response):
            if outcome.is_stream_consumed:  # not an open stream
                # The body is read and the stream closed; dropping the stream breaks httpx's
                # response <-> stream reference cycle, so a large page is freed at once, not by
                # the next full garbage collection (which kept several pages alive in iter_jobs).
                outcome.stream = httpx.ByteStream(b"")
            if not _policy.is_retryable_status(method, outcome.status_code):
                return outcome
            retry_after = _policy.parse_retry_after(outcome.headers.get("retry-after"))
        elif _policy.is_retryable_error(method, outcome):
            retry_after = None
        else:
            raise _errors.from_transport(outcome, request, self._base) from outcome
        wait = _policy.next_wait(self._retry, retries_done, waited, retry_after)
        if wait is not None and (why := _upload.why_not_resendable(request)):
            request.extensions[_errors.NOT_RETRIED] = f"not retried: {why}"
            wait = None
        deadline = request.extensions.get(_DEADLINE)
        if wait is not None and deadline is not None and time.monotonic() + wait >= deadline:
            wait = None  # the caller's deadline comes first
        if wait is not None:
            return wait
        if isinstance(outcome, httpx.Response):
            return outcome
        raise _errors.from_transport(outcome, request, self._base) from outcome

    def _check(self, response: httpx.Response) -> httpx.Response:
        """The final answer if it is a success, else the ClientError it stands for (with hints)."""
        if self._recorder is not None:
            self._recorder.append(response)
        if not 200 <= response.status_code < 300:
            origins = {
                _config.HEADERS[name]: source for name, (value, source) in self._tokens.items() if value
            }
            raise _errors.from_response(response, self._base, origins)
        return response

    def _result(self, operation: Operation[T], response: httpx.Response) -> T:
        """The documented result of a final answer, or the ClientError it stands for. Results
        are the server's JSON as built-in types; the request id is on `with_raw_response`, on
        every ClientError and in the debug log line of each attempt."""
        self._check(response)
        try:
            body = json.loads(response.content)
        except ValueError as error:  # includes an empty body and truncated JSON
            raise _errors.invalid_body(response, error, self._base) from None
        except RecursionError:  # nesting deeper than the interpreter can decode
            raise _errors.invalid_body(response, ValueError("nested too deeply"), self._base) from None
        try:
            result = operation.shape(body)
        except (KeyError, TypeError, IndexError) as error:
            raise _errors.invalid_body(
                response, ValueError(f"not the documented shape: {error!r}"), self._base
            ) from None
        return result

    def _read_error(self, error: httpx.HTTPError, response: httpx.Response) -> ClientError:
        """A stream's read that failed, as its ClientError."""
        return _errors.from_transport(error, response.request, self._base)

    @staticmethod
    def _log_attempt(
        request: httpx.Request, attempt: int, started: float, outcome: httpx.Response | httpx.HTTPError
    ) -> None:
        status = outcome.status_code if isinstance(outcome, httpx.Response) else type(outcome).__name__
        request_id = outcome.headers.get(_REQUEST_ID) if isinstance(outcome, httpx.Response) else None
        log.debug(
            "%s %s -> %s in %.1f ms (attempt %d%s)",
            request.method,
            _errors.safe_url(request.url),
            status,
            (time.monotonic() - started) * 1000,
            attempt,
            f"; request id {request_id}" if request_id else "",
        )


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
                    outcome = http.send(request, stream=hold is not None)
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
                if isinstance(action, Emit):
                    yield from action.items
                    continue
                try:
                    steps.reply = self._do(action, stream)
                except ClientError as error:
                    steps.error = error

    def _do(self, action: Call | Sleep | Open, stream: _SyncStream) -> Any:
        if isinstance(action, Call):
            response = self._send(action.operation, deadline=action.deadline)
            result = self._result(action.operation, response)
            return (result, response.headers) if action.headers else result
        if isinstance(action, Sleep):
            return time.sleep(action.seconds)
        if isinstance(action, Open):
            stream.close()
            response = self._check(self._send(action.operation, stream.hold))
            stream.chunks, stream.response = response.iter_bytes(), response
            return response.headers.get("content-type", "")
        try:
            return next(stream.chunks, b"")
        except httpx.HTTPError as error:
            raise self._read_error(error, stream.response) from error

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
                    outcome = await http.send(request, stream=hold is not None)
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
                    if isinstance(action, Emit):
                        for item in action.items:
                            yield item
                        continue
                    try:
                        steps.reply = await self._do(action, stream)
                    except ClientError as error:
                        steps.error = error

    async def _do(self, action: Call | Sleep | Open, stream: _AsyncStream) -> Any:
        if isinstance(action, Call):
            response = await self._send(action.operation, deadline=action.deadline)
            result = self._result(action.operation, response)
            return (result, response.headers) if action.headers else result
        if isinstance(action, Sleep):
            return await _asyncio_sleep(action.seconds)
        if isinstance(action, Open):
            await stream.aclose()
            response = self._check(await self._send(action.operation, stream.hold))
            stream.chunks, stream.response = response.aiter_bytes(), response
            return response.headers.get("content-type", "")
        try:
            return await anext(stream.chunks, b"")
        except httpx.HTTPError as error:
            raise self._read_error(error, stream.response) from error

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

    async def aclose(self) -> None:
        await self.hold.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()


__all__ = ["NOT_GIVEN", "AsyncAPIClient", "SyncAPIClient"]
