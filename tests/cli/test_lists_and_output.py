"""The list commands made from the document, `-o/--output`, `--fields`, and one-line usage
errors: real HTTP against the local backend (and a socket that proves nothing was sent)."""

from __future__ import annotations

import json
import re
import uuid
from datetime import datetime, timedelta

import pytest
import typer.main
import yaml

from synapse_sdk.cli import listing
from synapse_sdk.cli.app import app
from synapse_sdk.clients import types
from synapse_sdk.clients.backend import BackendClient

from .conftest import Cli, Listener, one_error_line

LISTS = {
    ("plugin", "list"): "list_plugins",
    ("release", "list"): "list_plugin_releases",
    ("job", "list"): "list_jobs",
    ("storage", "list"): "list_storages",
    ("agent", "list"): "list_agents",
}


@pytest.mark.parametrize("path", LISTS, ids=" ".join)
def test_every_filter_of_the_document_is_a_flag(bare_cli: Cli, path: tuple[str, str]) -> None:
    operation = LISTS[path]
    documented = {f.name for f in listing.filters(operation)}
    # The same parameters as the generated TypedDict of the operation: one source, both agree.
    typed = getattr(types, "".join(part.title() for part in operation.split("_")) + "Params")
    assert documented == set(typed.__annotations__)
    help_text = bare_cli(*path, "--help").stdout
    for name in documented - {"page"}:
        assert "--" + name.replace("_", "-") in help_text, name
    for flag in ("--output", "--fields", "--json", "--quiet", "--verbose"):
        assert flag in help_text


def test_plugin_list_filters_reach_the_server(cli: Cli, client: BackendClient) -> None:
    tag = uuid.uuid4().hex[:10]
    made = [
        client.create_plugin({"name": f"filter-{tag}-{n}", "category": f"cat-{tag}"})["id"] for n in range(3)
    ]
    searched = cli("plugin", "list", "--search", f"filter-{tag}", "--ordering", "-id", "-o", "json")
    assert searched.exit_code == 0, searched.stderr
    assert [p["id"] for p in json.loads(searched.stdout)] == sorted(made, reverse=True)
    by_category = cli("plugin", "list", "--category", f"cat-{tag}", "--ordering", "id", "-q")
    assert by_category.stdout.split() == [str(pk) for pk in sorted(made)]


def test_job_list_search_ordering_and_all(cli: Cli, client: BackendClient) -> None:
    ascending = cli("job", "list", "--ordering", "created", "--all", "--page-size", "2", "-o", "json")
    assert ascending.exit_code == 0, ascending.stderr
    jobs = json.loads(ascending.stdout)
    # The same jobs in the same order as the client's walk; ids and creation times only, since the
    # seeded jobs 790 and 791 make progress between the two reads.
    walked = list(client.iter_jobs({"ordering": "created", "page_size": 2}))
    assert [(j["id"], j["created"]) for j in jobs] == [(j["id"], j["created"]) for j in walked]
    assert [j["created"] for j in jobs] == sorted(j["created"] for j in jobs)
    assert len(jobs) > 2  # --all walked more than one page of 2


