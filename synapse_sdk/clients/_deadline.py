"""One attempt's overall deadline (`attempt_timeout`), on top of httpx's per-read timeouts.

httpx bounds each connect, read and write, never an attempt: a server that trickles its headers
or body a byte per second keeps every read under the read timeout and holds the call for as long
as it likes. The deadline bounds the whole attempt (connecting, sending, the answer's head and
its body):

- async: the attempt runs under `asyncio.timeout(seconds)`; its expiry becomes `AttemptTimeout`.
- sync: nothing can interrupt a blocking socket read from outside, so each read is made to end
  by the deadline. httpcore hands the request's `timeout` extension to `socket.settimeout` before
  every read and write; the client puts a `_Shrinking` value there, which CPython converts with
  `__index__` at each call: the whole seconds left (never more than the configured timeout,
  rounded up), or `AttemptTimeout` once none are left. Connect and pool waits get the seconds
  left at the start. The body, read in chunks by the client, is checked between chunks too. So an
  attempt ends at most about a second past its deadline. Read and write timeouts under a second
  keep their exact value (the tests and callers that use them want precision), and then only the
  body reads are checked against the deadline.

Past the deadline: `AttemptTimeout`, an `httpx.ReadTimeout`, so it is retried (or not) exactly as
a read timeout is, and reported as `APITimeoutError` naming `attempt_timeout`.
"""

from __future__ import annotations

import math
import time
from collections.abc import Mapping
from typing import Any

import httpx

__all__ = ["DEFAULT_ATTEMPT_TIMEOUT", "KEY", "AttemptTimeout", "Budget", "check_setting"]

DEFAULT_ATTEMPT_TIMEOUT = 120.0  # seconds: production proxies cut a request off after about 60 s
# Extra seconds per byte of an upload's package: 1 s per MiB (8 Mbit/s), besides the time the
# server takes to store it (`_policy.upload_timeout`: 1 s per 8 MiB).
UPLOAD_SECONDS_PER_BYTE = 1 / (1024 * 1024) + 1 / (8 * 1024 * 1024)
# The key of `request.extensions` under which a request carries its deadline in seconds.
KEY = "synapse_sdk.attempt_timeout"


class AttemptTimeout(httpx.ReadTimeout):
    """The attempt outlasted `attempt_timeout`."""

    def __init__(self, seconds: float, request: httpx.Request | None = None) -> None:
        super().__init__(f"the attempt took longer than attempt_timeout ({seconds:g} s)", request=request)
        self.seconds = seconds


def check_setting(value: object) -> float | None:
    """`attempt_timeout` as given: a positive number of seconds, or None for no deadline."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value) or value <= 0:
        raise ValueError(f"attempt_timeout must be a positive number of seconds or None, got {value!r}")
    return float(value)


def for_upload(seconds: float | None, size: int | None) -> float | None:
    """An upload's deadline grows with its package; a package of unknown size (a pipe, sent as
    it comes) has none: its writes are still bounded by the write timeout."""
    if seconds is None or size is None:
        return None
    return seconds + size * UPLOAD_SECONDS_PER_BYTE


class Budget:
    """The time left to one attempt."""

    __slots__ = ("ends", "seconds")

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.ends = None if seconds is None else time.monotonic() + seconds

    def left(self) -> float | None:
        return None if self.ends is None else self.ends - time.monotonic()

    def check(self, request: httpx.Request | None = None) -> None:
        left = self.left()
        if left is not None and left <= 0:
            assert self.seconds is not None
            raise AttemptTimeout(self.seconds, request)

    def timeouts(self, configured: Mapping[str, Any]) -> Mapping[str, Any]:
        """The request's `timeout` extension bounded by this budget (sync clients; see above)."""
        left = self.left()
        if left is None:
            return configured
        bounded = dict(configured)
        for name in ("connect", "pool"):
            value = configured.get(name)
            bounded[name] = max(0.0, left if value is None else min(value, left))
        for name in ("read", "write"):
            value = configured.get(name)
            if value is None or value >= 1:
                bounded[name] = _Shrinking(self, value)
        return bounded


class _Shrinking:
    """A socket timeout that CPython reads, via `__index__`, each time httpcore sets it."""

    __slots__ = ("_budget", "_most")

    def __init__(self, budget: Budget, most: float | None) -> None:
        self._budget = budget
        self._most = most

    def __index__(self) -> int:
        left = self._budget.left()
        assert left is not None and self._budget.seconds is not None
        if left <= 0:
            raise AttemptTimeout(self._budget.seconds)
        return math.ceil(left if self._most is None else min(self._most, left))

    def __float__(self) -> float:  # for anything that reads it as a number (logs, hints)
        return float(self.__index__())
