"""POST and PATCH: retried only where the request provably never reached the server (connect
errors) or the server said it did not process it (429, 502, 503, 504); never after it may have
been processed (a read timeout, a dropped connection, a 500)."""

from __future__ import annotations

import hashlib
import logging
import threading
from pathlib import Path

import pytest

from synapse_sdk.clients._policy import RetryPolicy
from synapse_sdk.clients.exceptions import (
    APIConnectionError,
    APITimeoutError,
    ClientError,
    RateLimitError,
    ServerError,
)
from tests.support.faultserver import Fault, FaultServer, refused_url, unresponsive_url

from .conftest import MakeApi
from .helpers import CALLS, NON_IDEMPOTENT, PACKAGE, Api, attempts

NEVER_RETRIED: list[tuple[str, Fault, type[ClientError]]] = [
    ("hang", Fault.hang(), APITimeoutError),
    ("drop", Fault.drop(), APIConnectionError),
    ("reset", Fault.reset(), APIConnectionError),
    ("truncated", Fault.truncated(201, '{"id": 1, "name": "p"}', 500), APIConnectionError),
    ("garbage", Fault.garbage(), APIConnectionError),
    ("500", Fault.json(500, {"detail": "boom"}), ServerError),
    ("408", Fault.status(408), APITimeoutError),
]
# max_retries is passed to the client as well: see test_retry_policy_max_retries_is_kept (a bug).
SLOW_START = RetryPolicy(max_retries=30, initial_backoff=0.05, max_backoff=0.1)
# An upload waits at least 60 s for its answer (see test_timeouts): its hang is left out.
NEVER_RETRIED_CASES = [
    pytest.param(name, *case, id=f"{case[0]}-{name}")
    for case in NEVER_RETRIED
    for name in NON_IDEMPOTENT
    if not (case[0] == "hang" and name == "create_plugin_release")
]


@pytest.mark.parametrize(("name", "fault_name", "fault", "error"), NEVER_RETRIED_CASES)
def test_post_and_patch_never_retried_once_the_request_may_have_been_processed(
    server: FaultServer, make_api: MakeApi, name: str, fault_name: str, fault: Fault, error: type[ClientError]
) -> None:
    """A POST/PATCH whose answer never came, was cut or was a 500/408 arrived exactly once."""
    server.default = fault  # every attempt would meet the same fault
    api = make_api(server.url, timeout=0.2)
    verb, path, args = CALLS[name]
    exc, elapsed = api.fails(error, name, *args)
    assert [(a.method, a.path) for a in server.arrivals] == [(verb, path)]
    assert server.connections == 1
    assert exc.method == verb and exc.response in (None, {"detail": "boom"})
    assert elapsed < 2.0
    if fault_name == "hang":
        assert elapsed >= 0.18  # the configured read timeout, not earlier


@pytest.mark.parametrize("name", ["create_plugin", "run_plugin", "update_job"])
def test_post_closed_before_the_request_was_read_is_not_retried(
    server: FaultServer, make_api: MakeApi, name: str
) -> None:
    """A connection closed after connect is ambiguous for a POST/PATCH (the bytes were sent): no retry."""
    server.default = Fault.close()
    exc, _ = make_api(server.url).fails(APIConnectionError, name, *CALLS[name][2])
    assert server.connections == 1 and server.arrivals == []
    assert exc.method == CALLS[name][0]


@pytest.mark.parametrize("name", NON_IDEMPOTENT)
@pytest.mark.parametrize("status", [429, 502, 503, 504])
def test_post_and_patch_retried_when_the_server_says_not_processed(
    server: FaultServer, make_api: MakeApi, name: str, status: int
) -> None:
    """429/502/503/504 mean "not processed": a POST/PATCH is retried and then succeeds."""
    server.script(Fault.html(status), Fault.json(status, {"detail": "busy"}), Fault.json(201, {"id": 9}))
    result, elapsed = make_api(server.url).timed(name, *CALLS[name][2])
    assert result == {"id": 9}
    assert len(server.arrivals) == 3 and elapsed < 2.0
    assert len({a.body for a in server.arrivals}) == 1  # the same request each time


@pytest.mark.parametrize("name", NON_IDEMPOTENT)
def test_post_and_patch_give_up_after_max_retries_of_not_processed(
    server: FaultServer, make_api: MakeApi, name: str
) -> None:
    """Retries of a 503 stop after max_retries (3): four arrivals, then the ServerError."""
    server.default = Fault.html(503)
    exc, elapsed = make_api(server.url).fails(ServerError, name, *CALLS[name][2])
    assert len(server.arrivals) == 4 and exc.status_code == 503 and elapsed < 2.0
    assert isinstance(exc.response, str) and "Bad Gateway" in exc.response


def test_post_rate_limited_then_accepted(api: Api, server: FaultServer) -> None:
    """A 429 with Retry-After 0 is retried at once; the final 429 raises RateLimitError."""
    server.default = Fault.json(429, {"detail": "slow down"}, headers={"Retry-After": "0"})
    exc, _ = api.fails(RateLimitError, "create_plugin", {"name": "p"})
    assert len(server.arrivals) == 4 and exc.retry_after == 0


