"""create_logs sends a file path as a base64 data URI streamed from disk: the exact bytes on the
wire, a Content-Length (not chunked), a retry that sends it again whole, constant memory, and
what is refused before anything is sent."""

from __future__ import annotations

import asyncio
import base64
import os
import tracemalloc
from pathlib import Path

import pytest

from synapse_sdk.clients.backend import AsyncBackendClient, BackendClient
from synapse_sdk.clients.exceptions import ValidationError
from synapse_sdk.devserver import DevServerProcess
from tests.support.faultserver import Fault, FaultServer

CREATED = {"id": 1, "message": "m", "level": "info", "file": None, "created": "2025-01-15T09:30:00Z"}


@pytest.fixture
def png(tmp_path: Path) -> Path:
    path = tmp_path / "result.png"
    path.write_bytes(os.urandom(3 * 1024 * 1024 + 1))  # not a multiple of 3: the URI ends in padding
    return path


def test_the_wire_and_a_retry(png: Path) -> None:
    expected = {
        "message": "done",
        "level": "info",
        "file": "data:image/png;base64," + base64.b64encode(png.read_bytes()).decode(),
    }
    with FaultServer() as server:
        server.script(Fault.status(503), Fault.json(201, CREATED))
        with BackendClient(server.url, access_token="t", retry_policy=None) as client:
            client.create_logs({"message": "done", "level": "info", "file": png})
        first, second = server.arrivals
    for arrival in (first, second):  # the retry sends the whole body again
        assert arrival.json() == expected
        assert arrival.headers.get("content-length") == str(len(arrival.body))
        assert "transfer-encoding" not in arrival.headers
        assert arrival.headers.get("content-type") == "application/json"


def test_the_async_twin_sends_the_same_bytes(png: Path) -> None:
    async def main(url: str) -> None:
        async with AsyncBackendClient(url, access_token="t") as client:
            await client.create_logs([{"message": "a", "file": str(png)}, {"message": "b"}])

    with FaultServer() as server:
        server.script(Fault.json(201, [CREATED, CREATED]))
        asyncio.run(main(server.url))
        (arrival,) = server.arrivals
    body = arrival.json()
    assert [entry["message"] for entry in body] == ["a", "b"]
    assert base64.b64decode(body[0]["file"].split(",", 1)[1]) == png.read_bytes()


def test_a_list_of_one_goes_as_one_entry() -> None:
    with FaultServer() as server:
        server.script(Fault.json(201, CREATED))
        with BackendClient(server.url, access_token="t") as client:
            assert client.create_logs([{"message": "m"}]) == CREATED
        assert server.arrivals[0].json() == {"message": "m"}


def test_memory_stays_at_a_chunk_whatever_the_file(tmp_path: Path) -> None:
    """A 9 MiB file (12 MiB of base64) is sent with well under one copy of it in memory; the
    server runs in another process, so what is measured is the client alone."""
    big = tmp_path / "weights.bin"
    with big.open("wb") as out:
        for _ in range(9):
            out.write(os.urandom(1024 * 1024))
    with (
        DevServerProcess(dialect="production") as server,
        BackendClient(server.url, access_token="t") as client,
    ):
        client.create_logs({"message": "warm-up"})  # connection and imports, before measuring
        tracemalloc.start()
        try:
            entry = client.create_logs({"message": "weights", "file": str(big)})
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert entry["file"] == f"/media/logs/{entry['id']}/file"
    print(f"create_logs of a 9 MiB file: peak {peak / 2**20:.2f} MiB traced")
    assert peak < 4 * 1024 * 1024, f"peak {peak / 2**20:.1f} MiB for a 9 MiB file"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "data: no log entries"),
        ({"message": "m", "file": "/no/such/file.png"}, "file: cannot read '/no/such/file.png'"),
        (
            [{"message": "m"}, {"message": "m", "file": 3}],
            "data[1].file: expected a file path or a data: URI",
        ),
        ({"mesage": "m"}, "mesage: unknown field, did you mean 'message'?"),
        ({"message": "m", "context": {"x": float("nan")}}, "data: not JSON"),
        ("text", "data: expected a dict, got str"),
    ],
    ids=["empty", "missing-file", "not-a-path", "typo", "nan", "not-a-dict"],
)
def test_refused_before_sending(data: object, message: str) -> None:
    with FaultServer() as server, BackendClient(server.url, access_token="t") as client:
        with pytest.raises(ValidationError) as info:
            client.create_logs(data)  # type: ignore[arg-type]
        assert server.arrivals == []
    assert message in str(info.value)


def test_a_directory_is_not_a_file(tmp_path: Path) -> None:
    with FaultServer() as server, BackendClient(server.url, access_token="t") as client:
        with pytest.raises(ValidationError, match="file: cannot read"):
            client.create_logs({"message": "m", "file": str(tmp_path)})
        assert server.arrivals == []
