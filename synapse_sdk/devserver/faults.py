"""Failure switches: make matching API requests fail on purpose, to try a client's failure paths.

A ``Fault`` matches requests by method and path pattern (relative to the API root, ``*`` within
one path segment, ``**`` across segments) for a number of ``times``, and does one thing to each:

- ``status``: answer that status instead: 429 with ``Retry-After`` and DRF's throttling body,
  502/503/504 with a proxy's HTML page (503 with ``Retry-After`` when given), others in DRF's
  JSON shape; the request is not processed.
- ``delay``: wait ``seconds``, then answer normally (``seconds`` also delays the other kinds).
- ``drop``: close the connection without any answer (after the request was read, unprocessed).
- ``cut``: process the request, start the answer, then close the connection mid-way: a
  console-log stream after ``after`` events, any other reply after half its body.

Every injected answer carries ``X-Synapse-Fault: <id>``, so a log shows what was on purpose.
Switches are set over HTTP (``/_dev/faults/``, see ``control``), from the command line
(``--fail SPEC``, ``python -m synapse_sdk.devserver fault SPEC``) and from Python
(``synapse_sdk.devserver.switches.Switches``); ``Fault.parse`` reads the command-line SPEC.
"""

from __future__ import annotations

import asyncio
import http
import json
import re
import threading
from dataclasses import asdict, dataclass, fields, replace
from typing import Any, Literal, cast

from starlette.types import ASGIApp, Message, Receive, Scope, Send

Kind = Literal["status", "delay", "drop", "cut"]
KINDS: tuple[Kind, ...] = ("status", "delay", "drop", "cut")
API_PREFIX = "/api/"
# One spec on the command line: [METHOD] PATH ACTION [OPTION ...]; see ``Fault.parse``.
SPEC_HELP = (
    "[METHOD] PATH ACTION [times=N|forever] [retry-after=S] [delay=S], ACTION one of: a status "
    "(429, 500, 502, 503, ...), delay=S, drop, cut[=EVENTS]; PATH relative to the API root, "
    "* within a segment, ** across. Examples: 'GET jobs/*/ 503 times=2', "
    "'POST plugins/*/run/ 429 retry-after=2', 'jobs/*/tail_console_logs/ cut=2', '** delay=1.5'"
)
_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "*"})
_HTML_PROXY = (
    "<html>\r\n<head><title>{code} {phrase}</title></head>\r\n<body>\r\n"
    "<center><h1>{code} {phrase}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
)


class FaultError(ValueError):
    """A fault that cannot be set; the message names the field and what it accepts."""


