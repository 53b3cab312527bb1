"""The follower and the console-log reader against production's dialect, and the bounds of a
stream (issue 19 items 2-3, issue 20 items 4, 5 and 13), sync and async, over real HTTP.

Production's stream: data-only events whose JSON has `type` (`connected`, `log`, `complete`,
`error`), `: heartbeat` comments, no ids, a replay from the start on each connection
(/work/prod-sdk's `cli/plugin/job.py` `tail_job_logs` and its OpenAPI document)."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import pytest

from synapse_sdk.clients import Limits
from synapse_sdk.clients import exceptions as exc
from tests.support.faultserver import Arrival, Fault, FaultServer

from .conftest import MakeApi
from .helpers import Api

LINES = [
    "2024-01-15 10:00:01 [INFO] Plugin started",
    "2024-01-15 10:00:02 [WARNING] Low memory",
    "Traceback (most recent call last):",
]


def _frame(value: dict[str, Any]) -> str:
    return f"data: {json.dumps(value)}\n\n"


def _log(line: str, *, nested: bool = False) -> str:
    if nested:  # the form `tail_job_logs` unwraps: the line inside a nested event string
        return _frame({"type": "log", "data": f"data: {json.dumps({'type': 'log', 'message': line})}\n\n"})
    return _frame({"type": "log", "data": line})


def _production(*lines: str, complete: bool = True, retry: bool = True) -> str:
    parts = ["retry: 10\n\n"] if retry else []  # a fast reconnect, for the tests' sake
    parts += [_frame({"type": "connected", "job_id": "7"}), ": heartbeat\n\n"]
    parts += [_log(line, nested=n % 2 == 1) for n, line in enumerate(lines)]
    if complete:
        parts.append(_frame({"type": "complete", "message": "done"}))
    return "".join(parts)


def _stream(text: str) -> Fault:
    return Fault.status(200, text, content_type="text/event-stream")


def _cut(text: str) -> Fault:
    fault = _stream(text)
    return replace(fault, declared_length=len(fault.body) + 10_000, keep_alive=False)


def _job(status: str) -> dict[str, Any]:
    return {"id": 7, "status": status}


def _follow(api: Api) -> list[dict[str, Any]]:
    return api.call("follow_job_console_logs", 7)  # type: ignore[no-any-return]


def _streams(server: FaultServer) -> list[Arrival]:
    return [a for a in server.arrivals if a.path.endswith("/tail_console_logs/")]


def test_production_frames_each_line_once_in_order(api: Api, server: FaultServer) -> None:
    """`connected` and heartbeats are no entries; plain and nested log frames are; `complete`
    ends the follow without another request."""
    server.script(_stream(_production(*LINES)))
    entries = _follow(api)
    assert [e["line"] for e in entries] == LINES
    assert entries[0] == {
        "timestamp": "2024-01-15 10:00:01",
        "level": "INFO",
        "message": "Plugin started",
        "line": LINES[0],
    }
    assert (entries[1]["level"], entries[1]["message"]) == ("WARNING", "Low memory")
    assert entries[2] == {"timestamp": None, "level": None, "message": LINES[2], "line": LINES[2]}
    assert len(server.arrivals) == 1


def test_a_nested_complete_ends_the_follow(api: Api, server: FaultServer) -> None:
    nested = _frame({"type": "log", "data": "data: " + json.dumps({"type": "complete"}) + "\n\n"})
    server.script(_stream(_production(LINES[0], complete=False) + nested + _log("never given")))
    assert [e["line"] for e in _follow(api)] == [LINES[0]]


def test_an_error_frame_raises_its_client_error_at_once(api: Api, server: FaultServer) -> None:
    server.script(
        _stream(_frame({"type": "connected"}) + _frame({"type": "error", "message": "Job not found"}))
    )
    error = api.fails(exc.NotFoundError, "follow_job_console_logs", 7)[0]
    assert "Job not found" in str(error) and error.status_code == 404
    assert len(server.arrivals) == 1  # no reconnect, no polling


def test_a_reconnect_skips_what_was_given_and_loses_nothing(api: Api, server: FaultServer) -> None:
    """Production cannot resume: the second connection replays from the start."""
    server.script(_cut(_production(*LINES[:2], complete=False)), _stream(_production(*LINES)))
    assert [e["line"] for e in _follow(api)] == LINES
    assert len(_streams(server)) == 2


def test_a_stream_that_replays_forever_is_an_invalid_response(api: Api, server: FaultServer) -> None:
    """Every connection replays the same lines and ends without `complete` while the job runs:
    after the reconnect budget (max_retries) the follower gives up with InvalidResponseError."""

    def answer(arrival: Arrival) -> Fault:
        if arrival.path.endswith("/tail_console_logs/"):
            return _stream(_production(*LINES[:2], complete=False))
        return Fault.json(200, _job("RUNNING"))

    server.default = answer
    error = api.fails(exc.InvalidResponseError, "follow_job_console_logs", 7)[0]
    assert "replays its log without end" in str(error) and "RetryPolicy.max_retries" in str(error)
    assert len(_streams(server)) == 1 + api.client.max_retries + 1


@pytest.mark.parametrize(
    "frame",
    [
        _frame({"type": "log"}),  # no line
        _frame({"type": "log", "data": 'data: {"type": "log", "message": '}),  # nested, not JSON
        "data: {not json\n\n",
    ],
)
def test_a_malformed_production_frame_is_an_invalid_response(
    api: Api, server: FaultServer, frame: str
) -> None:
    server.script(_stream(_production(LINES[0], complete=False) + frame))
    api.fails(exc.InvalidResponseError, "follow_job_console_logs", 7)
    assert len(server.arrivals) == 1


def test_string_log_lines_are_entries_the_pages_example_can_print(api: Api, server: FaultServer) -> None:
    """Production answers `console_logs/` with a bare list of lines; the page's example runs."""
    server.script(Fault.json(200, LINES))
    printed = [
        f"[{log_entry['timestamp']}] {log_entry['level']}: {log_entry['message']}"
        for log_entry in api.call("list_job_console_logs", 7)
    ]
    assert printed == [
        "[2024-01-15 10:00:01] INFO: Plugin started",
        "[2024-01-15 10:00:02] WARNING: Low memory",
        f"[None] None: {LINES[2]}",
    ]


