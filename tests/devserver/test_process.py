"""The command line and DevServerProcess: the listening line, a free port, clean shutdown on signals."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from synapse_sdk.devserver import DevServer, DevServerProcess

from .conftest import AUTH

LINE = re.compile(r"^Synapse local backend listening on (http://127\.0\.0\.1:(\d+)/api/)$")
ROOT = Path(__file__).resolve().parents[2]


def _start_cli(*args: str) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "synapse_sdk.devserver", "--port", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert process.stdout is not None
    line = process.stdout.readline().rstrip("\n")
    match = LINE.match(line)
    if match is None:  # a failed start must not leave the server running past the test
        process.kill()
        process.communicate(timeout=10)
    assert match, line
    assert int(match.group(2)) > 0
    return process, match.group(1)


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_cli_prints_the_url_and_stops_cleanly_on_signals(stop: signal.Signals) -> None:
    process, url = _start_cli("--db", ":memory:", "--quiet")
    try:
        assert httpx.get(f"{url}plugins/123/", headers=AUTH).json()["id"] == 123
        process.send_signal(stop)
        assert process.wait(timeout=10) == 0
        _, stderr = process.communicate(timeout=5)
        assert "Traceback" not in stderr
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_cli_default_db_is_a_file_in_the_working_directory(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "synapse_sdk.devserver",
            "--port",
            "0",
            "--token",
            "t1",
            "--readonly-token",
            "ro",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
        env=env,
    )
    try:
        assert process.stdout is not None
        url = LINE.match(process.stdout.readline().rstrip("\n"))
        assert url
        base = url.group(1)
        assert (
            httpx.get(f"{base}plugins/123/", headers={"Synapse-Access-Token": "Token t1"}).status_code == 200
        )
        assert (
            httpx.get(f"{base}plugins/123/", headers={"Synapse-Access-Token": "Token t2"}).status_code == 401
        )
        denied = httpx.post(
            f"{base}plugins/", headers={"Synapse-Access-Token": "Token ro"}, json={"name": "x"}
        )
        assert denied.status_code == 403
        # The access log goes to stderr, without credentials.
        process.terminate()
        assert process.wait(timeout=10) == 0
        _, stderr = process.communicate(timeout=5)
        assert '"GET /api/plugins/123/ HTTP/1.1" 200' in stderr
        assert "t1" not in stderr.replace("HTTP/1.1", "")
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert (tmp_path / "synapse-devserver.sqlite3").is_file()


def test_cli_help() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "synapse_sdk.devserver", "--help"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=30,
    )
    assert result.returncode == 0
    for option in ("--port", "--host", "--db", "--token", "--readonly-token", "--job-duration", "--quiet"):
        assert option in result.stdout


def test_devserver_process(tmp_path: Path) -> None:
    db = str(tmp_path / "p.sqlite3")
    with DevServerProcess(db=db, tokens=["secret-token"], job_duration=0.2) as server:
        assert LINE.match(f"Synapse local backend listening on {server.url}")
        assert server.process is not None and server.process.poll() is None
        headers = {"Synapse-Access-Token": "Token secret-token"}
        assert httpx.get(f"{server.url}jobs/789/", headers=headers).status_code == 200
        assert httpx.get(f"{server.url}jobs/789/", headers=AUTH).status_code == 401
        process = server.process
    assert process.returncode == 0
    with pytest.raises(RuntimeError):
        _ = server.url


def test_devserver_process_reports_a_failed_start() -> None:
    with DevServer() as taken:
        port = int(httpx.URL(taken.url).port or 0)
        with pytest.raises(RuntimeError, match="failed to start"):
            DevServerProcess(port=port).start()


def test_devserver_thread_lifecycle() -> None:
    server = DevServer()
    with pytest.raises(RuntimeError):
        _ = server.url
    server.start()
    url = server.url
    assert url.startswith("http://127.0.0.1:") and url.endswith("/")
    with httpx.Client(base_url=url, headers=AUTH) as http:
        assert http.get("plugins/123/").status_code == 200
        server.stop()
        with pytest.raises(httpx.TransportError):
            http.get("plugins/123/")
    server.stop()  # idempotent


def test_two_servers_have_separate_memory_databases() -> None:
    with DevServer() as one, DevServer() as two:
        created = httpx.post(f"{one.url}plugins/", json={"name": "only here"}, headers=AUTH).json()
        assert httpx.get(f"{two.url}plugins/{created['id']}/", headers=AUTH).status_code == 404
