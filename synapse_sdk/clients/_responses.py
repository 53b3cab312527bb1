"""Raw access to a call's HTTP answer, and where its request id is.

Results are the server's JSON as the built-in `dict`, `list` (and `list_jobs`' `tuple`), exactly
as the page and the production SDK return them. The server's request id (`X-Request-ID`) is on
`with_raw_response`, on every `ClientError`, and in the debug log line of each attempt.

`client.with_raw_response.get_job(789)` calls the same method on a copy of the client that
notes every final `httpx.Response` of the call, and returns them beside the result as a
`RawResponse`. It wraps any public method of the client, so methods added later need no code.
"""

from __future__ import annotations

import functools
from collections.abc import AsyncIterator, Callable, Iterator
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

import httpx

from ._redact import redact

if TYPE_CHECKING:
    from typing import Self


class _Recordable(Protocol):
    """What `with_raw_response` needs of a client: a copy that notes every final answer."""

    def _recording(self) -> tuple[Self, list[httpx.Response]]: ...


T = TypeVar("T")
REQUEST_ID = "x-request-id"

__all__ = ["RawResponse", "RawResponseView", "request_id_of"]


def request_id_of(result: object) -> str | None:
    """The server's request id (`X-Request-ID`) that `result` carries: a `RawResponse`
    (`client.with_raw_response.get_job(789)`) or a `ClientError`; None for anything else.
    Plain results are the built-in `dict`/`list`/`tuple` the page documents, which carry none:
    ask `with_raw_response` for the id of a call that succeeded."""
    value = getattr(result, "request_id", None)
    return value if isinstance(value, str) else None


class RawResponse(Generic[T]):
    """A call's result with the HTTP answer it came from.

    Attributes:
        parsed: the result the method returns.
        http_response: the final `httpx.Response` (of the last request, for a method that
            sends several, such as `list_storages`); its body is read.
        http_responses: every final answer of the call, in order (one per page).
    """

    __slots__ = ("http_response", "http_responses", "parsed")

    def __init__(self, parsed: T, http_responses: tuple[httpx.Response, ...]) -> None:
        self.parsed = parsed
        self.http_responses = http_responses
        self.http_response = http_responses[-1]

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    @property
    def request_id(self) -> str | None:
        """The server's `X-Request-ID`, or None when it sent none."""
        value: str | None = self.http_response.headers.get(REQUEST_ID)
        return value

    @property
    def method(self) -> str:
        return self.http_response.request.method

    @property
    def url(self) -> str:
        """The request's URL, secrets redacted."""
        from ._errors import safe_url

        return safe_url(self.http_response.request.url)

    @property
    def elapsed(self) -> float:
        """Seconds from sending the last request to reading its answer."""
        return self.http_response.elapsed.total_seconds()

    def __repr__(self) -> str:
        return redact(
            f"<RawResponse {self.status_code} {self.method} {self.url} request_id={self.request_id!r}>"
        )


def _raw_methods(cls: type) -> frozenset[str]:
    """The public methods of a client class that are calls to the API: those its classes
    define, except the client's own plumbing (`close`, `with_options`...), which the classes
    that carry it mark with `_plumbing = True`. Methods a subclass adds are covered."""
    classes = [klass for klass in cls.__mro__ if klass is not object]
    plumbing = {name for klass in classes if vars(klass).get("_plumbing") for name in vars(klass)}
    return frozenset(
        name
        for klass in classes
        for name, member in vars(klass).items()
        if not name.startswith("_") and name not in plumbing and callable(member)
    )


_method_cache: dict[type, frozenset[str]] = {}


def _methods(cls: type) -> frozenset[str]:
    if cls not in _method_cache:
        _method_cache[cls] = _raw_methods(cls)
    return _method_cache[cls]


class RawResponseView:
    """`client.with_raw_response`: the client's methods, each returning a `RawResponse` (the
    result in `.parsed`, with `.status_code`, `.headers`, `.request_id`). Errors are raised as
    by the plain call. Methods that stream many pages (`iter_jobs`) are refused: use the method
    that fetches one page (`list_jobs({'page': n})`)."""

    __slots__ = ("_client",)

    def __init__(self, client: _Recordable) -> None:
        self._client = client

    def __dir__(self) -> list[str]:
        return sorted(_methods(type(self._client)))

    def __repr__(self) -> str:
        return f"{self._client!r}.with_raw_response"

    def __getattr__(self, name: str) -> Callable[..., Any]:
        cls = type(self._client)
        if name not in _methods(cls):
            raise AttributeError(
                f"with_raw_response has no method {name!r}; it wraps the API methods of "
                f"{cls.__name__} ({', '.join(sorted(_methods(cls))[:4])}, ...)"
            )
        import inspect  # here, not at the top: it costs milliseconds at import

        client, function = self._client, getattr(cls, name)
        bound = getattr(client, name)  # for the wrapper's name, docstring and signature
        if inspect.iscoroutinefunction(function):

            async def call_async(*args: Any, **kwargs: Any) -> RawResponse[Any]:
                clone, seen = client._recording()
                parsed = await getattr(clone, name)(*args, **kwargs)
                return _raw(name, parsed, seen)

            return functools.update_wrapper(call_async, bound)

        def call(*args: Any, **kwargs: Any) -> RawResponse[Any]:
            clone, seen = client._recording()
            parsed = getattr(clone, name)(*args, **kwargs)
            return _raw(name, parsed, seen)

        return functools.update_wrapper(call, bound)


def _raw(name: str, parsed: Any, seen: list[httpx.Response]) -> RawResponse[Any]:
    if isinstance(parsed, Iterator | AsyncIterator):
        if isinstance(parsed, Iterator) and hasattr(parsed, "close"):
            parsed.close()  # a generator that never started: nothing was sent
        raise TypeError(
            f"with_raw_response.{name}: {name} sends a request per page as you iterate; "
            "use the method that fetches one page (e.g. with_raw_response.list_jobs({'page': 2}))"
        )
    if not seen:  # a method that answered without asking the server
        raise TypeError(f"with_raw_response.{name}: the call sent no request")
    return RawResponse(parsed, tuple(seen))
