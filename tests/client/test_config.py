"""Configuration: SYNAPSE_* variables, explicit arguments, with_options, a caller's http_client
left as it was, sentinels and names that read well in help()."""

from __future__ import annotations

import asyncio
import inspect
import pydoc
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

import synapse_sdk
from synapse_sdk import NOT_GIVEN, AsyncBackendClient, BackendClient, RetryPolicy
from synapse_sdk.clients import _policy, exceptions
from synapse_sdk.devserver import DevServer
from tests.faults.helpers import FAST, make_client
from tests.support.faultserver import Fault, FaultServer

ALL_ENV = {
    "SYNAPSE_BASE_URL": None,  # set per test to the server
    "SYNAPSE_ACCESS_TOKEN": "env-access-1111",
    "SYNAPSE_AUTHORIZATION_TOKEN": "env-authz-2222",
    "SYNAPSE_TENANT": "env-tenant-3333",
    "SYNAPSE_AGENT_TOKEN": "env-agent-4444",
}
AUTH = ("synapse-access-token", "authorization", "synapse-tenant", "synapse-agent")


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with FaultServer(default=Fault.json(200, {"id": 123, "name": "p"})) as running:
        yield running
    assert not running.errors, running.errors


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def _client_class(mode: str) -> type[BackendClient] | type[AsyncBackendClient]:
    return BackendClient if mode == "sync" else AsyncBackendClient


def _get_plugin(client: BackendClient | AsyncBackendClient) -> Any:
    if isinstance(client, BackendClient):
        with client:
            return client.get_plugin(123)

    async def run() -> Any:
        async with client:
            return await client.get_plugin(123)

    return asyncio.run(run())


def _sent(server: FaultServer) -> dict[str, str]:
    headers = server.arrivals[-1].headers
    return {name: headers[name] for name in AUTH if name in headers}


