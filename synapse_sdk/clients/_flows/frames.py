"""A console-log stream's bytes as events, within the client's `Limits`, and what each event
means in either dialect.

Reading: httpx-sse's own line splitter and field decoder (`SSELineDecoder`, `SSEDecoder`) do
the parsing; this module adds the bounds they lack (a line without end, `data:` lines that
never finish an event) and surfaces comments, which are the keep-alives the idle bound counts.

The dialects, told apart by each event:

- documented (the local backend): `event: log` with `id:` (the entry's position) and the
  entry as JSON; `event: end` with the job's final `status`. Resumes with `Last-Event-ID`.
- production: unnamed events whose JSON has `type`: `connected` (not an entry), `log` (the
  line in `data`, which can itself be a nested event string `data: {"type": "log",
  "message": ...}` or a nested `complete`), `complete` (the end), `error` (a failure, such as
  "Job not found"); `: heartbeat` comments. No ids: a new connection replays from the start.
"""

from __future__ import annotations

import codecs
import json
from dataclasses import dataclass
from typing import Any

from httpx_sse._decoders import SSEDecoder, SSELineDecoder

from .._limits import Limits
from ..exceptions import (
    AuthenticationError,
    ClientError,
    InvalidResponseError,
    NotFoundError,
    PermissionDeniedError,
    ServerError,
)

PRODUCTION_TYPES = frozenset({"connected", "log", "complete", "error"})


@dataclass(frozen=True, slots=True)
class Event:
    """One server-sent event; `comment` is True for a comment line (a keep-alive)."""

    event: str = ""
    data: str = ""
    id: str = ""
    retry: int | None = None
    comment: bool = False


KEEP_ALIVE = Event(comment=True)


def invalid(detail: str) -> InvalidResponseError:
    return InvalidResponseError(detail, status_code=200, method="GET", source="server")


class EventReader:
    """Bytes in, events out; a line past `max_line_size` or an event whose data passes
    `max_event_size` is an `InvalidResponseError` naming the limit, before it is held whole."""

    def __init__(self, limits: Limits) -> None:
        self._limits = limits
        self._text = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._lines = SSELineDecoder()
        self._fields = SSEDecoder()
        self._pending = 0  # characters of the line not ended yet
        self._data = 0  # characters of the current event's data

    def feed(self, chunk: bytes) -> list[Event]:
        text = self._text.decode(chunk, final=not chunk)
        lines = self._lines.decode(text) if text else []
        if not chunk:
            lines += self._lines.flush()
        pieces = self._lines.buffer
        self._pending = (sum(map(len, pieces)) if lines else self._pending + len(text)) if pieces else 0
        if self._pending > self._limits.max_line_size:
            raise invalid(
                f"a console-log stream line is longer than {self._limits.max_line_size} characters "
                "(Limits.max_line_size; raise it with limits=Limits(max_line_size=...))"
            )
        return [event for event in map(self._line, lines) if event is not None]

    def _line(self, line: str) -> Event | None:
        if len(line) > self._limits.max_line_size:
            raise invalid(
                f"a console-log stream line is longer than {self._limits.max_line_size} characters "
                "(Limits.max_line_size; raise it with limits=Limits(max_line_size=...))"
            )
        if line.startswith(":"):
            return KEEP_ALIVE
        if line.startswith("data"):
            self._data += len(line)
            if self._data > self._limits.max_event_size:
                raise invalid(
                    f"a console-log stream event is larger than {self._limits.max_event_size} characters "
                    "(Limits.max_event_size; raise it with limits=Limits(max_event_size=...))"
                )
        elif not line:
            self._data = 0
        sse = self._fields.decode(line)
        if sse is None:
            return None
        return Event(sse.event, sse.data, sse.id, sse.retry)


def production_frame(event: Event) -> dict[str, Any] | None:
    """The frame's JSON if `event` is a production frame (unnamed, JSON with a known `type`)."""
    if event.event not in ("", "message") or not event.data.lstrip().startswith("{"):
        return None
    try:
        frame = json.loads(event.data)
    except ValueError:
        return None
    if isinstance(frame, dict) and frame.get("type") in PRODUCTION_TYPES:
        return frame
    return None


def lines_of(frame: dict[str, Any]) -> tuple[list[str], bool]:
    """The log lines a production frame carries, and whether it ends the stream."""
    kind = frame["type"]
    if kind == "complete":
        return [], True
    if kind == "error":
        raise error_of(frame)
    if kind != "log":
        return [], False
    data = frame.get("data", frame.get("message"))
    if isinstance(data, dict):  # a log frame that carries the entry itself
        data = data.get("message")
    if not isinstance(data, str):
        raise invalid(f"a production log frame without its line in 'data': {str(frame)[:200]}")
    if not data.startswith("data:"):
        return [data], False
    lines: list[str] = []
    for nested in data.splitlines():  # the nested form: data: {"type": "log", "message": ...}
        if not nested.strip():
            continue
        try:
            inner = json.loads(nested.partition(":")[2])
        except ValueError:
            raise invalid(
                f"a production log frame whose nested event is not JSON: {nested[:200]!r}"
            ) from None
        if not isinstance(inner, dict) or inner.get("type") not in PRODUCTION_TYPES:
            raise invalid(f"a production log frame whose nested event has no known type: {nested[:200]!r}")
        more, ended = lines_of(inner)
        lines += [line for line in more if line]  # as the production CLI: an empty message is none
        if ended:
            return lines, True
    return lines, False


def error_of(frame: dict[str, Any]) -> ClientError:
    """The `ClientError` an `error` frame stands for: its message read as the status it names."""
    message = str(frame.get("message") or frame.get("detail") or "the stream reported an error")
    lowered = message.lower()
    kind: type[ClientError]
    status, kind = 500, ServerError
    if "not found" in lowered or "does not exist" in lowered:
        status, kind = 404, NotFoundError
    elif "permission" in lowered or "forbidden" in lowered or "denied" in lowered:
        status, kind = 403, PermissionDeniedError
    elif "authenticat" in lowered or "credentials" in lowered or "token" in lowered:
        status, kind = 401, AuthenticationError
    return kind(message, status_code=status, response=frame, method="GET", source="server")