def test_created_after_takes_iso_8601_and_a_local_time(cli: Cli, client: BackendClient) -> None:
    jobs = list(client.iter_jobs())
    created = {j["id"]: datetime.fromisoformat(j["created"].replace("Z", "+00:00")) for j in jobs}
    # A second past the middle job (the seeded jobs are hours apart): no tie at the boundary.
    threshold = sorted(created.values())[len(jobs) // 2] + timedelta(seconds=1)
    after = cli("job", "list", "--created-after", threshold.isoformat(), "--all", "-o", "json")
    assert after.exit_code == 0, after.stderr
    expected = {pk for pk, when in created.items() if when > threshold}
    assert expected and {j["id"] for j in json.loads(after.stdout)} == expected
    local = cli("job", "list", "--created-after", "2000-01-01", "--all", "-q")  # local midnight
    assert local.exit_code == 0 and len(local.stdout.split()) == len(jobs)


def test_an_unknown_value_of_an_open_enum_is_a_warning_and_goes_to_the_server(cli: Cli) -> None:
    result = cli("job", "list", "--status", "ARCHIVING", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == []
    warning = [line for line in result.stderr.splitlines() if line.startswith("warning: ")]
    assert warning and "--status 'ARCHIVING'" in warning[0] and "SUCCEEDED" in warning[0]
    known = cli("job", "list", "--status", "completed", "-o", "json")
    assert "warning" not in known.stderr and {j["status"] for j in json.loads(known.stdout)} == {"completed"}


def test_a_value_the_server_refuses_is_the_servers_error(cli: Cli) -> None:
    result = cli("job", "list", "--page", "999")
    assert result.exit_code == 3, result.stderr  # the server's 404 for a page past the end
    assert "999" in one_error_line(result) or "page" in one_error_line(result).lower()


def test_output_yaml_json_and_fields(cli: Cli, client: BackendClient) -> None:
    as_yaml = cli("plugin", "get", "123", "-o", "yaml")
    assert as_yaml.exit_code == 0, as_yaml.stderr
    assert yaml.safe_load(as_yaml.stdout) == client.get_plugin(123)
    assert json.loads(cli("plugin", "get", "123", "--json").stdout) == client.get_plugin(123)
    picked = cli("job", "list", "--fields", "id,status", "-o", "json")
    assert all(list(job) == ["id", "status"] for job in json.loads(picked.stdout))
    table = cli("job", "list", "--fields", "status,id")
    assert table.stdout.splitlines()[0].split() == ["STATUS", "ID"]
    nested = cli("release", "get", "456", "--expand", "plugin", "--fields", "id,plugin.name", "-o", "json")
    assert json.loads(nested.stdout) == {"id": 456, "plugin.name": client.get_plugin(123)["name"]}
    missing = cli("plugin", "get", "123", "--fields", "id,colour")
    assert missing.exit_code == 0 and "warning: no item has the field(s) colour" in missing.stderr


BAD = [
    (("plugin", "get", "abc"), "'abc' is not a whole number"),
    (("plugin", "get"), "missing PLUGIN"),
    (("job", "list", "--page", "0"), "--page: 0 is too small: at least 1"),
    (("job", "list", "--bogus"), "unknown option --bogus"),
    (("job", "list", "--status"), "--status needs a value"),
    (("job", "list", "-o", "xml"), "-o"),
    (("job", "list", "--json", "-o", "yaml"), "--json and -o yaml disagree"),
    (("job", "list", "--quiet", "--fields", "id"), "--quiet prints only ids"),
    (("job", "list", "--created-after", "yesterday"), "not an ISO 8601 time"),
    (("job", "list", "--fields", ","), "--fields is empty"),
    (("no-such-noun",), "no such command 'no-such-noun'"),
    (("plugin", "run", "123", "--param", "novalue"), "expected KEY=VALUE"),
]


@pytest.mark.parametrize(("args", "words"), BAD, ids=lambda a: " ".join(a) if isinstance(a, tuple) else "")
def test_usage_errors_are_one_line_exit_2_and_send_nothing(
    cli: Cli, listener: Listener, args: tuple[str, ...], words: str
) -> None:
    cli.url = listener.url
    result = cli(*args)
    assert result.exit_code == 2, result.stderr
    line = one_error_line(result)
    assert words in line, line
    for foreign in ("Input should be", "Invalid value for", "Usage:", "Try '"):
        assert foreign not in result.stderr
    assert listener.connections() == 0


def _help_paths(command: object, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    paths = [prefix]
    for name, sub in getattr(command, "commands", {}).items():
        paths += _help_paths(sub, (*prefix, name))
    return paths


def test_help_shows_flags_as_typed(bare_cli: Cli) -> None:
    for path in _help_paths(typer.main.get_command(app)):
        if path == ("devserver",):
            continue  # argparse's own help
        text = bare_cli(*path, "--help").stdout
        for line in text.splitlines():
            if "--" in line:  # an option's row: its value named (--page PAGE), flags bare
                assert not re.search(r"<(bool|str|int|float|int range|float range|text)>", line), (path, line)


def test_short_options_mean_one_thing_everywhere() -> None:
    meanings: dict[str, set[str]] = {}
    for path in _help_paths(typer.main.get_command(app)):
        command = typer.main.get_command(app)
        for name in path:
            command = command.commands[name]  # type: ignore[attr-defined]
        for param in command.params:
            longs = [o for o in param.opts if o.startswith("--")]
            for short in (o for o in param.opts if not o.startswith("--")):
                meanings.setdefault(short, set()).update(longs[:1])
    assert {short: names for short, names in meanings.items() if len(names) > 1} == {}
    assert meanings["-f"] == {"--follow"} and meanings["-t"] == {"--token"}


def test_timeout_means_one_thing(bare_cli: Cli) -> None:
    # --timeout is a wait's whole limit wherever it appears; the per-request bound has its own name.
    for path in (("job", "wait"), ("plugin", "run")):
        assert "--timeout" in bare_cli(*path, "--help").stdout
    root = {name for param in typer.main.get_command(app).params for name in param.opts}
    assert "--request-timeout" in root and "--timeout" not in root


def test_a_noun_alone_prints_its_help_not_an_error(bare_cli: Cli) -> None:
    result = bare_cli("plugin")
    assert result.exit_code == 2
    assert "get" in result.stdout and "run" in result.stdout
    assert "error:" not in result.stderr and "Traceback" not in result.stderr


def test_a_connection_error_names_the_commands_option(bare_cli: Cli) -> None:
    from tests.support.faultserver import refused_url

    with refused_url() as url:
        result = bare_cli(
            "--base-url", url, "--token", "t-0123456789", "--request-timeout", "1", "plugin", "get", "1"
        )
    assert result.exit_code == 5
    line = one_error_line(result)
    assert "--base-url" in line and "base_url (" not in line, line
