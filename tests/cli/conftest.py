"""Fixtures of the `synapse` command's tests: a real local backend, an isolated environment, and
a runner that keeps stdout and stderr apart."""

from __future__ import annotations

import socket
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from synapse_sdk.cli.app import app
from synapse_sdk.clients._config import ENV, ENV_FALLBACKS
from synapse_sdk.clients.backend import BackendClient
from synapse_sdk.devserver import DevServer

TOKEN = "cli-test-token-0123456789"
READER = "cli-reader-token-0123456789"


@pytest.fixture(scope="module")
def server() -> Iterator[DevServer]:
    with DevServer(tokens=[TOKEN, READER], readonly_tokens=[READER], job_duration=1.5) as running:
        yield running


@pytest.fixture
def client(server: DevServer) -> Iterator[BackendClient]:
    with BackendClient(server.url, access_token=TOKEN) as backend:
        yield backend


@pytest.fixture(autouse=True)
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No SYNAPSE_* of the machine leaks in; the profile file (and the production CLI's
    ~/.synapse/config.json) live in a fresh folder."""
    for name in (*ENV.values(), *(v for names in ENV_FALLBACKS.values() for v in names)):
        monkeypatch.delenv(name, raising=False)
    for name in ("SYNAPSE_PROFILE", "SYNAPSE_LOG", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    config_home = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config_home))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    return config_home


@dataclass
class Cli:
    """`synapse ...` in this process, as CliRunner runs it (stdin and stdout are not terminals)."""

    url: str | None
    token: str | None = TOKEN

    def __call__(
        self, *args: str, input: str | None = None, env: dict[str, str | None] | None = None
    ) -> Result:
        environment: dict[str, str | None] = {
            "SYNAPSE_BASE_URL": self.url,
            "SYNAPSE_ACCESS_TOKEN": self.token,
        }
        environment.update(env or {})
        return CliRunner().invoke(app, list(args), input=input, env=environment, catch_exceptions=False)


@pytest.fixture
def cli(server: DevServer) -> Cli:
    return Cli(server.url)


@pytest.fixture
def bare_cli() -> Cli:
    """No server and no token from the environment: only flags and profiles."""
    return Cli(None, None)


class Listener:
    """A socket that listens and never answers: proves whether a command connected at all."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.setblocking(False)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/"

    def connections(self) -> int:
        count = 0
        while True:
            try:
                conn, _ = self.sock.accept()
            except BlockingIOError:
                return count
            conn.close()
            count += 1


@pytest.fixture
def listener() -> Iterator[Listener]:
    listening = Listener()
    yield listening
    listening.sock.close()


def one_error_line(result: Result) -> str:
    """The single `error: ...` line a failure prints (and, where a fix is known, a `hint: ...`
    line after it), with no traceback and no box."""
    assert "Traceback" not in result.stderr + result.stdout
    assert not {"╭", "│", "╰"} & set(result.stderr), result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert 1 <= len(lines) <= 2 and lines[0].startswith("error: "), result.stderr
    assert len(lines) == 1 or lines[1].startswith("hint: "), result.stderr
    return lines[0]


def last_error_line(result: Result) -> str:
    """The `error: ...` line that ends a failure after progress notes, with no traceback."""
    assert "Traceback" not in result.stderr + result.stdout
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("error: ")]
    assert len(errors) == 1 and lines[-1] == errors[0], result.stderr
    return errors[0]


def no_ansi(*texts: Sequence[str] | str) -> bool:
    return all("\x1b[" not in text for text in texts)
