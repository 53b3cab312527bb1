"""`wait_for_job` and `follow_job_console_logs` against scripted servers: every corner of the job
lifecycle a real backend, a proxy or a network can produce, for the sync and async clients.

The happy paths against the real local backend are in tests/client/test_job_helpers.py.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import pytest

from synapse_sdk.clients import exceptions as exc
from synapse_sdk.clients._flows.waiting import PollSchedule
from synapse_sdk.clients._policy import parse_retry_after
from synapse_sdk.clients.jobs import TERMINAL_STATUSES, is_terminal
from tests.support.faultserver import Arrival, Fault, FaultServer

from .conftest import MakeApi
from .helpers import FAST, Api

WHEN = "2025-01-15T09:30:00.000000Z"


def _job(status: str, progress: int = 0, **extra: Any) -> dict[str, Any]:
    return {"id": 7, "plugin": 1, "status": status, "progress": progress, "metadata": {}, **extra}


def _entry(n: int) -> dict[str, Any]:
    return {"id": n, "timestamp": WHEN, "level": "INFO", "message": f"line {n}"}


def _events(*numbers: int, end: str | None = None, retry: int | None = 10) -> str:
    """An SSE body with the entries `numbers`, then an `end` event when `end` is a status."""
    parts = [f"retry: {retry}\n\n"] if retry is not None else []
    parts += [f"id: {n}\nevent: log\ndata: {json.dumps(_entry(n))}\n\n" for n in numbers]
    if end is not None:
        parts.append(f"event: end\ndata: {json.dumps({'status': end})}\n\n")
    return "".join(parts)


def _stream(text: str) -> Fault:
    """A complete event stream."""
    return Fault.status(200, text, content_type="text/event-stream")


def _cut_stream(text: str) -> Fault:
    """An event stream the connection drops in the middle of (announced longer than it is)."""
    fault = _stream(text)
    return replace(fault, declared_length=len(fault.body) + 10_000, keep_alive=False)


def _messages(entries: list[dict[str, Any]]) -> list[str]:
    return [entry["message"] for entry in entries]


# -- statuses ---------------------------------------------------------------------------------


def test_terminal_statuses_are_the_documented_and_the_production_ones() -> None:
    assert {"completed", "failed", "SUCCEEDED", "FAILED", "STOPPED"} == TERMINAL_STATUSES
    assert not is_terminal("running") and not is_terminal("ARCHIVING") and not is_terminal(None)


# -- wait_for_job -------------------------------------------------------------------------------


def test_wait_returns_the_job_once_it_ended_and_reports_each_change(api: Api, server: FaultServer) -> None:
    server.script(
        Fault.json(200, _job("queued")),
        Fault.json(200, _job("running", 10)),
        Fault.json(200, _job("running", 10)),
        Fault.json(200, _job("running", 60)),
        Fault.json(200, _job("completed", 100, result={"ok": True})),
    )
    seen: list[tuple[str, int]] = []
    job = api.call(
        "wait_for_job", 7, poll_interval=0.01, on_update=lambda j: seen.append((j["status"], j["progress"]))
    )
    assert job == _job("completed", 100, result={"ok": True})
    assert seen == [("queued", 0), ("running", 10), ("running", 60), ("completed", 100)]
    assert len(server.arrivals) == 5 and {a.path for a in server.arrivals} == {"/jobs/7/"}


@pytest.mark.parametrize("status", ["failed", "FAILED", "STOPPED", "SUCCEEDED"])
def test_a_job_that_ended_in_any_terminal_status_is_returned(
    api: Api, server: FaultServer, status: str
) -> None:
    """A failed job is returned, not raised: the caller reads its status."""
    server.script(Fault.json(200, _job("RUNNING")), Fault.json(200, _job(status)))
    assert api.call("wait_for_job", 7, poll_interval=0.01)["status"] == status


def test_an_unknown_status_is_not_terminal(api: Api, server: FaultServer) -> None:
    server.script(
        Fault.json(200, _job("ARCHIVING")),
        Fault.json(200, _job("UPLOADING")),
        Fault.json(200, _job("SUCCEEDED")),
    )
    assert api.call("wait_for_job", 7, poll_interval=0.01)["status"] == "SUCCEEDED"
    assert len(server.arrivals) == 3


def test_a_job_that_never_ends_times_out_with_the_last_job_seen(api: Api, server: FaultServer) -> None:
    server.default = Fault.json(200, _job("running", 42))
    error, _ = api.fails(exc.JobWaitTimeoutError, "wait_for_job", 7, timeout=0.3, poll_interval=0.05)
    assert isinstance(error, exc.APITimeoutError) and isinstance(error, exc.ClientError)
    assert error.job == _job("running", 42) and error.status_code == 408
    assert "'running'" in str(error) and "42" in str(error)
    assert len(server.arrivals) >= 2


def test_a_missing_job_raises_not_found_before_any_wait(api: Api, server: FaultServer) -> None:
    server.default = Fault.json(404, {"detail": "Not found."})
    api.fails(exc.NotFoundError, "wait_for_job", 7, poll_interval=60)
    assert len(server.arrivals) == 1


@pytest.mark.parametrize(
    "kwargs",
    [
        {"poll_interval": 0},
        {"poll_interval": -1},
        {"poll_interval": float("nan")},
        {"poll_interval": True},
        {"max_poll_interval": 0},
        {"timeout": -1},
        {"timeout": "10"},
    ],
    ids=repr,
)
def test_bad_poll_settings_are_refused_before_any_request(
    api: Api, server: FaultServer, kwargs: dict[str, Any]
) -> None:
    with pytest.raises(ValueError, match=r"poll_interval|timeout"):
        api.call("wait_for_job", 7, **kwargs)
    assert server.arrivals == []


def test_retry_after_on_a_poll_is_honoured_within_bounds(api: Api, server: FaultServer) -> None:
    """A `Retry-After` on a successful poll sets the next wait, but only between `poll_interval`
    and the policy's `max_retry_after` (issue 20: `0`/`-1` polled in a loop, `3600` slept an hour,
    `1e300` raised OverflowError). Changed from "Retry-After: 0 polls at once": a server can no
    longer make the client poll faster than asked. Here `3600` and `1e300` are capped to the
    policy's 0.05 s, so the wait ends (uncapped, it would outlast the test's timeout)."""
    server.script(
        Fault.json(200, _job("queued"), headers={"Retry-After": "3600"}),
        Fault.json(200, _job("running"), headers={"Retry-After": "1e300"}),
        Fault.json(200, _job("running"), headers={"Retry-After": "-1"}),
        Fault.json(200, _job("running"), headers={"Retry-After": "soon, maybe"}),
        Fault.json(200, _job("completed")),
    )
    capped = api.with_options(retry_policy=FAST.evolve(max_retry_after=0.05))
    assert capped.call("wait_for_job", 7, poll_interval=0.01, timeout=30)["status"] == "completed"
    assert len(server.arrivals) == 5


@pytest.mark.parametrize("header", ["0", "-1", "3600", "1e300", "garbage", "Wed, 21 Oct 2015 07:28:00 GMT"])
def test_poll_waits_stay_between_the_interval_and_the_cap(header: str) -> None:
    """Whatever the header says, the next wait is within [poll_interval, max_retry_after]."""
    schedule = PollSchedule(2.0, 10.0, None, max_retry_after=60.0)
    for _ in range(3):
        pause = schedule.next_wait(parse_retry_after(header))
        assert pause is not None and 2.0 <= pause <= 60.0


def test_polls_go_through_the_retry_policy(api: Api, server: FaultServer) -> None:
    """A 503 between two polls is retried like any GET, not reported as the job's end."""
    server.script(Fault.json(200, _job("running")), Fault.status(503), Fault.json(200, _job("completed")))
    assert api.call("wait_for_job", 7, poll_interval=0.01)["status"] == "completed"


