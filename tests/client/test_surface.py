"""The public surface: exported names, sync/async twins, reprs without secrets, pickling."""

from __future__ import annotations

import inspect
import pickle

import pytest

import synapse_sdk.clients as clients
import synapse_sdk.clients.exceptions as exceptions
from synapse_sdk.clients.backend import AsyncBackendClient, BackendClient

DOCUMENTED = [
    "health_check_agent",
    "get_plugin",
    "create_plugin",
    "update_plugin",
    "run_plugin",
    "get_plugin_release",
    "create_plugin_release",
    "get_job",
    "list_jobs",
    "update_job",
    "list_job_console_logs",
    "list_storages",
    "get_storage",
    "create_storage",
]


def _public_methods(cls: type) -> dict[str, inspect.Signature]:
    return {
        name: inspect.signature(member)
        for name, member in inspect.getmembers(cls, inspect.isfunction)
        if not name.startswith("_")
    }


def test_exported_names() -> None:
    assert clients.__all__ == sorted(clients.__all__)
    assert set(clients.__all__) == {
        "AsyncBackendClient",
        "AsyncIntegrationClientMixin",
        "BackendClient",
        "ClientError",
        "IntegrationClientMixin",
        "Limits",
        "RawResponse",
        "RetryPolicy",
        "request_id_of",
    }
    assert exceptions.__all__ == sorted(exceptions.__all__)
    for name in exceptions.__all__:
        assert issubclass(getattr(exceptions, name), exceptions.ClientError)


def _positional(signature: inspect.Signature) -> list[str]:
    return [p.name for p in signature.parameters.values() if p.kind is p.POSITIONAL_OR_KEYWORD]


def _keyword_only(signature: inspect.Signature) -> list[str]:
    return [p.name for p in signature.parameters.values() if p.kind is p.KEYWORD_ONLY]


def test_documented_methods_and_signatures() -> None:
    """The documented positional parameters, as the page shows them; what this client adds is
    keyword-only (the deliberate-extra-key escapes, the upload progress callback)."""
    methods = _public_methods(BackendClient)
    assert set(DOCUMENTED) <= set(methods)
    assert _positional(methods["get_plugin"]) == ["self", "pk"]
    assert _positional(methods["get_job"]) == ["self", "pk", "params"]
    assert _keyword_only(methods["get_job"]) == ["extra_query"]
    assert _positional(methods["list_jobs"]) == ["self", "params"]
    assert _positional(methods["list_job_console_logs"]) == ["self", "pk"]
    assert _positional(methods["update_job"]) == ["self", "pk", "data"]
    assert _keyword_only(methods["update_job"]) == ["extra_body"]
    assert methods["list_storages"].parameters["params"].default is None
    assert _positional(methods["create_plugin_release"]) == ["self", "data"]
    # `file=`: the production SDK's call form, create_plugin_release(data, file=path).
    assert _keyword_only(methods["create_plugin_release"]) == ["file", "progress", "extra_body"]


def test_sync_and_async_twins_cannot_drift() -> None:
    sync, async_ = _public_methods(BackendClient), _public_methods(AsyncBackendClient)
    assert set(sync) == set(async_)
    for name in sync:
        assert sync[name].parameters == async_[name].parameters, name
        member = getattr(AsyncBackendClient, name)
        if name in DOCUMENTED:
            assert inspect.iscoroutinefunction(member), name
        assert (getattr(BackendClient, name).__doc__ or "").split("\n")[0] == (member.__doc__ or "").split(
            "\n"
        )[0]


def test_repr_has_no_secrets() -> None:
    client = BackendClient(
        "http://127.0.0.1:1/",
        "acc-secret-1",
        authorization_token="legacy-secret-2",
        tenant="tenant-3",
        agent_token="agent-secret-4",
    )
    text = repr(client) + str(vars(client).keys())
    for secret in ("acc-secret-1", "legacy-secret-2", "tenant-3", "agent-secret-4"):
        assert secret not in text
    assert repr(client) == "BackendClient(base_url='http://127.0.0.1:1/')"


def test_errors_pickle_with_their_attributes() -> None:
    error = exceptions.RateLimitError(
        "slow down",
        status_code=429,
        response={"detail": "slow down"},
        method="GET",
        url="http://x/",
        retry_after=3.0,
    )
    clone = pickle.loads(pickle.dumps(error))
    assert type(clone) is exceptions.RateLimitError
    assert (clone.status_code, clone.response, clone.retry_after, str(clone)) == (
        429,
        {"detail": "slow down"},
        3.0,
        "429 GET http://x/: slow down",
    )


def test_with_options_shares_the_pool_and_changes_only_what_is_asked() -> None:
    client = BackendClient("http://127.0.0.1:1/", max_retries=5, timeout=30)
    quiet = client.with_options(max_retries=0)
    assert (client.max_retries, quiet.max_retries) == (5, 0)
    assert quiet.timeout == client.timeout and quiet._api is client._api
    assert client.with_options(timeout=2).timeout.read == 2.0
    with pytest.raises(ValueError):
        client.with_options(max_retries=-1)


def test_default_timeouts_match_the_production_client() -> None:
    timeout = BackendClient("http://127.0.0.1:1/").timeout
    assert (timeout.connect, timeout.read) == (5.0, 15.0)
    assert BackendClient("http://127.0.0.1:1/", timeout=60).timeout.connect == 5.0