def test_polling_production_lines_gives_each_once(api: Api, server: FaultServer) -> None:
    """No stream (404): the follower polls the list of lines, which grows, and ends with the job."""
    answers = iter([(LINES[:1], "RUNNING"), (LINES, "SUCCEEDED")])
    current: list[Any] = []

    def answer(arrival: Arrival) -> Fault:
        if arrival.path.endswith("/tail_console_logs/"):
            return Fault.json(404, {"detail": "Not found."})
        if arrival.path.endswith("/console_logs/"):
            return Fault.json(200, current[0])
        current[:] = [None]
        lines, status = next(answers)
        current[0] = lines
        return Fault.json(200, _job(status))

    server.default = answer
    assert [e["line"] for e in _follow(api)] == LINES


def test_an_out_of_range_event_id_drops_nothing(api: Api, server: FaultServer) -> None:
    """An id past Limits.max_event_id counts as no id: the entries after it still come."""

    def event(number: int | str, message: str) -> str:
        entry = {"id": number, "timestamp": "2025-01-15T09:30:00Z", "level": "INFO", "message": message}
        return f"id: {number}\nevent: log\ndata: {json.dumps(entry)}\n\n"

    huge = "99999999999999999999"
    body = event(1, "a") + event(huge, "b") + event(3, "c") + event(4, "d")
    server.script(_stream(body + 'event: end\ndata: {"status": "completed"}\n\n'))
    assert [e["message"] for e in _follow(api)] == ["a", "b", "c", "d"]


def test_a_stream_of_keep_alives_alone_is_bounded(make_api: MakeApi, server: FaultServer) -> None:
    server.script(Fault.trickle(_stream(": keep-alive\n\n" * 400), interval=0.01, chunk=15))
    api = make_api(server.url, limits=Limits(stream_idle_timeout=0.3))
    error = api.fails(exc.InvalidResponseError, "follow_job_console_logs", 7)[0]
    assert "Limits.stream_idle_timeout" in str(error)


@pytest.mark.parametrize(
    ("body", "setting"),
    [
        ("data: " + "x" * 5000, "Limits.max_line_size"),  # a line without end
        ("data: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n" * 200, "Limits.max_event_size"),  # never ends
    ],
)
def test_line_and_event_sizes_are_bounded(
    make_api: MakeApi, server: FaultServer, body: str, setting: str
) -> None:
    server.script(_stream(body))
    api = make_api(server.url, limits=Limits(max_line_size=1024, max_event_size=4096))
    error = api.fails(exc.InvalidResponseError, "follow_job_console_logs", 7)[0]
    assert setting in str(error)


def test_wait_timeout_bounds_a_stuck_poll(api: Api, server: FaultServer) -> None:
    """The server never answers the poll; the read timeout is the default 15 s, the wait's
    timeout is what ends it."""
    server.script(Fault.hang())
    error = api.fails(exc.JobWaitTimeoutError, "wait_for_job", 7, timeout=0.5)[0]
    assert "job 7" in str(error)
    assert len(server.arrivals) == 1
