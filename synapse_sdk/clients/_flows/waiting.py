"""`wait_for_job`: poll a job until it ends, within a deadline that bounds every poll too.

Waits between polls start at `poll_interval` and grow by half up to `max_poll_interval`. A
`Retry-After` on a successful poll replaces the next wait, bounded to `poll_interval` at least
and the retry policy's `max_retry_after` at most: `0`, `-1` or a date in the past cannot make the
client poll in a loop, and `3600` or `1e300` cannot pin it for hours (garbage is ignored).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .._operation import Operation
from .._policy import RetryPolicy, parse_retry_after
from ..exceptions import APITimeoutError, JobWaitTimeoutError
from ..jobs import is_terminal
from .actions import Call, Flow, Sleep


def _seconds(name: str, value: object, *, zero: bool = False) -> float:
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or math.isnan(value)
        or (math.isinf(value) and not zero)  # an infinite timeout is no timeout
        or not (value >= 0 if zero else value > 0)
    ):
        raise ValueError(
            f"timeout must be None (wait as long as it takes) or seconds >= 0, got {value!r}"
            if zero
            else f"{name} must be a positive number of seconds, got {value!r}"
        )
    return float(value)


@dataclass
class PollSchedule:
    """The waits between polls, and the deadline (`time.monotonic()`) `timeout` sets."""

    poll_interval: float
    max_poll_interval: float
    timeout: float | None
    max_retry_after: float = 60.0
    deadline: float | None = field(init=False)
    _current: float = field(init=False)

    def __post_init__(self) -> None:
        self.poll_interval = _seconds("poll_interval", self.poll_interval)
        self.max_poll_interval = max(
            _seconds("max_poll_interval", self.max_poll_interval), self.poll_interval
        )
        if self.timeout is not None:
            self.timeout = _seconds("timeout", self.timeout, zero=True)
        self._current = self.poll_interval
        finite = self.timeout is not None and not math.isinf(self.timeout)
        self.deadline = time.monotonic() + self.timeout if finite and self.timeout is not None else None

    def next_wait(self, retry_after: float | None = None) -> float | None:
        """Seconds until the next poll, or None once the deadline has passed."""
        if retry_after is None:
            wait = self._current
        else:
            wait = min(max(retry_after, self.poll_interval), max(self.max_retry_after, self.poll_interval))
        self._current = min(self._current * 1.5, self.max_poll_interval)
        if self.deadline is None:
            return wait
        remaining = self.deadline - time.monotonic()
        return None if remaining <= 0 else min(wait, remaining)

    def expired(self) -> bool:
        return self.deadline is not None and time.monotonic() >= self.deadline


def progress_changed(previous: Mapping[str, Any] | None, job: Mapping[str, Any]) -> bool:
    """Whether `on_update` should hear of `job`: its first sight, or a new status or progress."""
    if previous is None:
        return True
    return (previous.get("status"), previous.get("progress")) != (job.get("status"), job.get("progress"))


def job_ended(job: Mapping[str, Any]) -> bool:
    return is_terminal(job.get("status"))


def wait(
    pk: object,
    operation: Operation[Any],
    schedule: PollSchedule,
    on_update: Callable[[Any], None] | None,
) -> Flow[Any]:
    """Poll `operation` (the job's GET) until the job ends; return it."""
    previous: Any = None
    while True:
        try:
            job, headers = yield Call(operation, headers=True, deadline=schedule.deadline)
        except APITimeoutError:
            if not schedule.expired():
                raise
            raise JobWaitTimeoutError.for_job(previous or {"id": pk}, schedule.timeout) from None
        if on_update is not None and progress_changed(previous, job):
            on_update(job)
        if job_ended(job):
            return job
        previous = job
        pause = schedule.next_wait(parse_retry_after(headers.get("retry-after")))
        if pause is None:
            raise JobWaitTimeoutError.for_job(job, schedule.timeout)
        yield Sleep(pause)


def schedule_for(
    policy: RetryPolicy, poll_interval: float, max_poll_interval: float, timeout: float | None
) -> PollSchedule:
    return PollSchedule(poll_interval, max_poll_interval, timeout, policy.max_retry_after)