@pytest.mark.parametrize("name", ["create_plugin", "run_plugin", "update_job", "health_check_agent"])
def test_post_retried_on_connect_refused(
    make_api: MakeApi, caplog: pytest.LogCaptureFixture, name: str
) -> None:
    """Connect refused means the request never left: a POST/PATCH is tried 1 + max_retries times."""
    caplog.set_level(logging.DEBUG, logger="synapse_sdk")
    with refused_url() as url:
        exc, elapsed = make_api(url).fails(APIConnectionError, name, *CALLS[name][2])
    tries = attempts(caplog.records)
    assert len(tries) == 4 and all("ConnectError" in t for t in tries), tries
    assert [t.rsplit("(attempt ", 1)[1] for t in tries] == ["1)", "2)", "3)", "4)"]
    assert exc.method == CALLS[name][0] and "could not connect" in str(exc)
    assert elapsed < 2.0


def test_post_retried_on_connect_timeout(make_api: MakeApi, caplog: pytest.LogCaptureFixture) -> None:
    """A connect timeout (SYN never answered) is retried for a POST too: nothing was sent."""
    caplog.set_level(logging.DEBUG, logger="synapse_sdk")
    with unresponsive_url() as url:
        exc, elapsed = make_api(url, timeout=0.2, max_retries=2).fails(
            APITimeoutError, "create_plugin", {"name": "p"}
        )
    tries = attempts(caplog.records)
    assert len(tries) == 3 and all("ConnectTimeout" in t for t in tries), tries
    assert "timed out connecting" in str(exc)
    assert 0.55 <= elapsed < 3.0


def test_post_retried_until_the_server_comes_up(server: FaultServer, make_api: MakeApi) -> None:
    """A POST refused while the server is down arrives exactly once when it comes back."""
    server.refuse()
    api = make_api(server.url, max_retries=30, retry_policy=SLOW_START)
    comes_up = threading.Timer(0.3, server.listen)
    comes_up.start()
    try:
        result, elapsed = api.timed("run_plugin", 1, {"parameters": {"x": 1}})
    finally:
        comes_up.join()
    assert result == {} and [a.path for a in server.arrivals] == ["/plugins/1/run/"]
    assert 0.3 <= elapsed < 5.0


# -- uploads --------------------------------------------------------------------------------


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize("source", ["bytes", "path", "open file", "with progress"])
def test_upload_retried_on_503_resends_the_whole_file_byte_exact(
    server: FaultServer, make_api: MakeApi, tmp_path: Path, source: str
) -> None:
    """A 503 to an upload (the whole body was read) is retried, re-sending the package from byte 0."""
    path = tmp_path / "plugin.zip"
    path.write_bytes(PACKAGE)
    server.script(Fault.html(503), Fault.html(502), Fault.json(201, {"id": 5}))
    api = make_api(server.url)
    data = {"plugin": 1, "version": "1.0.0", "changelog": "c"}
    seen: list[tuple[int, int | None]] = []
    if source == "bytes":
        result = api.call("create_plugin_release", {**data, "file": PACKAGE})
    elif source == "path":
        result = api.call("create_plugin_release", {**data, "file": str(path)})
    else:
        with path.open("rb") as handle:
            progress = (lambda sent, total: seen.append((sent, total))) if source == "with progress" else None
            result = api.call("create_plugin_release", {**data, "file": handle}, progress=progress)
    assert result == {"id": 5} and len(server.arrivals) == 3
    for arrival in server.arrivals:
        parts = arrival.multipart()
        assert _sha(parts["file"]) == _sha(PACKAGE)
        assert (parts["plugin"], parts["version"], parts["changelog"]) == (b"1", b"1.0.0", b"c")
    if source == "with progress":
        assert seen[-1] == (len(PACKAGE), len(PACKAGE))


def test_upload_retried_on_connect_refused_sends_the_whole_file(
    server: FaultServer, make_api: MakeApi
) -> None:
    """An upload refused at connect is retried, and the package arrives whole once the server is up."""
    server.refuse()
    api = make_api(server.url, max_retries=30, retry_policy=SLOW_START)
    comes_up = threading.Timer(0.3, server.listen)
    comes_up.start()
    try:
        result = api.call("create_plugin_release", {"plugin": 1, "version": "2", "file": PACKAGE})
    finally:
        comes_up.join()
    assert result == {} and len(server.arrivals) == 1
    assert _sha(server.arrivals[0].multipart()["file"]) == _sha(PACKAGE)


@pytest.mark.parametrize(
    "fault", [Fault.drop(), Fault.reset(), Fault.json(500, {"detail": "x"})], ids=["drop", "reset", "500"]
)
def test_upload_never_retried_after_the_body_was_sent(
    server: FaultServer, make_api: MakeApi, fault: Fault
) -> None:
    """An upload whose body was read and whose connection then dropped (or got a 500) arrives once."""
    server.default = fault
    exc, elapsed = make_api(server.url).fails(
        ClientError, "create_plugin_release", {"plugin": 1, "version": "2", "file": PACKAGE}
    )
    assert isinstance(exc, APIConnectionError | ServerError)
    assert len(server.arrivals) == 1 and elapsed < 2.0
    assert _sha(server.arrivals[0].multipart()["file"]) == _sha(PACKAGE)