# -- follow_job_console_logs ------------------------------------------------------------------


def test_a_stream_yields_every_entry_in_order_and_ends_with_the_job(api: Api, server: FaultServer) -> None:
    server.script(_stream(_events(1, 2, 3, end="completed")))
    entries = api.call("follow_job_console_logs", 7)
    assert entries == [_entry(1), _entry(2), _entry(3)]
    (arrival,) = server.arrivals
    assert arrival.path == "/jobs/7/tail_console_logs/" and arrival.headers["accept"] == "text/event-stream"
    assert "last-event-id" not in arrival.headers


def test_a_dropped_stream_resumes_after_the_last_entry_without_repeats(api: Api, server: FaultServer) -> None:
    """The stream dies after entry 2; the reconnect says `Last-Event-ID: 2`, and the server,
    as servers may, sends entry 2 again: it is not yielded twice."""
    server.script(_cut_stream(_events(1, 2)), _stream(_events(2, 3, 4, end="completed", retry=None)))
    assert _messages(api.call("follow_job_console_logs", 7)) == ["line 1", "line 2", "line 3", "line 4"]
    first, second = server.arrivals
    assert "last-event-id" not in first.headers and second.headers["last-event-id"] == "2"


def test_a_stream_that_ends_without_an_end_event_is_resumed(api: Api, server: FaultServer) -> None:
    server.script(_stream(_events(1)), _stream(_events(2, end="failed")))
    assert _messages(api.call("follow_job_console_logs", 7)) == ["line 1", "line 2"]


