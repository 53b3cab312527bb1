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

from . import _attempt, _config, _deadline, _errors, _limit, _limits, _policy, _upload
from ._config import NOT_GIVEN, NotGiven
from ._limits import Limits
from ._operations import Operation
from ._policy import RetryPolicy
from ._redact import install_log_filters, register_secrets
from ._responses import RawResponseView, with_request_id

log = logging.getLogger("synapse_sdk")


async def _asyncio_sleep(seconds: float) -> None:
    import asyncio  # only async clients pay for importing asyncio

    await asyncio.sleep(seconds)


T = TypeVar("T")

# `params={}` from the generated code would make httpx re-parse the URL (about 20 µs a call);
# `url` and `headers` are joined with the client's own.
_OWN_KWARGS = frozenset({"url", "headers", "params"})


class _Lifetime:
    """Whether a client (and every `with_options` copy sharing its pool) has been closed."""

    __slots__ = ("closed",)

    def __init__(self) -> None:
        self.closed = False


class _BaseClient:
    # Set on the copies `with_raw_response` makes: every final answer of the call is noted.
    _recorder: list[httpx.Response] | None = None
    _http: httpx.Client | httpx.AsyncClient
    _limiter: _limit.SyncLimiter | _limit.AsyncLimiter

    def __init__(
        self,
        base_url: str | httpx.URL | NotGiven = NOT_GIVEN,
        access_token: str | NotGiven | None = NOT_GIVEN,
        *,
        authorization_token: str | NotGiven | None = NOT_GIVEN,
        tenant: str | NotGiven | None = NOT_GIVEN,
        agent_token: str | NotGiven | None = NOT_GIVEN,
        timeout: float | httpx.Timeout | None = None,
        attempt_timeout: float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        retry_policy: RetryPolicy | None = None,
        http_client: httpx.Client | httpx.AsyncClient | None = None,
        max_concurrency: int | NotGiven | None = NOT_GIVEN,
        limits: Limits | None = None,
    ) -> None:
        """Args:
        base_url: the backend's URL, e.g. `https://synapse.example.com/api/`; default: the
            environment variable `SYNAPSE_BASE_URL`.
        access_token, authorization_token, tenant, agent_token: sent as
            `Synapse-Access-Token`, `Authorization`, `Synapse-Tenant` and `SYNAPSE-Agent`
            headers (`Token <value>`: pass the token alone), each only when it has a value.
            Left out, each is read from `SYNAPSE_ACCESS_TOKEN`, `SYNAPSE_AUTHORIZATION_TOKEN`,
            `SYNAPSE_TENANT` and `SYNAPSE_AGENT_TOKEN`; `None` sends none whatever the
            environment says.
        timeout: seconds for each connect/read/write (connect at most 5 s), or an
            `httpx.Timeout`; default 5 s to connect and 15 s to read.
        attempt_timeout: seconds one attempt may take in all (connecting, sending, the whole
            answer), however the server trickles it; default 120, an upload's grows with its
            package (docs/limits.md); None: no bound beyond `timeout`'s per-read ones.
        max_retries: retries after the first attempt for failures that are safe to retry
            (see `RetryPolicy`); default 3, 0 turns retries off.
        retry_policy: the full `RetryPolicy`, for finer control; `max_retries`, if given,
            overrides its count.
        http_client: an httpx client of your own (proxies, certificates, event hooks). It is
            never changed: the base URL, tokens and timeout go on each request, and `close()`
            leaves it open (it is yours to close).
        max_concurrency: the most attempts this client (and its `with_options` copies) has in
            flight at once; more calls wait their turn. Default: the connection pool's size
            (httpx's 100 unless `http_client` says otherwise); None: no limit.
        limits: a `Limits`: how large a reply, a stream line or event may be, how long a stream
            may idle; default `Limits()` (docs/limits.md).
        """
        from synapse_api import Client

        install_log_filters()
        self.base_url, _ = _config.base_url(base_url, type(self).__name__)
        self._base = str(self.base_url)
        self._tokens = {
            "access_token": _config.token("access_token", access_token),
            "authorization_token": _config.token("authorization_token", authorization_token),
            "tenant": _config.token("tenant", tenant),
            "agent_token": _config.token("agent_token", agent_token),
        }
        register_secrets((*(value for value, _ in self._tokens.values()), self.base_url.password))
        self._headers = _config.auth_headers(self._tokens)
        self._timeout = _policy.make_timeout(timeout)
        self._limits = _limits.check(limits)
        self._attempt_timeout = (
            _deadline.DEFAULT_ATTEMPT_TIMEOUT
            if isinstance(attempt_timeout, NotGiven)
            else _deadline.check_setting(attempt_timeout)
        )
        policy = retry_policy or RetryPolicy()
        self._retry = policy if isinstance(max_retries, NotGiven) else policy.evolve(max_retries=max_retries)
        # Tokens are not the pool's: `with_options` copies share it and send other headers.
        self._api = Client(base_url=self._base, timeout=self._timeout)
        self._owns_http = http_client is None
        self._lifetime = _Lifetime()
        # Made now, not on first use: threads sharing a new client must share one pool.
        self._attach_http(http_client)
        limit = _limit.pool_size(self._http) if isinstance(max_concurrency, NotGiven) else max_concurrency
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

    @property
    def retry_policy(self) -> RetryPolicy:
        return self._retry

    @property
    def limits(self) -> Limits:
        return self._limits

    @property
    def attempt_timeout(self) -> float | None:
        return self._attempt_timeout

    def with_options(
        self,
        *,
        base_url: str | httpx.URL | NotGiven = NOT_GIVEN,
        access_token: str | NotGiven | None = NOT_GIVEN,
        authorization_token: str | NotGiven | None = NOT_GIVEN,
        tenant: str | NotGiven | None = NOT_GIVEN,
        agent_token: str | NotGiven | None = NOT_GIVEN,
        timeout: float | httpx.Timeout | NotGiven | None = NOT_GIVEN,
        attempt_timeout: float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        retry_policy: RetryPolicy | NotGiven = NOT_GIVEN,
        limits: Limits | NotGiven = NOT_GIVEN,
    ) -> Self:
        """A client that shares this one's connection pool, with the settings given changed and
        the others kept: `client.with_options(max_retries=0).update_job(...)`,
        `client.with_options(tenant='other').list_jobs()`. A token given as None is dropped.
        Nothing is read from the environment here. Closing either closes both."""
        clone = copy.copy(self)
        if not isinstance(base_url, NotGiven):
            if base_url is None:
                raise ValueError("base_url: a copy needs a URL; leave base_url out to keep this client's")
            clone.base_url, _ = _config.base_url(base_url)
            clone._base = str(clone.base_url)
            register_secrets((clone.base_url.password,))
        given = {
            "access_token": access_token,
            "authorization_token": authorization_token,
            "tenant": tenant,
            "agent_token": agent_token,
        }
        changed = {name: (value, name) for name, value in given.items() if not isinstance(value, NotGiven)}
        if changed:
            clone._tokens = {**self._tokens, **changed}
            register_secrets(value for value, _ in changed.values())
            clone._headers = _config.auth_headers(clone._tokens)
        if not isinstance(timeout, NotGiven):
            clone._timeout = _policy.make_timeout(timeout)
        if not isinstance(attempt_timeout, NotGiven):
            clone._attempt_timeout = _deadline.check_setting(attempt_timeout)
        if not isinstance(retry_policy, NotGiven):
            if not isinstance(retry_policy, RetryPolicy):
                raise TypeError(f"retry_policy must be a RetryPolicy, got {type(retry_policy).__name__}")
            clone._retry = retry_policy
        if not isinstance(max_retries, NotGiven):
            clone._retry = clone._retry.evolve(max_retries=max_retries)
        if not isinstance(limits, NotGiven):
            clone._limits = _limits.check(limits)
        return clone

    @property
    def with_raw_response(self) -> RawResponseView:
        """The same methods, each returning a `RawResponse`: the result (`.parsed`) with the
        answer's `.status_code`, `.headers` and `.request_id`:
        `client.with_raw_response.get_job(789).request_id`."""
        return RawResponseView(self)

    def _recording(self) -> tuple[Self, list[httpx.Response]]:
        """A copy of this client that notes each final answer in the list returned with it."""
        clone = copy.copy(self)
        clone._recorder = []
        return clone, clone._recorder

    def __repr__(self) -> str:
        # Never the headers (they hold the tokens), nor a password in the URL.
        return f"{type(self).__name__}(base_url={_errors.safe_url(self.base_url)!r})"

    # -- I/O-free steps of a call -------------------------------------------------------------

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
            request.extensions[_deadline.KEY] = _deadline.for_upload(
                self._attempt_timeout, operation.upload_size
            )
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
                    outcome = self._transmit(http, request)
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
                    outcome = await self._transmit(http, request)
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
        """Close the connection pool (not an `http_client` you passed: that one is yours). The
        client, and every `with_options` copy of it, can not be used afterwards."""
        self._lifetime.closed = True
        if self._owns_http:
            await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()


def publish(cls: type, *names: str) -> None:
    """Make `cls` own copies of these base-class methods, so `help(cls)` shows them as its own
    and a wrong argument reads `BackendClient.__init__() got an unexpected keyword argument`,
    not a private class's name (3.11 takes that name from the code object)."""
    import types

    for name in names:
        function = getattr(cls, name)
        qualname = f"{cls.__name__}.{name}"
        code = function.__code__.replace(co_qualname=qualname)
        clone = types.FunctionType(
            code, function.__globals__, name, function.__defaults__, function.__closure__
        )
        clone.__kwdefaults__ = function.__kwdefaults__
        clone.__annotations__ = function.__annotations__
        clone.__doc__ = function.__doc__
        clone.__qualname__ = qualname
        clone.__module__ = cls.__module__
        setattr(cls, name, clone)


__all__ = ["NOT_GIVEN", "AsyncAPIClient", "SyncAPIClient", "publish"]
