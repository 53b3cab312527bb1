"""The job workflow (run, wait, logs, follow) against both dialects of the local backend, sync and
async, and the follower against a production stream that is cut and replayed from the start.

Every follow is bounded (at most `BOUND` entries are read), so that a follower that repeats
without end fails the test rather than hang it.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest

from synapse_sdk.clients.backend import AsyncBackendClient, BackendClient
from synapse_sdk.clients.jobs import is_success
from synapse_sdk.devserver import DevServer
from tests.support.faultserver import Fault, FaultServer

DIALECTS = ("documented", "production")
DONE = {"documented": "completed", "production": "SUCCEEDED"}
# What the simulated job writes: queued, started, ten steps, completed.
MESSAGES = [
    "Job queued",
    "Job started",
    *[f"Step {n}/10 done ({n * 10}%)" for n in range(1, 11)],
    "Job completed",
]
BOUND = 100


@pytest.fixture(scope="module")
def servers() -> Iterator[dict[str, DevServer]]:
    with (
        DevServer(dialect="documented", job_duration=0.6, heartbeat=0.2) as documented,
        DevServer(dialect="production", job_duration=0.6, heartbeat=0.2) as production,
    ):
        yield {"documented": documented, "production": production}


def _run(client: BackendClient, dialect: str) -> dict[str, Any]:
    """A run as each dialect's users write it: the page's call, or the production SDK's."""
    if dialect == "production":
        return dict(client.run_plugin("yolov8", {"agent": 1, "action": "train", "params": {"epochs": 1}}))
    return dict(client.run_plugin(123, {"parameters": {"threshold": 0.8}}))


def _text(entry: Any) -> str:
    """An entry's message, whichever shape it has: an object, or production's bare line."""
    return entry["message"] if isinstance(entry, dict) else str(entry).split("] ", 1)[1]


@pytest.mark.parametrize("dialect", DIALECTS)
def test_run_wait_and_logs(servers: dict[str, DevServer], dialect: str) -> None:
    with BackendClient(servers[dialect].url, access_token="workflow") as client:
        run = _run(client, dialect)
        job = client.wait_for_job(run["job_id"], timeout=60, poll_interval=0.05)
        assert job["status"] == DONE[dialect] and is_success(job["status"])
        assert job["id"] == run["job_id"]
        assert [_text(entry) for entry in client.list_job_console_logs(run["job_id"])] == MESSAGES


@pytest.mark.parametrize("dialect", DIALECTS)
def test_run_wait_and_logs_async(servers: dict[str, DevServer], dialect: str) -> None:
    async def main() -> None:
        async with AsyncBackendClient(servers[dialect].url, access_token="workflow") as client:
            if dialect == "production":
                run = await client.run_plugin("yolov8", {"action": "train", "params": {}})
            else:
                run = await client.run_plugin(123, {"parameters": {}})
            job = await client.wait_for_job(run["job_id"], timeout=60, poll_interval=0.05)
            assert job["status"] == DONE[dialect]
            logs = await client.list_job_console_logs(run["job_id"])
            assert [_text(entry) for entry in logs] == MESSAGES

    asyncio.run(main())


@pytest.mark.parametrize("dialect", DIALECTS)
def test_follow(servers: dict[str, DevServer], dialect: str) -> None:
    with BackendClient(servers[dialect].url, access_token="workflow") as client:
        run = _run(client, dialect)
        followed = list(itertools.islice(client.follow_job_console_logs(run["job_id"]), BOUND))
        assert [_text(entry) for entry in followed] == MESSAGES
        assert is_success(client.get_job(run["job_id"])["status"])


@pytest.mark.parametrize("dialect", DIALECTS)
def test_follow_async(servers: dict[str, DevServer], dialect: str) -> None:
    async def main() -> list[Any]:
        async with AsyncBackendClient(servers[dialect].url, access_token="workflow") as client:
            if dialect == "production":
                run = await client.run_plugin("yolov8", {"params": {}})
            else:
                run = await client.run_plugin(123, {"parameters": {}})
            followed = []
            async for entry in client.follow_job_console_logs(run["job_id"]):
                followed.append(entry)
                if len(followed) >= BOUND:
                    break
            return followed

    assert [_text(entry) for entry in asyncio.run(main())] == MESSAGES


def _frames(*lines: str, end: bool) -> bytes:
    frames = [{"type": "connected", "job_id": "j"}] + [{"type": "log", "data": line} for line in lines]
    if end:
        frames.append({"type": "complete", "message": "done"})
    return b"".join(f"data: {json.dumps(frame)}\n\n".encode() for frame in frames)


def test_a_cut_production_stream_is_followed_without_loss_or_repeat() -> None:
    """The first connection is cut after two lines; the second replays from the start, as
    production does: each line is given once, in order, and the follow ends on `complete`."""
    lines = [f"2024-01-15 10:00:0{n} [INFO] line {n}" for n in range(1, 5)]
    first = _frames(*lines[:2], end=False)
    cut = replace(
        Fault.status(200, first, content_type="text/event-stream"),
        declared_length=len(first) + 500,
        keep_alive=False,
    )
    with FaultServer() as server:
        server.script(cut, Fault.status(200, _frames(*lines, end=True), content_type="text/event-stream"))
        with BackendClient(server.url, access_token="t") as client:
            job = "550e8400-e29b-41d4-a716-446655440000"
            followed = list(itertools.islice(client.follow_job_console_logs(job), BOUND))
    assert [_text(entry) for entry in followed] == [f"line {n}" for n in range(1, 5)]
