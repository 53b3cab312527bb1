"""`follow_job_console_logs`: stream a job's console log, reconnect, fall back to polling.

Positions: an entry's position is its place in the job's log, from 1. The documented stream
sends it as the event `id` (and the entry's `id`), and resumes after `Last-Event-ID`; an id
that is not a whole number from 1 to `Limits.max_event_id` counts as no id. A production
stream has no ids and replays from the start on each connection, so there a line's position is
its count within the connection, and a reconnect skips the lines already given: nothing is lost
or given twice. A polled reply whose entries carry no `id` is the whole log (position = index + 1).

Decisions, all here: a stream request answered with one of `RetryPolicy.no_stream_statuses`
(no such endpoint, or one that cannot stream), one silent past the read timeout (a proxy that
buffers it) or a malformed documented event makes the follower poll instead. A stream that
ends without progress is reconnected up to `RetryPolicy.max_retries` times in a row; then the
follower polls, except on a production stream whose job is still running: a server that replays
the log without end is an `InvalidResponseError`, never an endless loop. A stream that sends
only keep-alives for `Limits.stream_idle_timeout` seconds is an `InvalidResponseError` too.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import httpx

from .._limits import Limits
from .._operation import Operation, Page
from .._policy import RetryPolicy
from ..exceptions import APIConnectionError, APITimeoutError, ClientError
from .actions import READ, Call, Emit, Flow, Open, Sleep
from .entries import as_entries, entry_from_line
from .frames import Event, EventReader, invalid, lines_of, production_frame
from .pages import collect
from .waiting import job_ended

log = logging.getLogger("synapse_sdk")

# Seconds between two polls of a job's console log when the server cannot stream it, and the
# reconnect delay until the server's `retry:` says otherwise (at most MAX_RECONNECT_DELAY).
DEFAULT_LOG_POLL_INTERVAL = 1.0
DEFAULT_RECONNECT_DELAY = 1.0
MAX_RECONNECT_DELAY = 30.0

Outcome = Literal["end", "dropped", "poll"]


class MalformedEvent(ValueError):
    """A documented-dialect event whose data is not what the document promises."""


@dataclass(frozen=True)
class JobLog:
    """The requests of one job's log: the stream from a position, a page of the polled list."""

    pk: object
    tail: Callable[[int], Operation[Any]]
    page: Callable[[int | None, int], Operation[list[Any] | Page[Any]]]
    job: Operation[Any]
    base_url: httpx.URL


@dataclass
class LogCursor:
    """Where a follower is in a job's log."""

    position: int = 0
    max_event_id: int = 2**63 - 1
    reconnect_delay: float = DEFAULT_RECONNECT_DELAY

    def number(self, value: object) -> int | None:
        """A position from an event id or an entry's `id`; None for anything else."""
        if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 20:
            value = int(value)
        if isinstance(value, int) and not isinstance(value, bool) and 0 < value <= self.max_event_id:
            return value
        return None

    def take(self, entry: Any, number: int | None) -> list[Any]:
        """`[entry]` if it comes after the cursor (then the cursor moves to it), else `[]`."""
        number = self.position + 1 if number is None else number
        if number <= self.position:
            return []  # given before a reconnect already
        self.position = number
        return [entry]

    def take_polled(self, entries: list[Any]) -> list[Any]:
        """The entries of a polled reply that come after the cursor, in order."""
        numbers = [self.number(e.get("id")) if isinstance(e, dict) else None for e in entries]
        if entries and all(numbers):
            return [e for e, n in zip(entries, numbers, strict=True) for e in self.take(e, n)]
        fresh = [e for e in entries[self.position :] if isinstance(e, dict)]  # the whole log
        self.position = max(self.position, len(entries))
        return fresh


