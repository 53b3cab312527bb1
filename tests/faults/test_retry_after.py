"""Waiting between attempts: Retry-After honoured (seconds and HTTP-date) up to max_retry_after,
a longer one ends the retries at once; exponential backoff capped per wait; all waits of one
call bounded by max_total_wait."""

from __future__ import annotations

import email.utils
import itertools
import time

import pytest

from synapse_sdk.clients._policy import RetryPolicy
from synapse_sdk.clients.exceptions import RateLimitError, ServerError, ValidationError
from tests.support.faultserver import Fault, FaultServer

from .conftest import MakeApi
from .helpers import make_client


def test_retry_after_seconds_is_honoured(server: FaultServer, make_api: MakeApi) -> None:
    """`Retry-After: 1` on a 503 makes the client wait about one second before the retry."""
    server.script(Fault.status(503, headers={"Retry-After": "1"}), Fault.json(200, {"id": 1}))
    result, elapsed = make_api(server.url).timed("get_plugin", 1)
    first, second = server.arrivals
    assert result == {"id": 1}
    assert second.at - first.at >= 0.95 and 0.95 <= elapsed < 3.0


def test_retry_after_http_date_is_honoured(server: FaultServer) -> None:
    """`Retry-After: <HTTP-date 2 s ahead>` (1 s resolution) makes a POST wait between 1 and 2 s
    (the sync client only: the date is parsed by the shared policy, and waiting is covered above)."""
    when = email.utils.formatdate(time.time() + 2, usegmt=True)
    server.script(
        Fault.json(429, {"detail": "later"}, headers={"Retry-After": when}), Fault.json(201, {"id": 2})
    )
    api = make_client("sync", server.url)
    try:
        result, elapsed = api.timed("create_plugin", {"name": "p"})
    finally:
        api.close()
    assert result == {"id": 2} and len(server.arrivals) == 2
    assert 0.9 <= elapsed < 4.0


@pytest.mark.parametrize("name", ["get_plugin", "create_plugin"])
def test_huge_retry_after_raises_at_once_with_the_value(
    server: FaultServer, make_api: MakeApi, name: str
) -> None:
    """A 429 with `Retry-After: 99999` (over max_retry_after) raises RateLimitError promptly,
    carrying retry_after=99999 for the caller to decide."""
    server.default = Fault.json(429, {"detail": "Request was throttled."}, headers={"Retry-After": "99999"})
    args = (1,) if name == "get_plugin" else ({"name": "p"},)
    exc, elapsed = make_api(server.url).fails(RateLimitError, name, *args)
    assert exc.retry_after == 99999 and exc.status_code == 429
    assert exc.response == {"detail": "Request was throttled."}
    assert len(server.arrivals) == 1 and elapsed < 2.0


def test_retry_after_over_the_configured_cap_is_not_waited(server: FaultServer, make_api: MakeApi) -> None:
    """max_retry_after is the cap: with it at 0.5 s, `Retry-After: 1` ends the retries at once."""
    server.default = Fault.status(503, headers={"Retry-After": "1"})
    api = make_api(server.url, retry_policy=RetryPolicy(max_retry_after=0.5))
    exc, elapsed = api.fails(ServerError, "get_plugin", 1)
    assert exc.retry_after == 1 and len(server.arrivals) == 1 and elapsed < 0.9


def test_total_wait_is_bounded_by_max_total_wait(server: FaultServer, make_api: MakeApi) -> None:
    """With max_total_wait=1 s and Retry-After 0.4 s, two waits fit and the third would not:
    three arrivals, about 0.8 s, then the last answer's error."""
    server.default = Fault.status(503, headers={"Retry-After": "0.4"})
    policy = RetryPolicy(max_retries=10, max_total_wait=1.0)
    exc, elapsed = make_api(server.url, max_retries=10, retry_policy=policy).fails(
        ServerError, "list_storages"
    )
    assert len(server.arrivals) == 3 and exc.retry_after == 0.4
    assert 0.75 <= elapsed < 2.5


def test_backoff_grows_exponentially_and_is_capped_per_wait(server: FaultServer, make_api: MakeApi) -> None:
    """Waits follow full jitter in [c/2, c] with c = min(max_backoff, initial * 2**n): with 0.1 s
    initial and a 0.2 s cap, every gap is at least c/2 and no gap exceeds the cap (+ slack)."""
    server.default = Fault.status(503)
    policy = RetryPolicy(max_retries=5, initial_backoff=0.1, max_backoff=0.2)
    make_api(server.url, max_retries=5, retry_policy=policy).fails(ServerError, "get_plugin", 1)
    times = [a.at for a in server.arrivals]
    gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
    ceilings = [0.1, 0.2, 0.2, 0.2, 0.2]
    assert len(gaps) == 5
    for gap, ceiling in zip(gaps, ceilings, strict=True):
        assert ceiling / 2 * 0.95 <= gap < ceiling + 0.25, (gaps, ceilings)


@pytest.mark.parametrize("wanted", [0, 6])
def test_retry_policy_max_retries_is_kept(server: FaultServer, make_api: MakeApi, wanted: int) -> None:
    """`BackendClient(url, retry_policy=RetryPolicy(max_retries=N))` retries N times."""
    server.default = Fault.status(503)
    api = make_api(
        server.url, retry_policy=RetryPolicy(max_retries=wanted, initial_backoff=0.01, max_backoff=0.02)
    )
    api.fails(ServerError, "get_plugin", 1)
    assert api.client.max_retries == wanted
    assert len(server.arrivals) == 1 + wanted


@pytest.mark.parametrize("status", [503, 400])
def test_out_of_range_retry_after_date_is_ignored(
    server: FaultServer, make_api: MakeApi, status: int
) -> None:
    """A Retry-After HTTP-date with absurd numbers is ignored (as an unparsable one is), never raised."""
    bad = "Fri, 31 Dec 2025 99999999999999999999:00:00 GMT"
    server.default = Fault.status(status, headers={"Retry-After": bad})
    exc, _ = make_api(server.url, max_retries=1).fails(
        ServerError if status == 503 else ValidationError, "get_plugin", 1
    )
    assert exc.status_code == status and exc.retry_after is None
