"""The meeting point with the generated client, and the one retry/error policy of every call.

`_BaseClient` holds what is independent of I/O: the generated `Client` (headers, timeout,
connection pool), the retry policy, and turning an answer into a result or a `ClientError`.
`SyncAPIClient` and `AsyncAPIClient` add the send loop; they differ only in how they wait.
"""

from __future__ import annotations

import copy
import json
import logging
import time
from typing import Any, Self, TypeVar

import httpx

from . import _errors, _limit, _policy
from ._operations import Operation
from ._redact import install_log_filters, register_secrets

log = logging.getLogger("synapse_sdk")


async def _asyncio_sleep(seconds: float) -> None:
    import asyncio  # only async clients pay for importing asyncio

    await asyncio.sleep(seconds)


T = TypeVar("T")

_NOT_GIVEN: Any = object()


def _auth_headers(
    access_token: str | None, authorization_token: str | None, tenant: str | None, agent_token: str | None
) -> dict[str, str]:
    pairs = (
        ("Synapse-Access-Token", access_token),
        ("Authorization", authorization_token),
        ("Synapse-Tenant", tenant),
        ("SYNAPSE-Agent", agent_token),
    )
    headers = {}
    for name, value in pairs:
        if value is None:
            continue
        if not isinstance(value, str) or not value or any(ch in value for ch in "\r\n"):
            raise ValueError(f"{name} header: the token must be a non-empty string on one line")
        headers[name] = f"Token {value}"
    return headers