@dataclass(frozen=True)
class Fault:
    kind: Kind
    method: str = "*"
    path: str = "**"
    # How many matching requests it applies to; None until it is cleared.
    times: int | None = 1
    status: int = 503
    retry_after: int | None = None
    seconds: float = 0.0
    after: int = 0
    # Set by the server: its handle, and how many requests it has met so far.
    id: int = 0
    hits: int = 0

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise FaultError(f"kind: {self.kind!r} is not one of {', '.join(KINDS)}")
        if self.method.upper() not in _METHODS:
            raise FaultError(f"method: {self.method!r} is not an HTTP method or *")
        object.__setattr__(self, "method", self.method.upper())
        object.__setattr__(self, "path", _relative(self.path))
        if self.times is not None and (not isinstance(self.times, int) or self.times < 1):
            raise FaultError(f"times: {self.times!r} must be a whole number from 1, or null (until cleared)")
        if not isinstance(self.status, int) or not 400 <= self.status <= 599:
            raise FaultError(f"status: {self.status!r} must be an error status from 400 to 599")
        if self.retry_after is not None and (not isinstance(self.retry_after, int) or self.retry_after < 0):
            raise FaultError(f"retry_after: {self.retry_after!r} must be whole seconds from 0")
        if not isinstance(self.seconds, int | float) or not 0 <= self.seconds <= 3600:
            raise FaultError(f"seconds: {self.seconds!r} must be from 0 to 3600")
        if not isinstance(self.after, int) or self.after < 0:
            raise FaultError(f"after: {self.after!r} must be a whole number of events from 0")
        if self.kind == "delay" and self.seconds <= 0:
            raise FaultError("seconds: a delay needs a number of seconds above 0")

    def matches(self, method: str, path: str) -> bool:
        return self.method in ("*", method) and _pattern(self.path).fullmatch(path) is not None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: Any) -> Fault:
        """A fault from the control endpoint's JSON body: the fields, or ``{"spec": "..."}``."""
        if not isinstance(data, dict):
            raise FaultError('expected a JSON object with the fault\'s fields, or {"spec": "..."}')
        if "spec" in data:
            if not isinstance(data["spec"], str):
                raise FaultError("spec: must be a string such as 'GET jobs/*/ 503 times=2'")
            return cls.parse(data["spec"])
        known = {f.name for f in fields(cls)} - {"id", "hits"}
        unknown = sorted(set(data) - known)
        if unknown:
            raise FaultError(
                f"unknown field(s) {', '.join(unknown)}; the fields are {', '.join(sorted(known))}"
            )
        if "kind" not in data:
            raise FaultError(f"kind: required, one of {', '.join(KINDS)}")
        return cls(**data)

    @classmethod
    def parse(cls, spec: str) -> Fault:
        """``[METHOD] PATH ACTION [times=N|forever] [retry-after=S] [delay=S]`` (see ``SPEC_HELP``)."""
        words = spec.split()
        method = "*"
        if len(words) > 2 and words[0].isalpha():
            if words[0].upper() not in _METHODS:
                raise FaultError(
                    f"{spec!r}: {words[0]!r} is not an HTTP method (GET, POST, PUT, PATCH, ... or *)"
                )
            method = words.pop(0)
        elif len(words) > 2 and words[0] == "*":
            method = words.pop(0)
        if len(words) < 2:
            raise FaultError(f"{spec!r}: expected {SPEC_HELP}")
        path, options = words[0], words[1:]
        values: dict[str, Any] = {"method": method, "path": path}
        kinds: list[Kind] = []
        for word in options:
            name, _, value = word.partition("=")
            name = name.lower()
            try:
                if word.isdigit():
                    kinds.append("status")
                    values["status"] = int(word)
                elif name in ("drop", "cut") and (name == "cut" or not value):
                    kinds.append(cast(Kind, name))
                    if value:
                        values["after"] = int(value)
                elif name == "delay" and value:
                    values["seconds"] = float(value)
                elif name == "times" and value:
                    values["times"] = None if value.lower() == "forever" else int(value)
                elif name in ("retry-after", "retry_after") and value:
                    values["retry_after"] = int(value)
                else:
                    raise FaultError(f"{spec!r}: {word!r} is not understood; expected {SPEC_HELP}")
            except ValueError as exc:
                if isinstance(exc, FaultError):
                    raise
                raise FaultError(f"{spec!r}: {word!r} needs a number") from None
        if len(kinds) > 1:
            raise FaultError(
                f"{spec!r}: one action per fault (a status, drop or cut), not {' and '.join(kinds)}"
            )
        return cls(kinds[0] if kinds else "delay", **values)


def _relative(path: str) -> str:
    """A path or pattern relative to the API root: ``/api/jobs/1/`` and ``/jobs/1/`` are ``jobs/1/``."""
    if path.startswith(API_PREFIX):
        return path[len(API_PREFIX) :]
    return path.lstrip("/")


def _pattern(glob: str) -> re.Pattern[str]:
    parts = re.split(r"(\*\*|\*)", glob)
    return re.compile("".join({"**": ".*", "*": "[^/]*"}.get(part, re.escape(part)) for part in parts))


