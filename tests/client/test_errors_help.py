"""Errors that say what failed and the likely fix; local, network and server failures told apart."""

from __future__ import annotations

import pickle
import re
from collections.abc import Iterator

import httpx
import pytest

from synapse_sdk import (
    APIConnectionError,
    APITimeoutError,
    AuthenticationError,
    BackendClient,
    ClientClosedError,
    ClientError,
    InvalidResponseError,
    NotFoundError,
    PermissionDeniedError,
    ServerError,
    ValidationError,
)
from synapse_sdk.devserver import DevServer
from tests.faults.helpers import Api, make_client
from tests.support.faultserver import Fault, FaultServer, refused_url

PROXY_PAGE = (
    "<!DOCTYPE html><html><head><title>502 Bad Gateway</title><style>body{color:red}</style></head>"
    "<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx/1.25.3</center></body></html>"
)


@pytest.fixture(scope="module")
def backend() -> Iterator[DevServer]:
    with DevServer(tokens=["good-token", "reader-token"], readonly_tokens=["reader-token"]) as running:
        yield running


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with FaultServer() as running:
        yield running
    assert not running.errors, running.errors


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def apis(mode: str) -> Iterator[list[Api]]:
    made: list[Api] = []
    yield made
    for api in made:
        api.close()


def client(apis: list[Api], mode: str, url: str, **kwargs: object) -> Api:
    apis.append(make_client(mode, url, **kwargs))
    return apis[-1]


def test_no_token_says_how_to_give_one(backend: DevServer, apis: list[Api], mode: str) -> None:
    error, _ = client(apis, mode, backend.url).fails(AuthenticationError, "get_plugin", 123)
    assert error.hint == "no token was sent: pass access_token=... or set SYNAPSE_ACCESS_TOKEN"
    assert str(error).endswith(error.hint) and str(error).startswith("401 GET ")


def test_a_refused_token_is_named_by_header_never_by_value(
    backend: DevServer, apis: list[Api], mode: str
) -> None:
    error, _ = client(apis, mode, backend.url, access_token="wrong-token-77").fails(
        AuthenticationError, "get_plugin", 123
    )
    assert "refused the token sent as Synapse-Access-Token (from access_token)" in str(error)
    assert "given alone (the client adds 'Token ' itself)" in str(error)
    assert "wrong-token-77" not in str(error) + repr(error)


