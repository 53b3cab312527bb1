"""How much a reply may cost the client: `Limits`, one frozen value per client.

The defaults sit far above anything the Synapse API answers (its largest replies are pages of
a few megabytes), so they only bite a broken or hostile server. Past a limit the call fails with
`InvalidResponseError` naming the limit and the setting to raise, and memory stays bounded: a
body is read in chunks and dropped at the limit, never read whole first. See docs/limits.md.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

__all__ = ["DEFAULT_LIMITS", "Limits"]

MiB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Bounds on what a server can make the client hold or wait for.

    Attributes:
        max_body_size: bytes of one reply body as the client holds it (decoded). A larger
            `Content-Length` is refused before the body is read. Default 128 MiB.
        max_decompressed_size: bytes a compressed body (gzip, deflate, br, zstd) may expand
            to; a small body that inflates past it is refused as a decompression bomb.
            Default 128 MiB.
        max_line_size: bytes of one line of a server-sent event stream. Default 8 MiB.
        max_event_size: bytes of one event's `data` (its `data:` lines joined). Default 16 MiB.
        stream_idle_timeout: seconds a followed stream may send only keep-alive comments
            before the follower gives up on it. Default 3600 (an hour).
        max_event_id: the largest event id trusted (a stream's `id:` and a log cursor);
            larger ones are refused, never rounded or wrapped. Default 2**63 - 1 (the
            backend's 64-bit ids).
    """

    max_body_size: int = 128 * MiB
    max_decompressed_size: int = 128 * MiB
    max_line_size: int = 8 * MiB
    max_event_size: int = 16 * MiB
    stream_idle_timeout: float = 3600.0
    max_event_id: int = 2**63 - 1

    def __post_init__(self) -> None:
        for name in (
            "max_body_size",
            "max_decompressed_size",
            "max_line_size",
            "max_event_size",
            "max_event_id",
        ):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
                raise ValueError(f"Limits.{name} must be a positive int (bytes), got {value!r}")
        idle = self.stream_idle_timeout
        if isinstance(idle, bool) or not isinstance(idle, int | float) or math.isnan(idle) or idle <= 0:
            raise ValueError(f"Limits.stream_idle_timeout must be a positive number of seconds, got {idle!r}")

    def evolve(self, **changes: float | int) -> Limits:
        """A copy with these fields changed: `client.limits.evolve(max_body_size=1 << 30)`."""
        return replace(self, **changes)  # type: ignore[arg-type]


DEFAULT_LIMITS = Limits()


def check(limits: object) -> Limits:
    """The client's limits: None means the defaults."""
    if limits is None:
        return DEFAULT_LIMITS
    if not isinstance(limits, Limits):
        raise TypeError(f"limits must be a synapse_sdk.clients.Limits, got {type(limits).__name__}")
    return limits