def test_since_skips_what_the_caller_already_has(api: Api, server: FaultServer) -> None:
    server.script(_stream(_events(3, 4, end="completed")))
    assert _messages(api.call("follow_job_console_logs", 7, since=2)) == ["line 3", "line 4"]
    assert server.arrivals[0].headers["last-event-id"] == "2"


def _polling_backend(
    server: FaultServer, stream: Fault, log: list[dict[str, Any]], statuses: list[str]
) -> None:
    """A backend whose stream endpoint answers `stream`; console_logs honours `since`; get_job
    walks through `statuses` (the last one repeats)."""
    polls = iter(statuses)
    last = [statuses[-1]]

    def answer(arrival: Arrival) -> Fault:
        if arrival.path.endswith("/tail_console_logs/"):
            return stream
        if arrival.path.endswith("/console_logs/"):
            since = int(arrival.query.get("since", ["0"])[0])
            return Fault.json(200, [e for e in log if e["id"] > since])
        last[0] = next(polls, last[0])
        return Fault.json(200, _job(last[0]))

    server.default = answer


@pytest.mark.parametrize(
    "stream",
    [
        Fault.json(404, {"detail": "Not found."}),
        Fault.json(405, {"detail": 'Method "GET" not allowed.'}),
        Fault.json(200, []),
        Fault.html(501, "<title>Not Implemented</title>"),
    ],
    ids=["404", "405", "json-not-a-stream", "501"],
)
def test_no_stream_endpoint_falls_back_to_polling_since_the_last_entry(
    api: Api, server: FaultServer, stream: Fault
) -> None:
    _polling_backend(server, stream, [_entry(n) for n in (1, 2, 3)], ["running", "completed"])
    assert _messages(api.call("follow_job_console_logs", 7)) == ["line 1", "line 2", "line 3"]
    polls = [a for a in server.arrivals if a.path == "/jobs/7/console_logs/"]
    assert polls and polls[0].query.get("since") is None


def test_polling_reads_only_new_entries(make_api: MakeApi, server: FaultServer) -> None:
    """While the job runs the log grows; each poll asks `since` the last position it has."""
    log = [_entry(1)]
    statuses = iter(["running", "running", "completed"])

    def answer(arrival: Arrival) -> Fault:
        if arrival.path.endswith("/tail_console_logs/"):
            return Fault.json(404, {"detail": "Not found."})
        if arrival.path.endswith("/console_logs/"):
            since = int(arrival.query.get("since", ["0"])[0])
            reply = [e for e in log if e["id"] > since]
            log.append(_entry(len(log) + 1))  # the job writes one more line between polls
            return Fault.json(200, reply)
        return Fault.json(200, _job(next(statuses, "completed")))

    server.default = answer
    entries = make_api(server.url, timeout=1.0).call("follow_job_console_logs", 7)
    assert _messages(entries) == ["line 1", "line 2", "line 3"]
    sinces = [a.query.get("since", ["0"])[0] for a in server.arrivals if a.path == "/jobs/7/console_logs/"]
    assert sinces == ["0", "1", "2"]


