"""Every command of `synapse` over real HTTP against the local backend: tables, `--json` (the
server's JSON unchanged), `--quiet`, input from options, `--data` and stdin, exit codes."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from synapse_sdk.clients.backend import BackendClient
from synapse_sdk.devserver import DevServer

from .conftest import READER, Cli, no_ansi, one_error_line

# -- plugins ---------------------------------------------------------------------------------


def test_plugin_get_prints_a_table_and_json_round_trips(cli: Cli, client: BackendClient) -> None:
    table = cli("plugin", "get", "123")
    assert table.exit_code == 0, table.stderr
    assert "My Custom Plugin" in table.stdout and "data_processing" in table.stdout
    as_json = cli("plugin", "get", "123", "--json")
    assert as_json.exit_code == 0
    assert json.loads(as_json.stdout) == client.get_plugin(123)


def test_piped_output_has_no_colour_and_no_padding(cli: Cli) -> None:
    result = cli("job", "list")
    assert result.exit_code == 0
    assert no_ansi(result.stdout, result.stderr)
    assert all(line == line.rstrip() for line in result.stdout.splitlines())
    assert result.stdout.splitlines()[0].split()[:3] == ["ID", "PLUGIN", "STATUS"]


def test_plugin_create_merges_options_over_data(cli: Cli, client: BackendClient) -> None:
    result = cli(
        "plugin",
        "create",
        "--data",
        '{"name": "from data", "description": "kept", "configuration": {"a": 1}}',
        "--name",
        "from option",
        "--quiet",
    )
    assert result.exit_code == 0, result.stderr
    plugin = client.get_plugin(int(result.stdout.strip()))
    assert (plugin["name"], plugin.get("description"), plugin.get("configuration")) == (
        "from option",
        "kept",
        {"a": 1},
    )


def test_plugin_create_from_a_file_and_from_stdin(cli: Cli, client: BackendClient, tmp_path: Path) -> None:
    body = tmp_path / "plugin.json"
    body.write_text(json.dumps({"name": "Dateiname", "author": "파일"}), encoding="utf-8")
    from_file = cli("plugin", "create", "--data", f"@{body}", "--json")
    assert from_file.exit_code == 0, from_file.stderr
    created = json.loads(from_file.stdout)
    assert created == client.get_plugin(created["id"]) and created["author"] == "파일"

    from_stdin = cli("plugin", "create", "--data", "-", "-q", input='{"name": "piped"}')
    assert from_stdin.exit_code == 0, from_stdin.stderr
    assert client.get_plugin(int(from_stdin.stdout))["name"] == "piped"


def test_plugin_update_changes_only_what_is_given(cli: Cli, client: BackendClient) -> None:
    pk = client.create_plugin({"name": "to update", "author": "me"})["id"]
    result = cli("plugin", "update", str(pk), "--version", "2.0.0", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == client.get_plugin(pk)
    assert (client.get_plugin(pk)["version"], client.get_plugin(pk)["author"]) == ("2.0.0", "me")


def test_plugin_run_starts_a_job_with_the_parameters(cli: Cli, client: BackendClient) -> None:
    result = cli(
        "plugin",
        "run",
        "123",
        "--param",
        "threshold=0.7",
        "--param",
        "label=cat",
        "--parameters",
        '{"max_items": 5}',
        "--context",
        '{"project_id": 1}',
        "--json",
    )
    assert result.exit_code == 0, result.stderr
    run = json.loads(result.stdout)
    job = client.get_job(run["job_id"])
    assert job["plugin"] == 123
    quiet = cli("plugin", "run", "123", "-q")
    assert quiet.exit_code == 0 and client.get_job(quiet.stdout.strip())["id"] == int(quiet.stdout)


def test_plugin_run_sends_parsed_parameters(server: DevServer, cli: Cli, client: BackendClient) -> None:
    # The job's result echoes its parameters once it completes (after job_duration).
    result = cli(
        "plugin", "run", "123", "-p", "threshold=0.7", "-p", "label=cat", "--parameters", '{"n": 5}', "-q"
    )
    job_id = int(result.stdout)
    job = client.get_job(job_id)
    deadline = time.monotonic() + 60
    while job.get("status") != "completed" and time.monotonic() < deadline:
        time.sleep(0.2)
        job = client.get_job(job_id, {"expand": "result"})
    assert job["result"]["parameters"] == {"n": 5, "threshold": 0.7, "label": "cat"}


# -- releases --------------------------------------------------------------------------------


def test_release_create_uploads_the_file_with_plain_progress_when_piped(
    cli: Cli, client: BackendClient, tmp_path: Path
) -> None:
    package = tmp_path / "plugin_v2.zip"
    package.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 8192)
    result = cli(
        "release",
        "create",
        "--plugin",
        "123",
        "--version",
        "2.0.0",
        "--file",
        str(package),
        "--stable",
        "--json",
    )
    assert result.exit_code == 0, result.stderr
    release = json.loads(result.stdout)
    assert release == client.get_plugin_release(release["id"])
    assert (release["size"], release["is_stable"], release["version"]) == (
        package.stat().st_size,
        True,
        "2.0.0",
    )
    # Not a terminal: a line per quarter, no bar, no escape codes.
    assert "uploaded 100%" in result.stderr and no_ansi(result.stderr)
    quiet = cli("release", "create", "--plugin", "123", "--version", "2.0.1", "--file", str(package), "-q")
    assert (
        quiet.exit_code == 0
        and quiet.stderr == ""
        and client.get_plugin_release(int(quiet.stdout))["version"] == "2.0.1"
    )


def test_release_get_with_the_plugin_expanded(cli: Cli, client: BackendClient) -> None:
    result = cli("release", "get", "456", "--expand", "plugin", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == client.get_plugin_release(456, {"expand": "plugin"})
    assert json.loads(result.stdout)["plugin"]["id"] == 123
    table = cli("release", "get", "456")
    assert table.exit_code == 0 and "456" in table.stdout


def test_release_create_of_a_missing_file_sends_nothing(cli: Cli, listener: object, tmp_path: Path) -> None:
    from .conftest import Listener

    assert isinstance(listener, Listener)
    cli.url = listener.url
    result = cli(
        "release", "create", "--plugin", "123", "--version", "1", "--file", str(tmp_path / "nope.zip")
    )
    assert result.exit_code == 2
    assert "nope.zip" in one_error_line(result) and "no such file" in result.stderr
    assert listener.connections() == 0


# -- jobs ------------------------------------------------------------------------------------


def test_job_get_and_expand(cli: Cli, client: BackendClient) -> None:
    result = cli("job", "get", "789", "--expand", "logs,metrics", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == client.get_job(789, {"expand": "logs,metrics"})
    uuid = "3f2b8c1e-9a4d-4e6b-8c2f-1d5e7a9b0c3d"
    by_uuid = cli("job", "get", uuid, "--json")
    assert by_uuid.exit_code == 0 and json.loads(by_uuid.stdout)["id"] == uuid


def test_job_list_filters_pages_and_quiet(cli: Cli, client: BackendClient) -> None:
    # Seeded job 790 completes on its own: the CLI's list lies between the client's before and after.
    before = {j["id"] for j in client.list_jobs({"status": "completed"})[0]}
    completed = cli("job", "list", "--status", "completed", "--json")
    assert completed.exit_code == 0
    jobs = json.loads(completed.stdout)
    after = {j["id"]: j for j in client.list_jobs({"status": "completed"})[0]}
    assert before <= {j["id"] for j in jobs} <= set(after)
    assert all(job == after[job["id"]] for job in jobs) and {j["status"] for j in jobs} == {"completed"}

    first = cli("job", "list", "--page-size", "2")
    assert first.exit_code == 0 and "2 of" in first.stderr and "--all" in first.stderr
    every = cli("job", "list", "--all", "--page-size", "2", "--quiet")
    assert every.exit_code == 0
    assert every.stdout.split() == [str(job["id"]) for job in client.iter_jobs()]


def test_job_update(cli: Cli, client: BackendClient) -> None:
    pk = client.run_plugin(123, {"parameters": {}})["job_id"]
    result = cli("job", "update", str(pk), "--progress", "55", "--metadata", '{"step": "x"}', "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["progress"] == 55
    assert client.get_job(pk)["metadata"] == {"step": "x"}
    nothing = cli("job", "update", str(pk))
    assert nothing.exit_code == 2 and "nothing to update" in one_error_line(nothing)
    out_of_range = cli("job", "update", str(pk), "--progress", "101")
    assert out_of_range.exit_code == 2


def test_job_logs(cli: Cli, client: BackendClient) -> None:
    entries = client.list_job_console_logs(789)
    result = cli("job", "logs", "789")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [f"{e['timestamp']} {e['level']} {e['message']}" for e in entries]
    as_json = cli("job", "logs", "789", "--json", "--since", "1")
    assert json.loads(as_json.stdout) == entries[1:]


# -- storages and agents ---------------------------------------------------------------------


def test_storage_list_get_create(cli: Cli, client: BackendClient, tmp_path: Path) -> None:
    listed = cli("storage", "list", "--json")
    assert listed.exit_code == 0 and json.loads(listed.stdout) == client.list_storages()
    got = cli("storage", "get", "123", "--json")
    assert json.loads(got.stdout) == client.get_storage(123)
    body = tmp_path / "storage.json"
    body.write_text(json.dumps({"configuration": {"bucket_name": "b", "region": "us-west-2"}}))
    created = cli(
        "storage", "create", "--name", "CLI S3", "--provider", "amazon_s3", "--data", f"@{body}", "-q"
    )
    assert created.exit_code == 0, created.stderr
    storage = client.get_storage(int(created.stdout))
    assert (storage["name"], storage["provider"], storage["configuration"]["bucket_name"]) == (
        "CLI S3",
        "amazon_s3",
        "b",
    )
    missing = cli("storage", "create", "--name", "no provider")
    assert missing.exit_code == 2 and "provider" in one_error_line(missing)
    table = cli("storage", "list")
    assert "CLI S3" in table.stdout


def test_agent_health_needs_no_access_token(cli: Cli, client: BackendClient) -> None:
    cli.token = None
    result = cli("agent", "health", "agent-token-123", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["status"] == client.health_check_agent("agent-token-123")["status"]
    from_stdin = cli("agent", "health", "-", input="my-agent-token\n")
    assert from_stdin.exit_code == 0 and "healthy" in from_stdin.stdout
    unknown = cli("agent", "health", "not-an-agent")
    assert unknown.exit_code == 3
    assert "not-an-agent" not in one_error_line(unknown)  # the token is redacted from the URL


# -- errors and exit codes -------------------------------------------------------------------


def test_not_found_is_exit_3(cli: Cli) -> None:
    for args in (["plugin", "get", "99999"], ["job", "get", "99999"], ["storage", "get", "99999"]):
        result = cli(*args)
        assert result.exit_code == 3, args
        assert "Not found" in one_error_line(result) and result.stdout == ""


def test_rejected_and_read_only_tokens_are_exit_4(cli: Cli) -> None:
    cli.token = "wrong-token-0123456789"
    rejected = cli("plugin", "get", "123")
    assert rejected.exit_code == 4 and "wrong-token" not in rejected.stderr
    one_error_line(rejected)
    cli.token = READER
    assert cli("plugin", "get", "123").exit_code == 0
    forbidden = cli("plugin", "update", "123", "--version", "9")
    assert forbidden.exit_code == 4 and "403" in one_error_line(forbidden)


def test_server_side_validation_is_exit_2_and_names_the_field(cli: Cli) -> None:
    result = cli("plugin", "create", "--description", "no name")
    assert result.exit_code == 2
    assert "name" in one_error_line(result)


def test_unreachable_server_is_exit_5(bare_cli: Cli, listener: object) -> None:
    from .conftest import Listener

    assert isinstance(listener, Listener)
    closed = listener.url
    listener.sock.close()  # nothing listens there now
    result = bare_cli("--base-url", closed, "--token", "t-0123456789", "plugin", "get", "123")
    assert result.exit_code == 5
    one_error_line(result)


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        (["plugin", "get", "123"], {"SYNAPSE_ACCESS_TOKEN": None}, "no access token"),
        (["plugin", "get", "123"], {"SYNAPSE_BASE_URL": None}, "no server"),
        (["plugin", "create", "--data", "{bad"], {}, "--data is not valid JSON"),
        (["plugin", "create", "--data", "[1, 2]"], {}, "must be a JSON object"),
        (["plugin", "create", "--data", "@/does/not/exist.json"], {}, "cannot read --data file"),
        (
            ["plugin", "create", "--name", "x", "--configuration", "nope"],
            {},
            "--configuration is not valid JSON",
        ),
        (["plugin", "run", "123", "--param", "novalue"], {}, "expected KEY=VALUE"),
        (["--profile", "nowhere", "plugin", "get", "123"], {}, "unknown profile 'nowhere'"),
        (["job", "list"], {"SYNAPSE_PROFILE": "nowhere"}, "unknown profile 'nowhere'"),
        (["--base-url", "ftp://x/", "plugin", "get", "1"], {}, "base_url must be an http(s) URL"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_no_request(
    cli: Cli, listener: object, args: list[str], env: dict[str, str | None], message: str
) -> None:
    from .conftest import Listener

    assert isinstance(listener, Listener)
    cli.url = listener.url
    result = cli(*args, env=env)
    assert result.exit_code == 2, result.stderr
    assert message in one_error_line(result)
    assert listener.connections() == 0


def test_unreadable_data_file(cli: Cli, listener: object, tmp_path: Path) -> None:
    from .conftest import Listener

    assert isinstance(listener, Listener)
    cli.url = listener.url
    folder = tmp_path / "a-folder.json"
    folder.mkdir()
    result = cli("plugin", "create", "--data", f"@{folder}")
    assert result.exit_code == 2 and "cannot read --data file" in one_error_line(result)
    assert listener.connections() == 0


def test_usage_errors_are_exit_2(cli: Cli) -> None:
    assert cli("plugin", "get", "not-a-number").exit_code == 2
    assert cli("plugin", "get").exit_code == 2
    assert cli("no-such-noun").exit_code == 2


def test_no_answer_in_time_is_exit_6(cli: Cli, listener: object) -> None:
    from .conftest import Listener

    assert isinstance(listener, Listener)
    cli.url = listener.url  # connects (the backlog takes it), never answers
    # A POST: the client never retries it after a read timeout (it may have been processed).
    result = cli("--request-timeout", "0.3", "plugin", "create", "--name", "x")
    assert result.exit_code == 6
    line = one_error_line(result)
    assert "timed out" in line and "synapse --request-timeout SECONDS" in line


def test_unknown_fields_are_refused_unless_passed_in_extra(
    cli: Cli, client: BackendClient, listener: object
) -> None:
    from .conftest import Listener

    assert isinstance(listener, Listener)
    real_url = cli.url
    cli.url = listener.url
    refused = cli("plugin", "create", "--name", "x", "--data", '{"colour": "red"}')
    assert refused.exit_code == 2
    line = one_error_line(refused)
    assert "colour" in line and "--extra '{...}'" in line and "extra_body" not in line
    assert listener.connections() == 0
    cli.url = real_url
    sent = cli("plugin", "create", "--name", "x", "--extra", '{"colour": "red"}', "--json")
    assert sent.exit_code == 0, sent.stderr
    assert json.loads(sent.stdout)["name"] == "x"
