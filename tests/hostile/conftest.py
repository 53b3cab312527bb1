"""Fixtures of the hostile-world suite: the real local backend, scripted servers on loopback, and a
scripted server that passes requests on to the local backend (so a real backend sits behind one
injected failure)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import httpx
import pytest

from synapse_sdk.clients._policy import RetryPolicy
from synapse_sdk.devserver import DevServer
from tests.support.faultserver import Arrival, Fault, FaultServer

TOKEN = "hostile-SECRET-token-7777"
# Waiting is not the point: backoff near zero, the retry count as the default.
FAST = RetryPolicy(initial_backoff=0.01, max_backoff=0.05)
_HOP_BY_HOP = frozenset({"host", "content-length", "transfer-encoding", "connection", "keep-alive"})


@pytest.fixture(scope="module")
def backend() -> Iterator[DevServer]:
    with DevServer(tokens=[TOKEN]) as running:
        yield running


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with FaultServer() as running:
        yield running
    assert not running.errors, running.errors


def forward_to(url: str) -> Callable[[Arrival], Fault]:
    """A script entry that sends the request it gets on to `url` and answers what came back."""

    def forward(arrival: Arrival) -> Fault:
        headers = {name: value for name, value in arrival.headers.items() if name not in _HOP_BY_HOP}
        answer = httpx.request(
            arrival.method,
            url.rstrip("/") + arrival.target,
            content=arrival.body,
            headers=headers,
            timeout=30,
        )
        return Fault.status(
            answer.status_code, answer.content, content_type=answer.headers.get("content-type", "text/plain")
        )

    return forward
