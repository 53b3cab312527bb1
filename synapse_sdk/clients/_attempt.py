"""One attempt on the wire, as every request of a client (streams too) makes it: the origin
guard (`_origin`), the deadline (`_deadline`) and the body read within the limits (`_reply`).
`_base` calls `send` / `send_async` from its send loop, once per attempt."""

from __future__ import annotations

import httpx

from . import _deadline, _origin, _reply
from ._limits import Limits

__all__ = ["send", "send_async"]


def send(
    http: httpx.Client,
    request: httpx.Request,
    base_url: httpx.URL,
    limits: Limits,
    seconds: float | None,
    *,
    stream: bool = False,
) -> httpx.Response:
    """The answer, its body read (unless `stream`: then only its head is bounded by the deadline)."""
    budget = _deadline.Budget(request.extensions.get(_deadline.KEY, seconds))
    configured = request.extensions.get("timeout", {})
    request.extensions["timeout"] = budget.timeouts(configured)
    try:
        response = _origin.send(http, request, base_url, stream=True)
        if stream:
            return response
        try:
            _reply.read(response, limits, budget)
        finally:
            response.close()
        return response
    finally:
        # The plain timeouts again: for the body of a stream, the next attempt, and error hints.
        request.extensions["timeout"] = configured


async def send_async(
    http: httpx.AsyncClient,
    request: httpx.Request,
    base_url: httpx.URL,
    limits: Limits,
    seconds: float | None,
    *,
    stream: bool = False,
) -> httpx.Response:
    """`send` for an `httpx.AsyncClient`: the attempt runs under `asyncio.timeout`."""
    import asyncio  # only async clients pay for importing asyncio

    seconds = request.extensions.get(_deadline.KEY, seconds)
    scope = asyncio.timeout(seconds)
    try:
        async with scope:
            response = await _origin.send_async(http, request, base_url, stream=True)
            if stream:
                return response
            try:
                await _reply.aread(response, limits)
            finally:
                await response.aclose()
            return response
    except TimeoutError:
        if seconds is not None and scope.expired():
            raise _deadline.AttemptTimeout(seconds, request) from None
        raise
