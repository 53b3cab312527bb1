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
import subprocess
import sys
import time
import uuid
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
