"""`synapse` as a separate process: Ctrl-C mid-upload, and the console script's completion."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

CLI = [sys.executable, "-m", "synapse_sdk.cli"]


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SYNAPSE_")}
    env["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(Path(__file__).resolve().parents[2]), env.get("PYTHONPATH")])
    )
    return {**env, **extra}


def test_ctrl_c_mid_upload_abandons_it_and_exits_130(tmp_path: Path) -> None:
    package = tmp_path / "big.zip"
    size = 64 * 1024 * 1024
    with package.open("wb") as handle:
        handle.truncate(size)
    # A server that takes the connection and stops reading: the upload blocks half-way.
    with socket.create_server(("127.0.0.1", 0)) as server:
        server.settimeout(60)
        url = f"http://127.0.0.1:{server.getsockname()[1]}/"
        process = subprocess.Popen(
            [*CLI, "release", "create", "--plugin", "1", "--version", "1", "--file", str(package)],
            env=_env(
                SYNAPSE_BASE_URL=url, SYNAPSE_ACCESS_TOKEN="t-0123456789", XDG_CONFIG_HOME=str(tmp_path)
            ),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            conn, _ = server.accept()
            with conn:
                conn.settimeout(60)
                received = len(conn.recv(65536))  # the upload has begun
                time.sleep(1.0)  # and is now blocked on a full socket buffer
                process.send_signal(signal.SIGINT)
                stdout, stderr = process.communicate(timeout=60)
                conn.settimeout(10)
                while chunk := conn.recv(1 << 20):  # the client closed: read to the end
                    received += len(chunk)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
    assert process.returncode == 130, stderr
    last = stderr.strip().splitlines()[-1]
    assert "Traceback" not in stderr, stderr
    assert last.startswith("error: interrupted; the upload was stopped at ") and last.endswith(
        ": no release was created"
    ), stderr
    assert stdout == ""
    assert 0 < received < size  # abandoned: the server never got the whole package


def test_shell_completion_of_commands() -> None:
    def complete(words: str, cword: int) -> list[str]:
        result = subprocess.run(
            CLI,
            env=_env(_SYNAPSE_COMPLETE="complete_bash", COMP_WORDS=words, COMP_CWORD=str(cword)),
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.split()

    # `python -m synapse_sdk.cli` completes as `synapse`: the prog name is fixed.
    assert complete("synapse jo", 1) == ["job"]
    assert set(complete("synapse job ", 2)) == {"get", "list", "update", "wait", "logs"}
    assert complete("synapse release create --fil", 3) == ["--file"]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_show_completion_prints_a_script(shell: str) -> None:
    result = subprocess.run(
        [*CLI, "--show-completion", shell], env=_env(), capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "_SYNAPSE_COMPLETE" in result.stdout


def test_synapse_devserver_serves_until_ctrl_c(tmp_path: Path) -> None:
    from synapse_sdk.clients.backend import BackendClient
    from synapse_sdk.devserver.server import LISTENING

    process = subprocess.Popen(
        [*CLI, "devserver", "--port", "0", "--db", str(tmp_path / "dev.sqlite3"), "--quiet"],
        env=_env(PYTHONUNBUFFERED="1"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line.startswith(LISTENING), line + (process.stderr.read() if process.stderr else "")
        url = line[len(LISTENING) :].strip()
        listed = subprocess.run(
            [*CLI, "--base-url", url, "--token", "t-0123456789", "plugin", "get", "123", "--json"],
            env=_env(XDG_CONFIG_HOME=str(tmp_path)),
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert listed.returncode == 0 and '"My Custom Plugin"' in listed.stdout, listed.stderr
        with BackendClient(url, access_token="t-0123456789") as client:
            assert client.get_plugin(123)["id"] == 123
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0 and "Traceback" not in stderr
    assert (tmp_path / "dev.sqlite3").exists()
