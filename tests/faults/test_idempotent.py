"""GET and PUT: retried on 408/429/502/503/504, on a read timeout and on a lost connection;
never on 500 or another error status. `max_retries=0` turns retries off."""

from __future__ import annotations

import logging

import pytest

from synapse_sdk.clients.exceptions import (
    APIConnectionError,
    APITimeoutError,
    ClientError,
    NotFoundError,
    ServerError,
    UnexpectedStatusError,
    ValidationError,
)
from tests.support.faultserver import Fault, FaultServer, refused_url

from .conftest import MakeApi
from .helpers import CALLS, IDEMPOTENT, Api, attempts

RETRIED: dict[str, Fault] = {
    "408": Fault.status(408),
    "429": Fault.json(429, {"detail": "slow down"}),
    "502-html": Fault.html(502),
    "503-empty": Fault.status(503),
    "504-text": Fault.status(504, "upstream timed out"),
    "read-timeout": Fault.hang(),
    "drop": Fault.drop(),
    "reset": Fault.reset(),
    "close-before-read": Fault.close(),
    "truncated": Fault.truncated(200, '{"id": 1}', 400),
    "garbage": Fault.garbage(),
}
NOT_RETRIED: dict[str, tuple[Fault, type[ClientError]]] = {
    "500": (Fault.json(500, {"detail": "boom"}), ServerError),
    "400": (Fault.json(400, {"expand": ["bad value"]}), ValidationError),
    "404": (Fault.json(404, {"detail": "Not found."}), NotFoundError),
    "499": (Fault.status(499), UnexpectedStatusError),
    "599": (Fault.status(599, "weird proxy"), ServerError),
}


def test_get_succeeds_on_the_third_attempt_after_two_503(api: Api, server: FaultServer) -> None:
    """A GET answered 503, 503, then 200 returns the 200's body, within the bounded backoff."""
    server.script(Fault.html(503), Fault.status(503), Fault.json(200, {"id": 1, "name": "p"}))
    result, elapsed = api.timed("get_plugin", 1)
    assert result == {"id": 1, "name": "p"}
    assert [a.path for a in server.arrivals] == ["/plugins/1/"] * 3
    assert elapsed < 1.0  # two waits of at most max_backoff (0.05 s)


@pytest.mark.parametrize("fault", RETRIED.values(), ids=RETRIED.keys())
@pytest.mark.parametrize("name", ["get_job", "update_plugin"])
def test_idempotent_call_retried_then_succeeds(
    server: FaultServer, make_api: MakeApi, fault: Fault, name: str
) -> None:
    """GET and PUT are retried after each failure of the table, and the retry succeeds."""
    server.script(fault, Fault.json(200, {"id": 7}))
    result, elapsed = make_api(server.url, timeout=0.3).timed(name, *CALLS[name][2])
    assert result == {"id": 7}
    assert len(server.arrivals) == (1 if fault.kind == "close" else 2)
    assert len({(a.method, a.target, a.body) for a in server.arrivals}) == 1
    assert elapsed < 2.0


@pytest.mark.parametrize(("fault", "error"), NOT_RETRIED.values(), ids=NOT_RETRIED.keys())
@pytest.mark.parametrize("name", IDEMPOTENT)
def test_idempotent_call_not_retried_on_other_statuses(
    server: FaultServer, make_api: MakeApi, fault: Fault, error: type[ClientError], name: str
) -> None:
    """500, 400, 404, 499 and 599 are final even for a GET: one arrival, the mapped error."""
    server.default = fault
    exc, elapsed = make_api(server.url).fails(error, name, *CALLS[name][2])
    assert len(server.arrivals) == 1 and exc.status_code == fault.code and elapsed < 1.0


@pytest.mark.parametrize("name", IDEMPOTENT)
def test_idempotent_call_gives_up_after_max_retries(
    server: FaultServer, make_api: MakeApi, name: str
) -> None:
    """A GET that keeps meeting 502 is tried 1 + max_retries times, then raises ServerError."""
    server.default = Fault.html(502)
    exc, _ = make_api(server.url, max_retries=2).fails(ServerError, name, *CALLS[name][2])
    assert len(server.arrivals) == 3 and exc.status_code == 502


def test_get_read_timeouts_all_attempts(server: FaultServer, make_api: MakeApi) -> None:
    """A GET that never gets an answer costs (1 + max_retries) read timeouts plus the backoff."""
    server.default = Fault.hang()
    exc, elapsed = make_api(server.url, timeout=0.2, max_retries=2).fails(APITimeoutError, "get_storage", 4)
    assert len(server.arrivals) == 3 and server.connections == 3
    assert 0.55 <= elapsed < 0.6 + 2 * 0.05 + 1.5
    assert "timed out waiting for the answer" in str(exc)


def test_get_retried_on_connect_refused(make_api: MakeApi, caplog: pytest.LogCaptureFixture) -> None:
    """Connect refused is retried max_retries times for a GET; one DEBUG record per attempt."""
    caplog.set_level(logging.DEBUG, logger="synapse_sdk")
    with refused_url() as url:
        make_api(url).fails(APIConnectionError, "get_plugin", 1)
    assert len(attempts(caplog.records)) == 4


# -- max_retries=0 ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "fault", [Fault.html(503), Fault.drop(), Fault.status(429)], ids=["503", "drop", "429"]
)
def test_max_retries_zero_on_the_client_turns_retries_off(
    server: FaultServer, make_api: MakeApi, fault: Fault
) -> None:
    """`BackendClient(..., max_retries=0)`: one arrival whatever the failure."""
    server.default = fault
    api = make_api(server.url, max_retries=0)
    assert api.client.max_retries == 0
    api.fails(ClientError, "get_plugin", 1)
    assert len(server.arrivals) == 1


def test_max_retries_zero_per_call_via_with_options(api: Api, server: FaultServer) -> None:
    """`client.with_options(max_retries=0)` turns retries off for that call only."""
    server.default = Fault.html(503)
    api.with_options(max_retries=0).fails(ServerError, "get_plugin", 1)
    assert len(server.arrivals) == 1
    api.fails(ServerError, "get_plugin", 1)  # the original client still retries
    assert len(server.arrivals) == 1 + 4
    assert api.client.max_retries == 3


def test_with_options_shares_the_connection_pool(api: Api, server: FaultServer) -> None:
    """A client from with_options() reuses the original's connections (one TCP connection)."""
    api.call("get_plugin", 1)
    api.with_options(max_retries=0, timeout=2.0).call("get_plugin", 1)
    api.with_options(max_retries=1).call("get_storage", 4)
    assert len(server.arrivals) == 3 and server.connections == 1
