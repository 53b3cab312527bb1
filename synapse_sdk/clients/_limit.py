"""A cap on the attempts a client has in flight, sized to its connection pool.

Why: httpcore 1.0's pool re-examines every queued request against every connection on each
event, so 1,000 requests queued on a 100-connection pool cost work that grows with the square
of the queue, and the wait outlasts the pool timeout: every request fails with a timeout.
Holding the surplus in a semaphore before it reaches the pool keeps the pool's queue empty, so
each request finds a free connection at once and the wait is plain FIFO.

The wait for a slot is not bounded by the pool timeout: a caller who gathers 5,000 calls wants
5,000 results, and each attempt still has its connect/read/write/pool timeouts once it runs.
"""

from __future__ import annotations

import contextlib
import queue
import sys
from typing import TYPE_CHECKING, Any

import httpx

if TYPE_CHECKING:
    import asyncio

# httpx's own default (`httpx.Limits().max_connections`), for a pool we cannot read.
DEFAULT_POOL_SIZE = 100


def pool_size(http: httpx.Client | httpx.AsyncClient) -> int | None:
    """The connection limit of `http`'s pool (None: unlimited).

    httpx has no public accessor, so this reads the default transport's pool and falls back
    to httpx's default of 100 for anything else (a custom transport, a future httpx)."""
    pool = getattr(getattr(http, "_transport", None), "_pool", None)
    limit: Any = getattr(pool, "_max_connections", DEFAULT_POOL_SIZE)
    if limit is None or limit == sys.maxsize:  # httpcore's spelling of max_connections=None
        return None
    return limit if isinstance(limit, int) and limit > 0 else DEFAULT_POOL_SIZE


def check_limit(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"max_concurrency must be a positive int or None (no limit), got {value!r}")
    return value


class _NoLimit:
    """The slot of a client without a cap: entering and leaving it does nothing."""

    __slots__ = ()

    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc_info: object) -> None:
        return None

    async def __aenter__(self) -> None:
        return None

    async def __aexit__(self, *exc_info: object) -> None:
        return None


_NO_LIMIT = _NoLimit()


class _ThreadSlots:
    """`limit` tokens in a SimpleQueue: taking one and giving it back are single C calls
    (threading.Semaphore costs several microseconds a call in pure Python)."""

    __slots__ = ("_tokens",)

    def __init__(self, limit: int) -> None:
        self._tokens: queue.SimpleQueue[None] = queue.SimpleQueue()
        for _ in range(limit):
            self._tokens.put(None)

    def __enter__(self) -> None:
        self._tokens.get()

    def __exit__(self, *exc_info: object) -> None:
        self._tokens.put(None)


class SyncLimiter:
    """At most `limit` attempts at a time across the threads sharing a client."""

    def __init__(self, limit: int | None) -> None:
        self.limit = limit
        self._slots: _ThreadSlots | _NoLimit = _ThreadSlots(limit) if limit is not None else _NO_LIMIT

    def slot(self) -> contextlib.AbstractContextManager[None]:
        return self._slots


class AsyncLimiter:
    """At most `limit` attempts at a time across the tasks sharing a client (one event loop, as
    for the httpx pool underneath)."""

    def __init__(self, limit: int | None) -> None:
        self.limit = limit
        self._slots: asyncio.Semaphore | _NoLimit | None = None if limit is not None else _NO_LIMIT

    def slot(self) -> contextlib.AbstractAsyncContextManager[None]:
        slots = self._slots
        if slots is None:
            import asyncio  # only async clients pay for importing asyncio

            assert self.limit is not None
            slots = self._slots = asyncio.Semaphore(self.limit)
        return slots
