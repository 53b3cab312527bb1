"""Item 4 of issue 20: what a reply can cost. A body past `Limits.max_body_size` (declared, or an
endless chunked one) or a compressed body expanding past `max_decompressed_size` is an
`InvalidResponseError` naming the limit and the setting, and memory stays bounded: the peak is
measured in a child process (resource.getrusage) against a hostile server on loopback."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import zlib
from collections.abc import Callable, Iterator

import pytest

from synapse_sdk.clients import AsyncBackendClient, BackendClient, Limits
from synapse_sdk.clients import exceptions as exc

from .hostile_server import HostileServer, Sender

MiB = 1024 * 1024
CHUNK = b" " * (64 * 1024)  # JSON whitespace: a body that parses if it ever ends


def endless_chunked(status: int = 200) -> Callable[[Sender], None]:
    def answer(send: Sender) -> None:
        send.head(status, {"Content-Type": "application/json", "Transfer-Encoding": "chunked"})
        frame = b"%x\r\n%s\r\n" % (len(CHUNK), CHUNK)
        while True:
            send(frame)

    return answer


def gzip_bomb(send: Sender) -> None:
    """A gzip body of zeros made as it is sent: about 1 MB on the wire per GiB decoded."""
    send.head(200, {"Content-Type": "application/json", "Content-Encoding": "gzip"})
    compressor, zeros = zlib.compressobj(6, zlib.DEFLATED, 31), bytes(MiB)
    while True:
        send(compressor.compress(zeros))


def declared(size: int) -> Callable[[Sender], None]:
    def answer(send: Sender) -> None:
        send.head(200, {"Content-Type": "application/json", "Content-Length": str(size)})
        while True:
            send(CHUNK)

    return answer


def after_a_plain_answer(answer: Callable[[Sender], None]) -> Callable[[Sender], None]:
    answered: list[int] = []

    def first_plain(send: Sender) -> None:
        if answered:
            return answer(send)
        answered.append(1)
        body = json.dumps({"id": 1, "name": "warm-up"}).encode()
        send.head(
            200, {"Content-Type": "application/json", "Content-Length": str(len(body)), "Connection": "close"}
        )
        send(body)

    return first_plain


@pytest.fixture
def serve() -> Iterator[Callable[[Callable[[Sender], None]], HostileServer]]:
    servers: list[HostileServer] = []

    def start(answer: Callable[[Sender], None]) -> HostileServer:
        server = HostileServer(answer).__enter__()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.__exit__()


def test_a_declared_400_mb_body_is_refused_before_it_is_read(serve: Callable[..., HostileServer]) -> None:
    server = serve(declared(400_000_000))
    with (
        BackendClient(server.url, max_retries=0) as client,
        pytest.raises(exc.InvalidResponseError) as caught,
    ):
        client.get_plugin(1)
    assert "larger than Limits.max_body_size (134217728 bytes; declared 400000000 bytes)" in str(caught.value)
    assert (
        caught.value.hint
        == "if this server's replies are that large, raise it: limits=Limits(max_body_size=...)"
    )
    assert isinstance(caught.value, exc.ClientError) and caught.value.status_code == 200
    server.__exit__()
    assert server.sent[0] < 64 * MiB  # the client hung up at the head (the rest is socket buffers)


def test_an_endless_error_body_is_bounded_too(serve: Callable[..., HostileServer]) -> None:
    server = serve(endless_chunked(status=500))
    client = BackendClient(server.url, max_retries=0, limits=Limits(max_body_size=MiB))
    with (
        client,
        pytest.raises(exc.InvalidResponseError, match=r"Limits\.max_body_size \(1048576 bytes; more than"),
    ):
        client.get_plugin(1)


def test_the_async_client_stops_at_the_limit(serve: Callable[..., HostileServer]) -> None:
    server = serve(gzip_bomb)

    async def main() -> None:
        limits = Limits(max_decompressed_size=2 * MiB)
        async with AsyncBackendClient(server.url, max_retries=0, limits=limits) as client:
            with pytest.raises(
                exc.InvalidResponseError, match=r"decompressed reply body is larger than Limits\."
            ):
                await client.get_plugin(1)

    asyncio.run(main())


def test_a_reply_within_the_limits_is_read_as_before(serve: Callable[..., HostileServer]) -> None:
    body = json.dumps({"id": 1, "name": "x" * 1000}).encode()
    compressed = zlib.compress(body, wbits=31)

    def answer(send: Sender) -> None:
        send.head(
            200,
            {
                "Content-Type": "application/json",
                "Content-Encoding": "gzip",
                "Content-Length": str(len(compressed)),
            },
        )
        send(compressed)

    server = serve(answer)
    with BackendClient(
        server.url, limits=Limits(max_body_size=len(body), max_decompressed_size=len(body))
    ) as client:
        assert client.with_raw_response.get_plugin(1).parsed == json.loads(body)


CHILD = """
import json, resource, sys
from synapse_sdk.clients import BackendClient, Limits, exceptions
url, limits = sys.argv[1], json.loads(sys.argv[2])
client = BackendClient(url, max_retries=0, limits=Limits(**limits))
client.get_plugin(1)  # the first answer is a plain one: imports and the connection are made
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    client.get_plugin(1)
    outcome = "returned"
except exceptions.ClientError as error:
    outcome = f"{type(error).__name__}: {error}"
grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
print(json.dumps({"outcome": outcome, "grown_mib": grown / 1024}))
"""


def _peak(url: str, limits: dict[str, int]) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, url, json.dumps(limits)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    result: dict[str, object] = json.loads(done.stdout)
    return result


@pytest.mark.parametrize(
    ("answer", "limits", "named", "bound_mib"),
    [
        # 16 MiB kept, then refused: unbounded, this body never ends (a MemoryError before).
        (endless_chunked(), {"max_body_size": 16 * MiB}, "Limits.max_body_size (16777216 bytes", 48),
        # A 1 GiB expansion (a raw MemoryError before), stopped at 16 MiB plus one decoded
        # network read (a 64 KiB read of zeros inflates to at most about 64 MiB).
        (gzip_bomb, {"max_decompressed_size": 16 * MiB}, "Limits.max_decompressed_size (16777216 bytes", 96),
        # The defaults bite too, and memory stays near the default limit.
        (endless_chunked(), {}, "Limits.max_body_size (134217728 bytes", 256),
    ],
    ids=["endless-16MiB", "gzip-bomb-16MiB", "endless-defaults"],
)
def test_memory_stays_bounded_by_the_limit(
    serve: Callable[..., HostileServer],
    answer: Callable[[Sender], None],
    limits: dict[str, int],
    named: str,
    bound_mib: int,
) -> None:
    server = serve(after_a_plain_answer(answer))
    result = _peak(server.url, limits)
    assert str(result["outcome"]).startswith("InvalidResponseError: 200 GET "), result
    assert named in str(result["outcome"])
    assert isinstance(result["grown_mib"], float | int) and result["grown_mib"] < bound_mib, result
