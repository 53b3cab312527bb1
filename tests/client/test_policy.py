"""The retry policy's pure functions: which outcomes retry, how long waits are, Retry-After."""

from __future__ import annotations

import email.utils

import httpx
import pytest

from synapse_sdk.clients import _policy
from synapse_sdk.clients._policy import RetryPolicy, backoff, next_wait, parse_retry_after


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE"])
@pytest.mark.parametrize("status", [408, 429, 502, 503, 504])
def test_idempotent_methods_retry_transient_statuses(method: str, status: int) -> None:
    assert _policy.is_retryable_status(method, status)


@pytest.mark.parametrize("status", [429, 502, 503, 504])
@pytest.mark.parametrize("method", ["POST", "PATCH"])
def test_writes_retry_only_statuses_that_say_not_processed(method: str, status: int) -> None:
    assert _policy.is_retryable_status(method, status)
    assert not _policy.is_retryable_status(method, 500)
    assert not _policy.is_retryable_status(method, 408)


@pytest.mark.parametrize("status", [200, 201, 400, 401, 403, 404, 409, 499, 500, 501, 505, 599])
def test_other_statuses_never_retry(status: int) -> None:
    assert not _policy.is_retryable_status("GET", status)


def test_transport_errors_by_method() -> None:
    request = httpx.Request("POST", "http://x/")
    never_sent = [httpx.ConnectError("refused", request=request), httpx.ConnectTimeout("t", request=request)]
    maybe_processed = [
        httpx.ReadTimeout("t", request=request),
        httpx.RemoteProtocolError("dropped", request=request),
        httpx.ReadError("reset", request=request),
        httpx.WriteTimeout("t", request=request),
    ]
    for error in never_sent:
        assert _policy.is_retryable_error("POST", error) and _policy.is_retryable_error("GET", error)
    for error in maybe_processed:
        assert not _policy.is_retryable_error("POST", error)
        assert not _policy.is_retryable_error("PATCH", error)
        assert _policy.is_retryable_error("GET", error)


def test_backoff_grows_and_is_capped_per_wait() -> None:
    policy = RetryPolicy(initial_backoff=0.5, max_backoff=8.0, max_retries=50, max_total_wait=10_000)
    for retries in range(50):
        wait = backoff(policy, retries)
        ceiling = min(8.0, 0.5 * 2**retries)
        assert ceiling / 2 <= wait <= ceiling


def test_retry_after_is_honoured_up_to_the_cap_and_ends_retries_beyond() -> None:
    policy = RetryPolicy(max_retry_after=60)
    assert next_wait(policy, 0, 0.0, 30.0) == 30.0
    assert next_wait(policy, 0, 0.0, 99_999.0) is None


def test_total_wait_and_retry_count_are_bounded() -> None:
    policy = RetryPolicy(max_retries=3, max_total_wait=5.0)
    assert next_wait(policy, 3, 0.0, None) is None
    assert next_wait(policy, 0, 4.5, 1.0) is None
    assert next_wait(RetryPolicy(max_retries=0), 0, 0.0, None) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0", 0.0),
        ("12", 12.0),
        ("1.5", 1.5),
        ("-3", 0.0),
        ("", None),
        (None, None),
        ("soon", None),
        ("nan", None),
        ("inf", None),
    ],
)
def test_parse_retry_after_seconds(value: str | None, expected: float | None) -> None:
    assert parse_retry_after(value) == expected


def test_parse_retry_after_http_date() -> None:
    now = 1_700_000_000.0
    header = email.utils.formatdate(now + 42, usegmt=True)
    assert parse_retry_after(header, now=now) == pytest.approx(42, abs=1)
    assert parse_retry_after(email.utils.formatdate(now - 100, usegmt=True), now=now) == 0.0


@pytest.mark.parametrize("field", ["initial_backoff", "max_backoff", "max_retry_after", "max_total_wait"])
def test_policy_rejects_negative_seconds(field: str) -> None:
    with pytest.raises(ValueError, match=field):
        RetryPolicy(**{field: -1})
