"""Timeouts: 5 s to connect and 15 s per read by default; a number bounds each connect, read and
write. The read timeout bounds each socket read, not the whole answer: a trickle that sends
something within every read timeout is waited for, one that pauses longer fails."""

from __future__ import annotations

import httpx
import pytest

from synapse_sdk.clients._policy import upload_timeout
from synapse_sdk.clients.exceptions import APITimeoutError
from tests.support.faultserver import Fault, FaultServer

from .conftest import MakeApi
from .helpers import Api


def test_default_timeout_is_5s_connect_15s_read(make_api: MakeApi, server: FaultServer) -> None:
    """Without `timeout`, the client connects within 5 s and waits 15 s per read (and write/pool)."""
    timeout = make_api(server.url).client.timeout
    assert (timeout.connect, timeout.read, timeout.write, timeout.pool) == (5.0, 15.0, 15.0, 15.0)


def test_a_number_bounds_connect_read_and_write(make_api: MakeApi, server: FaultServer) -> None:
    """`timeout=2` bounds each read, write and pool wait by 2 s, and connect by min(2, 5)."""
    api = make_api(server.url, timeout=2)
    assert api.client.timeout == httpx.Timeout(2.0, connect=2.0)
    assert api.with_options(timeout=30).client.timeout == httpx.Timeout(30.0, connect=5.0)


def test_the_default_timeouts_reach_the_wire(make_api: MakeApi, server: FaultServer) -> None:
    """The request httpx sends carries the client's timeouts (not httpx's own 5 s default)."""
    seen: list[dict[str, float | None]] = []
    api = make_api(server.url)

    def hook(request: httpx.Request) -> None:
        # A sync client's reads and writes are also bounded by attempt_timeout (_deadline): what
        # the socket is given is a number that shrinks as the attempt's time runs out.
        seen.append({name: float(value) for name, value in request.extensions["timeout"].items()})

    if api.mode == "sync":
        api.call("get_plugin", 1)  # the httpx client is made on first use
        http = api.client._api.get_httpx_client()
        http.event_hooks["request"].append(hook)
        api.call("get_plugin", 1)
    else:

        async def ahook(request: httpx.Request) -> None:
            hook(request)

        api.call("get_plugin", 1)
        api.client._api.get_async_httpx_client().event_hooks["request"].append(ahook)
        api.call("get_plugin", 1)
    assert seen == [{"connect": 5.0, "read": 15.0, "write": 15.0, "pool": 15.0}]


@pytest.mark.parametrize("name", ["create_plugin", "update_job", "get_job"])
def test_a_hang_becomes_api_timeout_error_within_the_read_timeout(
    server: FaultServer, make_api: MakeApi, name: str
) -> None:
    """A request never answered raises APITimeoutError after the read timeout (0.3 s), not before
    and not much after; the POST/PATCH is not retried (max_retries=0 for the GET, to compare)."""
    from .helpers import CALLS

    server.default = Fault.hang()
    exc, elapsed = make_api(server.url, timeout=0.3, max_retries=0).fails(
        APITimeoutError, name, *CALLS[name][2]
    )
    assert len(server.arrivals) == 1 and 0.28 <= elapsed < 1.5
    assert exc.response is None and exc.method == CALLS[name][0]


def test_with_options_timeout_applies_to_that_call(server: FaultServer, make_api: MakeApi) -> None:
    """`client.with_options(timeout=0.3)` bounds that call, though the client waits 15 s."""
    server.default = Fault.hang()
    api = make_api(server.url)
    _, elapsed = api.with_options(timeout=0.3, max_retries=0).fails(
        APITimeoutError, "create_plugin", {"name": "p"}
    )
    assert 0.28 <= elapsed < 1.5


def test_a_late_answer_within_the_timeout_is_waited_for(api: Api, server: FaultServer) -> None:
    """An answer delayed 0.4 s with a 1 s read timeout is a success, after one arrival."""
    server.script(Fault.delayed(0.4, Fault.json(201, {"id": 3})))
    result, elapsed = api.timed("create_plugin", {"name": "p"})
    assert result == {"id": 3} and len(server.arrivals) == 1 and 0.38 <= elapsed < 2.0


def test_a_trickle_faster_than_the_read_timeout_is_read_to_the_end(
    server: FaultServer, make_api: MakeApi
) -> None:
    """9 body chunks 0.08 s apart with a 0.25 s read timeout: each read gets data in time, so the
    call succeeds after ~0.7 s, about three read timeouts; the bound is read timeout x reads."""
    body = b'{"id": 1, "name": "slow"}'
    server.script(
        Fault.trickle(Fault.status(200, body, content_type="application/json"), interval=0.08, chunk=3)
    )
    result, elapsed = make_api(server.url, timeout=0.25).timed("create_plugin", {"name": "p"})
    reads = -(-len(body) // 3) + 1  # the head, then each chunk
    assert result == {"id": 1, "name": "slow"} and len(server.arrivals) == 1
    assert 0.08 * (reads - 1) * 0.95 <= elapsed < 0.25 * reads


def test_a_trickle_pausing_longer_than_the_read_timeout_times_out(
    server: FaultServer, make_api: MakeApi
) -> None:
    """The head comes at once, then the body pauses 1 s: a POST fails after one read timeout
    (0.3 s) with APITimeoutError, and is not retried."""
    server.default = Fault.trickle(Fault.json(201, {"id": 1}), interval=1.0, chunk=4)
    _, elapsed = make_api(server.url, timeout=0.3).fails(APITimeoutError, "run_plugin", 1, {})
    assert len(server.arrivals) == 1 and 0.28 <= elapsed < 1.0


def test_upload_read_timeout_grows_with_the_package() -> None:
    """An upload waits at least 60 s for its answer (plus 1 s per 8 MiB): the server hashes and
    stores the package first. Connect and write keep the client's bounds."""
    base = httpx.Timeout(0.5, connect=0.5)
    grown = upload_timeout(base, 80 * 1024 * 1024)
    assert (grown.connect, grown.write, grown.read) == (0.5, 0.5, 70.0)