class Connection:
    """What one stream connection has said: its dialect, its lines, when it last moved."""

    def __init__(self, cursor: LogCursor, limits: Limits, pk: object) -> None:
        self.cursor, self.limits, self.pk = cursor, limits, pk
        self.production = False
        self.lines = 0  # production lines seen on this connection (it replays from the start)
        self.moved = time.monotonic()

    def entries(self, event: Event) -> tuple[list[Any], bool]:
        """The new entries `event` carries, and whether it ends the stream."""
        if event.retry is not None and event.retry >= 0:
            self.cursor.reconnect_delay = min(event.retry / 1000, MAX_RECONNECT_DELAY)
        frame = None if event.comment else production_frame(event)
        if frame is not None:
            self.production = True
            lines, ended = lines_of(frame)
            return [entry for line in lines for entry in self._line(line)], ended
        if (
            event.comment
            or event.event not in ("log", "message", "", "end")
            or (not event.data and event.event != "log")
        ):
            return self._idle(), False  # a keep-alive, an event this client does not know, `retry:` alone
        if event.event == "end":
            return [], True
        return self._documented(event), False

    def _line(self, line: str) -> list[Any]:
        self.lines += 1
        if self.lines <= self.cursor.position:
            return self._idle()
        self.moved = time.monotonic()
        self.cursor.position = self.lines
        return [entry_from_line(line)]

    def _documented(self, event: Event) -> list[Any]:
        try:
            entry = json.loads(event.data)
        except ValueError as error:
            if self.production:
                raise invalid(
                    f"a console-log frame that is not JSON ({error}): {event.data[:200]!r}"
                ) from None
            raise MalformedEvent(f"a log event whose data is not JSON ({error})") from None
        if not isinstance(entry, dict):
            if self.production:
                raise invalid(f"a console-log frame that is not a JSON object: {event.data[:200]!r}")
            raise MalformedEvent("a log event whose data is not a JSON object")
        number = self.cursor.number(event.id) or self.cursor.number(entry.get("id"))
        taken = self.cursor.take(entry, number)
        if taken:
            self.moved = time.monotonic()
        return taken

    def _idle(self) -> list[Any]:
        idle = time.monotonic() - self.moved
        if idle > self.limits.stream_idle_timeout:
            raise invalid(
                f"the console-log stream of job {self.pk} sent nothing new for {idle:.0f} s, only "
                f"keep-alives (Limits.stream_idle_timeout = {self.limits.stream_idle_timeout} s; raise "
                "it with limits=Limits(stream_idle_timeout=...))"
            )
        return []


def _is_event_stream(content_type: str) -> bool:
    return content_type.partition(";")[0].strip() == "text/event-stream"


def stream(log_: JobLog, cursor: LogCursor, connection: Connection, policy: RetryPolicy) -> Flow[Outcome]:
    """One stream connection, from the cursor on; returns how it ended."""
    try:
        content_type = yield Open(log_.tail(cursor.position))
    except (APITimeoutError, APIConnectionError):
        return "poll"  # the open had the retry policy's attempts already
    except ClientError as error:
        if error.status_code in policy.no_stream_statuses:
            return "poll"
        raise
    if not _is_event_stream(content_type):
        return "poll"
    reader = EventReader(connection.limits)
    while True:
        try:
            chunk = yield READ
        except APITimeoutError:
            log.info("console log stream of job %s: silent past the read timeout; polling instead", log_.pk)
            return "poll"
        except APIConnectionError:
            return "dropped"
        try:
            for event in reader.feed(chunk):
                entries, ended = connection.entries(event)
                if entries:
                    yield Emit(entries)
                if ended:
                    return "end"
        except MalformedEvent as error:
            log.warning("console log stream of job %s: %s; polling instead", log_.pk, error)
            return "poll"
        if not chunk:
            return "dropped"


def poll(log_: JobLog, cursor: LogCursor) -> Flow[None]:
    """Poll the job and its console log until the job has ended."""
    while True:
        job = yield Call(log_.job)
        entries = yield from collect(log_.base_url, lambda page: log_.page(cursor.position or None, page))
        fresh = cursor.take_polled(as_entries(entries))
        if fresh:
            yield Emit(fresh)
        if job_ended(job):
            return
        yield Sleep(DEFAULT_LOG_POLL_INTERVAL)


def follow(log_: JobLog, since: int, policy: RetryPolicy, limits: Limits) -> Flow[None]:
    """Give each entry of the job's log once, in order, until the job ends."""
    cursor = LogCursor(since, limits.max_event_id)
    failures = 0
    while True:
        before = cursor.position
        connection = Connection(cursor, limits, log_.pk)
        outcome = yield from stream(log_, cursor, connection, policy)
        if outcome == "end":
            return
        if outcome == "poll":
            break
        failures = 0 if cursor.position > before else failures + 1
        if failures > policy.max_retries:
            if connection.production and not job_ended((yield Call(log_.job))):
                raise invalid(
                    f"the console-log stream of job {log_.pk} replays its log without end: "
                    f"{failures} connections in a row gave no new line and no 'complete' frame "
                    "(RetryPolicy.max_retries)"
                )
            break  # the stream keeps failing without progress: polling still works
        yield Sleep(cursor.reconnect_delay)
    yield from poll(log_, cursor)
