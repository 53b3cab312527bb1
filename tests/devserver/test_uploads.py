"""Plugin packages upload in constant memory and are stored byte-exact."""

from __future__ import annotations

import hashlib
import random
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from synapse_sdk.devserver import DevServer, DevServerProcess

from .conftest import AUTH

MiB = 1024 * 1024
BOUNDARY = "synapse-test-boundary-7f3a"


def _payload(size: int, digest: hashlib._Hash) -> Iterator[bytes]:
    """Pseudo-random bytes sprinkled with near-boundaries, hashed as they are produced."""
    rng = random.Random(1234)
    block = bytearray(rng.randbytes(MiB))
    # Fragments of the delimiter inside the data, including one split across two blocks.
    block[1000 : 1000 + 20] = f"\r\n--{BOUNDARY}"[:20].encode()
    block[-10:] = f"\r\n--{BOUNDARY}".encode()[:10]
    sent = 0
    while sent < size:
        piece = bytes(block[: min(MiB, size - sent)])
        digest.update(piece)
        sent += len(piece)
        yield piece


def _multipart(size: int, digest: hashlib._Hash, filename: str = "big.zip") -> tuple[Iterator[bytes], int]:
    head = (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="plugin"\r\n\r\n123\r\n'
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="version"\r\n\r\n3.0.0\r\n'
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
        "Content-Type: application/zip\r\n\r\n"
    ).encode()
    tail = f"\r\n--{BOUNDARY}--\r\n".encode()

    def body() -> Iterator[bytes]:
        yield head
        yield from _payload(size, digest)
        yield tail

    return body(), len(head) + size + len(tail)


def _peak_rss(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmHWM")


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads peak RSS from /proc")
def test_large_upload_in_constant_memory(tmp_path: Path) -> None:
    size = 64 * MiB
    db = tmp_path / "backend.sqlite3"
    with (
        DevServerProcess(db=str(db)) as server,
        httpx.Client(base_url=server.url, headers=AUTH, timeout=60) as http,
    ):
        assert server.process is not None
        pid = server.process.pid
        http.get("plugins/123/")  # warm up: imports, caches, the first thread
        before = _peak_rss(pid)
        digest = hashlib.sha256()
        body, length = _multipart(size, digest)
        headers = {"Content-Type": f"multipart/form-data; boundary={BOUNDARY}", "Content-Length": str(length)}
        response = http.post("plugin_releases/", content=body, headers=headers)
        growth = _peak_rss(pid) - before
        assert response.status_code == 201, response.text
        release = response.json()
        assert release["size"] == size
        assert release["checksum"] == digest.hexdigest()
        stored = tmp_path / "backend-files" / "plugin_releases" / str(release["id"]) / "big.zip"
        with stored.open("rb") as handle:
            assert hashlib.file_digest(handle, "sha256").hexdigest() == digest.hexdigest()
        assert growth < 16 * MiB, (
            f"server peak RSS grew by {growth / MiB:.1f} MiB for a {size // MiB} MiB upload"
        )
        assert not list((tmp_path / "backend-files" / "tmp").iterdir())  # no temporary file left


def test_chunked_upload(client: httpx.Client, server: DevServer) -> None:
    digest = hashlib.sha256()
    body, _ = _multipart(3 * MiB + 17, digest, filename="../../etc/evil name.zip")
    # A generator without Content-Length: httpx sends Transfer-Encoding: chunked.
    response = client.post(
        "plugin_releases/",
        content=body,
        headers={"Content-Type": f"multipart/form-data; boundary={BOUNDARY}"},
    )
    assert response.status_code == 201, response.text
    release = response.json()
    assert release["checksum"] == digest.hexdigest()
    assert release["file"] == f"/media/plugin_releases/{release['id']}/evil_name.zip"
    stored = server.store.release_path(release["id"], "evil_name.zip")
    assert hashlib.sha256(stored.read_bytes()).hexdigest() == digest.hexdigest()


def test_connection_is_reusable_after_an_upload(client: httpx.Client) -> None:
    for version in ("1", "2", "3"):
        response = client.post(
            "plugin_releases/",
            data={"plugin": "123", "version": version, "is_stable": "false"},
            files={"file": ("p.zip", b"x" * 1000)},
        )
        assert response.status_code == 201
        assert response.json()["is_stable"] is False
    assert client.get("plugins/123/").status_code == 200


def test_rejected_upload_leaves_no_file(client: httpx.Client, server: DevServer) -> None:
    response = client.post(
        "plugin_releases/", data={"plugin": "999", "version": "1"}, files={"file": b"z" * 5000}
    )
    assert response.status_code == 400
    assert not list((server.store.files_dir / "tmp").iterdir())


def test_unauthenticated_upload_is_refused_before_reading(anonymous: httpx.Client) -> None:
    digest = hashlib.sha256()
    body, length = _multipart(8 * MiB, digest)
    headers = {"Content-Type": f"multipart/form-data; boundary={BOUNDARY}", "Content-Length": str(length)}
    try:
        response = anonymous.post("plugin_releases/", content=body, headers=headers)
    except httpx.WriteError:
        return  # the server answered and closed before the whole body went out: also a refusal
    assert response.status_code == 401


def test_broken_multipart(client: httpx.Client) -> None:
    headers = {"Content-Type": f"multipart/form-data; boundary={BOUNDARY}"}
    truncated = (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a"\r\n\r\nabc'.encode()
    )
    response = client.post("plugin_releases/", content=truncated, headers=headers)
    assert response.status_code == 400
    assert response.json()["detail"].startswith("Multipart form parse error - ")
    no_boundary = client.post(
        "plugin_releases/", content=b"x", headers={"Content-Type": "multipart/form-data"}
    )
    assert no_boundary.status_code == 400


def test_a_client_that_hangs_up_mid_upload_leaves_no_file(
    server: DevServer, capsys: pytest.CaptureFixture[str]
) -> None:
    import socket
    import time
    from urllib.parse import urlsplit

    url = urlsplit(server.url)
    head = (
        f"POST /plugin_releases/ HTTP/1.1\r\nHost: x\r\nSynapse-Access-Token: {AUTH['Synapse-Access-Token']}\r\n"
        f"Content-Type: multipart/form-data; boundary={BOUNDARY}\r\nContent-Length: 10000000\r\n\r\n"
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="p.zip"\r\n\r\n'
    ).encode()
    tmp = server.store.files_dir / "tmp"
    with socket.create_connection((url.hostname, url.port)) as sock:
        sock.sendall(head + b"x" * 100_000)
        deadline = time.monotonic() + 10
        while not any(tmp.iterdir()) and time.monotonic() < deadline:
            time.sleep(0.01)
        assert any(tmp.iterdir()), "the upload never reached the disk"
    deadline = time.monotonic() + 10
    while any(tmp.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not any(tmp.iterdir())
    assert "Traceback" not in capsys.readouterr().err


def test_head_of_a_stream_does_not_follow_the_job(client: httpx.Client) -> None:
    response = client.head("jobs/789/tail_console_logs/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    assert response.content == b""
