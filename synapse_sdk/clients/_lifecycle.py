"""The I/O-free halves of the job helpers, shared by the sync and async clients.

`PollSchedule` decides how long `wait_for_job` sleeps between polls; `LogCursor` remembers where
`follow_job_console_logs` is in a job's log, so that neither a reconnected stream nor a fallback
to polling yields an entry twice or skips one.

Positions: an entry's position is its place in the job's log, from 1. The stream sends it as
the event `id` (and the entry's `id` field), the `since` filter of `console_logs/` takes it. A
polled reply whose entries carry no `id` comes from a server that does not know `since` either
(both came in the same version of the document): it is the whole log, so position = index + 1.
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from .jobs import is_terminal

# Seconds between two polls of a job's console log when the server cannot stream it (a stream
# silent past the client's read timeout counts as buffered by a proxy), and the reconnect delay
# until the server's `retry:` says otherwise.
DEFAULT_LOG_POLL_INTERVAL = 1.0
DEFAULT_RECONNECT_DELAY = 1.0


class MalformedEvent(ValueError):
    """A server-sent event whose data is not what the document promises."""


@dataclass
class PollSchedule:
    """Waits between polls: from `poll_interval`, growing by half each time up to
    `max_poll_interval`; a `Retry-After` on the reply replaces the next wait. `next_wait` answers
    None once `timeout` seconds have passed since the schedule was made."""

    poll_interval: float
    max_poll_interval: float
    timeout: float | None
    _current: float = field(init=False)
    _deadline: float | None = field(init=False)

    def __post_init__(self) -> None:
        for name in ("poll_interval", "max_poll_interval"):
            value = getattr(self, name)
            if (
                isinstance(value, bool)
                or not isinstance(value, int | float)
                or not value > 0
                or math.isinf(value)
            ):
                raise ValueError(f"{name} must be a positive number of seconds, got {value!r}")
        if self.timeout is not None and (
            isinstance(self.timeout, bool)
            or not isinstance(self.timeout, int | float)
            or not self.timeout >= 0
        ):
            raise ValueError(
                f"timeout must be None (wait as long as it takes) or seconds >= 0, got {self.timeout!r}"
            )
        self.max_poll_interval = max(self.max_poll_interval, self.poll_interval)
        self._current = self.poll_interval
        self._deadline = None if self.timeout is None else time.monotonic() + self.timeout

    def next_wait(self, retry_after: float | None = None) -> float | None:
        wait = self._current if retry_after is None else max(retry_after, 0.0)
        self._current = min(self._current * 1.5, self.max_poll_interval)
        if self._deadline is None:
            return wait
        remaining = self._deadline - time.monotonic()
        if remaining <= 0:
            return None
        return min(wait, remaining)


def progress_changed(previous: Mapping[str, Any] | None, job: Mapping[str, Any]) -> bool:
    """Whether `on_update` should hear of `job`: its first sight, or a new status or progress."""
    if previous is None:
        return True
    return (previous.get("status"), previous.get("progress")) != (job.get("status"), job.get("progress"))


def job_ended(job: Mapping[str, Any]) -> bool:
    return is_terminal(job.get("status"))


StreamOutcome = Literal["end", "dropped", "unsupported"]


@dataclass
class LogCursor:
    """Where a follower is in a job's log, and what became of its last stream."""

    position: int = 0
    reconnect_delay: float = DEFAULT_RECONNECT_DELAY
    outcome: StreamOutcome = "dropped"
    final_status: str | None = None

    @property
    def ended(self) -> bool:
        """Whether the last stream said the job ended (its `end` event)."""
        return self.outcome == "end"

    def take_event(self, event: str, data: str, event_id: str, retry: int | None) -> dict[str, Any] | None:
        """The new entry an event carries, or None (a duplicate, an `end`, or another event).
        Raises MalformedEvent for a `log` event whose data is not an entry."""
        if retry is not None and retry >= 0:
            self.reconnect_delay = min(retry / 1000, 30.0)
        if event == "end":
            self.outcome = "end"
            try:
                status = json.loads(data).get("status") if data else None
            except (ValueError, AttributeError):
                status = None
            self.final_status = status if isinstance(status, str) else None
            return None
        if event not in ("log", "message", "") or (not data and event != "log"):
            return None  # an event this client does not know, or one with no data (`retry:` alone)
        try:
            entry = json.loads(data)
        except ValueError as error:
            raise MalformedEvent(f"a log event whose data is not JSON ({error})") from None
        if not isinstance(entry, dict):
            raise MalformedEvent("a log event whose data is not a JSON object")
        number = _position(event_id) or _position(entry.get("id"))
        return self._accept(entry, number)

    def take_polled(self, entries: list[Any]) -> list[dict[str, Any]]:
        """The entries of a polled reply that come after the cursor, in order."""
        if entries and all(isinstance(e, dict) and _position(e.get("id")) for e in entries):
            fresh = [self._accept(e, _position(e.get("id"))) for e in entries]
            return [e for e in fresh if e is not None]
        # No positions: the whole log, from its first entry.
        new = [e for e in entries[self.position :] if isinstance(e, dict)]
        self.position = max(self.position, len(entries))
        return new

    def _accept(self, entry: dict[str, Any], number: int | None) -> dict[str, Any] | None:
        if number is None:
            number = self.position + 1
        if number <= self.position:
            return None  # sent again after a reconnect: already given to the caller
        self.position = number
        return entry


def _position(value: object) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    if isinstance(value, str) and value.isascii() and value.isdigit() and int(value) > 0:
        return int(value)
    return None
