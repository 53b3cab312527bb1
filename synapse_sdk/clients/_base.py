"""The meeting point with the generated client, and the one retry/error policy of every call.

`_BaseClient` holds what is independent of I/O (on top of the settings of `_settings`): building
a request, judging an attempt by the retry policy, turning an answer into a result or a
`ClientError`.
`SyncAPIClient` and `AsyncAPIClient` add the send loop; they differ only in how they wait.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any, Self, TypeVar

import httpx

from . import _config, _errors, _limit, _policy, _upload
from ._config import NOT_GIVEN
from ._operation import Extra, Operation, Page
from ._pagination import PageWalk
from ._redact import register_secrets
from ._responses import with_request_id
from ._settings import ClientSettings

log = logging.getLogger("synapse_sdk")


async def _asyncio_sleep(seconds: float) -> None:
    import asyncio  # only async clients pay for importing asyncio

    await asyncio.sleep(seconds)


T = TypeVar("T")
PageOperation = Callable[[dict[str, Any], Extra], Operation[Page[T]]]

# `params={}` from the generated code would make httpx re-parse the URL (about 20 µs a call);
# `url` and `headers` are joined with the client's own.
_OWN_KWARGS = frozenset({"url", "headers", "params"})


class _BaseClient(ClientSettings):
    """The I/O-free steps of every call: build the request, judge an attempt, shape the answer."""

    _plumbing = True

    def _build_request(
        self, http: httpx.Client | httpx.AsyncClient, operation: Operation[Any]
    ) -> httpx.Request:
        """The one place a request is made: this client's base URL, tokens and timeout go on
        the request itself, so the httpx client (perhaps the caller's) is never changed."""
        if self._lifetime.closed or http.is_closed:
            raise _errors.closed_client()
        if operation.secrets:
            register_secrets(operation.secrets)
        timeout = self._timeout
        kwargs = operation.kwargs
        if operation.upload_size is not None or "files" in kwargs:
            timeout = _policy.upload_timeout(timeout, operation.upload_size)
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
            # The body is read and the stream closed; dropping the stream breaks httpx's
            # response <-> stream reference cycle, so a large page is freed at once, not by the
            # next full garbage collection (which kept several pages alive in iter_jobs).
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
        if wait is not None:
            return wait
        if isinstance(outcome, httpx.Response):
            return outcome
        raise _errors.from_transport(outcome, request, self._base) from outcome

    def _result(self, operation: Operation[T], response: httpx.Response) -> T:
        """The documented result of a final answer, or the ClientError it stands for."""
        if self._recorder is not None:
            self._recorder.append(response)
        if not 200 <= response.status_code < 300:
            origins = {
                _config.HEADERS[name]: source for name, (value, source) in self._tokens.items() if value
            }
            raise _errors.from_response(response, self._base, origins)
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
        return with_request_id(result, response)

    @staticmethod
    def _log_attempt(
        request: httpx.Request, attempt: int, started: float, outcome: httpx.Response | httpx.HTTPError
    ) -> None:
        status = outcome.status_code if isinstance(outcome, httpx.Response) else type(outcome).__name__
        log.debug(
            "%s %s -> %s in %.1f ms (attempt %d)",
            request.method,
            _errors.safe_url(request.url),
            status,
            (time.monotonic() - started) * 1000,
            attempt,
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

    def _call(self, operation: Operation[T]) -> T:
        try:
            return self._result(operation, self._send(operation))
        finally:
            for handle in operation.closes:
                handle.close()

    def _send(self, operation: Operation[Any]) -> httpx.Response:
        http = self._http
        request = self._build_request(http, operation)
        retries_done, waited = 0, 0.0
        while True:
            started = time.monotonic()
            outcome: httpx.Response | httpx.HTTPError
            try:
                with self._limiter.slot():  # held for the attempt only, never during a backoff
                    outcome = http.send(request)
            except httpx.HTTPError as error:
                outcome = error
            except OSError as error:  # httpx wraps network errors: this is the package being read
                raise _errors.unreadable_upload(error, request) from error
            step = self._settle(request, retries_done, waited, started, outcome)
            if isinstance(step, httpx.Response):
                return step
            time.sleep(step)
            retries_done, waited = retries_done + 1, waited + step

    def _walk(self, operation: PageOperation[T], params: object, extra: Extra) -> Iterator[T]:
        walk = PageWalk.start(self.base_url, params)
        while True:
            page = self._call(operation({**walk.query, "page": walk.page}, extra))
            more = walk.advance(page.items, page.total, page.next)
            yield from page.items
            del page  # free this page before fetching the next one
            if not more:
                return

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

    async def _call(self, operation: Operation[T]) -> T:
        try:
            return self._result(operation, await self._send(operation))
        finally:
            for handle in operation.closes:
                handle.close()

    async def _send(self, operation: Operation[Any]) -> httpx.Response:
        http = self._http
        request = self._build_request(http, operation)
        retries_done, waited = 0, 0.0
        while True:
            started = time.monotonic()
            outcome: httpx.Response | httpx.HTTPError
            try:
                async with self._limiter.slot():  # held for the attempt only, never during a backoff
                    outcome = await http.send(request)
            except httpx.HTTPError as error:
                outcome = error
            except OSError as error:  # httpx wraps network errors: this is the package being read
                raise _errors.unreadable_upload(error, request) from error
            step = self._settle(request, retries_done, waited, started, outcome)
            if isinstance(step, httpx.Response):
                return step
            await _asyncio_sleep(step)
            retries_done, waited = retries_done + 1, waited + step

    async def _walk(self, operation: PageOperation[T], params: object, extra: Extra) -> AsyncIterator[T]:
        walk = PageWalk.start(self.base_url, params)
        while True:
            page = await self._call(operation({**walk.query, "page": walk.page}, extra))
            more = walk.advance(page.items, page.total, page.next)
            for item in page.items:
                yield item
            del page  # free this page before fetching the next one
            if not more:
                return

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


__all__ = ["NOT_GIVEN", "AsyncAPIClient", "SyncAPIClient"]