def _set_env(monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    for name, value in {**ALL_ENV, "SYNAPSE_BASE_URL": url}.items():
        monkeypatch.setenv(name, value or "")


def test_no_arguments_reads_every_variable(
    server: FaultServer, mode: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _set_env(monkeypatch, server.url)
    assert _get_plugin(_client_class(mode)())["id"] == 123
    assert _sent(server) == {
        "synapse-access-token": "Token env-access-1111",
        "authorization": "Token env-authz-2222",
        "synapse-tenant": "Token env-tenant-3333",
        "synapse-agent": "Token env-agent-4444",
    }


def test_the_environment_works_against_the_local_backend(mode: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with DevServer(tokens=["env-only-token"]) as backend:
        monkeypatch.setenv("SYNAPSE_BASE_URL", backend.url)
        with pytest.raises(exceptions.AuthenticationError):
            _get_plugin(_client_class(mode)())
        monkeypatch.setenv("SYNAPSE_ACCESS_TOKEN", "env-only-token")
        assert _get_plugin(_client_class(mode)())["id"] == 123


def test_explicit_arguments_win_and_none_sends_nothing(
    server: FaultServer, mode: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _set_env(monkeypatch, "http://127.0.0.1:1/never-used/")
    cls = _client_class(mode)
    _get_plugin(
        cls(server.url, "arg-access", tenant="arg-tenant", authorization_token=None, agent_token=None)
    )
    assert _sent(server) == {"synapse-access-token": "Token arg-access", "synapse-tenant": "Token arg-tenant"}
    assert server.arrivals[-1].path == "/plugins/123/"


def test_empty_variables_are_unset_and_whitespace_is_dropped(
    server: FaultServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SYNAPSE_BASE_URL", f"  {server.url}\n")
    monkeypatch.setenv("SYNAPSE_ACCESS_TOKEN", "from-a-file\n")
    monkeypatch.setenv("SYNAPSE_TENANT", "")
    _get_plugin(BackendClient())
    assert _sent(server) == {"synapse-access-token": "Token from-a-file"}


@pytest.mark.parametrize("cls", [BackendClient, AsyncBackendClient])
def test_no_base_url_anywhere_names_the_variables(cls: type[Any]) -> None:
    with pytest.raises(ValueError) as info:
        cls()
    message = str(info.value)
    for name in (
        "SYNAPSE_BASE_URL",
        "SYNAPSE_ACCESS_TOKEN",
        "SYNAPSE_TENANT",
        "base_url",
        "/api/",
        f"{cls.__name__}(",
    ):
        assert name in message
    assert "_BaseClient" not in message


def test_a_bad_variable_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SYNAPSE_BASE_URL", "synapse.example.com/api/")
    with pytest.raises(ValueError, match=r"^SYNAPSE_BASE_URL must be an http"):
        BackendClient()
    monkeypatch.setenv("SYNAPSE_BASE_URL", "http://127.0.0.1:1/")
    monkeypatch.setenv("SYNAPSE_ACCESS_TOKEN", "Token secret-value-5555")
    with pytest.raises(ValueError) as info:
        BackendClient()
    assert str(info.value).startswith(
        "SYNAPSE_ACCESS_TOKEN (Synapse-Access-Token header): starts with 'Token'"
    )
    assert "secret-value-5555" not in str(info.value)


def test_with_options_changes_url_and_tokens_on_the_same_pool(server: FaultServer, mode: str) -> None:
    api = make_client(mode, server.url, access_token="first-token", tenant="first-tenant")
    with FaultServer(default=Fault.json(200, {"id": 1})) as other:
        moved = api.with_options(base_url=other.url, access_token="second-token", tenant=None)
        assert moved.client._http is api.client._http and moved.client._api is api.client._api
        moved.call("get_plugin", 1)
        assert _sent(other) == {"synapse-access-token": "Token second-token"}
        assert other.arrivals[-1].path == "/plugins/1/"
        assert not other.errors
    api.call("get_plugin", 1)  # the original keeps its own settings
    assert _sent(server) == {
        "synapse-access-token": "Token first-token",
        "synapse-tenant": "Token first-tenant",
    }
    agent = api.with_options(agent_token="agent-x", authorization_token="authz-y", timeout=3, max_retries=1)
    assert (agent.client.timeout.read, agent.client.max_retries, agent.client.base_url) == (
        3.0,
        1,
        api.client.base_url,
    )
    agent.call("get_plugin", 1)
    assert (
        _sent(server)["synapse-agent"] == "Token agent-x"
        and _sent(server)["authorization"] == "Token authz-y"
    )
    policy = RetryPolicy(max_retries=7, initial_backoff=0.01)
    assert api.with_options(retry_policy=policy).client.retry_policy is policy
    for bad in ({"access_token": "Token x"}, {"base_url": "nope"}, {"base_url": None}, {"max_retries": -1}):
        with pytest.raises(ValueError):
            api.with_options(**bad)
    api.close()


def test_with_options_reads_no_environment(server: FaultServer, monkeypatch: pytest.MonkeyPatch) -> None:
    client = BackendClient(server.url)
    _set_env(monkeypatch, "http://127.0.0.1:1/")
    client.with_options(timeout=2).get_plugin(1)
    assert _sent(server) == {} and len(server.arrivals) == 1
    client.close()


def test_a_callers_http_client_is_never_changed(server: FaultServer) -> None:
    mine = httpx.Client(base_url="http://127.0.0.1:9/elsewhere/", headers={"X-Mine": "kept"}, timeout=99)
    before = (mine.base_url, dict(mine.headers), mine.timeout)
    with BackendClient(server.url, access_token="sdk-token", timeout=4, http_client=mine) as client:
        client.get_plugin(7)
        client.with_options(access_token="other-token").get_plugin(8)
    assert (mine.base_url, dict(mine.headers), mine.timeout) == before
    first, second = server.arrivals
    assert (first.path, second.path) == ("/plugins/7/", "/plugins/8/")
    assert first.headers["synapse-access-token"] == "Token sdk-token" and first.headers["x-mine"] == "kept"
    assert second.headers["synapse-access-token"] == "Token other-token"
    assert not mine.is_closed  # the caller's to close
    assert mine.get(server.url + "plugins/9/").status_code == 200
    mine.close()


def test_a_callers_async_http_client_is_never_changed(server: FaultServer) -> None:
    async def run() -> None:
        mine = httpx.AsyncClient(base_url="http://127.0.0.1:9/", headers={"X-Mine": "kept"}, timeout=99)
        before = (mine.base_url, dict(mine.headers), mine.timeout)
        async with AsyncBackendClient(server.url, access_token="sdk-token", http_client=mine) as client:
            await client.get_plugin(7)
        assert (mine.base_url, dict(mine.headers), mine.timeout) == before and not mine.is_closed
        await mine.aclose()

    asyncio.run(run())
    assert server.arrivals[0].headers["synapse-access-token"] == "Token sdk-token"
    assert server.arrivals[0].headers["x-mine"] == "kept"


def test_the_request_carries_the_timeout_not_the_pool() -> None:
    """The timeout travels with each request (httpx reads it from the request's extensions)."""
    client = BackendClient("http://127.0.0.1:1/", timeout=7)
    from synapse_sdk.clients.resources.plugins import get_plugin_operation

    request = client._build_request(client._http, get_plugin_operation(1))
    assert request.extensions["timeout"]["read"] == 7.0
    assert str(request.url) == "http://127.0.0.1:1/plugins/1/"
    assert (
        client.with_options(timeout=2)
        ._build_request(client._http, get_plugin_operation(1))
        .extensions["timeout"]["read"]
        == 2.0
    )
    client.close()


def test_sentinels_and_names_read_well_in_help() -> None:
    assert repr(NOT_GIVEN) == "NOT_GIVEN" and not NOT_GIVEN
    assert synapse_sdk.NotGiven() is NOT_GIVEN
    for cls in (BackendClient, AsyncBackendClient):
        text = pydoc.render_doc(cls, renderer=pydoc.plaintext)
        assert "object at 0x" not in text
        assert "_BaseClient" not in text.split("Method resolution order")[0]
        assert f"{cls.__name__}(base_url: 'str | httpx.URL | NotGiven' = NOT_GIVEN" in text
        assert "SYNAPSE_BASE_URL" in text  # the constructor's documentation is on the class
        with pytest.raises(TypeError, match=rf"^{cls.__name__}\.__init__\(\) got an unexpected keyword"):
            cls("http://127.0.0.1:1/", acess_token="typo")
        client = cls("http://127.0.0.1:1/")
        with pytest.raises(TypeError, match=rf"^{cls.__name__}\.with_options\(\) got an unexpected keyword"):
            client.with_options(retries=0)


def test_constructors_and_with_options_are_twins() -> None:
    for name in ("__init__", "with_options"):
        sync, async_ = (
            inspect.signature(getattr(BackendClient, name)),
            inspect.signature(getattr(AsyncBackendClient, name)),
        )
        assert sync == async_, name
    assert list(inspect.signature(BackendClient).parameters)[:2] == ["base_url", "access_token"]
    options = set(inspect.signature(BackendClient.with_options).parameters) - {"self"}
    assert options == {
        "base_url",
        "access_token",
        "authorization_token",
        "tenant",
        "agent_token",
        "timeout",
        "max_retries",
        "retry_policy",
        "limits",
        "attempt_timeout",
    }


def test_public_names() -> None:
    from synapse_sdk.clients import RetryPolicy as from_clients
    from synapse_sdk.clients.backend import BackendClient as documented
    from synapse_sdk.clients.exceptions import ClientError as documented_error

    assert from_clients is RetryPolicy is _policy.RetryPolicy
    assert synapse_sdk.BackendClient is documented and synapse_sdk.ClientError is documented_error
    for name in synapse_sdk.__all__:
        assert getattr(synapse_sdk, name) is not None
    assert set(exceptions.__all__) <= set(synapse_sdk.__all__)
    with pytest.raises(AttributeError, match="no attribute 'Nope'"):
        _ = synapse_sdk.Nope  # type: ignore[attr-defined]


def test_import_synapse_sdk_stays_cheap() -> None:
    """The top-level names are imported on first use: `import synapse_sdk` loads no httpx."""
    code = "import sys, synapse_sdk; print('httpx' in sys.modules, 'synapse_sdk.clients' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]
    code = "import sys; from synapse_sdk import BackendClient; print(BackendClient.__module__)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "synapse_sdk.clients.backend"


def test_retry_policy_from_the_public_name_is_used(server: FaultServer, mode: str) -> None:
    server.script(Fault.status(503), Fault.status(503), Fault.json(200, {"id": 1}))
    api = make_client(mode, server.url, retry_policy=RetryPolicy(max_retries=2, initial_backoff=0.01))
    assert api.call("get_plugin", 1) == {"id": 1} and len(server.arrivals) == 3
    server.script(Fault.status(503), Fault.status(503))
    with pytest.raises(exceptions.ServerError):
        api.with_options(retry_policy=FAST.evolve(max_retries=1)).call("get_plugin", 1)
    assert len(server.arrivals) == 5
    api.close()
