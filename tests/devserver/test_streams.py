"""Console logs over server-sent events, resumed with ``since``/``Last-Event-ID``; ``since`` on the list."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
from httpx_sse import ServerSentEvent, connect_sse

from synapse_sdk.devserver import DevServer

from .conftest import AUTH


def _events(http: httpx.Client, path: str, **kwargs: object) -> Iterator[ServerSentEvent]:
    with connect_sse(http, "GET", path, **kwargs) as source:  # type: ignore[arg-type]
        assert source.response.headers["content-type"].startswith("text/event-stream")
        yield from source.iter_sse()


def test_a_run_streams_every_entry_live_then_ends(client: httpx.Client) -> None:
    job_id = client.post("plugins/123/run/", json={}).json()["job_id"]
    received: list[tuple[ServerSentEvent, str]] = []
    for event in _events(client, f"jobs/{job_id}/tail_console_logs/"):
        # The job's status as each event arrives: entries must come while it runs, not at the end.
        received.append((event, client.get(f"jobs/{job_id}/").json()["status"]))
    logs = [event for event, _ in received if event.event == "log"]
    assert [json.loads(e.data)["id"] for e in logs] == list(range(1, 14))
    assert [e.id for e in logs] == [str(n) for n in range(1, 14)]
    assert [json.loads(e.data) for e in logs] == client.get(f"jobs/{job_id}/console_logs/").json()
    end, _ = received[-1]
    assert (end.event, json.loads(end.data)) == ("end", {"status": "completed"})
    assert [e.retry for e, _ in received if e.retry is not None] in ([], [1000])
    assert "running" in [status for _, status in received[:-2]]


def test_the_stream_starts_with_retry_and_ends_with_end(client: httpx.Client) -> None:
    with client.stream("GET", "jobs/785/tail_console_logs/") as response:
        text = response.read().decode()
    assert text.startswith("retry: 1000\n\n")
    assert text.endswith('event: end\ndata: {"status": "completed"}\n\n')
    assert text.count("event: log\n") == 2  # the seeded job's two entries


def test_resume_with_last_event_id_or_since(client: httpx.Client) -> None:
    path = "jobs/785/tail_console_logs/"

    def kinds(**kwargs: object) -> list[tuple[str, object]]:
        return [
            (e.event, json.loads(e.data).get("id"))
            for e in _events(client, path, **kwargs)
            if e.event != "message"  # the opening `retry:` block
        ]

    assert kinds(params={"since": 1}) == [("log", 2), ("end", None)]
    # The header wins over the query.
    assert kinds(params={"since": 0}, headers={"Last-Event-ID": "2"}) == [("end", None)]
    # An id this server never sends is ignored (the query decides), not an error the document lacks.
    assert kinds(params={"since": 1}, headers={"Last-Event-ID": "x"}) == [("log", 2), ("end", None)]


def test_console_logs_since(client: httpx.Client) -> None:
    everything = client.get("jobs/789/console_logs/").json()
    assert [entry["id"] for entry in everything] == list(range(1, len(everything) + 1))
    assert client.get("jobs/789/console_logs/", params={"since": 2}).json() == everything[2:]
    # The resume header belongs to the stream: the plain list takes `since` only.
    assert client.get("jobs/789/console_logs/", headers={"Last-Event-ID": "2"}).json() == everything
    assert client.get("jobs/789/console_logs/", params={"since": 99}).json() == []
    assert client.get("jobs/789/console_logs/", params={"since": -1}).status_code == 400


def test_unknown_job_is_404_before_any_stream(client: httpx.Client, anonymous: httpx.Client) -> None:
    response = client.get("jobs/424242/tail_console_logs/")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {"detail": "Not found."}
    assert anonymous.get("jobs/789/tail_console_logs/").status_code == 401


def test_a_patch_wakes_the_stream_at_once() -> None:
    # Heartbeat and job far longer than the read timeout: only the PATCH's wake-up can end the stream.
    with (
        DevServer(job_duration=600, heartbeat=600) as server,
        httpx.Client(base_url=server.url, headers=AUTH, timeout=10) as http,
    ):
        job_id = http.post("plugins/123/run/", json={}).json()["job_id"]
        seen: list[ServerSentEvent] = []
        for event in _events(http, f"jobs/{job_id}/tail_console_logs/"):
            seen.append(event)
            if event.event == "log" and json.loads(event.data)["message"] == "Job queued":
                http.patch(f"jobs/{job_id}/", json={"status": "STOPPED"})
        assert (seen[-1].event, json.loads(seen[-1].data)) == ("end", {"status": "STOPPED"})


def test_idle_streams_send_keepalive_comments() -> None:
    with (
        DevServer(heartbeat=0.2) as server,
        httpx.Client(base_url=server.url, headers=AUTH, timeout=10) as http,
        http.stream("GET", "jobs/789/tail_console_logs/") as response,
    ):
        lines: list[str] = []
        for line in response.iter_lines():
            lines.append(line)
            if lines.count(": keepalive") == 2:
                break
    assert lines[0] == "retry: 1000"
    assert lines.count("event: log") == 4  # the seeded running job's entries, then only comments


def test_clients_that_leave_mid_stream_leave_nothing_behind(server: DevServer, client: httpx.Client) -> None:
    for _ in range(20):
        with client.stream("GET", "jobs/789/tail_console_logs/") as response:
            next(response.iter_lines())
    with httpx.Client(base_url=server.url, headers=AUTH, timeout=10) as other:
        threads = [
            threading.Thread(target=lambda: other.get("jobs/789/console_logs/").raise_for_status())
            for _ in range(10)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    uvicorn = server._server
    assert uvicorn is not None
    deadline = time.monotonic() + 10
    while uvicorn.server_state.tasks and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not uvicorn.server_state.tasks  # every stream's task ended with its client
    assert client.get("plugins/123/").status_code == 200


@pytest.mark.parametrize("path", ["jobs/789/", "jobs/789/console_logs/"])
def test_log_entries_carry_their_position(client: httpx.Client, path: str) -> None:
    reply = client.get(path, params={"expand": "logs"}).json()
    entries = reply["logs"] if isinstance(reply, dict) else reply
    assert [entry["id"] for entry in entries] == list(range(1, len(entries) + 1))
