"""Every failure is a ClientError subclass with status_code, response (decoded JSON, else text,
else None), method, url (no token) and retry_after; no raw httpx/json/KeyError/attrs exception
ever escapes a call, whatever the server does."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import Any

import pytest

from synapse_sdk.clients import exceptions as exc
from synapse_sdk.clients._policy import RetryPolicy
from tests.support.faultserver import Fault, FaultServer

from .conftest import MakeApi
from .helpers import CALLS, PATH_AGENT_TOKEN, make_client

HTML = "<html><head><title>502 Bad Gateway</title></head><body><center>nginx</center></body></html>"
STATUSES: list[tuple[Fault, type[exc.ClientError], Any]] = [
    (
        Fault.json(400, {"name": ["This field is required."]}),
        exc.ValidationError,
        {"name": ["This field is required."]},
    ),
    (Fault.json(401, {"detail": "Invalid token."}), exc.AuthenticationError, {"detail": "Invalid token."}),
    (Fault.json(403, {"detail": "Forbidden"}), exc.PermissionDeniedError, {"detail": "Forbidden"}),
    (Fault.json(404, {"detail": "Not found."}), exc.NotFoundError, {"detail": "Not found."}),
    (Fault.status(405, "Method Not Allowed"), exc.UnexpectedStatusError, "Method Not Allowed"),
    (Fault.status(408), exc.APITimeoutError, None),
    (Fault.json(409, {"detail": "busy"}), exc.ConflictError, {"detail": "busy"}),
    (
        Fault.html(413, "<h1>413 Request Entity Too Large</h1>"),
        exc.UnexpectedStatusError,
        "<h1>413 Request Entity Too Large</h1>",
    ),
    (Fault.json(422, ["bad"]), exc.ValidationError, ["bad"]),
    (
        Fault.json(429, {"detail": "slow"}, headers={"Retry-After": "7"}),
        exc.RateLimitError,
        {"detail": "slow"},
    ),
    (Fault.status(499), exc.UnexpectedStatusError, None),
    (Fault.html(500, HTML), exc.ServerError, HTML),
    (Fault.raw_json(500, '{"detail": "Internal'), exc.ServerError, '{"detail": "Internal'),
    (Fault.html(502, HTML), exc.ServerError, HTML),
    (Fault.status(503, headers={"Retry-After": "120"}), exc.ServerError, None),
    (Fault.status(504, "upstream request timeout"), exc.ServerError, "upstream request timeout"),
    (Fault.status(599, "network connect timeout"), exc.ServerError, "network connect timeout"),
    (Fault.status(301, headers={"Location": "http://elsewhere/"}), exc.UnexpectedStatusError, None),
    (Fault.status(418, b"\xff\xfe not utf-8"), exc.UnexpectedStatusError, "\ufffd\ufffd not utf-8"),
]


@pytest.mark.parametrize(("fault", "error", "response"), STATUSES, ids=[str(s[0].code) for s in STATUSES])
def test_error_status_maps_to_its_client_error(
    server: FaultServer, make_api: MakeApi, fault: Fault, error: type[exc.ClientError], response: Any
) -> None:
    """Each error status and body maps to its ClientError subclass with all attributes set."""
    server.default = replace(fault, headers=(*fault.headers, ("X-Request-ID", "req-42")))
    api = make_api(server.url, max_retries=0)
    error_raised, _ = api.fails(error, "health_check_agent", PATH_AGENT_TOKEN)
    assert type(error_raised) is error
    assert error_raised.status_code == fault.code and error_raised.response == response
    assert error_raised.method == "POST" and error_raised.request_id == "req-42"
    assert error_raised.url == f"{server.url}agents/***/connect/"
    expected_retry_after = (
        float(dict(fault.headers)["Retry-After"]) if "Retry-After" in dict(fault.headers) else None
    )
    assert error_raised.retry_after == expected_retry_after
    assert PATH_AGENT_TOKEN not in str(error_raised) and PATH_AGENT_TOKEN not in repr(error_raised)
    assert str(fault.code) in str(error_raised)


INVALID_200: dict[str, tuple[Fault, Any]] = {
    "html": (Fault.html(200, "<html>login</html>"), "<html>login</html>"),
    "empty": (Fault.status(200), None),
    "truncated-json": (Fault.raw_json(200, '{"id": 1, "name": "pl'), '{"id": 1, "name": "pl'),
    "plain-text": (Fault.status(200, "OK"), "OK"),
    "299-empty": (Fault.status(299), None),
}


@pytest.mark.parametrize(("fault", "response"), INVALID_200.values(), ids=INVALID_200.keys())
@pytest.mark.parametrize("name", ["get_plugin", "create_plugin", "list_jobs", "list_storages"])
def test_success_status_with_a_body_that_is_not_json_is_invalid_response(
    server: FaultServer, make_api: MakeApi, fault: Fault, response: Any, name: str
) -> None:
    """A 2xx whose body is HTML, empty, truncated or plain text raises InvalidResponseError."""
    server.default = fault
    error, _ = make_api(server.url).fails(exc.InvalidResponseError, name, *CALLS[name][2])
    assert error.status_code == fault.code and error.response == response
    assert len(server.arrivals) == 1 and error.method == CALLS[name][0]


@pytest.mark.parametrize("name", ["list_jobs", "list_storages"])
@pytest.mark.parametrize(
    "body", [{}, {"results": []}, "x", None, {"count": 1}, {"count": 1, "results": {}}], ids=repr
)
def test_list_reply_without_results_or_count_is_invalid_response(
    server: FaultServer, make_api: MakeApi, name: str, body: Any
) -> None:
    """A list reply missing `results`/`count` (or not an object) raises InvalidResponseError, not KeyError."""
    server.default = Fault.json(200, body)
    make_api(server.url).fails(exc.InvalidResponseError, name, *CALLS[name][2])


@pytest.mark.parametrize("name", ["get_plugin", "create_plugin"])
def test_garbage_instead_of_http_is_a_connection_error(
    server: FaultServer, make_api: MakeApi, name: str
) -> None:
    """Bytes that are not HTTP raise APIConnectionError (the GET retried, the POST not)."""
    server.default = Fault.garbage()
    error, _ = make_api(server.url).fails(exc.APIConnectionError, name, *CALLS[name][2])
    assert len(server.arrivals) == (4 if name == "get_plugin" else 1)
    assert (
        error.response is None
        and error.retry_after is None
        and "the server broke the connection" in str(error)
    )


# -- nothing else ever escapes ---------------------------------------------------------------

MATRIX: dict[str, Fault] = {
    "close": Fault.close(),
    "drop": Fault.drop(),
    "reset": Fault.reset(),
    "hang": Fault.hang(),
    "garbage": Fault.garbage(),
    "truncated-length": Fault.truncated(200, '{"id": 1, "na', 500),
    "slow-trickle": Fault.trickle(Fault.json(200, {"id": 1}), interval=0.3, chunk=2),
    "bad-gzip": Fault.status(200, b"\x1f\x8b not gzip", headers={"Content-Encoding": "gzip"}),
    "html-200": Fault.html(200),
    "empty-200": Fault.status(200),
    "truncated-json-200": Fault.raw_json(200, '{"results": [{"id": 1'),
    "not-utf8-200": Fault.status(200, b"\xff\xfe\xfd", content_type="application/json"),
    "null-200": Fault.json(200, None),
    "list-200": Fault.json(200, [1, 2]),
    "string-200": Fault.json(200, "ok"),
    "number-200": Fault.json(200, 3),
    "huge-int-200": Fault.raw_json(200, "1" * 5000),
    "count-string": Fault.json(200, {"count": "many", "next": None, "results": []}),
    "html-502": Fault.html(502),
    "empty-503": Fault.status(503),
    "text-599": Fault.status(599, "x"),
    "empty-499": Fault.status(499),
    "json-400": Fault.json(400, {"name": ["required"]}),
    "html-404": Fault.html(404, "<h1>Not Found</h1>"),
    "redirect-302": Fault.status(302, headers={"Location": "/login/"}),
    "retry-after-junk": Fault.status(429, headers={"Retry-After": "soon, maybe"}),
    "retry-after-nan": Fault.status(503, headers={"Retry-After": "nan"}),
    "retry-after-negative": Fault.status(503, headers={"Retry-After": "-5"}),
}
UPLOAD_WAITS_60S = {"hang", "slow-trickle"}  # an upload's read timeout is at least 60 s


@pytest.fixture(scope="module")
def shared_server() -> Iterator[FaultServer]:
    with FaultServer() as running:
        yield running


def _escapes(server: FaultServer, kind: str, fault: Fault, names: list[str]) -> dict[str, str]:
    """Run the methods against the fault, concurrently on one client (the first alone, so the
    connection pool exists before the threads share it); the methods that let a non-ClientError out."""
    server.default = fault
    policy = RetryPolicy(max_retries=1, initial_backoff=0.01, max_backoff=0.02)
    api = make_client(kind, server.url, timeout=0.1, max_retries=1, retry_policy=policy)

    async def gather(batch: list[str]) -> list[object]:
        calls = [getattr(api.client, name)(*CALLS[name][2]) for name in batch]
        done: list[object] = await asyncio.gather(*calls, return_exceptions=True)
        return done

    def outcome(name: str) -> object:
        try:
            return api.call(name, *CALLS[name][2])
        except BaseException as error:  # what this test looks for
            return error

    try:
        results = [outcome(names[0])]
        if api.runner is None:
            with ThreadPoolExecutor(len(names)) as pool:
                results += pool.map(outcome, names[1:])
        else:
            results += api.runner.run(gather(names[1:]))
    finally:
        api.close()
    escaped: dict[str, str] = {}
    for name, result in zip(names, results, strict=True):
        if isinstance(result, exc.ClientError):
            assert result.method == CALLS[name][0] and result.url is not None
        elif isinstance(result, BaseException):
            escaped[name] = f"{type(result).__name__}: {str(result)[:80]}"
    return escaped


@pytest.mark.parametrize("fault_name", MATRIX)
@pytest.mark.parametrize("kind", ["sync", "async"])
def test_only_client_errors_escape(shared_server: FaultServer, kind: str, fault_name: str) -> None:
    """Each of the 14 methods, against any fault, returns or raises a ClientError: nothing raw."""
    names = [n for n in CALLS if not (n == "create_plugin_release" and fault_name in UPLOAD_WAITS_60S)]
    assert _escapes(shared_server, kind, MATRIX[fault_name], names) == {}


def test_iter_jobs_only_client_errors(shared_server: FaultServer) -> None:
    """iter_jobs, lazily paging, raises only ClientErrors too (sync and async)."""
    for fault in (Fault.html(200), Fault.json(200, {"count": 1}), Fault.garbage()):
        shared_server.default = fault
        for kind in ("sync", "async"):
            api = make_client(kind, shared_server.url, max_retries=0)
            with pytest.raises(exc.ClientError):
                api.call("iter_jobs", {"status": "RUNNING"})
            api.close()


DEEP_JSON = "[" * 100_000 + "]" * 100_000


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_deeply_nested_json_is_a_client_error(shared_server: FaultServer, kind: str) -> None:
    """A (2xx or error) body nested 100 000 deep is InvalidResponseError/ValidationError, not RecursionError."""
    escaped = {}
    for code in (200, 400):
        escaped.update(
            {
                f"{code} {k}": v
                for k, v in _escapes(
                    shared_server, kind, Fault.raw_json(code, DEEP_JSON), ["get_plugin", "create_plugin"]
                ).items()
            }
        )
    assert escaped == {}


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_list_storages_with_results_not_a_list_is_a_client_error(
    shared_server: FaultServer, kind: str
) -> None:
    """`{"count": 1, "next": null, "results": null}` (or 5) is InvalidResponseError for list_storages."""
    escaped = {}
    for results in (None, 5):
        fault = Fault.json(200, {"count": 1, "next": None, "results": results})
        escaped.update(
            {f"{results} {k}": v for k, v in _escapes(shared_server, kind, fault, ["list_storages"]).items()}
        )
    assert escaped == {}
