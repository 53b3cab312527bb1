"""One upload in a fresh process: `python -m benchmarks.upload_worker sdk|raw BASE_URL PATH`.

A fresh process per upload keeps what earlier benchmarks left in the heap out of the figure.
Both paths first send a small upload (imports, connection, code paths), then the kernel's
peak-RSS mark is reset (`/proc/self/clear_refs`), so VmHWM afterwards minus VmRSS before is the
exact peak growth of the big upload; CPU is the process's user + system time during it. Where that reset is not allowed, a thread samples VmRSS
every millisecond instead. Prints one JSON line: seconds, peak growth, and how it was measured.
"""

from __future__ import annotations

import gc
import io
import json
import os
import resource
import sys
import threading
import time
from collections.abc import Callable
from typing import IO

from .common import raw_client, sdk_client

FIELDS = {"plugin": "1", "version": "1.0.0"}


def _status_bytes(key: str) -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(key + ":"):
                return int(line.split()[1]) * 1024
    raise KeyError(key)


def _reset_peak() -> bool:
    try:
        with open("/proc/self/clear_refs", "w") as clear_refs:
            clear_refs.write("5")
    except OSError:
        return False
    return _status_bytes("VmHWM") <= _status_bytes("VmRSS") + 64 * 1024


class _Sampler(threading.Thread):
    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak = _status_bytes("VmRSS")
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.001):
            self.peak = max(self.peak, _status_bytes("VmRSS"))


_sent = [0]  # the SDK's progress callback: bytes sent so far


def _uploader(mode: str, base_url: str) -> Callable[[IO[bytes]], object]:
    if mode == "sdk":
        sdk = sdk_client(base_url)

        def progress(done: int, total: int | None) -> None:
            _sent[0] = done

        def upload(file: IO[bytes]) -> object:
            return sdk.create_plugin_release({**FIELDS, "file": file}, progress=progress)

        return upload
    raw = raw_client(base_url)

    def raw_upload(file: IO[bytes]) -> object:
        response = raw.post("/plugin_releases/", files={"file": ("package.zip", file)}, data=FIELDS)
        response.raise_for_status()
        return response.json()

    return raw_upload


def main(mode: str, base_url: str, path: str) -> dict[str, object]:
    upload = _uploader(mode, base_url)
    upload(io.BytesIO(os.urandom(256 * 1024)))  # warm up
    gc.collect()
    with open(path, "rb") as file:
        exact = _reset_peak()
        sampler = None if exact else _Sampler()
        before = _status_bytes("VmRSS")
        if sampler:
            sampler.start()
        cpu_before = resource.getrusage(resource.RUSAGE_SELF)
        started = time.perf_counter()
        upload(file)
        seconds = time.perf_counter() - started
        cpu_after = resource.getrusage(resource.RUSAGE_SELF)
        if sampler:
            sampler.done.set()
            sampler.join()
        peak = _status_bytes("VmHWM") if exact else sampler.peak  # type: ignore[union-attr]
    if mode == "sdk":
        assert _sent[0] == os.path.getsize(path), f"progress reported {_sent[0]} bytes"
    cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
    return {
        "seconds": seconds,
        "cpu": cpu,
        "growth": peak - before,
        "method": "VmHWM" if exact else "VmRSS sampling",
    }


if __name__ == "__main__":
    print(json.dumps(main(*sys.argv[1:4])))
