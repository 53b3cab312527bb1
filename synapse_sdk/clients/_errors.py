"""The one place where httpx exceptions and error answers become `ClientError`s."""

from __future__ import annotations

import json
import re
import time
from typing import Any

import httpx

from . import exceptions as exc
from ._deadline import AttemptTimeout
from ._policy import is_retryable_error, parse_retry_after
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
_HTML_TITLE = re.compile(rb"<title[^>]*>(.*?)</title>|<h1[^>]*>(.*?)</h1>", re.I | re.S)
_TAGS = re.compile(r"<[^>]+>")
_AUTH_HEADERS = ("Synapse-Access-Token", "Authorization", "SYNAPSE-Agent")
# Keys of `request.extensions` where the send loop notes the attempts made and when the first began.
ATTEMPTS, STARTED = "synapse_sdk.attempts", "synapse_sdk.started"
# ... and why a failure that retries might have cured was not retried (the body cannot be re-sent).
NOT_RETRIED = "synapse_sdk.not_retried"


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


def _html_title(content: bytes) -> str | None:
    """The `<title>` (else the first `<h1>`) of an HTML page, as one line of text."""
    found = _HTML_TITLE.search(content[:65536])
    if found is None:
        return None
    import html  # only for error pages: its entity table costs milliseconds at import

    raw = (found.group(1) or found.group(2)).decode("utf-8", errors="replace")
    return " ".join(html.unescape(_TAGS.sub(" ", raw)).split()) or None


def _summarise(body: Any, reason: str, content: bytes = b"") -> str:
    """One line for the message: DRF's `detail`, else the field errors, else the text (for an
    HTML page from a proxy, its title)."""
    if isinstance(body, str) and body.lstrip()[:1] == "<":
        title = _html_title(content)
        if title is not None:
            body = f"{title} (an HTML page)"
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


def _attempts(request: httpx.Request) -> str | None:
    """`gave up after 4 attempts in 3.2 s` when the call was retried, else None."""
    attempts = request.extensions.get(ATTEMPTS, 1)
    if attempts < 2:
        return None
    started = request.extensions.get(STARTED)
    spent = f" in {time.monotonic() - started:.1f} s" if started is not None else ""
    return f"gave up after {attempts} attempts{spent}"


def _status_hint(
    response: httpx.Response, body: Any, base_url: str | None, origins: dict[str, str] | None
) -> str | None:
    """The usual mistake behind an error status, where one explains it. `origins` maps each
    token header to where its value came from (`access_token`, `SYNAPSE_ACCESS_TOKEN`)."""
    request, status = response.request, response.status_code
    if status == 401:
        sent = [
            f"{name} (from {origins[name]})" if origins and name in origins else name
            for name in _AUTH_HEADERS
            if name in request.headers
        ]
        if not sent:
            return "no token was sent: pass access_token=... or set SYNAPSE_ACCESS_TOKEN"
        return (
            f"the server refused the token sent as {', '.join(sent)}: check that it is this server's "
            "token, given alone (the client adds 'Token ' itself)"
        )
    if status == 403:
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            return f"the token may not change this: a read-only token can read but not {request.method}"
        return "the token may not read this: check its permissions and the tenant (SYNAPSE_TENANT)"
    if status == 404 and base_url is not None:
        target = str(request.url.copy_with(query=None))
        relative = target[len(base_url) :].strip("/") if target.startswith(base_url) else ""
        detail = body.get("detail") if isinstance(body, dict) else None
        # DRF answers a missing object with JSON; a page that is not JSON, or a 404 on a list
        # endpoint (which always exists), means the path is not the API's.
        on_collection = (
            relative and "/" not in relative and not (isinstance(detail, str) and "page" in detail.lower())
        )
        if not isinstance(body, dict) or on_collection:
            return _base_url_hint("the server has no such path", base_url)
    return None


def _base_url_hint(what: str, base_url: str) -> str:
    # No guess at a prefix: the production host serves the API at its root, some deployments
    # under /api/, the local backend at both.
    return (
        f"{what}: is base_url right? it is {safe_url(httpx.URL(base_url))}; it must be the API's "
        "root: your Synapse host as your administrator gives it, or the URL `synapse devserver` prints"
    )


def from_response(
    response: httpx.Response, base_url: str | None = None, origins: dict[str, str] | None = None
) -> exc.ClientError:
    """The error for an answer whose status is not a success."""
    body = decode_body(response.content)
    request = response.request
    hints = [
        _attempts(request),
        request.extensions.get(NOT_RETRIED),
        _status_hint(response, body, base_url, origins),
    ]
    return error_class(response.status_code)(
        redact(_summarise(body, response.reason_phrase, response.content)),
        status_code=response.status_code,
        response=body,
        method=request.method,
        url=safe_url(request.url),
        retry_after=parse_retry_after(response.headers.get("retry-after")),
        request_id=response.headers.get("x-request-id"),
        source="server",
        hint="; ".join(hint for hint in hints if hint) or None,  # made of header names and safe_url()s
    )


def invalid_body(
    response: httpx.Response, error: ValueError, base_url: str | None = None
) -> exc.InvalidResponseError:
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
        source="server",
        hint=_base_url_hint("an HTML page, not the API's JSON", base_url)
        if base_url is not None and isinstance(body, str) and body.lstrip()[:1] == "<"
        else None,
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
        source="local",
        hint="the upload was stopped before the server answered",
    )


def closed_client() -> exc.ClientClosedError:
    return exc.ClientClosedError(
        "the client is closed: make the calls inside its `with` block, or make a new client",
        status_code=exc.LOCAL_CHECK,
        source="local",
    )


def _transport_hint(error: httpx.HTTPError, request: httpx.Request, base_url: str | None) -> str | None:
    if isinstance(error, AttemptTimeout):
        return (
            "the server sent its answer too slowly: pass attempt_timeout= (seconds, or None) to allow longer"
        )
    if isinstance(error, httpx.ConnectError | httpx.ConnectTimeout):
        where = f" ({safe_url(httpx.URL(base_url))})" if base_url else ""
        return f"is the server up, and is base_url{where} right?"
    if isinstance(error, httpx.ReadTimeout):
        seconds = (request.extensions.get("timeout") or {}).get("read")
        waited = f" in {seconds:g} s" if isinstance(seconds, int | float) else ""
        return f"the server did not answer{waited}: pass timeout= to wait longer"
    return None


def _why_not_retried(error: httpx.HTTPError, request: httpx.Request, attempts: int) -> str | None:
    """Why a failure that retries might have cured was tried once only."""
    if attempts > 1:
        return None
    if not is_retryable_error(request.method, error) and is_retryable_error("GET", error):
        return f"not retried: the {request.method} may have reached the server and been processed"
    return None


def from_transport(
    error: httpx.HTTPError, request: httpx.Request, base_url: str | None = None
) -> exc.ClientError:
    """The error for a request that got no (complete) answer. Most specific first. The message
    says how many attempts were made and for how long, and the likely fix."""
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
    attempts = request.extensions.get(ATTEMPTS, 1)
    hints = [
        _attempts(request),
        request.extensions.get(NOT_RETRIED) or _why_not_retried(error, request, attempts),
        _transport_hint(error, request, base_url),
    ]
    return cls(
        f"{kind}: {reason}",
        status_code=status,
        method=request.method,
        url=safe_url(request.url),
        source="network",
        hint="; ".join(hint for hint in hints if hint) or None,  # made of header names and safe_url()s
    )
