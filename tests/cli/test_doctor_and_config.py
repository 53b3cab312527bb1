"""`synapse doctor`, `whoami`, `config show`, the production CLI's configuration habits,
redaction of what a server echoes, `--verbose`, and the hint when the `cli` extra is missing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from synapse_sdk.cli import config
from synapse_sdk.clients.backend import BackendClient
from synapse_sdk.devserver import DevServer
from tests.support.faultserver import Arrival, Fault, FaultServer, refused_url

from .conftest import TOKEN, Cli, Listener, one_error_line


@pytest.fixture
def fault() -> Iterator[FaultServer]:
    with FaultServer() as server:
        yield server


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


# -- doctor ----------------------------------------------------------------------------------


def test_doctor_against_the_local_backend_is_all_ok(cli: Cli, server: DevServer) -> None:
    result = cli("doctor")
    assert result.exit_code == 0, result.stdout + result.stderr
    lines = _lines(result.stdout)
    names = [line.split()[1].rstrip(":") for line in lines]
    assert names == ["configuration", "reachable", "tls", "clock", "token", "tenant", "stream"]
    assert all(line.startswith("ok ") for line in lines), result.stdout
    assert "event ids and resume" in lines[-1] and "SYNAPSE_ACCESS_TOKEN" in lines[0]
    assert TOKEN not in result.stdout + result.stderr


def test_doctor_against_a_stopped_server_fails_with_a_fix(bare_cli: Cli) -> None:
    with refused_url() as url:
        result = bare_cli("--base-url", url, "--token", TOKEN, "doctor")
    assert result.exit_code == 1
    lines = _lines(result.stdout)
    assert lines[0].startswith("ok ") and lines[1].startswith("fail reachable: cannot connect")
    assert lines[2].strip().startswith("fix: ") and "synapse devserver" in lines[2]


def test_doctor_names_a_refused_token_and_a_missing_one(cli: Cli, bare_cli: Cli) -> None:
    cli.token = "wrong-token-0123456789"
    refused = cli("doctor")
    assert refused.exit_code == 1
    assert any(line.startswith("fail token: refused") for line in _lines(refused.stdout)), refused.stdout
    assert "wrong-token-0123456789" not in refused.stdout + refused.stderr
    missing = bare_cli("--base-url", str(cli.url), "doctor")
    assert missing.exit_code == 1 and "fail token: no access token" in missing.stdout


def test_doctor_and_the_job_workflow_against_the_local_backend_in_the_production_dialect(
    bare_cli: Cli,
) -> None:
    with DevServer(tokens=[TOKEN], job_duration=1.0, dialect="production") as production:
        run = ("--base-url", production.url, "--token", TOKEN)
        result = bare_cli(*run, "doctor")
        assert result.exit_code == 0, result.stdout + result.stderr
        stream = next(line for line in _lines(result.stdout) if " stream:" in line)
        assert stream.startswith("ok") and "production dialect" in stream
        job = bare_cli(*run, "plugin", "run", "123", "--quiet").stdout.strip()
        assert len(job) == 36  # a UUID, as production numbers its jobs
        followed = bare_cli(*run, "job", "logs", job, "--follow")
        assert followed.exit_code == 0, followed.stderr
        lines = followed.stdout.splitlines()
        assert lines and len(lines) == len(set(lines))  # each line once, and it ended
        waited = bare_cli(*run, "job", "wait", job, "--fields", "id,status", "-o", "json")
        assert waited.exit_code == 0 and json.loads(waited.stdout) == {"id": job, "status": "SUCCEEDED"}


def _production(arrival: Arrival) -> Fault:
    """A backend in the production dialect: typed stream frames, no event ids, a Date far off."""
    date = {"Date": "Mon, 01 Jan 2024 00:00:00 GMT"}
    if arrival.path == "/jobs/":
        page = {"count": 1, "next": None, "previous": None, "results": [{"id": "6f1c", "status": "RUNNING"}]}
        return Fault.json(200, page, headers=date)
    if arrival.path == "/jobs/6f1c/tail_console_logs/":
        frames = 'data: {"type": "connected"}\n\n: heartbeat\n\ndata: {"type": "log", "message": "hi"}\n\n'
        return Fault.status(
            200, frames, content_type="text/event-stream", headers={**date, "Connection": "close"}
        )
    return Fault.status(404, "", headers=date)


def test_doctor_tells_the_production_dialect_and_the_clock_skew(bare_cli: Cli, fault: FaultServer) -> None:
    fault.default = _production
    result = bare_cli("--base-url", fault.url, "--token", TOKEN, "doctor")
    assert result.exit_code == 0, result.stdout + result.stderr  # warnings do not fail
    lines = _lines(result.stdout)
    clock = next(line for line in lines if " clock:" in line)
    assert clock.startswith("warn") and "ahead of the server" in clock
    stream = next(line for line in lines if " stream:" in line)
    assert stream.startswith("ok") and "production dialect" in stream
    assert all(
        a.headers.get("synapse-access-token") == f"Token {TOKEN}" for a in fault.arrivals if a.path != "/"
    )


# -- whoami, config show, the production CLI's habits ----------------------------------------


def test_whoami_checks_the_token_and_config_show_says_where_each_setting_comes_from(cli: Cli) -> None:
    who = cli("whoami")
    assert who.exit_code == 0, who.stderr
    assert "SYNAPSE_BASE_URL" in who.stdout and "****" + TOKEN[-4:] in who.stdout and TOKEN not in who.stdout
    assert "accepts the token" in who.stderr
    shown = cli("config", "show")
    assert shown.exit_code == 0 and "SYNAPSE_ACCESS_TOKEN" in shown.stdout and TOKEN not in shown.stdout


def _write_production_config(home: Path, values: dict[str, str]) -> None:
    (home / ".synapse").mkdir(parents=True, exist_ok=True)
    (home / ".synapse" / "config.json").write_text(json.dumps(values))


def test_the_production_config_file_is_a_fallback_profile(
    bare_cli: Cli, cli: Cli, listener: Listener, tmp_path: Path
) -> None:
    assert cli.url is not None
    home = tmp_path / "home"
    _write_production_config(home, {"host": cli.url, "access_token": TOKEN})
    used = bare_cli("plugin", "get", "123", "--fields", "id", "-o", "json")
    assert used.exit_code == 0 and json.loads(used.stdout) == {"id": 123}, used.stderr
    assert "~/.synapse/config.json" in bare_cli("config", "show").stdout
    # Its token stays with its host: another URL from the environment gets no token from it.
    elsewhere = bare_cli("plugin", "get", "123", env={"SYNAPSE_HOST": listener.url})
    assert elsewhere.exit_code == 2 and "holds a token for" in one_error_line(elsewhere)
    assert listener.connections() == 0
    # Ours wins: a profile of `synapse login` is used before the production file.
    config.write_profiles({"default": {"base_url": listener.url, "access_token": "ours-0123456789"}})
    assert "profile default" in bare_cli("config", "show").stdout


def test_synapse_host_and_the_plugin_run_variables(
    fault: FaultServer, monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    monkeypatch.setenv("SYNAPSE_HOST", fault.url)
    monkeypatch.setenv("SYNAPSE_PLUGIN_RUN_USER_TOKEN", "run-user-token-0123")
    monkeypatch.setenv("SYNAPSE_PLUGIN_RUN_TENANT", "run-tenant")
    with BackendClient() as client:
        assert str(client.base_url) == fault.url
        client.get_plugin(1)
    headers = fault.arrivals[-1].headers
    assert headers["authorization"] == "Token run-user-token-0123"
    assert headers["synapse-tenant"] == "Token run-tenant"
    # Ours win where both are set.
    monkeypatch.setenv("SYNAPSE_BASE_URL", str(cli.url))
    with BackendClient() as client:
        assert str(client.base_url) == cli.url


def test_login_accepts_the_production_spelling(bare_cli: Cli, cli: Cli, isolated: Path) -> None:
    assert cli.url is not None
    saved = bare_cli("login", "--host", cli.url, "-t", TOKEN)
    assert saved.exit_code == 0, saved.stderr
    assert config.read_profiles()["default"] == {"base_url": cli.url, "access_token": TOKEN}


def test_login_to_another_server_carries_neither_tenant_nor_token(
    bare_cli: Cli, fault: FaultServer, listener: Listener
) -> None:
    config.write_profiles(
        {"default": {"base_url": listener.url, "access_token": "old-0123456789", "tenant": "team-a"}}
    )
    fault.default = Fault.json(200, {"count": 0, "next": None, "previous": None, "results": []})
    result = bare_cli("login", "--base-url", fault.url, "--token-stdin", input="new-token-0123456789\n")
    assert result.exit_code == 0, result.stderr
    (verify,) = fault.arrivals
    assert "synapse-tenant" not in verify.headers and "old-0123456789" not in str(verify.headers)
    assert config.read_profiles()["default"] == {
        "base_url": fault.url,
        "access_token": "new-token-0123456789",
    }
    assert listener.connections() == 0


# -- redaction, --verbose ----------------------------------------------------------------------


def test_secrets_a_server_echoes_are_never_printed(bare_cli: Cli, fault: FaultServer) -> None:
    sent = "AKIA-sent-secret-value-123"
    echoed = "server-known-secret-456"
    fault.script(
        Fault.json(
            400,
            {
                "configuration": {"secret_access_key": [f"{sent!r} is not a valid key"]},
                "token": [f"{echoed} expired"],
                "name": [f"bad name, the key was {sent}"],
            },
        )
    )
    configuration = json.dumps({"bucket_name": "b", "secret_access_key": sent})
    result = bare_cli(
        "--base-url", fault.url, "--token", TOKEN, "storage", "create", "--name", "s", "--provider", "amazon_s3",
        "--configuration", configuration,
    )  # fmt: skip
    assert result.exit_code == 2
    line = one_error_line(result)
    assert sent not in result.stderr + result.stdout and echoed not in result.stderr + result.stdout
    assert "name: bad name" in line and "***" in line


def test_verbose_prints_each_attempt_and_the_request_id(bare_cli: Cli, fault: FaultServer) -> None:
    fault.script(
        Fault.status(503), Fault.json(200, {"id": 1, "name": "p"}, headers={"X-Request-ID": "req-42"})
    )
    result = bare_cli("--base-url", fault.url, "--token", TOKEN, "plugin", "get", "1", "--verbose")
    assert result.exit_code == 0, result.stderr
    verbose = [line for line in result.stderr.splitlines() if line.startswith("verbose: ")]
    assert "-> 503" in verbose[0] and "(attempt 1)" in verbose[0]
    assert any("-> 200" in line and "(attempt 2" in line for line in verbose)
    assert any("request id req-42" in line for line in verbose)
    assert TOKEN not in result.stderr
    quiet = bare_cli("--base-url", fault.url, "--token", TOKEN, "plugin", "get", "1")
    assert "verbose:" not in quiet.stderr


# -- the missing extra -----------------------------------------------------------------------

BLOCK_CLI_EXTRA = """
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('typer', 'rich', 'click'):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
sys.meta_path.insert(0, Block())
from synapse_sdk.cli import main
sys.argv = ['synapse', '--help']
main()
"""


def test_without_the_cli_extra_synapse_is_a_one_line_hint() -> None:
    result = subprocess.run(
        [sys.executable, "-c", BLOCK_CLI_EXTRA],
        capture_output=True,
        text=True,
        timeout=60,
        env=dict(os.environ),
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert _lines(result.stderr) == [
        "error: the synapse command needs the cli extra (rich is not installed)",
        "hint: pip install 'synapse-sdk-integration[cli]'",
    ]
