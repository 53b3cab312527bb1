"""The one place where httpx exceptions and error answers become `ClientError`s."""

from __future__ import annotations

import json
from typing import Any

import httpx

from . import exceptions as exc
from ._policy import parse_retry_after
from ._redact import redact

_STATUS_CLASSES: dict[int, type[exc.ClientError]] = {
    400: exc.ValidationError,
    401: exc.AuthenticationError,
    403: exc.PermissionDeniedError,
    404: exc.NotFoundError,
    408: exc.APITimeoutError,
    409: exc.ConflictError,
    422: exc.ValidationError,
    429: exc.RateLimitError,
}
_MAX_DETAIL = 300


def error_class(status_code: int) -> type[exc.ClientError]:
    if status_code in _STATUS_CLASSES:
        return _STATUS_CLASSES[status_code]
    if 500 <= status_code <= 599:
        return exc.ServerError
    return exc.UnexpectedStatusError


def decode_body(content: bytes) -> Any:
    """The body as JSON, or as text when it is not JSON, or None when empty."""
    if not content.strip():
        return None
    try:
        return json.loads(content)
    except (ValueError, RecursionError):  # RecursionError: hostile nesting
        return content.decode("utf-8", errors="replace")


def _summarise(body: Any, reason: str) -> str:
    """One line for the message: DRF's `detail`, else the field errors, else the text."""
    if isinstance(body, dict):
        if isinstance(body.get("detail"), str):
            text = body["detail"]
        else:
            text = "; ".join(
                f"{key}: {' '.join(map(str, value)) if isinstance(value, list) else value}"
                for key, value in body.items()
            )
    elif isinstance(body, str):
        text = " ".join(body.split())  # HTML from a proxy: one line, and short
    elif body is None:
        text = reason or "no body"
    else:
        text = json.dumps(body, ensure_ascii=False)
    text = text or reason
    return text if len(text) <= _MAX_DETAIL else text[: _MAX_DETAIL - 1] + "…"


def safe_url(url: httpx.URL) -> str:
    return redact(str(url.copy_with(username=None, password=None)))


def from_response(response: httpx.Response) -> exc.ClientError:
    """The error for an answer whose status is not a success."""
    body = decode_body(response.content)
    request = response.request
    return error_class(response.status_code)(
        redact(_summarise(body, response.reason_phrase)),
        status_code=response.status_code,
        response=body,
        method=request.method,
        url=safe_url(request.url),
        retry_after=parse_retry_after(response.headers.get("retry-after")),
        request_id=response.headers.get("x-request-id"),
    )


def invalid_body(response: httpx.Response, error: ValueError) -> exc.InvalidResponseError:
    """A success status with a body that is not the JSON the API promises."""
    body = decode_body(response.content)
    what = "an empty body" if body is None else f"a body that is not valid JSON ({error})"
    return exc.InvalidResponseError(
        redact(f"the server answered {response.status_code} with {what}"),
        status_code=response.status_code,
        response=body,
        method=response.request.method,
        url=safe_url(response.request.url),
        request_id=response.headers.get("x-request-id"),
    )


def unreadable_upload(error: OSError, request: httpx.Request) -> exc.ValidationError:
    """Reading the package failed while it was being sent (a file removed or a disk error)."""
    message = f"could not read the package: {error.strerror or error}"
    return exc.ValidationError(
        redact(f"file: {message}"),
        status_code=exc.LOCAL_CHECK,
        response={"file": [message]},
        method=request.method,
        url=safe_url(request.url),
    )


def from_transport(error: httpx.HTTPError, request: httpx.Request) -> exc.ClientError:
    """The error for a request that got no (complete) answer. Most specific first."""
    cls: type[exc.ClientError]
    if isinstance(error, httpx.TimeoutException):
        cls = exc.APITimeoutError
        kind = {
            httpx.ConnectTimeout: "timed out connecting",
            httpx.ReadTimeout: "timed out waiting for the answer",
            httpx.WriteTimeout: "timed out sending the request",
            httpx.PoolTimeout: "timed out waiting for a free connection",
        }.get(type(error), "timed out")
    elif isinstance(error, httpx.ConnectError):
        cls, kind = exc.APIConnectionError, "could not connect"
    elif isinstance(error, httpx.RemoteProtocolError):
        cls, kind = exc.APIConnectionError, "the server broke the connection"
    elif isinstance(error, httpx.NetworkError):
        cls, kind = exc.APIConnectionError, "the connection failed"
    else:  # ProxyError, UnsupportedProtocol, DecodingError, TooManyRedirects...
        cls, kind = exc.APIConnectionError, "the request failed"
    reason = redact(str(error)) or type(error).__name__
    status = exc.NO_ANSWER_TIMEOUT if cls is exc.APITimeoutError else exc.NO_ANSWER_CONNECTION
    return cls(f"{kind}: {reason}", status_code=status, method=request.method, url=safe_url(request.url))
