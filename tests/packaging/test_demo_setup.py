"""`make demo`: its set-up needs Python alone, and it only ever talks to the local backend it
started, whatever the environment names; `make demo-remote` names the server and asks first.

The environment of these runs points every setting a client could read at a recording server on
loopback (SYNAPSE_BASE_URL, SYNAPSE_HOST, the tokens, a proxy, `~/.synapse/config.json`,
`synapse login`'s profile): the demo must pass and that server must see no request at all.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.faultserver import FaultServer

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "scripts" / "demo.py"


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_demo_setup_installs_only_the_package_and_its_devserver_extra() -> None:
    plan = subprocess.run(
        ["make", "--dry-run", "--always-make", "demo"], cwd=REPO, check=True, capture_output=True, text=True
    ).stdout
    assert "-e '.[devserver]'" in plan and "scripts/demo.py" in plan
    for unwanted in ("npm", "node", "'.[dev]'", ".venv/bin", "ruff", "mypy", "spectral", "--remote"):
        assert unwanted not in plan, (unwanted, plan)
    assert "uv==" in plan  # pinned; pip is the fallback
    # The devserver extra is all the local backend needs besides the package.
    pyproject = (REPO / "pyproject.toml").read_text()
    assert "\ndevserver = [" in pyproject


def _pointed_at(url: str, home: Path) -> dict[str, str]:
    """An environment in which every setting names `url`."""
    (home / ".synapse").mkdir(parents=True)
    (home / ".synapse" / "config.json").write_text(json.dumps({"host": url, "access_token": "prod-token"}))
    config = home / ".config" / "synapse"
    config.mkdir(parents=True)
    (config / "config.toml").write_text(f'[profiles.default]\nbase_url = "{url}"\ntoken = "profile-token"\n')
    env = dict(os.environ)
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        SYNAPSE_BASE_URL=url,
        SYNAPSE_HOST=url,
        SYNAPSE_ACCESS_TOKEN="real-token",
        SYNAPSE_TENANT="real-tenant",
        SYNAPSE_AGENT_TOKEN="real-agent-token",
        SYNAPSE_PROFILE="default",
        HTTP_PROXY=url,
        HTTPS_PROXY=url,
        ALL_PROXY=url,
        PYTHONPATH=str(REPO),
    )
    env.pop("NO_PROXY", None)
    env.pop("no_proxy", None)
    return env


def test_demo_reaches_only_its_own_backend_whatever_the_environment_says(tmp_path: Path) -> None:
    with FaultServer() as elsewhere:
        done = subprocess.run(
            [sys.executable, str(DEMO)],
            env=_pointed_at(elsewhere.url, tmp_path / "home"),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert done.returncode == 0, done.stdout[-4000:] + done.stderr
        assert "Started a local Synapse backend at http://127.0.0.1:" in done.stdout
        last = done.stdout.strip().splitlines()[-1]
        ran, _, total = last.partition(" of ")
        assert int(ran) == int(total.split()[0]) >= 20, last
        assert elsewhere.arrivals == [] and elsewhere.connections == 0


def test_demo_remote_without_a_terminal_refuses_and_sends_nothing(tmp_path: Path) -> None:
    with FaultServer() as remote:
        done = subprocess.run(
            [sys.executable, str(DEMO), "--remote", remote.url],
            env=_pointed_at(remote.url, tmp_path / "home"),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert done.returncode == 2
        first = done.stderr.splitlines()[0]
        assert first.startswith("error: ") and remote.url in first and "--yes" in first
        assert remote.arrivals == [] and remote.connections == 0


def test_demo_remote_without_a_url_names_the_fix() -> None:
    done = subprocess.run(
        [sys.executable, str(DEMO), "--remote", ""], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 2 and done.stderr.startswith("error: no server given: make demo-remote URL=")


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (.ci/run installs it)")
def test_demo_remote_names_the_server_and_asks_on_a_terminal(tmp_path: Path) -> None:
    """In a real terminal: the prompt names the server; answering N (the default) sends nothing."""
    with FaultServer() as remote:
        env = _pointed_at(remote.url, tmp_path / "home")
        socket = f"synapse-demo-test-{uuid.uuid4().hex[:8]}"
        tmux = ["tmux", "-L", socket, "-f", "/dev/null"]
        command = f"{sys.executable} {DEMO} --remote {remote.url}; echo exit=$?; sleep 60"
        subprocess.run([*tmux, "new-session", "-d", "-x", "200", "-y", "30", command], env=env, check=True)
        try:
            screen = _wait_for(tmux, "[y/N]")
            assert f"Run them against {remote.url}? [y/N]" in screen and "plugin 123 is updated" in screen
            subprocess.run([*tmux, "send-keys", "Enter"], check=True)  # the default: no
            screen = _wait_for(tmux, "exit=")
            assert "exit=2" in screen and f"Nothing was sent to {remote.url}." in screen
        finally:
            subprocess.run([*tmux, "kill-server"], check=False, capture_output=True)
        assert remote.arrivals == [] and remote.connections == 0


def _wait_for(tmux: list[str], text: str) -> str:
    deadline = time.monotonic() + 60
    while True:
        screen = subprocess.run([*tmux, "capture-pane", "-p", "-J"], capture_output=True, text=True).stdout
        if text in screen:
            return screen
        assert time.monotonic() < deadline, f"the terminal never showed {text!r}:\n{screen}"
        time.sleep(0.1)


# -- a bare machine: each wrong set-up step is one line naming the fix ------------------------

CHECK_SETUP = REPO / "scripts" / "check_setup.sh"
ENSURE_PACKAGES = REPO / "scripts" / "ensure_system_packages.sh"
NOBODY = [shutil.which("setpriv") or "setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A temporary directory other users can read (pytest's own is private to root)."""
    directory = Path(tempfile.mkdtemp(prefix="synapse-setup-test-"))
    directory.chmod(0o755)
    yield directory
    shutil.rmtree(directory, ignore_errors=True)