def test_a_server_that_ignores_since_is_read_by_position(api: Api, server: FaultServer) -> None:
    """An older backend answers the whole log, without `id`s: entries are counted, not repeated."""
    lines = [{"timestamp": WHEN, "level": "INFO", "message": f"line {n}"} for n in (1, 2, 3)]
    calls = {"n": 0}

    def answer(arrival: Arrival) -> Fault:
        if arrival.path.endswith("/tail_console_logs/"):
            return Fault.json(404, {"detail": "Not found."})
        if arrival.path.endswith("/console_logs/"):
            calls["n"] += 1
            return Fault.json(200, lines[: 1 + calls["n"]])  # 2 lines, then 3
        return Fault.json(200, _job("running" if calls["n"] < 2 else "completed"))

    server.default = answer
    assert _messages(api.call("follow_job_console_logs", 7)) == ["line 1", "line 2", "line 3"]


def test_a_malformed_event_switches_to_polling_without_losing_or_repeating(
    api: Api, server: FaultServer
) -> None:
    broken = _events(1, 2) + "id: 3\nevent: log\ndata: {not json\n\n"
    _polling_backend(server, _stream(broken), [_entry(n) for n in (1, 2, 3, 4)], ["completed"])
    assert _messages(api.call("follow_job_console_logs", 7)) == ["line 1", "line 2", "line 3", "line 4"]
    polls = [a for a in server.arrivals if a.path == "/jobs/7/console_logs/"]
    assert polls[0].query["since"] == ["2"]


def test_a_buffering_proxy_is_detected_and_polled_around(make_api: MakeApi, server: FaultServer) -> None:
    """A proxy that holds the stream back: nothing arrives within the read timeout."""
    _polling_backend(server, Fault.hang(), [_entry(1), _entry(2)], ["completed"])
    entries = make_api(server.url, timeout=0.3).call("follow_job_console_logs", 7)
    assert _messages(entries) == ["line 1", "line 2"]
    server.release()


def test_a_stream_that_keeps_dropping_ends_up_polling(api: Api, server: FaultServer) -> None:
    """A stream that dies before its first event, every time: after the retry budget the client
    polls instead, and nothing is lost."""
    log = [_entry(n) for n in (1, 2)]

    def answer(arrival: Arrival) -> Fault:
        if arrival.path.endswith("/tail_console_logs/"):
            return Fault.drop()
        if arrival.path.endswith("/console_logs/"):
            return Fault.json(200, log)
        return Fault.json(200, _job("completed"))

    server.default = answer
    assert _messages(api.call("follow_job_console_logs", 7)) == ["line 1", "line 2"]
    streams = [a for a in server.arrivals if a.path.endswith("/tail_console_logs/")]
    assert len(streams) == 4  # the first try and max_retries (3) reconnects


def test_unknown_events_and_comments_are_ignored(api: Api, server: FaultServer) -> None:
    text = ': keepalive\n\nevent: progress\ndata: {"progress": 50}\n\n' + _events(
        1, end="completed", retry=None
    )
    server.script(_stream(text))
    assert _messages(api.call("follow_job_console_logs", 7)) == ["line 1"]


def test_following_a_missing_job_raises_not_found(api: Api, server: FaultServer) -> None:
    server.default = Fault.json(404, {"detail": "Not found."})
    api.fails(exc.NotFoundError, "follow_job_console_logs", 7)


def test_an_auth_failure_on_the_stream_is_raised_not_polled_around(api: Api, server: FaultServer) -> None:
    server.default = Fault.json(401, {"detail": "Invalid token."})
    api.fails(exc.AuthenticationError, "follow_job_console_logs", 7)
    assert len(server.arrivals) == 1


@pytest.mark.parametrize("since", [-1, "x", 1.5, None])
def test_a_bad_since_is_refused_before_any_request(api: Api, server: FaultServer, since: Any) -> None:
    api.fails(exc.ValidationError, "follow_job_console_logs", 7, since=since)
    assert server.arrivals == []
