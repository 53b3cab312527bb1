"""The I/O-free steps of every call, shared by the sync and async clients of `_base`: build the
request, judge an attempt by the retry policy, turn the final answer into the documented result
or the `ClientError` it stands for (with hints), and log each attempt."""

from __future__ import annotations

import json
import logging
import time
from typing import Any, TypeVar

import httpx

from . import _config, _deadline, _errors, _policy, _upload
from ._flows.actions import Call
from ._operation import Operation
from ._redact import register_secrets
from ._settings import ClientSettings
from .exceptions import ClientError

log = logging.getLogger("synapse_sdk")
T = TypeVar("T")

# `params={}` from the generated code would make httpx re-parse the URL (about 20 µs a call);
# `url` and `headers` are joined with the client's own.
_OWN_KWARGS = frozenset({"url", "headers", "params"})
_DEADLINE = "synapse_sdk.deadline"
_REQUEST_ID = "x-request-id"


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
            request.extensions[_deadline.KEY] = _deadline.for_upload(
                self._attempt_timeout, operation.upload_size
            )
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

    def _answer(self, action: Call, response: httpx.Response) -> Any:
        """The reply to a flow's `Call`: the result, with the headers when it asked for them."""
        result = self._result(action.operation, response)
        return (result, response.headers) if action.headers else result

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
