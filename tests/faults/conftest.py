"""Fixtures of the fault-injection suite: a loopback FaultServer per test, and clients of both
kinds (every test that takes `make_api` runs once with BackendClient, once with
AsyncBackendClient)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import httpx._transports.default
import pytest

from tests.support.faultserver import FaultServer

from .helpers import Api, make_client

MakeApi = Callable[..., Api]


@pytest.fixture(autouse=True, scope="session")
def _one_tls_context() -> Iterator[None]:
    """Each new client loads the CA bundle into a TLS context (60-90 ms here), though this suite
    speaks plain HTTP on loopback: build it once per set of arguments, to keep the suite fast."""
    module = httpx._transports.default
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            module, "create_ssl_context", functools.lru_cache(maxsize=None)(httpx.create_ssl_context)
        )
        yield


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with FaultServer() as running:
        yield running
    assert not running.errors, running.errors


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def make_api(mode: str) -> Iterator[MakeApi]:
    """`make_api(url, **client_kwargs)`: a client of this test's kind; FAST backoff unless a
    `retry_policy` is given. Closed at teardown."""
    made: list[Api] = []

    def make(url: str, **kwargs: Any) -> Api:
        api = make_client(mode, url, **kwargs)
        made.append(api)
        return api

    yield make
    for api in made:
        api.close()


@pytest.fixture
def api(server: FaultServer, make_api: MakeApi) -> Api:
    """A client of the test's server with FAST backoff and a 1 s timeout."""
    return make_api(server.url, timeout=1.0)
