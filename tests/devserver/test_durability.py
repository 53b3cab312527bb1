"""A server killed with SIGKILL amid a stream of writes keeps every write it answered 2xx for.

Real process, real kill: writers create plugins, update them, patch jobs and upload packages
from several threads; the server is SIGKILLed while they are in flight, then restarted on the
same file. Every acknowledged write must be there (an update in flight at the kill may or may
not have landed), the database must pass SQLite's integrity check, and no upload may be left
half-written or orphaned.
"""

from __future__ import annotations

import hashlib
import sqlite3
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from synapse_sdk.devserver import DevServer, DevServerProcess

from .conftest import AUTH

WRITERS = 6


@dataclass
class Ledger:
    """What the server acknowledged, and what was in flight when it died."""

    plugins: dict[int, set[str]] = field(default_factory=dict)  # id -> versions it may hold
    releases: dict[int, str] = field(default_factory=dict)  # id -> sha256 of the package
    jobs: dict[int, set[int]] = field(default_factory=dict)  # job id -> progress it may hold
    acknowledged: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


def _writer(url: str, index: int, ledger: Ledger, stop: threading.Event) -> None:
    with httpx.Client(base_url=url, headers=AUTH, timeout=10) as http:
        step = 0
        try:
            plugin = http.post("plugins/", json={"name": f"w{index}", "version": "0"}).json()["id"]
            job = http.post("plugins/123/run/", json={"context": {"w": index}}).json()["job_id"]
            with ledger.lock:
                ledger.plugins[plugin] = {"0"}
                ledger.jobs[job] = set(range(101))  # simulated until its first PATCH
            while not stop.is_set():
                step += 1
                version = str(step)
                # Recorded before sending: a write in flight at the kill may have landed.
                with ledger.lock:
                    ledger.plugins[plugin].add(version)
                    ledger.jobs[job].add(step % 101)
                if http.put(f"plugins/{plugin}/", json={"version": version}).status_code == 200:
                    with ledger.lock:
                        ledger.plugins[plugin] = {version}
                        ledger.acknowledged += 1
                if http.patch(f"jobs/{job}/", json={"progress": step % 101}).status_code == 200:
                    with ledger.lock:
                        ledger.jobs[job] = {step % 101}
                        ledger.acknowledged += 1
                package = hashlib.sha256(f"{index}-{step}".encode()).digest() * (1 + step % 2000)
                response = http.post(
                    "plugin_releases/",
                    data={"plugin": str(plugin), "version": version},
                    files={"file": ("p.zip", package)},
                )
                if response.status_code == 201:
                    with ledger.lock:
                        ledger.releases[response.json()["id"]] = hashlib.sha256(package).hexdigest()
                        ledger.acknowledged += 1
        except httpx.TransportError:
            return  # the server died under us: what it acknowledged is in the ledger


def _slow_uploader(url: str, ledger: Ledger, stop: threading.Event) -> None:
    """Keeps a large upload in flight at all times, so that the kill lands mid-body."""
    boundary = "durability-boundary"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="plugin"\r\n\r\n123\r\n'
        f'--{boundary}\r\nContent-Disposition: form-data; name="version"\r\n\r\nslow\r\n'
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.zip"\r\n\r\n'
    ).encode()
    chunk = b"s" * 65536

    def body(digest: hashlib._Hash) -> Iterator[bytes]:
        yield head
        for _ in range(64):
            time.sleep(0.01)
            digest.update(chunk)
            yield chunk
        yield f"\r\n--{boundary}--\r\n".encode()

    headers = {**AUTH, "Content-Type": f"multipart/form-data; boundary={boundary}"}
    with httpx.Client(base_url=url, headers=headers, timeout=30) as http:
        try:
            while not stop.is_set():
                digest = hashlib.sha256()
                response = http.post("plugin_releases/", content=body(digest))
                if response.status_code == 201:
                    with ledger.lock:
                        ledger.releases[response.json()["id"]] = digest.hexdigest()
        except httpx.TransportError:
            return


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_sigkill_mid_writes_loses_no_acknowledged_write(tmp_path: Path) -> None:
    db = tmp_path / "backend.sqlite3"
    ledger = Ledger()
    stop = threading.Event()
    with DevServerProcess(db=str(db), job_duration=0.5) as server:
        assert server.process is not None
        writers = [
            threading.Thread(target=_writer, args=(server.url, i, ledger, stop), daemon=True)
            for i in range(WRITERS)
        ]
        writers.append(threading.Thread(target=_slow_uploader, args=(server.url, ledger, stop), daemon=True))
        for thread in writers:
            thread.start()
        deadline = time.monotonic() + 60
        tmp = tmp_path / "backend-files" / "tmp"

        def uploading() -> bool:
            return any(tmp.iterdir())

        while (ledger.acknowledged < 150 or not uploading()) and time.monotonic() < deadline:
            time.sleep(0.01)
        assert uploading(), "no upload in flight to kill the server in"
        server.process.kill()  # SIGKILL, with writes (and an upload) in flight
        server.process.wait(timeout=10)
        stop.set()
        for thread in writers:
            thread.join(timeout=20)
    assert ledger.acknowledged >= 150, "the writers did not get going"
    print(
        f"\nSIGKILL after {ledger.acknowledged} acknowledged writes ({len(ledger.releases)} uploads),"
        f" {sum(len(v) > 1 for v in ledger.plugins.values())} plugin updates in flight"
    )

    files = tmp_path / "backend-files"
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with DevServer(db=str(db)) as restarted, httpx.Client(base_url=restarted.url, headers=AUTH) as http:
        for pk, versions in ledger.plugins.items():
            assert http.get(f"plugins/{pk}/").json()["version"] in versions, pk
        for pk, progress in ledger.jobs.items():
            assert http.get(f"jobs/{pk}/").json()["progress"] in progress, pk
        for pk, checksum in ledger.releases.items():
            release = http.get(f"plugin_releases/{pk}/").json()
            assert release["checksum"] == checksum
            stored = files / "plugin_releases" / str(pk) / "p.zip"
            assert hashlib.sha256(stored.read_bytes()).hexdigest() == checksum
        assert http.post("plugins/", json={"name": "after"}).status_code == 201
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = {
            str(pk): (size, checksum)
            for pk, size, checksum in conn.execute("SELECT id, size, checksum FROM plugin_releases")
        }
    # Both ways: every row has its package, every package directory has its row.
    folders = {folder.name: folder for folder in (files / "plugin_releases").iterdir()}
    assert set(folders) == set(rows)
    for pk, (size, checksum) in rows.items():
        (package,) = folders[pk].iterdir()  # p.zip
        assert package.stat().st_size == size
        assert hashlib.sha256(package.read_bytes()).hexdigest() == checksum
    assert not list((files / "tmp").iterdir())  # half-written uploads were swept at start