class _BaseClient:
    _http: httpx.Client | httpx.AsyncClient
    _limiter: _limit.SyncLimiter | _limit.AsyncLimiter

    def __init__(
        self,
        base_url: str,
        access_token: str | None = None,
        *,
        authorization_token: str | None = None,
        tenant: str | None = None,
        agent_token: str | None = None,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int = _NOT_GIVEN,
        retry_policy: _policy.RetryPolicy | None = None,
        http_client: httpx.Client | httpx.AsyncClient | None = None,
        max_concurrency: int | None = _NOT_GIVEN,
    ) -> None:
        """Args:
        base_url: the backend's URL, e.g. `https://synapse.example.com/api/`.
        access_token, authorization_token, tenant, agent_token: sent as
            `Synapse-Access-Token`, `Authorization`, `Synapse-Tenant` and `SYNAPSE-Agent`
            headers (`Token <value>`), each only when given.
        timeout: seconds for each connect/read/write (connect at most 5 s), or an
            `httpx.Timeout`; default 5 s to connect and 15 s to read.
        max_retries: retries after the first attempt for failures the policy deems safe to
            retry (see `synapse_sdk.clients._policy`); default 3, 0 turns retries off.
        retry_policy: the full policy, for finer control; `max_retries`, if given, overrides
            its count.
        http_client: an httpx client of your own (proxies, certificates, event hooks); the
            SDK's headers and base URL are sent on every request all the same.
        max_concurrency: the most attempts this client (and its `with_options` copies) has in
            flight at once; more calls wait their turn. Default: the connection pool's size
            (httpx's 100 unless `http_client` says otherwise); None: no limit.
        """
        from synapse_api import Client

        if not isinstance(base_url, str | httpx.URL) or not str(base_url).startswith(("http://", "https://")):
            raise ValueError(f"base_url must be an http(s) URL, got {base_url!r}")
        install_log_filters()
        self.base_url = httpx.URL(str(base_url).rstrip("/") + "/")
        secrets = (access_token, authorization_token, tenant, agent_token)
        register_secrets((*secrets, self.base_url.password))
        headers = _auth_headers(*secrets)
        self._timeout = _policy.make_timeout(timeout)
        policy = retry_policy or _policy.RetryPolicy()
        self._retry = policy if max_retries is _NOT_GIVEN else policy.evolve(max_retries=max_retries)
        self._api = Client(base_url=str(self.base_url), headers=headers, timeout=self._timeout)
        if http_client is not None:
            http_client.base_url = self.base_url
            http_client.headers.update(headers)
            http_client.timeout = self._timeout
        # Made now, not on first use: threads sharing a new client must share one pool.
        self._attach_http(http_client)
        limit = _limit.pool_size(self._http) if max_concurrency is _NOT_GIVEN else max_concurrency
        self._attach_limiter(_limit.check_limit(limit))

    def _attach_http(self, http_client: httpx.Client | httpx.AsyncClient | None) -> None:
        raise NotImplementedError

    def _attach_limiter(self, limit: int | None) -> None:
        raise NotImplementedError

    @property
    def max_concurrency(self) -> int | None:
        return self._limiter.limit

    @property
    def max_retries(self) -> int:
        return self._retry.max_retries

    @property
    def timeout(self) -> httpx.Timeout:
        return self._timeout

    def with_options(
        self,
        *,
        timeout: float | httpx.Timeout | None = _NOT_GIVEN,
        max_retries: int = _NOT_GIVEN,
        retry_policy: _policy.RetryPolicy = _NOT_GIVEN,
    ) -> Self:
        """A client that shares this one's connection pool and credentials, with another timeout
        or retry policy: `client.with_options(max_retries=0).update_job(...)`."""
        clone = copy.copy(self)
        if timeout is not _NOT_GIVEN:
            clone._timeout = _policy.make_timeout(timeout)
        if retry_policy is not _NOT_GIVEN:
            clone._retry = retry_policy
        if max_retries is not _NOT_GIVEN:
            clone._retry = clone._retry.evolve(max_retries=max_retries)
        return clone

    def __repr__(self) -> str:
        # Never the headers (they hold the tokens), nor a password in the URL.
        return f"{type(self).__name__}(base_url={_errors.safe_url(self.base_url)!r})"

    # -- I/O-free steps of a call -------------------------------------------------------------

    def _build_request(
        self, http: httpx.Client | httpx.AsyncClient, operation: Operation[Any]
    ) -> httpx.Request:
        if operation.secrets:
            register_secrets(operation.secrets)
        timeout = self._timeout
        if operation.upload_size is not None or "files" in operation.kwargs:
            timeout = _policy.upload_timeout(timeout, operation.upload_size)
        kwargs = operation.kwargs
        if "params" in kwargs and not kwargs["params"]:
            # The generated code passes `params={}` when no filter is set; httpx would re-parse
            # the URL for it (about 20 µs a call).
            kwargs = {key: value for key, value in kwargs.items() if key != "params"}
        return http.build_request(**kwargs, timeout=timeout)

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
            raise _errors.from_transport(outcome, request) from outcome
        wait = _policy.next_wait(self._retry, retries_done, waited, retry_after)
        if wait is not None:
            return wait
        if isinstance(outcome, httpx.Response):
            return outcome
        raise _errors.from_transport(outcome, request) from outcome

    def _result(self, operation: Operation[T], response: httpx.Response) -> T:
        """The documented result of a final answer, or the ClientError it stands for."""
        if not 200 <= response.status_code < 300:
            raise _errors.from_response(response)
        try:
            body = json.loads(response.content)
        except ValueError as error:  # includes an empty body and truncated JSON
            raise _errors.invalid_body(response, error) from None
        except RecursionError:  # nesting deeper than the interpreter can decode
            raise _errors.invalid_body(response, ValueError("nested too deeply")) from None
        try:
            return operation.shape(body)
        except (KeyError, TypeError, IndexError) as error:
            raise _errors.invalid_body(response, ValueError(f"not the documented shape: {error!r}")) from None

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

    def close(self) -> None:
        """Close the connection pool. The client can not be used afterwards."""
        self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class AsyncAPIClient(_BaseClient):
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

    async def close(self) -> None:
        """Close the connection pool. The client can not be used afterwards."""
        await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()


__all__ = ["AsyncAPIClient", "SyncAPIClient"]
