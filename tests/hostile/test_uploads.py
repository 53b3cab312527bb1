"""Item 1 and 8 of issue 20: a package is sent again only if it can be sent byte for byte, a pipe
is sent chunked, and a package that changes size while sent fails the call. Against the real local
backend (behind one scripted failure where a retry is the point)."""

from __future__ import annotations

import asyncio
import hashlib
import io
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from synapse_sdk.clients import AsyncBackendClient, BackendClient
from synapse_sdk.clients import exceptions as exc
from synapse_sdk.devserver import DevServer
from tests.support.faultserver import Fault, FaultServer

from .conftest import FAST, TOKEN, forward_to

MiB = 1024 * 1024
CONTENT = os.urandom(2 * MiB + 12345)  # three reads of the package


class ReadOnly:
    """A package object with only `read()`, as `_upload` accepts (a decompressor, a socket file)."""

    def __init__(self, data: bytes) -> None:
        self._data = io.BytesIO(data)

    def read(self, size: int = -1) -> bytes:
        return self._data.read(size)


def _releases(backend: DevServer) -> list[int]:
    return [release["id"] for release in backend.store.list_releases(None, None)]


def _client(url: str) -> BackendClient:
    return BackendClient(url, access_token=TOKEN, retry_policy=FAST)


@pytest.fixture
def package(tmp_path: Path) -> Path:
    path = tmp_path / "plugin.zip"
    path.write_bytes(CONTENT)
    return path


def test_a_read_only_package_meets_a_503_and_is_not_sent_empty(
    backend: DevServer, server: FaultServer
) -> None:
    """The probe: one 503, then the real backend. Before, the retry sent a 0-byte `file` and the
    call returned the 201 of an empty package."""
    server.script(Fault.status(503, "busy"))
    server.default = forward_to(backend.url)
    before = _releases(backend)
    with _client(server.url) as client, pytest.raises(exc.ServerError) as caught:
        client.create_plugin_release({"plugin": 123, "version": "9.0.1", "file": ReadOnly(CONTENT)})
    assert caught.value.status_code == 503
    assert (
        caught.value.hint is not None
        and "not retried: the package is a stream that cannot be rewound" in (caught.value.hint)
    )
    assert "pass a path, bytes or a seekable file" in str(caught.value)
    assert len(server.arrivals) == 1  # one attempt, nothing published
    assert server.arrivals[0].multipart()["file"] == CONTENT
    assert _releases(backend) == before


def test_the_async_client_does_not_send_it_empty_either(backend: DevServer, server: FaultServer) -> None:
    server.script(Fault.status(503, "busy"))
    server.default = forward_to(backend.url)
    before = _releases(backend)

    async def main() -> None:
        async with AsyncBackendClient(server.url, access_token=TOKEN, retry_policy=FAST) as client:
            with pytest.raises(exc.ServerError, match="not retried: the package is a stream"):
                await client.create_plugin_release(
                    {"plugin": 123, "version": "9.0.2", "file": ReadOnly(CONTENT)}
                )

    asyncio.run(main())
    assert len(server.arrivals) == 1
    assert _releases(backend) == before


def test_a_seekable_package_is_sent_again_from_where_it_stood(
    backend: DevServer, server: FaultServer, tmp_path: Path
) -> None:
    """A file positioned past a header is sent from there on every attempt, not from byte 0."""
    path = tmp_path / "bundle.bin"
    path.write_bytes(b"HEADER--" + CONTENT)
    server.script(Fault.status(503, "busy"))
    server.default = forward_to(backend.url)
    with _client(server.url) as client, path.open("rb") as handle:
        handle.seek(8)
        release = client.create_plugin_release({"plugin": 123, "version": "9.0.3", "file": handle})
    assert [arrival.multipart()["file"] for arrival in server.arrivals] == [CONTENT, CONTENT]
    stored = backend.store.get_release(release["id"])
    assert stored is not None and stored["size"] == len(CONTENT)
    assert stored["checksum"] == hashlib.sha256(CONTENT).hexdigest()


