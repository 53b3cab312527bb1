"""The package goes to httpx in 1 MiB reads (not httpx's 64 KiB), byte for byte, with a progress
call per read; a package that is neither a real file nor seekable still arrives whole."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from synapse_sdk.clients._upload import CHUNK_SIZE
from tests.support.faultserver import Fault, FaultServer

from .conftest import MakeApi

MiB = 1024 * 1024


def test_a_package_is_read_in_1_mib_chunks_with_progress_per_chunk(
    server: FaultServer, make_api: MakeApi, tmp_path: Path
) -> None:
    content = os.urandom(2 * MiB + MiB // 2 + 7)
    path = tmp_path / "plugin.zip"
    path.write_bytes(content)
    server.default = Fault.json(201, {"id": 9})
    seen: list[tuple[int, int | None]] = []
    api = make_api(server.url)
    with path.open("rb") as handle:
        result = api.call(
            "create_plugin_release",
            {"plugin": 1, "version": "1.0.0", "file": handle},
            progress=lambda sent, total: seen.append((sent, total)),
        )
    assert result == {"id": 9}
    assert MiB == CHUNK_SIZE
    assert seen == [(MiB, len(content)), (2 * MiB, len(content)), (len(content), len(content))]
    (arrival,) = server.arrivals
    assert int(arrival.headers["content-length"]) == len(arrival.body)
    received = arrival.multipart()["file"]
    assert hashlib.sha256(received).digest() == hashlib.sha256(content).digest()


class _Unseekable:
    """A file-like object with only `read` (a pipe, a decompressor): no size is known up front."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self.reads: list[int] = []

    def read(self, size: int = -1) -> bytes:
        self.reads.append(size)
        chunk, self._data = (self._data, b"") if size < 0 else (self._data[:size], self._data[size:])
        return chunk


def test_a_package_without_size_or_seek_arrives_whole(server: FaultServer, make_api: MakeApi) -> None:
    content = os.urandom(MiB + 123)
    source = _Unseekable(content)
    server.default = Fault.json(201, {"id": 9})
    result = make_api(server.url).call(
        "create_plugin_release", {"plugin": 1, "version": "1.0.0", "file": source}
    )
    assert result == {"id": 9}
    assert server.arrivals[0].multipart()["file"] == content
    assert max(source.reads) == CHUNK_SIZE
