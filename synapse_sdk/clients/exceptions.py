"""The errors a client call can raise. Every failure is a `ClientError`:

    ClientError                    any failure of a call; catch this one to catch all
    ├── ValidationError            400/422, or a local check before any request (status_code 400)
    ├── AuthenticationError        401: no credentials, or credentials the server rejects
    ├── PermissionDeniedError      403: the credentials do not allow this
    ├── NotFoundError              404: no such object
    ├── ConflictError              409: the request conflicts with the object's state
    ├── RateLimitError             429: throttled; see `retry_after`
    ├── ServerError                5xx: the backend or a proxy in front of it failed
    ├── UnexpectedStatusError      any other status (405, 413, 499, ...)
    ├── InvalidResponseError       a success status whose body is not the JSON the API promises
    ├── APITimeoutError            no answer in time (status_code 408), or a 408 from the server
    │   └── JobWaitTimeoutError    `wait_for_job` ran out of time; `job` is the last one seen
    ├── APIConnectionError         the connection could not be made or was lost (status_code 503)
    └── ClientClosedError          a call on a closed client (also a RuntimeError, as httpx raised)

`status_code` is always an int, so code written for the production client (`if e.status_code >=
500: retry`) keeps working: a failure that got no answer carries the status a proxy would have
answered (408 for a timeout, 503 for a lost connection) and `response` None; a local check
carries the 400 the server would have answered, with `response` in the server's shape.
`source` tells them apart: "server" (the server answered this status), "network" (no answer
came: the status is a stand-in) or "local" (the client refused the call; `local` is True).
Only a server's answer puts the status at the front of the message.

Messages end with a hint where a usual mistake explains the failure (`hint` holds it alone).
Messages, `url` and `repr()` never contain credentials: tokens in paths and headers are redacted.
"""

from __future__ import annotations

from typing import Any, Literal

__all__ = [
    "APIConnectionError",
    "APITimeoutError",
    "AuthenticationError",
    "ClientClosedError",
    "ClientError",
    "ConflictError",
    "InvalidResponseError",
    "JobWaitTimeoutError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "ServerError",
    "UnexpectedStatusError",
    "ValidationError",
]

Source = Literal["server", "network", "local"]


class ClientError(Exception):
    """A call to the Synapse backend failed.

    Attributes:
        status_code: the HTTP status (for no answer: 408 timeout, 503 connection; 400 for a local check).
        response: the decoded error body (a dict or list), its text when it is not JSON, or None
            when no answer came.
        detail: a one-line human-readable reason.
        method, url: the request, with secrets redacted from the URL (None for local checks).
        retry_after: seconds the server asked to wait (`Retry-After`), or None.
        request_id: the server's request id (`X-Request-ID`), where it sent one.
        source: "server" (the server answered), "network" (no answer came) or "local" (the
            client refused the call before any answer). Default: "local" when there is
            neither `method` nor `url`, else "server".
        hint: the likely fix, where a usual mistake explains the failure, or None.
    """

    def __init__(
        self,
        detail: str,
        *,
        status_code: int,
        response: Any = None,
        method: str | None = None,
        url: str | None = None,
        retry_after: float | None = None,
        request_id: str | None = None,
        source: Source | None = None,
        hint: str | None = None,
    ) -> None:
        self.detail = detail
        self.status_code = status_code
        self.response = response
        self.method = method
        self.url = url
        self.retry_after = retry_after
        self.request_id = request_id
        self.source: Source = source or ("local" if method is None and url is None else "server")
        self.hint = hint
        super().__init__(self._message())

    @property
    def local(self) -> bool:
        """True when the client refused the call itself: the server never answered it."""
        return self.source == "local"

    def _message(self) -> str:
        # The status leads only when the server sent it; a stand-in status would claim an answer.
        parts = [str(self.status_code)] if self.source == "server" else []
        if self.method and self.url:
            parts.append(f"{self.method} {self.url}")
        elif self.source == "local":
            parts.append("not sent")
        prefix = " ".join(parts)
        message = f"{prefix}: {self.detail}" if prefix else self.detail
        return f"{message}; {self.hint}" if self.hint else message

    def __reduce__(self) -> tuple[Any, ...]:
        # Keyword-only attributes survive pickling (multiprocessing workers pass errors back).
        return (_rebuild, (type(self), self.detail, self.__dict__.copy()))


NO_ANSWER_TIMEOUT = 408
NO_ANSWER_CONNECTION = 503
LOCAL_CHECK = 400


def _rebuild(cls: type[ClientError], detail: str, state: dict[str, Any]) -> ClientError:
    error = cls.__new__(cls)
    state.setdefault("source", "server")  # pickled by a version without it
    state.setdefault("hint", None)
    error.__dict__.update(state)
    Exception.__init__(error, error._message())
    return error


class ValidationError(ClientError):
    """The request was invalid (400 or 422), or a local check rejected it before sending
    (then `status_code` is 400, `method` and `url` None).

    `response` maps each offending field to its messages, as the server does:
    `{"name": ["This field is required."]}`.
    """


class AuthenticationError(ClientError):
    """401: no credentials were sent, or the server rejected them."""


class PermissionDeniedError(ClientError):
    """403: the credentials are valid but do not allow this request."""


class NotFoundError(ClientError):
    """404: the object does not exist (or is not visible to these credentials)."""


class ConflictError(ClientError):
    """409: the request conflicts with the current state of the object."""


class RateLimitError(ClientError):
    """429: too many requests; `retry_after` says how long the server asked to wait."""


class ServerError(ClientError):
    """5xx: the backend or a proxy in front of it failed. The body may be HTML."""


class UnexpectedStatusError(ClientError):
    """A status this client has no specific class for (405, 413, 499, an unfollowed 3xx...)."""


class InvalidResponseError(ClientError):
    """A success status whose body is not valid JSON (empty, truncated, HTML...)."""


class APITimeoutError(ClientError):
    """No answer in time: a connect, read, write or pool timeout (status_code 408, response
    None), or a 408 from the server."""


class APIConnectionError(ClientError):
    """The connection failed: refused, reset, dropped mid-answer, or a protocol error
    (status_code 503, response None)."""


class JobWaitTimeoutError(APITimeoutError):
    """`wait_for_job` gave up: the job had not ended within its `timeout` (status_code 408).
    `job` is the last state of the job seen, so the caller can report or keep waiting."""

    job: Any = None

    @classmethod
    def for_job(cls, job: Any, timeout: float | None) -> JobWaitTimeoutError:
        status = job.get("status") if isinstance(job, dict) else None
        progress = job.get("progress") if isinstance(job, dict) else None
        job_id = job.get("id") if isinstance(job, dict) else None
        error = cls(
            f"job {job_id} had not ended after {timeout} s (last seen: status {status!r}, progress {progress!r});"
            " wait longer with a larger timeout, or check the job's console logs",
            status_code=NO_ANSWER_TIMEOUT,
            source="network",  # no answer said the job ended: a timeout, not a refused call
        )
        error.job = job
        return error


class ClientClosedError(ClientError, RuntimeError):
    """A call on a client after `close()` (or after its `with` block, or on an `http_client`
    that was closed). `source` is "local" and `status_code` 400: nothing was sent. Also a
    RuntimeError, which httpx raised for it before."""
