"""The console-log stream goes through the client's one boundary (issue 18 item 3): the retry
policy on its opening, the limiter slot held while it is open, attempt logging."""

from __future__ import annotations

import json
import logging

import pytest

from synapse_sdk.clients.backend import BackendClient
from tests.support.faultserver import Fault, FaultServer

from .helpers import FAST, Api


def _entry(n: int) -> str:
    entry = {"id": n, "timestamp": "2025-01-15T09:30:00Z", "level": "INFO", "message": f"line {n}"}
    return f"id: {n}\nevent: log\ndata: {json.dumps(entry)}\n\n"


def _stream(*numbers: int) -> Fault:
    body = "".join(map(_entry, numbers)) + 'event: end\ndata: {"status": "completed"}\n\n'
    return Fault.status(200, body, content_type="text/event-stream")


def test_a_503_on_opening_is_retried_by_the_policy_and_logged(
    api: Api, server: FaultServer, caplog: pytest.LogCaptureFixture
) -> None:
    server.script(Fault.status(503, headers={"Retry-After": "0"}), _stream(1, 2))
    with caplog.at_level(logging.DEBUG, logger="synapse_sdk"):
        entries = api.call("follow_job_console_logs", 7)
    assert [e["message"] for e in entries] == ["line 1", "line 2"]
    assert [a.path for a in server.arrivals] == ["/jobs/7/tail_console_logs/"] * 2
    lines = [r.getMessage() for r in caplog.records if "tail_console_logs" in r.getMessage()]
    assert (
        "-> 503" in lines[0]
        and "(attempt 1)" in lines[0]
        and "-> 200" in lines[1]
        and "(attempt 2)" in lines[1]
    )


def test_an_open_stream_holds_a_limiter_slot_until_it_is_closed(server: FaultServer) -> None:
    server.script(_stream(1, 2, 3))
    with BackendClient(server.url, access_token=None, max_concurrency=1, retry_policy=FAST) as client:
        free = client._limiter._slots._tokens  # type: ignore[union-attr]
        follower = client.follow_job_console_logs(7)
        assert next(follower)["message"] == "line 1"
        assert free.qsize() == 0  # the stream's slot
        follower.close()
        assert free.qsize() == 1
        server.script(Fault.json(200, {"id": 7, "status": "completed"}))
        assert client.get_job(7)["status"] == "completed"