def test_a_refused_token_from_the_environment_names_the_variable(
    backend: DevServer, apis: list[Api], mode: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SYNAPSE_ACCESS_TOKEN", "stale-token-76")
    monkeypatch.setenv("SYNAPSE_TENANT", "tenant-75")
    error, _ = client(apis, mode, backend.url).fails(AuthenticationError, "get_plugin", 123)
    assert "refused the token sent as Synapse-Access-Token (from SYNAPSE_ACCESS_TOKEN)" in str(error)
    assert "stale-token-76" not in str(error) and "Tenant" not in str(error)  # a selector, not a credential


def test_the_token_prefix_is_refused_before_any_request(server: FaultServer) -> None:
    for prefix in ("Token ", "token ", "Bearer "):
        with pytest.raises(ValueError, match="pass the token alone, the client sends 'Token <token>' itself"):
            BackendClient(server.url, access_token=prefix + "abc-secret")
    with pytest.raises(ValueError, match=r"^tenant \(Synapse-Tenant header\): starts with 'Token'"):
        BackendClient(server.url, tenant="Token t")
    assert server.arrivals == []


def test_a_read_only_token_is_the_likely_cause_of_a_403_on_a_write(
    backend: DevServer, apis: list[Api], mode: str
) -> None:
    api = client(apis, mode, backend.url, access_token="reader-token")
    assert api.call("get_plugin", 123)["id"] == 123
    error, _ = api.fails(PermissionDeniedError, "update_plugin", 123, {"version": "9"})
    assert error.hint == "the token may not change this: a read-only token can read but not PUT"
    assert error.source == "server" and not error.local


def test_a_404_on_a_path_that_must_exist_points_at_the_base_url(
    backend: DevServer, apis: list[Api], mode: str
) -> None:
    # The local backend's API is under /api/ (and at its root, which this wrong URL starts from).
    root = backend.url.removesuffix("api/")
    wrong = client(apis, mode, root + "v2/", access_token="good-token")
    error, _ = wrong.fails(NotFoundError, "list_jobs")
    assert f"is base_url right? it is {root}v2/" in str(error)
    assert "it must be the API's root" in str(error) and "usually under /api/" not in str(error)
    # A missing object is only that: no hint.
    right = client(apis, mode, backend.url, access_token="good-token")
    missing, _ = right.fails(NotFoundError, "get_plugin", 999_999)
    assert missing.hint is None and str(missing).endswith(": Not found.")
    beyond, _ = right.fails(NotFoundError, "list_jobs", {"page": 10_000})
    assert beyond.hint is None


def test_an_html_404_is_a_wrong_base_url_and_the_api_root_is_asked_for(
    server: FaultServer, apis: list[Api], mode: str
) -> None:
    server.script(
        Fault.status(404, "<html><head><title>Page not found</title></head></html>", content_type="text/html")
    )
    error, _ = client(apis, mode, server.url).fails(NotFoundError, "get_plugin", 1)
    assert error.detail == "Page not found (an HTML page)"
    # No /api/ guess (the production host has no such prefix): the hint asks for the API's root.
    assert error.hint is not None and "is base_url right?" in error.hint and "API's root" in error.hint
    assert "/api/" not in error.hint


def test_an_html_page_is_reduced_to_its_title(server: FaultServer, apis: list[Api], mode: str) -> None:
    server.script(Fault.html(500, PROXY_PAGE))
    error, _ = client(apis, mode, server.url).fails(ServerError, "update_job", 7, {"progress": 1})
    assert error.detail == "502 Bad Gateway (an HTML page)"
    assert "<" not in str(error) and "color:red" not in str(error)
    assert error.response == PROXY_PAGE  # the whole body stays available


def test_a_success_that_is_an_html_page_points_at_the_base_url(
    server: FaultServer, apis: list[Api], mode: str
) -> None:
    server.script(
        Fault.status(200, "<!doctype html><title>Synapse</title><div id=app>", content_type="text/html")
    )
    error, _ = client(apis, mode, server.url + "app/").fails(InvalidResponseError, "get_plugin", 1)
    assert error.hint is not None and error.hint.startswith(
        "an HTML page, not the API's JSON: is base_url right?"
    )


def test_retries_and_time_spent_are_told(server: FaultServer, apis: list[Api], mode: str) -> None:
    server.script(*[Fault.status(503)] * 4)
    error, _ = client(apis, mode, server.url).fails(ServerError, "get_plugin", 1)
    assert re.search(r"; gave up after 4 attempts in \d+\.\d s$", str(error)), str(error)
    with refused_url() as url:
        refused, _ = client(apis, mode, url).fails(APIConnectionError, "get_plugin", 1)
        once, _ = client(apis, mode, url, max_retries=0).fails(APIConnectionError, "get_plugin", 1)
    assert re.search(
        r"gave up after 4 attempts in \d+\.\d s; is the server up, and is base_url \(http://", str(refused)
    )
    assert "gave up after" not in str(once) and "is the server up" in str(once)


def test_a_post_that_timed_out_says_why_it_was_not_retried(
    server: FaultServer, apis: list[Api], mode: str
) -> None:
    server.script(Fault.hang())
    api = client(apis, mode, server.url, timeout=0.5)
    error, _ = api.fails(APITimeoutError, "create_plugin", {"name": "p"})
    server.release()
    assert "not retried: the POST may have reached the server and been processed" in str(error)
    assert "the server did not answer in 0.5 s: pass timeout= to wait longer" in str(error)
    assert len(server.arrivals) == 1


def test_local_network_and_server_failures_are_told_apart(
    server: FaultServer, apis: list[Api], mode: str
) -> None:
    api = client(apis, mode, server.url)
    local, _ = api.fails(ValidationError, "get_plugin", "../admin")
    assert (local.status_code, local.source, local.local) == (400, "local", True)
    assert str(local).startswith("not sent: pk: ") and not str(local).startswith("400")
    server.script(Fault.json(400, {"progress": ["Ensure this value is less than or equal to 100."]}))
    remote, _ = api.fails(ValidationError, "update_job", 7, {"progress": 1})
    assert (remote.status_code, remote.source, remote.local) == (400, "server", False)
    assert str(remote).startswith("400 PATCH ")
    with refused_url() as url:
        network, _ = client(apis, mode, url, max_retries=0).fails(APIConnectionError, "get_plugin", 1)
    assert (network.status_code, network.source, network.local) == (503, "network", False)
    assert str(network).startswith("GET http://127.0.0.1:") and "503" not in str(network)
    assert len(server.arrivals) == 1  # the local check sent nothing
    for error in (local, remote, network):
        clone = pickle.loads(pickle.dumps(error))
        assert (clone.source, clone.hint, str(clone)) == (error.source, error.hint, str(error))


def test_a_closed_client_raises_a_client_error(server: FaultServer, apis: list[Api], mode: str) -> None:
    api = client(apis, mode, server.url)
    copy = api.with_options(max_retries=0)
    if api.runner is None:
        api.client.close()
    else:  # the client only: the test's event loop stays for the calls below
        api.runner.run(api.client.close())
    for closed in (api, copy):
        error, _ = closed.fails(ClientClosedError, "get_plugin", 1)
        assert isinstance(error, ClientError) and isinstance(error, RuntimeError)
        assert error.local and error.status_code == 400 and "the client is closed" in str(error)
    assert server.arrivals == []


def test_a_closed_http_client_of_the_caller_raises_a_client_error(server: FaultServer) -> None:
    mine = httpx.Client()
    sdk = BackendClient(server.url, http_client=mine)
    mine.close()
    with pytest.raises(ClientClosedError):
        sdk.get_plugin(1)
    assert server.arrivals == []


def test_the_hint_never_carries_a_secret(server: FaultServer, apis: list[Api], mode: str) -> None:
    url = server.url.replace("http://", "http://user:pw-SECRET-99@") + "wrong/"
    server.script(Fault.status(404, "<title>nope</title>", content_type="text/html"))
    error, _ = client(apis, mode, url, access_token="tok-SECRET-98").fails(NotFoundError, "get_plugin", 1)
    assert "SECRET" not in str(error) + repr(error) and "base_url" in str(error)
