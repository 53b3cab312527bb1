"""The retry and timeout policy, as small pure functions shared by the sync and async clients.

Which failures are retried, for which methods:

    failure                                  GET PUT DELETE      POST PATCH
    connect error / connect timeout          retried             retried (the request never left)
    408, 429, 502, 503, 504                  retried             429, 502, 503, 504 (not processed)
    read/write timeout, dropped connection   retried             never (it may have been processed)
    500 and other statuses                   never               never

Waits grow exponentially with full jitter, capped per wait (`max_backoff`); a `Retry-After`
header is honoured when it is no longer than `max_retry_after`, and a longer one ends the
retries at once (the error carries `retry_after`, so the caller decides). No call sleeps more
than `max_total_wait` in all.
"""

from __future__ import annotations

import email.utils
import math
import random
import time
from collections.abc import Mapping
from dataclasses import dataclass, replace

import httpx

DEFAULT_CONNECT_TIMEOUT = 5.0
DEFAULT_READ_TIMEOUT = 15.0
DEFAULT_MAX_RETRIES = 3

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
RETRY_STATUSES = frozenset({408, 429, 502, 503, 504})
# Statuses by which the server (or its proxy) says the request was not processed.
NOT_PROCESSED_STATUSES = frozenset({429, 502, 503, 504})
# Statuses of a console-log stream request after which the follower polls instead: no such
# endpoint (an older backend), or one that cannot stream.
NO_STREAM_STATUSES = frozenset({404, 405, 406, 501})


@dataclass(frozen=True)
class RetryPolicy:
    """How a client retries. Every client has one; `with_options()` makes a changed copy."""

    max_retries: int = DEFAULT_MAX_RETRIES
    initial_backoff: float = 0.5
    max_backoff: float = 8.0
    max_retry_after: float = 60.0
    max_total_wait: float = 60.0
    # A followed console log: the statuses that mean "poll instead"; `max_retries` is also how
    # many reconnects in a row without a new entry the follower makes before it polls.
    no_stream_statuses: frozenset[int] = NO_STREAM_STATUSES

    def __post_init__(self) -> None:
        if (
            not isinstance(self.max_retries, int)
            or isinstance(self.max_retries, bool)
            or self.max_retries < 0
        ):
            raise ValueError(f"max_retries must be a non-negative int, got {self.max_retries!r}")
        for name in ("initial_backoff", "max_backoff", "max_retry_after", "max_total_wait"):
            value = getattr(self, name)
            if not isinstance(value, int | float) or math.isnan(value) or value < 0:
                raise ValueError(f"{name} must be a non-negative number of seconds, got {value!r}")

    def evolve(self, **changes: float | int) -> RetryPolicy:
        return replace(self, **changes)  # type: ignore[arg-type]


def make_timeout(timeout: float | httpx.Timeout | Mapping[str, float] | None) -> httpx.Timeout:
    """The client's timeout: None means the defaults; a number bounds each read, write and pool
    wait, and connecting too (but never longer than the default connect timeout); a dict as the
    production SDK takes it, `{'connect': 5, 'read': 15}` (also `write`, `pool`), sets those and
    keeps the defaults for the rest."""
    if timeout is None:
        return httpx.Timeout(DEFAULT_READ_TIMEOUT, connect=DEFAULT_CONNECT_TIMEOUT)
    if isinstance(timeout, httpx.Timeout):
        return timeout
    if isinstance(timeout, Mapping):
        return _timeout_of(timeout)
    if isinstance(timeout, bool) or not isinstance(timeout, int | float) or not timeout > 0:
        raise ValueError(f"timeout must be a positive number of seconds or an httpx.Timeout, got {timeout!r}")
    return httpx.Timeout(float(timeout), connect=min(float(timeout), DEFAULT_CONNECT_TIMEOUT))


_TIMEOUT_KEYS = ("connect", "read", "write", "pool")


def _timeout_of(parts: Mapping[str, float]) -> httpx.Timeout:
    unknown = sorted(str(key) for key in parts if key not in _TIMEOUT_KEYS)
    if unknown:
        raise ValueError(f"timeout: unknown key(s) {', '.join(unknown)}; use {', '.join(_TIMEOUT_KEYS)}")
    for key, value in parts.items():
        if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
            raise ValueError(f"timeout[{key!r}] must be a positive number of seconds, got {value!r}")
    read = float(parts.get("read", DEFAULT_READ_TIMEOUT))
    return httpx.Timeout(
        connect=float(parts.get("connect", DEFAULT_CONNECT_TIMEOUT)),
        read=read,
        write=float(parts.get("write", read)),
        pool=float(parts.get("pool", read)),
    )


def capped_timeout(timeout: httpx.Timeout, remaining: float) -> httpx.Timeout:
    """`timeout` with no part longer than `remaining` seconds (a caller's deadline); a deadline
    already past leaves a token 1 ms, so the attempt fails as a timeout at once."""
    cap = max(remaining, 0.001)

    def capped(value: float | None) -> float:
        return cap if value is None else min(value, cap)

    return httpx.Timeout(
        connect=capped(timeout.connect),
        read=capped(timeout.read),
        write=capped(timeout.write),
        pool=capped(timeout.pool),
    )


def upload_timeout(timeout: httpx.Timeout, size: int | None) -> httpx.Timeout:
    """An upload's timeout: each write still has its own bound (so a stalled upload fails), and
    the wait for the answer grows with the size, since the server hashes and stores the package
    before it answers."""
    if timeout.read is None:
        return timeout
    extra = (size or 0) / (8 * 1024 * 1024)  # a second per 8 MiB of processing
    return httpx.Timeout(
        connect=timeout.connect, read=max(timeout.read, 60.0) + extra, write=timeout.write, pool=timeout.pool
    )


def is_retryable_error(method: str, exc: httpx.HTTPError) -> bool:
    """Whether a transport error may be retried for this method."""
    if isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout):
        return True  # nothing was sent
    if isinstance(exc, httpx.PoolTimeout):
        return True  # no connection was ever assigned to the request
    return method in IDEMPOTENT_METHODS and isinstance(
        exc,
        httpx.ReadTimeout
        | httpx.WriteTimeout
        | httpx.ReadError
        | httpx.WriteError
        | httpx.RemoteProtocolError,
    )


def is_retryable_status(method: str, status_code: int) -> bool:
    if method in IDEMPOTENT_METHODS:
        return status_code in RETRY_STATUSES
    return status_code in NOT_PROCESSED_STATUSES


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a `Retry-After` value (delta-seconds or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
            if when.tzinfo is None:
                return None
            seconds = when.timestamp() - (time.time() if now is None else now)
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
    if math.isnan(seconds) or math.isinf(seconds):
        return None
    return max(0.0, seconds)


def backoff(policy: RetryPolicy, retries_done: int) -> float:
    """Exponential backoff with full jitter, capped per wait."""
    ceiling = min(policy.max_backoff, policy.initial_backoff * (2**retries_done))
    return random.uniform(ceiling / 2, ceiling)


def next_wait(
    policy: RetryPolicy, retries_done: int, waited: float, retry_after: float | None
) -> float | None:
    """How long to wait before the next attempt, or None to stop retrying.

    `retries_done` counts the retries already made, `waited` the seconds already slept.
    """
    if retries_done >= policy.max_retries:
        return None
    if retry_after is not None:
        if retry_after > policy.max_retry_after:
            return None  # a bad or huge value must not pin the worker
        wait = retry_after
    else:
        wait = backoff(policy, retries_done)
    if waited + wait > policy.max_total_wait:
        return None
    return wait
