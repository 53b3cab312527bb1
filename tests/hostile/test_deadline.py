"""Item 5 of issue 20: `attempt_timeout` bounds a whole attempt, however the server trickles its
answer (head or body, a byte at a time, each byte well within the read timeout). No timing is
asserted: the trickles take 20 s to finish, so a call that fails with the deadline's error (and
a server cut off mid-answer) is the proof."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator

import httpx
import pytest

from synapse_sdk.clients import AsyncBackendClient, BackendClient
from synapse_sdk.clients import exceptions as exc
from synapse_sdk.clients._deadline import DEFAULT_ATTEMPT_TIMEOUT, for_upload

from .hostile_server import HostileServer, Sender

BODY = b'{"id": 1, "name": "' + b"x" * 180 + b'"}'
INTERVAL = 0.1  # seconds between bytes: 200 bytes take 20 s


def trickled_body(send: Sender) -> None:
    send.head(200, {"Content-Type": "application/json", "Content-Length": str(len(BODY))})
    for byte in BODY:
        send.pause(INTERVAL)
        send(bytes([byte]))


def trickled_head(send: Sender) -> None:
    send(b"HTTP/1.1 200 OK\r\nX-Slow: ")
    for _ in range(200):
        send.pause(INTERVAL)
        send(b"z")
    send(b"\r\nContent-Length: 2\r\n\r\n{}")


@pytest.fixture
def serve() -> Iterator[Callable[[Callable[[Sender], None]], HostileServer]]:
    servers: list[HostileServer] = []

    def start(answer: Callable[[Sender], None]) -> HostileServer:
        servers.append(HostileServer(answer).__enter__())
        return servers[-1]

    yield start
    for server in servers:
        server.__exit__()


def _check(error: exc.ClientError) -> None:
    assert isinstance(error, exc.APITimeoutError) and error.status_code == 408 and error.source == "network"
    assert "the attempt took longer than attempt_timeout (1 s)" in str(error)
    assert error.hint is not None and "pass attempt_timeout= (seconds, or None) to allow longer" in error.hint


@pytest.mark.parametrize("answer", [trickled_body, trickled_head], ids=["body", "head"])
def test_a_trickle_cannot_hold_a_sync_call_past_the_deadline(
    serve: Callable[..., HostileServer], answer: Callable[[Sender], None]
) -> None:
    """Before: with timeout=3 a body trickled at 1 byte/s succeeded after 21 s, and a head was
    still arriving at 45 s."""
    server = serve(answer)
    with (
        BackendClient(server.url, timeout=5, attempt_timeout=1) as client,
        pytest.raises(exc.ClientError) as caught,
    ):
        client.create_plugin({"name": "p"})  # a POST: not retried after it was sent
    _check(caught.value)
    server.__exit__()
    assert server.requests == 1 and server.sent[0] < 100  # cut off long before its 200 bytes


@pytest.mark.parametrize("answer", [trickled_body, trickled_head], ids=["body", "head"])
def test_a_trickle_cannot_hold_an_async_call_past_the_deadline(
    serve: Callable[..., HostileServer], answer: Callable[[Sender], None]
) -> None:
    server = serve(answer)

    async def main() -> exc.ClientError:
        async with AsyncBackendClient(server.url, timeout=5, attempt_timeout=1) as client:
            with pytest.raises(exc.ClientError) as caught:
                await client.create_plugin({"name": "p"})
            return caught.value

    _check(asyncio.run(main()))
    server.__exit__()
    assert server.requests == 1 and server.sent[0] < 100


def test_the_deadline_is_per_attempt_and_retried_like_a_read_timeout(
    serve: Callable[..., HostileServer],
) -> None:
    server = serve(trickled_body)
    client = BackendClient(server.url, timeout=5, attempt_timeout=1, max_retries=1)
    with client, pytest.raises(exc.APITimeoutError, match="gave up after 2 attempts"):
        client.get_plugin(1)  # a GET: retried once, each attempt with a deadline of its own
    assert server.requests == 2


def test_without_a_deadline_the_same_trickle_is_read_to_its_end(serve: Callable[..., HostileServer]) -> None:
    """What the deadline changes: a short trickle (20 bytes, 1 s) is waited for with None, cut
    with 0.3 s."""
    short = b'{"id": 1, "n": 12345}'

    def answer(send: Sender) -> None:
        send.head(200, {"Content-Type": "application/json", "Content-Length": str(len(short))})
        for byte in short:
            send.pause(0.05)
            send(bytes([byte]))

    server = serve(answer)
    with BackendClient(server.url, timeout=5, attempt_timeout=None) as client:
        assert dict(client.get_plugin(1)) == {"id": 1, "n": 12345}
        assert client.attempt_timeout is None
        with pytest.raises(exc.APITimeoutError, match=r"attempt_timeout \(0\.3 s\)"):
            client.with_options(attempt_timeout=0.3, max_retries=0).get_plugin(1)


def test_the_setting() -> None:
    with BackendClient("http://127.0.0.1:9/") as client:
        assert client.attempt_timeout == DEFAULT_ATTEMPT_TIMEOUT == 120.0
        assert client.with_options(attempt_timeout=5).attempt_timeout == 5.0
        for bad in (0, -1, float("nan"), True, "10"):
            with pytest.raises(
                ValueError, match="attempt_timeout must be a positive number of seconds or None"
            ):
                client.with_options(attempt_timeout=bad)  # type: ignore[arg-type]
    # An upload's deadline grows with its package (1 s per MiB sent, 1 s per 8 MiB stored); a
    # pipe's (size unknown) has none: its writes are bounded by the write timeout alone.
    assert for_upload(120.0, 80 * 1024 * 1024) == 120.0 + 80 + 10
    assert for_upload(120.0, None) is None and for_upload(None, 10) is None


def test_a_timeout_of_the_callers_own_httpx_is_still_its_own(serve: Callable[..., HostileServer]) -> None:
    """The deadline leaves a plain read timeout as it was: a silent server is a read timeout."""

    def silent(send: Sender) -> None:
        send.pause(30)

    server = serve(silent)
    client = BackendClient(server.url, timeout=httpx.Timeout(0.3), max_retries=0)
    with client, pytest.raises(exc.APITimeoutError, match="timed out waiting for the answer") as caught:
        client.get_plugin(1)
    assert "attempt_timeout" not in str(caught.value)