def test_a_read_only_package_is_retried_when_none_of_it_was_read(backend: DevServer) -> None:
    """A connection that fails before anything is sent leaves the stream whole: that retry is
    safe. (The failure comes from the caller's own httpx client, whose request hook refuses the
    first attempt as a refused connection would.)"""
    attempts: list[str] = []

    def refuse_the_first(request: httpx.Request) -> None:
        attempts.append(request.method)
        if len(attempts) == 1:
            raise httpx.ConnectError("refused", request=request)

    with (
        httpx.Client(event_hooks={"request": [refuse_the_first]}) as http,
        BackendClient(backend.url, access_token=TOKEN, retry_policy=FAST, http_client=http) as client,
    ):
        release = client.create_plugin_release({"plugin": 123, "version": "9.0.4", "file": ReadOnly(CONTENT)})
    assert attempts == ["POST", "POST"]
    stored = backend.store.get_release(release["id"])
    assert stored is not None and stored["checksum"] == hashlib.sha256(CONTENT).hexdigest()


@pytest.fixture
def pipe() -> Iterator[io.BufferedReader]:
    read_end, write_end = os.pipe()

    def write() -> None:
        with os.fdopen(write_end, "wb") as writer:
            for start in range(0, len(CONTENT), 100_000):
                writer.write(CONTENT[start : start + 100_000])

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    with os.fdopen(read_end, "rb") as reader:
        yield reader
    writer.join(timeout=10)


def test_an_os_pipe_is_sent_chunked_and_arrives_whole(
    backend: DevServer, server: FaultServer, pipe: io.BufferedReader
) -> None:
    server.default = forward_to(backend.url)
    with _client(server.url) as client:
        release = client.create_plugin_release({"plugin": 123, "version": "9.0.5", "file": pipe})
    (arrival,) = server.arrivals
    assert arrival.headers.get("transfer-encoding") == "chunked" and "content-length" not in arrival.headers
    stored = backend.store.get_release(release["id"])
    assert stored is not None and stored["size"] == len(CONTENT)
    assert stored["checksum"] == hashlib.sha256(CONTENT).hexdigest()


def test_a_named_pipe_given_by_path_is_sent_chunked(backend: DevServer, tmp_path: Path) -> None:
    fifo = tmp_path / "package.fifo"
    os.mkfifo(fifo)

    def write() -> None:
        with fifo.open("wb") as writer:
            writer.write(CONTENT)

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    with _client(backend.url) as client:
        release = client.create_plugin_release({"plugin": 123, "version": "9.0.6", "file": fifo})
    writer.join(timeout=10)
    assert release["size"] == len(CONTENT)
    assert backend.store.get_release(release["id"])["checksum"] == hashlib.sha256(CONTENT).hexdigest()  # type: ignore[index]


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (lambda path: path.open("ab").write(b"more"), "the package grew while it was sent"),
        (
            lambda path: os.truncate(path, MiB + 10),
            "the package shrank while it was sent: 1048586 of the 2109497 bytes",
        ),
    ],
    ids=["grows", "shrinks"],
)
def test_a_package_that_changes_size_while_sent_fails_and_nothing_is_stored(
    backend: DevServer, package: Path, change: object, says: str
) -> None:
    """The file changes after its first megabyte went out: the call fails naming what happened,
    the connection is dropped mid-body, and the backend stores nothing (no truncated or padded
    package). Before, httpx raised a raw h11.LocalProtocolError."""
    before = _releases(backend)

    def progress(sent: int, total: int | None) -> None:
        if sent == MiB:
            change(package)  # type: ignore[operator]

    with _client(backend.url) as client, pytest.raises(exc.ValidationError) as caught:
        client.create_plugin_release({"plugin": 123, "version": "9.0.7", "file": package}, progress=progress)
    assert says in str(caught.value)
    assert caught.value.local and caught.value.response == {
        "file": [caught.value.detail.removeprefix("file: ")]
    }
    assert _releases(backend) == before
