"""`with_raw_response` and request ids on results, sync and async, over loopback HTTP."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator
from typing import Any

import pytest

from synapse_sdk import AsyncBackendClient, BackendClient, RawResponse, request_id_of
from synapse_sdk.clients import exceptions
from synapse_sdk.devserver import DevServer
from tests.faults.helpers import Api, make_client
from tests.support.faultserver import Arrival, Fault, FaultServer

JOB = {"id": 789, "status": "running", "progress": 40}


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with FaultServer(default=Fault.json(200, JOB, headers={"X-Request-ID": "req-789"})) as running:
        yield running
    assert not running.errors, running.errors


@pytest.fixture(params=["sync", "async"])
def api(request: pytest.FixtureRequest, server: FaultServer) -> Iterator[Api]:
    made = make_client(str(request.param), server.url, access_token="raw-token")
    yield made
    made.close()


def raw(api: Api, name: str, *args: Any) -> RawResponse[Any]:
    """`api.client.with_raw_response.<name>(*args)`, awaited for the async client."""
    call = getattr(api.client.with_raw_response, name)
    if api.runner is None:
        return call(*args)  # type: ignore[no-any-return]
    return api.runner.run(call(*args))  # type: ignore[no-any-return]


def test_raw_response_gives_status_headers_request_id_and_result(api: Api, server: FaultServer) -> None:
    response = raw(api, "get_job", 789, {"expand": "logs"})
    assert isinstance(response, RawResponse)
    assert (response.status_code, response.request_id, response.method) == (200, "req-789", "GET")
    assert response.headers["content-type"] == "application/json"
    assert response.parsed == JOB and response.parsed == api.call("get_job", 789)
    assert response.url.endswith("/jobs/789/?expand=logs")
    assert response.http_response.json() == JOB and response.elapsed >= 0
    assert server.arrivals[0].headers["synapse-access-token"] == "Token raw-token"
    assert "raw-token" not in repr(response) and "req-789" in repr(response)


def test_results_are_built_in_types_and_the_request_id_is_elsewhere(
    api: Api, server: FaultServer, caplog: pytest.LogCaptureFixture
) -> None:
    """Results are the plain dict/list/tuple of the page and the production SDK (issue 19: a
    subclass broke yaml.safe_dump and `type(r) is dict`); the request id is on
    with_raw_response, on errors (next test) and in the debug log line of each attempt."""
    import yaml

    with caplog.at_level(logging.DEBUG, logger="synapse_sdk"):
        job = api.call("get_job", 789)
    assert type(job) is dict and job == JOB
    assert yaml.safe_load(yaml.safe_dump(job)) == JOB
    assert any("(attempt 1; request id req-789)" in record.getMessage() for record in caplog.records)
    assert raw(api, "get_job", 789).request_id == "req-789"

    server.script(
        Fault.json(200, {"count": 1, "next": None, "results": [JOB]}, headers={"X-Request-ID": "page-1"})
    )
    result = api.call("list_jobs", {"status": "running"})
    assert type(result) is tuple and type(result[0]) is list and result == ([JOB], 1)

    server.script(Fault.json(200, [{"message": "hi"}], headers={"X-Request-ID": "logs-1"}))
    logs = api.call("list_job_console_logs", 789)
    assert type(logs) is list and type(logs[0]) is dict and logs[0]["message"] == "hi"

    assert request_id_of(job) is None  # a plain result carries none; a RawResponse does
    server.script(Fault.json(200, JOB, headers={"X-Request-ID": "raw-1"}))
    assert request_id_of(raw(api, "get_job", 789)) == "raw-1"


def test_errors_come_through_with_their_request_id(api: Api, server: FaultServer) -> None:
    server.script(Fault.json(404, {"detail": "Not found."}, headers={"X-Request-ID": "req-missing"}))
    with pytest.raises(exceptions.NotFoundError) as info:
        raw(api, "get_job", 790)
    assert info.value.request_id == "req-missing" and info.value.response == {"detail": "Not found."}


def test_a_call_of_many_requests_keeps_every_answer(api: Api, server: FaultServer) -> None:
    def page(arrival: Arrival) -> Fault:
        number = int(arrival.query["page"][0])
        more = f"{server.url}storages/?page={number + 1}" if number < 3 else None
        return Fault.json(
            200,
            {"count": 3, "next": more, "results": [{"id": number}]},
            headers={"X-Request-ID": f"p{number}"},
        )

    server.default = page
    response = raw(api, "list_storages")
    assert response.parsed == [{"id": 1}, {"id": 2}, {"id": 3}]
    assert [r.headers["x-request-id"] for r in response.http_responses] == ["p1", "p2", "p3"]
    assert response.request_id == "p3" and response.http_response is response.http_responses[-1]


def test_streaming_methods_are_refused_before_sending(api: Api, server: FaultServer) -> None:
    with pytest.raises(TypeError, match=r"iter_jobs sends a request per page.*list_jobs"):
        raw(api, "iter_jobs", {"status": "running"})
    assert server.arrivals == []


def test_only_api_methods_are_wrapped(api: Api) -> None:
    view = api.client.with_raw_response
    names = dir(view)
    assert {"get_job", "list_jobs", "create_plugin_release", "list_storages"} <= set(names)
    assert not {"close", "with_options", "with_raw_response"} & set(names)
    for name in ("close", "with_options", "_call", "nope"):
        with pytest.raises(AttributeError, match="with_raw_response has no method"):
            getattr(view, name)
    assert view.get_job.__name__ == "get_job" and "Get a job" in (view.get_job.__doc__ or "")


def test_the_plain_client_records_nothing(api: Api) -> None:
    raw(api, "get_job", 789)
    assert api.client._recorder is None


class _Extended(BackendClient):
    """A client with a method added later (a wait helper, say): covered with no extra code."""

    def plugin_twice(self, pk: int) -> Any:
        self.get_plugin(pk)
        return self.get_plugin(pk)


class _AsyncExtended(AsyncBackendClient):
    async def plugin_twice(self, pk: int) -> Any:
        await self.get_plugin(pk)
        return await self.get_plugin(pk)


def test_methods_added_later_are_covered(server: FaultServer) -> None:
    with _Extended(server.url) as client:
        response = client.with_raw_response.plugin_twice(5)
    assert len(response.http_responses) == 2 and response.parsed == JOB

    async def run() -> RawResponse[Any]:
        async with _AsyncExtended(server.url) as client:
            return await client.with_raw_response.plugin_twice(6)  # type: ignore[no-any-return]

    assert len(asyncio.run(run()).http_responses) == 2
    assert [a.path for a in server.arrivals] == ["/plugins/5/"] * 2 + ["/plugins/6/"] * 2


def test_against_the_local_backend() -> None:
    with DevServer() as backend, BackendClient(backend.url, access_token="t") as client:
        response = client.with_raw_response.get_job(789)
        assert response.status_code == 200 and response.parsed["id"] == 789
        assert response.parsed == client.get_job(789)
        assert response.request_id == response.headers.get("x-request-id")  # whether or not it sends one
        upload = client.with_raw_response.create_plugin_release(
            {"plugin": 123, "version": "9.9.9", "file": b"PK"}
        )
        assert upload.status_code == 201 and upload.method == "POST"