class FaultSet:
    """The switches in force; the server's threads and event loop share it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: list[Fault] = []
        self._next_id = 1

    def add(self, fault: Fault) -> Fault:
        with self._lock:
            added = replace(fault, id=self._next_id, hits=0)
            self._next_id += 1
            self._faults.append(added)
            return added

    def remove(self, fault_id: int) -> bool:
        with self._lock:
            kept = [f for f in self._faults if f.id != fault_id]
            found = len(kept) != len(self._faults)
            self._faults = kept
            return found

    def clear(self) -> None:
        with self._lock:
            self._faults = []

    def list(self) -> list[Fault]:
        with self._lock:
            return list(self._faults)

    def take(self, method: str, path: str) -> Fault | None:
        """The first fault for this request, counted as used (and gone once its ``times`` are up)."""
        with self._lock:
            for index, fault in enumerate(self._faults):
                if fault.matches(method, path):
                    used = replace(fault, hits=fault.hits + 1)
                    if used.times is not None and used.hits >= used.times:
                        del self._faults[index]
                    else:
                        self._faults[index] = used
                    return used
            return None


def injected_reply(fault: Fault) -> tuple[int, dict[str, str], bytes]:
    """Status, headers and body of a ``status`` fault, shaped like what sends such a status in production."""
    code = fault.status
    phrase = http.HTTPStatus(code).phrase if code in http.HTTPStatus._value2member_map_ else "Error"
    headers = {"X-Synapse-Fault": str(fault.id)}
    retry_after = fault.retry_after
    if code == 429 and retry_after is None:
        retry_after = 1  # DRF's throttles always say when to come back
    if retry_after is not None:
        headers["Retry-After"] = str(retry_after)
    if code in (502, 503, 504):  # a proxy in front of the backend answers these, in HTML
        headers["Content-Type"] = "text/html"
        return code, headers, _HTML_PROXY.format(code=code, phrase=phrase).encode()
    if code == 429:
        message = f"Request was throttled. Expected available in {retry_after} seconds."
    elif code == 500:
        message = "A server error occurred."
    else:
        message = f"{phrase} (injected by a failure switch of the local backend)."
    headers["Content-Type"] = "application/json"
    return code, headers, json.dumps({"detail": message}).encode()


def api_path(path: str) -> str | None:
    """The path relative to the API root; None outside the API (the ``/_dev/`` control endpoints)."""
    if path.startswith("/_dev/") or path == "/_dev":
        return None
    return _relative(path)


class FaultInjector:
    """ASGI middleware applying the switches of a ``FaultSet`` to the API's requests."""

    def __init__(self, app: ASGIApp, faults: FaultSet) -> None:
        self.app = app
        self.faults = faults

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = api_path(scope["path"]) if scope["type"] == "http" else None
        fault = None if path is None else self.faults.take(scope["method"], path)
        if fault is None:
            await self.app(scope, receive, send)
            return
        if fault.seconds:
            await asyncio.sleep(fault.seconds)
        if fault.kind == "delay":
            await self.app(scope, receive, send)
        elif fault.kind == "status":
            code, headers, body = injected_reply(fault)
            raw = [(k.lower().encode(), v.encode()) for k, v in headers.items()]
            raw.append((b"content-length", str(len(body)).encode()))
            await send({"type": "http.response.start", "status": code, "headers": raw})
            await send({"type": "http.response.body", "body": body})
        elif fault.kind == "drop":
            await _read_body(receive)  # all read: the close is a clean end (FIN), never a reset
            await _abort(receive)
        else:
            await self.app(scope, receive, _Cutter(fault, receive, send).send)


class _Cutter:
    """Passes a reply through until the fault's point, then cuts the connection."""

    def __init__(self, fault: Fault, receive: Receive, send: Send) -> None:
        self.fault = fault
        self.receive = receive
        self.downstream = send
        self.events = 0
        self.stream = False
        self.cut = False

    async def send(self, message: Message) -> None:
        if self.cut:
            return  # the rest of the reply goes nowhere; Starlette sees the disconnect and stops
        if message["type"] == "http.response.start":
            headers = [*message.get("headers", []), (b"x-synapse-fault", str(self.fault.id).encode())]
            content_type = dict(headers).get(b"content-type", b"")
            self.stream = content_type.startswith(b"text/event-stream")
            await self.downstream({**message, "headers": headers})
            return
        if message["type"] != "http.response.body":
            await self.downstream(message)
            return
        body: bytes = message.get("body", b"")
        if not self.stream:
            # Half the body, then nothing: the client sees a reply shorter than it was promised.
            await self.downstream(
                {"type": "http.response.body", "body": body[: len(body) // 2], "more_body": True}
            )
        elif b"data:" in body:
            if self.events < self.fault.after:
                self.events += 1
                await self.downstream(message)
                return
        else:
            await self.downstream(message)  # the retry advice and keep-alive comments are not events
            return
        self.cut = True
        await _abort(self.receive)


async def _read_body(receive: Receive) -> None:
    while True:
        message = await receive()
        if message["type"] != "http.request" or not message.get("more_body", False):
            return


async def _abort(receive: Receive) -> None:
    """Close the connection at once, answered or not (uvicorn keeps the transport on ``receive``'s cycle)."""
    cycle = getattr(receive, "__self__", None)
    transport = getattr(cycle, "transport", None)
    if not isinstance(transport, asyncio.Transport):
        raise RuntimeError("a drop or cut fault needs uvicorn's HTTP/1.1 server")
    transport.abort()
    # Let uvicorn see the connection is gone, so that it does not try to answer it.
    for _ in range(100):
        if getattr(cycle, "disconnected", True):
            return
        await asyncio.sleep(0)
