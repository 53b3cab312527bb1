"""The commands built on the job helpers and the list endpoints: `job wait`, `job logs
--follow`, `plugin list`, `release list`, `agent list`, `plugin run` then wait."""

from __future__ import annotations

import json

from synapse_sdk.clients.backend import BackendClient

from .conftest import Cli, last_error_line, one_error_line


def test_job_wait_exits_0_when_the_job_succeeds(cli: Cli, client: BackendClient) -> None:
    pk = client.run_plugin(123, {"parameters": {}})["job_id"]
    result = cli("job", "wait", str(pk), "--interval", "0.2", "--json")
    assert result.exit_code == 0, result.stderr
    job = json.loads(result.stdout)
    assert job["status"] == "completed" and job == client.get_job(pk)
    # Piped: a plain line per change on stderr, never a bar.
    assert f"job {pk}: completed 100%" in result.stderr and "━" not in result.stderr


def test_job_wait_exits_7_when_the_job_fails(cli: Cli, client: BackendClient) -> None:
    pk = client.run_plugin(123, {"parameters": {}})["job_id"]
    client.update_job(pk, {"status": "failed"})
    result = cli("job", "wait", str(pk), "--interval", "0.2")
    assert result.exit_code == 7
    assert last_error_line(result) == f"error: job {pk} ended failed" and "failed" in result.stdout
    quiet = cli("job", "wait", str(pk), "-q")
    assert (quiet.exit_code, quiet.stdout, quiet.stderr) == (7, "", "")


def test_job_wait_times_out_with_exit_6(cli: Cli, client: BackendClient) -> None:
    pk = client.run_plugin(123, {"parameters": {}})["job_id"]
    client.update_job(pk, {"status": "running"})  # stays running: the simulation is overridden
    result = cli("job", "wait", str(pk), "--timeout", "0.5", "--interval", "0.1")
    assert result.exit_code == 6
    assert f"job {pk} had not ended after 0.5 s" in last_error_line(result)


def test_job_wait_on_a_missing_job_is_exit_3(cli: Cli) -> None:
    result = cli("job", "wait", "99999")
    assert result.exit_code == 3
    one_error_line(result)


def test_job_wait_refuses_a_zero_interval(cli: Cli) -> None:
    result = cli("job", "wait", "789", "--interval", "0")
    assert result.exit_code == 2
    one_error_line(result)


def test_job_logs_follow_prints_every_line_until_the_job_ends(cli: Cli, client: BackendClient) -> None:
    pk = client.run_plugin(123, {"parameters": {}})["job_id"]
    result = cli("job", "logs", str(pk), "--follow")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines == [
        f"{e['timestamp']} {e['level']} {e['message']}" for e in client.list_job_console_logs(pk)
    ]
    assert lines[-1].endswith("Job completed") and client.get_job(pk)["status"] == "completed"
    as_json = cli("job", "logs", str(pk), "--follow", "--json", "--since", "2")
    entries = [json.loads(line) for line in as_json.stdout.splitlines()]
    assert [e["message"] for e in entries] == [e["message"] for e in client.list_job_console_logs(pk)[2:]]


def test_plugin_list(cli: Cli, client: BackendClient) -> None:
    result = cli("plugin", "list", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == client.list_plugins()[0]
    every = cli("plugin", "list", "--all", "-q", "--page-size", "1")
    assert every.stdout.split() == [str(p["id"]) for p in client.iter_plugins()]
    assert "My Custom Plugin" in cli("plugin", "list").stdout


def test_release_list_of_a_plugin(cli: Cli, client: BackendClient) -> None:
    result = cli("release", "list", "--plugin", "123", "--json")
    assert result.exit_code == 0, result.stderr
    releases = json.loads(result.stdout)
    assert releases == client.list_plugin_releases({"plugin": 123})[0] and 456 in [r["id"] for r in releases]
    every = cli("release", "list", "--all", "-q")
    assert every.stdout.split() == [str(r["id"]) for r in client.iter_plugin_releases()]


def test_agent_list(cli: Cli, client: BackendClient) -> None:
    result = cli("agent", "list", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == client.list_agents()
    assert cli("agent", "list").exit_code == 0


def test_plugin_run_wait_ends_with_the_job(cli: Cli, client: BackendClient) -> None:
    result = cli("plugin", "run", "123", "--wait", "--json")
    assert result.exit_code == 0, result.stderr
    job = json.loads(result.stdout)
    assert job["status"] == "completed" and f"started job {job['id']}" in result.stderr
    assert job == client.get_job(job["id"])


def test_plugin_run_follow_prints_the_logs_then_exits_with_the_job(cli: Cli) -> None:
    result = cli("plugin", "run", "123", "--follow", "-q")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "Job started" in lines[1] and lines[-1].endswith("Job completed")
