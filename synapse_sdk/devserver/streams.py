"""Live console logs as server-sent events, pushed the moment the simulated job writes them.

A stream sleeps exactly until the job's next entry is due (the simulation is a function of time,
see ``jobs.next_change``) or until a PATCH changes the job (``JobEvents.notify``), whichever is
first; idle streams send a comment every ``heartbeat`` seconds. Starlette cancels the generator
when the client goes away, and ``JobEvents.close`` ends every stream at shutdown.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from starlette.concurrency import run_in_threadpool

if TYPE_CHECKING:  # the store imports the dialects, whose frames build on these
    from .store import Store
    from .store.records import JobKey

RETRY_MS = 1000


@dataclass(frozen=True)
class ConsoleLogStream:
    """What ``tail_job_console_logs`` answers once it knows the job exists."""

    key: JobKey
    since: int


class JobEvents:
    """Wakes the streams of a job when a request changes it; versions make a wake-up never missed."""

    def __init__(self) -> None:
        self._versions: dict[JobKey, int] = {}
        self._events: dict[JobKey, asyncio.Event] = {}
        self.closing = False

    def version(self, key: JobKey) -> int:
        return self._versions.get(key, 0)

    def notify(self, key: JobKey) -> None:
        self._versions[key] = self.version(key) + 1
        event = self._events.pop(key, None)
        if event is not None:
            event.set()

    def close(self) -> None:
        self.closing = True
        for key in list(self._events):
            self.notify(key)

    async def wait(self, key: JobKey, seen: int, timeout: float) -> None:
        """Until the job changes after version ``seen``, shutdown, or ``timeout`` seconds."""
        if self.closing or self.version(key) != seen:
            return
        event = self._events.setdefault(key, asyncio.Event())
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(event.wait(), timeout)


def _event(name: str, data: object, event_id: int | None = None) -> bytes:
    head = "" if event_id is None else f"id: {event_id}\n"
    return f"{head}event: {name}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n".encode()


class Frames:
    """How a stream writes what happens; this is the document's dialect (ids, resumable).
    ``dialect.ProductionFrames`` writes the production backend's instead."""

    def opening(self, stream: ConsoleLogStream) -> bytes:
        return f"retry: {RETRY_MS}\n\n".encode()

    def entry(self, entry: dict[str, Any]) -> bytes:
        return _event("log", entry, entry["id"])

    def end(self, status: str) -> bytes:
        return _event("end", {"status": status})

    def heartbeat(self) -> bytes:
        return b": keepalive\n\n"

    def missing(self, opened: bool) -> bytes:
        """For a job that is not (or no longer) there; this dialect answers 404 before any stream."""
        return b""


DOCUMENTED_FRAMES = Frames()


async def console_log_events(
    store: Store,
    events: JobEvents,
    stream: ConsoleLogStream,
    heartbeat: float,
    frames: Frames = DOCUMENTED_FRAMES,
) -> AsyncIterator[bytes]:
    sent = stream.since
    last_write = time.monotonic()
    opened = False
    while True:
        seen = events.version(stream.key)
        progress = await run_in_threadpool(store.follow_job, stream.key, sent)
        if progress is None:
            if missing := frames.missing(opened):
                yield missing
            return
        if not opened:
            yield frames.opening(stream)
            opened = True
        for entry in progress.entries:
            yield frames.entry(entry)
            sent = entry["id"]
            last_write = time.monotonic()
        if progress.ended:
            yield frames.end(progress.status)
            return
        if events.closing:
            return  # shutdown: the client reconnects with Last-Event-ID
        idle = time.monotonic() - last_write
        if idle >= heartbeat:
            yield frames.heartbeat()
            last_write, idle = time.monotonic(), 0.0
        timeout = heartbeat - idle
        if progress.next_change is not None:
            timeout = min(timeout, max(progress.next_change - store.clock(), 0.0))
        await events.wait(stream.key, seen, timeout)
