"""Item 2 of issue 20: the client's credentials never reach an origin other than its base URL's,
whatever httpx client it is given. Two scripted servers on loopback: the base URL's, and another
port (another origin) that a redirect points to."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from synapse_sdk.clients import AsyncBackendClient, BackendClient, _origin
from synapse_sdk.clients import exceptions as exc
from tests.support.faultserver import Arrival, Fault, FaultServer

from .conftest import FAST

CREDENTIALS: dict[str, Any] = {
    "access_token": "access-SECRET-aaaa",
    "authorization_token": "authz-SECRET-bbbb",
    "tenant": "tenant-SECRET-cccc",
    "agent_token": "agent-SECRET-dddd",
}
HEADERS = ("synapse-access-token", "authorization", "synapse-tenant", "synapse-agent")
PLUGIN = {"id": 1, "name": "p"}


@pytest.fixture
def other() -> Iterator[FaultServer]:
    with FaultServer(default=Fault.json(200, PLUGIN)) as running:
        yield running
    assert not running.errors, running.errors


def _moved(code: int, to: str) -> Fault:
    return Fault.status(code, headers={"Location": to})


def _credentials(arrival: Arrival) -> dict[str, str]:
    return {name: value for name, value in arrival.headers.items() if name in HEADERS}


def _following(url: str, **options: object) -> tuple[httpx.Client, BackendClient]:
    http = httpx.Client(follow_redirects=True, **options)  # type: ignore[arg-type]
    return http, BackendClient(url, **CREDENTIALS, retry_policy=FAST, http_client=http)


@pytest.mark.parametrize("code", [301, 302, 303, 307, 308])
def test_a_redirect_to_another_port_gets_no_credentials(
    server: FaultServer, other: FaultServer, code: int
) -> None:
    server.script(_moved(code, f"{other.url}plugins/1/"))
    http, client = _following(server.url)
    with http, client:
        assert client.get_plugin(1) == PLUGIN
    assert set(_credentials(server.arrivals[0])) == set(HEADERS)  # the base origin gets them all
    (elsewhere,) = other.arrivals
    assert _credentials(elsewhere) == {}
    assert not any(secret in json.dumps(elsewhere.headers) for secret in CREDENTIALS.values())


@pytest.mark.parametrize(("code", "method"), [(303, "GET"), (307, "POST"), (308, "POST")])
def test_a_redirected_post_keeps_httpx_rules_for_method_and_body(
    server: FaultServer, other: FaultServer, code: int, method: str
) -> None:
    server.script(_moved(code, f"{other.url}plugins/"))
    http, client = _following(server.url)
    with http, client:
        client.create_plugin({"name": "p"})
    (elsewhere,) = other.arrivals
    assert elsewhere.method == method and _credentials(elsewhere) == {}
    assert (elsewhere.json() if method == "POST" else elsewhere.body) == (
        {"name": "p"} if method == "POST" else b""
    )


def test_a_redirect_within_the_origin_keeps_the_credentials(server: FaultServer) -> None:
    server.script(_moved(302, "/plugins/1/?moved=1"))
    http, client = _following(server.url)
    with http, client:
        client.get_plugin(1)
    first, second = server.arrivals
    assert second.target == "/plugins/1/?moved=1"
    assert _credentials(second) == _credentials(first) and len(_credentials(second)) == 4


def test_once_stripped_they_stay_stripped_back_on_the_base_origin(
    server: FaultServer, other: FaultServer
) -> None:
    """base -> other -> base: a server of another origin does not steer a credentialed request."""
    server.script(_moved(302, f"{other.url}hop/"))
    other.script(_moved(302, f"{server.url}plugins/1/"))
    http, client = _following(server.url)
    with http, client:
        client.get_plugin(1)
    assert [len(_credentials(a)) for a in server.arrivals] == [4, 0]
    assert _credentials(other.arrivals[0]) == {}


def test_https_on_the_same_host_is_another_origin() -> None:
    """httpx keeps `Authorization` on an http -> https hop of the same host (default ports); the
    client keeps none of its credentials there: give the https URL as the base URL. (Loopback
    tests cannot bind ports 80/443, hence the origin comparison itself.)"""
    assert _origin._origin(httpx.URL("http://h.example/api/")) == ("http", "h.example", 80)
    assert _origin._origin(httpx.URL("https://h.example/")) != _origin._origin(httpx.URL("http://h.example/"))
    assert _origin._origin(httpx.URL("https://h.example:443/x")) == _origin._origin(
        httpx.URL("https://h.example/")
    )


def test_the_callers_redirect_limit_is_kept(server: FaultServer) -> None:
    server.default = _moved(302, "/again/")
    http, client = _following(server.url, max_redirects=3)
    with http, client, pytest.raises(exc.APIConnectionError, match="Exceeded maximum allowed redirects"):
        client.get_plugin(1)
    assert len(server.arrivals) == 4  # the request and three redirects


def test_the_default_client_follows_no_redirect(server: FaultServer, other: FaultServer) -> None:
    server.script(_moved(302, f"{other.url}plugins/1/"))
    with (
        BackendClient(server.url, **CREDENTIALS) as client,
        pytest.raises(exc.UnexpectedStatusError) as caught,
    ):
        client.get_plugin(1)
    assert caught.value.status_code == 302 and other.arrivals == []


SSE = (
    'id: 1\nevent: log\ndata: {"id": 1, "timestamp": "2026-01-01T00:00:00Z", "level": "info", "message": "hi"}\n\n'
    'event: end\ndata: {"status": "completed"}\n\n'
)


def test_the_console_log_stream_does_not_leak_them_either(server: FaultServer, other: FaultServer) -> None:
    server.script(_moved(307, f"{other.url}jobs/7/tail_console_logs/"))
    other.default = Fault.status(200, SSE, content_type="text/event-stream")
    http, client = _following(server.url)
    with http, client:
        entries = list(client.follow_job_console_logs(7))
    assert [entry["message"] for entry in entries] == ["hi"]
    assert len(_credentials(server.arrivals[0])) == 4
    assert _credentials(other.arrivals[0]) == {}


def test_the_async_client_is_guarded_too(server: FaultServer, other: FaultServer) -> None:
    server.script(_moved(308, f"{other.url}plugins/1/"), _moved(307, f"{other.url}jobs/7/tail_console_logs/"))
    other.script(Fault.json(200, PLUGIN), Fault.status(200, SSE, content_type="text/event-stream"))

    async def main() -> None:
        async with (
            httpx.AsyncClient(follow_redirects=True) as http,
            AsyncBackendClient(server.url, **CREDENTIALS, http_client=http) as client,
        ):
            assert await client.get_plugin(1) == PLUGIN
            assert [entry["id"] async for entry in client.follow_job_console_logs(7)] == [1]

    asyncio.run(main())
    assert [len(_credentials(a)) for a in server.arrivals] == [4, 4]
    assert [_credentials(a) for a in other.arrivals] == [{}, {}]
