"""A reply's body, read in chunks within the client's `Limits` and the attempt's deadline.

httpx's `response.read()` takes whatever the server sends: a 400 MB body whole, an endless
chunked body until memory runs out, a small gzip body expanded to gigabytes. The client reads
the (decoded) body chunk by chunk instead and stops at the first byte past a limit, so memory
stays bounded by the limit (plus one decoded chunk: a 64 KiB network read that gzip expands at
most about a thousandfold), and checks the deadline between chunks.
"""

from __future__ import annotations

import httpx

from . import exceptions as exc
from ._deadline import Budget
from ._errors import safe_url
from ._limits import Limits

__all__ = ["aread", "read"]

_IDENTITY = frozenset({"", "identity"})


def _cap(response: httpx.Response, limits: Limits) -> tuple[int, str]:
    """The most bytes this body may decode to, and the setting that says so. A declared length
    past the body limit is refused before a byte of the body is read."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limits.max_body_size:
        raise too_large(response, "max_body_size", limits.max_body_size, f"declared {int(declared)} bytes")
    compressed = response.headers.get("content-encoding", "").strip().lower() not in _IDENTITY
    if compressed and limits.max_decompressed_size <= limits.max_body_size:
        return limits.max_decompressed_size, "max_decompressed_size"
    return limits.max_body_size, "max_body_size"


def too_large(response: httpx.Response, setting: str, limit: int, what: str) -> exc.InvalidResponseError:
    request = response.request
    kind = "the decompressed reply body" if setting == "max_decompressed_size" else "the reply body"
    return exc.InvalidResponseError(
        f"{kind} is larger than Limits.{setting} ({limit} bytes; {what}): the client stopped reading it",
        status_code=response.status_code,
        method=request.method,
        url=safe_url(request.url),
        request_id=response.headers.get("x-request-id"),
        source="server",
        hint=f"if this server's replies are that large, raise it: limits=Limits({setting}=...)",
    )


class _Body:
    """The chunks so far, refused past the cap."""

    def __init__(self, response: httpx.Response, limits: Limits) -> None:
        self.response = response
        self.cap, self.setting = _cap(response, limits)
        self.chunks: list[bytes] = []
        self.size = 0

    def add(self, chunk: bytes) -> None:
        self.size += len(chunk)
        if self.size > self.cap:
            self.chunks.clear()
            raise too_large(self.response, self.setting, self.cap, f"more than {self.cap} bytes arrived")
        self.chunks.append(chunk)

    def done(self) -> None:
        # What `response.read()` would have stored: `.content`, `.json()` and `.text` work as usual.
        self.response._content = b"".join(self.chunks)


def read(response: httpx.Response, limits: Limits, budget: Budget) -> None:
    """`response.read()`, bounded."""
    body = _Body(response, limits)
    for chunk in response.iter_bytes():
        body.add(chunk)
        budget.check(response.request)
    body.done()


async def aread(response: httpx.Response, limits: Limits) -> None:
    """`await response.aread()`, bounded (the deadline is the caller's `asyncio.timeout`)."""
    body = _Body(response, limits)
    async for chunk in response.aiter_bytes():
        body.add(chunk)
    body.done()