def _real(tool: str) -> str:
    # python3 may be a pyenv shim that needs its own environment: link the interpreter itself.
    found = os.path.realpath(sys.executable) if tool == "python3" else shutil.which(tool)
    assert found is not None, tool
    return found


def _bin_with(tmp_path: Path, *tools: str, **scripts: str) -> str:
    """A PATH holding only `tools` (links to the real ones) and `scripts` (name: shell body)."""
    directory = tmp_path / "bin"
    directory.mkdir()
    directory.chmod(0o755)
    for tool in tools:
        (directory / tool).symlink_to(_real(tool))
    for name, body in scripts.items():
        (directory / name).write_text(f"#!/bin/sh\n{body}\n")
        (directory / name).chmod(0o755)
    return str(directory)


def _one_error_line(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 1, (done.stdout, done.stderr)
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), done.stderr
    return lines[0]


BASICS = ("bash", "dirname", "rm", "python3", "id", "grep")


def test_setup_without_node_names_the_fix(tmp_path: Path) -> None:
    path = _bin_with(tmp_path, *BASICS)
    done = subprocess.run([str(CHECK_SETUP)], env={"PATH": path}, capture_output=True, text=True, check=False)
    assert "install Node.js 20 or newer" in _one_error_line(done)
    # The demo needs Python alone: the same machine passes its check.
    demo = subprocess.run([str(CHECK_SETUP), "python"], env={"PATH": path}, capture_output=True, text=True)
    assert demo.returncode == 0, demo.stderr


def test_setup_with_an_old_node_names_the_fix(tmp_path: Path) -> None:
    path = _bin_with(tmp_path, *BASICS, node='[ "$1" = -p ] && echo 18 || echo v18.19.0')
    done = subprocess.run([str(CHECK_SETUP)], env={"PATH": path}, capture_output=True, text=True, check=False)
    assert _one_error_line(done) == "error: node is v18.19.0: install Node.js 20 or newer"


@pytest.mark.skipif(os.geteuid() != 0 or shutil.which("setpriv") is None, reason="needs root and setpriv")
def test_setup_in_a_checkout_it_cannot_write_names_the_fix(shared_tmp: Path) -> None:
    """A checkout owned by root, set up by another user (as after `sudo git clone`)."""
    checkout = shared_tmp / "checkout"
    (checkout / "scripts").mkdir(parents=True)
    shutil.copy(CHECK_SETUP, checkout / "scripts")
    for directory in (checkout, checkout / "scripts"):
        directory.chmod(0o755)
    done = subprocess.run(
        [*NOBODY, str(checkout / "scripts" / "check_setup.sh"), "python"],
        env={"PATH": os.environ["PATH"]},
        capture_output=True,
        text=True,
        check=False,
    )
    assert _one_error_line(done) == (
        f"error: cannot write to {checkout}: run make from a checkout you own (or fix its permissions)"
    )


@pytest.mark.skipif(os.geteuid() != 0 or shutil.which("setpriv") is None, reason="needs root and setpriv")
def test_system_packages_without_root_name_the_command_to_run(shared_tmp: Path) -> None:
    """tmux missing, and neither root nor sudo: the line gives the apt-get command to run."""
    path = _bin_with(shared_tmp, "bash", "id", "grep", "fc-list", "apt-get", "mktemp", "rm")
    done = subprocess.run(
        [*NOBODY, str(ENSURE_PACKAGES)], env={"PATH": path}, capture_output=True, text=True, check=False
    )
    line = _one_error_line(done)
    assert "sudo apt-get install -y" in line and "tmux" in line and "needs root" in line


def test_system_packages_present_is_a_quiet_no_op() -> None:
    """On this machine (set up by make test or .ci/run) nothing is missing: nothing is run."""
    done = subprocess.run([str(ENSURE_PACKAGES)], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and done.stdout == done.stderr == ""


def test_the_quickstarts_backend_on_a_taken_port_names_it_in_one_line() -> None:
    """The README's first command, `python -m synapse_sdk.devserver --port 8000`, where the port
    is taken (here by a socket of the test's own)."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "synapse_sdk.devserver", "--port", str(port), "--db", ":memory:"],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert done.returncode != 0
    line = _one_error_line(done) if done.returncode == 1 else done.stderr.strip()
    assert line.startswith("error: ") and str(port) in line and "\n" not in line, done.stderr
