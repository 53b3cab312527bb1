"""The shared API-client harness's own measures of this client, each as a ratio against its goal:
get_plugin latency and list_jobs against raw httpx, and a large upload against raw httpx's
streaming multipart. (Its list check compares the adapter's results with the server's dicts, so
typed models are measured by `typed_models.py` and `list_jobs.py`.)

The harness is not copied here: it is run where it lives, read-only (`../shared/bench` beside
the clone, found by walking up from this repository, or `SYNAPSE_BENCH_HARNESS=<dir>`), with its
own loopback server (started here and stopped by its PID), its own scripts in fresh
interpreters with their methods (interleaved rounds, medians), and its adapter for this project
(`adapters/project.py`). This module only starts them and turns their JSON into rows.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from . import child
from .common import Sizes
from .report import Row

ENV = "SYNAPSE_BENCH_HARNESS"
SCRIPTS = ("server.py", "bench_calls.py", "bench_list.py", "bench_upload.py", "adapters/project.py")


def locate() -> Path:
    """The shared harness: `$SYNAPSE_BENCH_HARNESS`, else the nearest `shared/bench` above this
    repository (`../shared/bench` for a clone, and for its worktrees too)."""
    root = Path(child.ROOT)
    candidates = (
        [Path(os.environ[ENV])] if os.environ.get(ENV) else [d / "shared" / "bench" for d in root.parents]
    )
    for candidate in candidates:
        if all((candidate / script).is_file() for script in SCRIPTS):
            return candidate
    looked = ", ".join(str(c) for c in candidates)
    raise RuntimeError(
        f"the shared bench harness ({', '.join(SCRIPTS)}) was not found in: {looked}. "
        f"Set {ENV}=<its directory>, or run the other benchmarks alone with --only."
    )


def _env() -> dict[str, str]:
    return {**child.env(), "PYTHONDONTWRITEBYTECODE": "1"}  # the harness's folder is read-only


@contextlib.contextmanager
def _server(harness: Path, tmp: Path) -> Iterator[int]:
    port_file = tmp / "port"
    log = open(tmp / "server.log", "w")  # noqa: SIM115 - closed below
    server = subprocess.Popen(
        [
            sys.executable,
            str(harness / "server.py"),
            *("--port", "0", "--port-file", str(port_file)),
            "--max-seconds",
            "1800",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=_env(),
    )
    try:
        for _ in range(200):  # bounded: 10 s
            if port_file.exists() and port_file.read_text().strip():
                break
            if server.poll() is not None:
                raise RuntimeError(f"harness server.py exited: {(tmp / 'server.log').read_text()}")
            time.sleep(0.05)
        else:
            raise RuntimeError("harness server.py did not start in 10 s")
        yield int(port_file.read_text())
    finally:
        server.terminate()
        server.wait(10)
        log.close()


def _run(harness: Path, tmp: Path, port: int, script: str, adapter: str, *args: str) -> dict[str, Any]:
    out = tmp / f"{script}-{adapter}.json"
    done = subprocess.run(
        [
            sys.executable,
            str(harness / script),
            "--port",
            str(port),
            "--adapter",
            adapter,
            "--json",
            str(out),
            *args,
        ],
        env=_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise RuntimeError(f"harness {script} --adapter {adapter} failed:\n{done.stdout}\n{done.stderr}")
    return json.loads(out.read_text())  # type: ignore[no-any-return]


def run(base_url: str, sizes: Sizes) -> list[Row]:
    del base_url  # the harness measures against its own server
    harness = locate()
    rounds = max(3, sizes.calls // 100)
    with tempfile.TemporaryDirectory(prefix="synapse-harness-") as name:
        tmp = Path(name)
        with _server(harness, tmp) as port:
            calls = _run(
                harness, tmp, port, "bench_calls.py", "project", "--rounds", str(rounds), "--block", "100"
            )
            page = ["--page-size", str(sizes.page_jobs), "--rounds", str(sizes.page_reps)]
            dicts = _run(harness, tmp, port, "bench_list.py", "project", *page)
            upload = _run(
                harness,
                tmp,
                port,
                "bench_upload.py",
                "project",
                *("--size-mib", str(sizes.upload_mib), "--repeats", str(sizes.upload_runs)),
                *("--variants", "adapter,httpx", "--tmpdir", str(tmp)),
            )
    return _rows(calls, dicts, upload)


def _rows(calls: dict[str, Any], dicts: dict[str, Any], upload: dict[str, Any]) -> list[Row]:
    res = calls["results"]
    adapter, httpx_ = dicts["results"]["adapter"], dicts["results"]["httpx"]
    items = f"{dicts['items']:,} jobs"
    summary = upload["summary"]
    up_a, up_h = summary["adapter"], summary["httpx"]
    mib = upload["file_bytes"] / 2**20

    def cpu(side: dict[str, Any]) -> float:
        return float(side["cpu_user_s"]["median"] + side["cpu_sys_s"]["median"])

    growth = max(run["peak_delta_mib"] for run in upload["runs"] if run["variant"] == "adapter")
    return [
        Row(
            "harness: get_plugin median vs raw httpx",
            calls["ratios"]["adapter/httpx median_us"],
            1.05,
            detail=f"SDK {res['adapter']['median_us']:.0f} µs, raw httpx {res['httpx']['median_us']:.0f} µs "
            f"({calls['rounds']} rounds x {calls['block']})",
        ),
        Row(
            f"harness: list_jobs dicts vs raw httpx ({items})",
            dicts["ratios"]["adapter/httpx median_ms"],
            1.05,
            detail=f"SDK {adapter['median_ms']:.1f} ms, raw httpx + json.loads {httpx_['median_ms']:.1f} ms "
            f"(medians of {adapter['n']})",
        ),
        Row(
            f"harness: upload {mib:.0f} MiB, throughput vs raw httpx",
            up_h["wall_s"]["median"] / up_a["wall_s"]["median"],
            1.2,
            at_least=True,
            detail=f"SDK {up_a['MiBps']['median']:.0f} MiB/s, raw httpx {up_h['MiBps']['median']:.0f} MiB/s "
            f"(medians of {up_a['n']} fresh processes; all verified: {up_a['all_verified'] and up_h['all_verified']})",
        ),
        Row(
            f"harness: upload {mib:.0f} MiB, client CPU vs raw httpx",
            cpu(up_a) / cpu(up_h),
            1.0,
            detail=f"SDK {cpu(up_a) / mib * 1e6:.0f} µs/MiB, raw httpx {cpu(up_h) / mib * 1e6:.0f} µs/MiB",
        ),
        Row(
            f"harness: upload {mib:.0f} MiB, RSS peak growth",
            growth,
            16,
            unit="MiB",
            detail=f"max of {up_a['n']} (ru_maxrss minus RSS before the call)",
        ),
    ]
