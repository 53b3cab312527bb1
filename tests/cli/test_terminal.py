"""`synapse` in a real terminal, as a person sees it: tmux runs the command in a shell on a pty,
`capture-pane` reads the screen. An upload's bar reaches 100 %; `job logs --follow` shows lines
while the job is still running; Ctrl-C ends cleanly; NO_COLOR gives plain lines.

tmux is installed by .ci/run; without it these tests are skipped locally and fail in CI.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from synapse_sdk.clients.backend import BackendClient
from synapse_sdk.clients.jobs import is_terminal
from synapse_sdk.devserver import DevServer

from .conftest import TOKEN

SYNAPSE = Path(sys.executable).with_name("synapse")  # the console script of this environment

if shutil.which("tmux") is None:
    if os.environ.get("CI"):
        raise RuntimeError("tmux is missing: .ci/run installs it (apt-get install tmux)")
    pytest.skip("tmux is not installed", allow_module_level=True)


class Tmux:
    """One private tmux server (its own socket) running one shell in a 120x30 window."""

    def __init__(self, env: dict[str, str]) -> None:
        self.socket = f"synapse-cli-test-{uuid.uuid4().hex[:8]}"
        self.env = env
        self._tmux("new-session", "-d", "-s", "t", "-x", "120", "-y", "30", "bash --norc --noprofile")
        self.send("export PS1='$ '; clear")

    def _tmux(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, "-f", "/dev/null", *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    def send(self, line: str) -> None:
        self._tmux("send-keys", "-t", "t", "-l", line)
        self._tmux("send-keys", "-t", "t", "Enter")

    def key(self, key: str) -> None:
        self._tmux("send-keys", "-t", "t", key)

    def screen(self, *, escapes: bool = False) -> str:
        return self._tmux("capture-pane", "-p", "-J", *(["-e"] if escapes else []), "-t", "t", "-S", "-200")

    def wait_for(self, predicate: Callable[[str], bool], timeout: float = 90) -> str:
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if predicate(screen):
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"the screen never showed what was expected:\n{screen}")
            time.sleep(0.1)

    def start(self, command: str) -> str:
        """Type `command` and Enter; returns the marker its end will print."""
        marker = f"done-{uuid.uuid4().hex[:6]}"
        self.send(f"{command}; echo {marker}=$?")
        return marker

    def finish(self, marker: str, *, escapes: bool = False, timeout: float = 90) -> tuple[int, str]:
        """Wait for the command of `marker` to end: its exit code and the screen from its line on."""
        self.wait_for(lambda s: f"\n{marker}=" in s, timeout)
        screen = self.screen(escapes=escapes)
        since = screen[screen.index(f"; echo {marker}=") :]
        return int(since.split(f"\n{marker}=")[1].split()[0]), since

    def run(self, command: str, *, escapes: bool = False) -> tuple[int, str]:
        return self.finish(self.start(command), escapes=escapes)

    def close(self) -> None:
        subprocess.run(
            ["tmux", "-L", self.socket, "kill-server"], env=self.env, capture_output=True, timeout=30
        )


@pytest.fixture(scope="module")
def server() -> Iterator[DevServer]:
    # Jobs long enough that a person (and this test) can watch them run.
    with DevServer(job_duration=8.0) as running:
        yield running


@pytest.fixture
def terminal(server: DevServer, tmp_path: Path) -> Iterator[Tmux]:
    assert SYNAPSE.exists(), f"{SYNAPSE} missing: run `make setup`"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SYNAPSE_", "TMUX")) and k != "NO_COLOR"}
    env.update(
        PATH=f"{SYNAPSE.parent}{os.pathsep}{env.get('PATH', '')}",
        SYNAPSE_BASE_URL=server.url,
        SYNAPSE_ACCESS_TOKEN=TOKEN,
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        TERM="xterm-256color",
        HOME=str(tmp_path),
    )
    tmux = Tmux(env)
    yield tmux
    tmux.close()


def test_release_upload_draws_a_bar_that_reaches_100_percent(terminal: Tmux, tmp_path: Path) -> None:
    package = tmp_path / "big.zip"
    with package.open("wb") as handle:
        handle.truncate(100_000_000)
    code, screen = terminal.run(f"synapse release create --plugin 123 --version 3.0.0 --file {package}")
    assert code == 0, screen
    bar = next(line for line in screen.splitlines() if "uploading big.zip" in line)
    # One unit for every size: binary (MiB), as the plain lines and the tables.
    assert "100%" in bar and "━" in bar and "95.4/95.4 MiB" in bar and "MiB/s" in bar, bar
    assert "Traceback" not in screen


def test_no_color_on_a_terminal_gives_plain_lines(terminal: Tmux, tmp_path: Path) -> None:
    package = tmp_path / "small.zip"
    package.write_bytes(b"PK" * 100_000)
    code, screen = terminal.run(
        f"NO_COLOR=1 synapse release create --plugin 123 --version 3.0.1 --file {package}"
    )
    assert code == 0 and "uploaded 100% (195.3 KiB of 195.3 KiB)" in screen, screen
    assert "━" not in screen
    code, screen = terminal.run("NO_COLOR=1 synapse job list", escapes=True)
    assert code == 0 and "ID" in screen and "\x1b[1m" not in screen


def test_tables_are_bold_on_a_terminal(terminal: Tmux) -> None:
    code, screen = terminal.run("synapse job list", escapes=True)
    assert code == 0 and "\x1b[1mID" in screen


def test_job_logs_follow_shows_lines_before_the_job_ends(terminal: Tmux, server: DevServer) -> None:
    with BackendClient(server.url, access_token=TOKEN) as client:
        job_id = client.run_plugin(123, {"parameters": {}})["job_id"]
        marker = terminal.start(f"synapse job logs {job_id} --follow")
        terminal.wait_for(lambda s: "Step 1/10 done" in s)
        # A line is on the screen and the job has not ended: the lines arrive as they are written.
        assert not is_terminal(client.get_job(job_id)["status"])
        code, screen = terminal.finish(marker)
    assert code == 0, screen
    lines = screen.splitlines()
    first_step = next(i for i, line in enumerate(lines) if "Step 1/10" in line)
    assert first_step < next(i for i, line in enumerate(lines) if "Job completed" in line)


def test_ctrl_c_while_waiting_exits_130_without_a_traceback(terminal: Tmux, server: DevServer) -> None:
    with BackendClient(server.url, access_token=TOKEN) as client:
        job_id = client.run_plugin(123, {"parameters": {}})["job_id"]
    marker = terminal.start(f"synapse job wait {job_id}")
    terminal.wait_for(lambda s: f"job {job_id} " in s)  # the spinner line is drawn
    terminal.key("C-c")
    code, screen = terminal.finish(marker)
    assert code == 130 and "Traceback" not in screen, screen
    # It says what was and was not done: the wait stopped, the job itself goes on.
    assert f"error: interrupted; stopped waiting; job {job_id} goes on on the server" in screen, screen


def test_login_asks_for_the_token_without_echoing_it(
    terminal: Tmux, server: DevServer, tmp_path: Path
) -> None:
    marker = terminal.start(f"env -u SYNAPSE_ACCESS_TOKEN synapse login --base-url {server.url}")
    terminal.wait_for(lambda s: "Access token:" in s)
    terminal.send(TOKEN)
    code, screen = terminal.finish(marker)
    assert code == 0 and "saved profile 'default'" in screen, screen
    assert TOKEN not in screen
    code, screen = terminal.run("env -u SYNAPSE_ACCESS_TOKEN -u SYNAPSE_BASE_URL synapse login --show")
    assert code == 0 and "****" + TOKEN[-4:] in screen and TOKEN not in screen, screen
    assert (tmp_path / "config" / "synapse" / "config.toml").stat().st_mode & 0o777 == 0o600


def test_log_levels_are_coloured_on_a_terminal_and_plain_when_piped(terminal: Tmux) -> None:
    code, screen = terminal.run("synapse job logs 789", escapes=True)
    assert code == 0, screen
    warning = next(line for line in screen.splitlines() if "Skipped 2 corrupt images" in line)
    assert "\x1b[33mWARNING" in warning, repr(warning)  # yellow
    code, piped = terminal.run("synapse job logs 789 | cat", escapes=True)
    assert code == 0 and "WARNING Skipped" in piped and "\x1b[33m" not in piped, repr(piped)


def test_a_usage_error_in_a_terminal_is_one_line_and_a_hint(terminal: Tmux) -> None:
    code, screen = terminal.run("synapse job list --page zero")
    assert code == 2, screen
    lines = [
        line
        for line in screen.splitlines()[1:]
        if line.startswith(("error:", "hint:", "Traceback", "╭", "│"))
    ]
    assert lines == [
        "error: synapse job list --page: 'zero' is not a whole number",
        "hint: `synapse job list --help` lists its options and arguments",
    ], screen


def test_doctor_in_a_terminal(terminal: Tmux) -> None:
    code, screen = terminal.run("synapse doctor")
    assert code == 0, screen
    assert "ok   stream:" in screen, screen
    assert "\x1b[32mok" in terminal.screen(escapes=True)  # green on a terminal
