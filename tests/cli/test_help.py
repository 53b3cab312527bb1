"""`--help` on every command, with an example; the exit codes documented at the root."""

from __future__ import annotations

from typing import Any

import pytest
import typer.main

from synapse_sdk.cli.app import app
from synapse_sdk.cli.errors import ExitCode

from .conftest import Cli


def _paths(command: Any, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    # typer vendors its own click: a group is whatever has sub-commands.
    paths = [prefix]
    if hasattr(command, "commands"):
        for name, sub in command.commands.items():
            paths += _paths(sub, (*prefix, name))
    return paths


ALL = _paths(typer.main.get_command(app))


def test_the_tree_is_the_documented_one() -> None:
    leaves = {" ".join(path) for path in ALL if path}
    assert leaves >= {
        "plugin get", "plugin list", "plugin create", "plugin update", "plugin run",
        "release get", "release list", "release create",
        "job get", "job list", "job update", "job wait", "job logs",
        "storage list", "storage get", "storage create",
        "agent health", "agent list",
        "devserver", "login", "logout",
    }  # fmt: skip


@pytest.mark.parametrize("path", ALL, ids=lambda path: " ".join(path) or "synapse")
def test_help_has_an_example(bare_cli: Cli, path: tuple[str, ...]) -> None:
    result = bare_cli(*path, "--help")
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert "Usage:" in text or "usage:" in text
    if path and path[0] in {"plugin", "release", "job", "storage", "agent", "config"} and len(path) == 1:
        return  # a noun's help lists its commands; each command has the example
    assert "Example:" in text


def test_root_help_documents_exit_codes_and_configuration(bare_cli: Cli) -> None:
    text = " ".join(bare_cli("--help").stdout.split())
    for code in ExitCode:
        assert f"{int(code)} " in text
    for name in ("SYNAPSE_BASE_URL", "SYNAPSE_ACCESS_TOKEN", "SYNAPSE_TENANT", "synapse login"):
        assert name in text


def test_devserver_help_is_the_devservers_own(bare_cli: Cli) -> None:
    result = bare_cli("devserver", "--help")
    assert result.exit_code == 0
    assert "--job-duration" in result.stdout and "Example: synapse devserver" in result.stdout
    bad = bare_cli("devserver", "--no-such-option")
    assert bad.exit_code == 2


def test_version(bare_cli: Cli) -> None:
    result = bare_cli("--version")
    assert result.exit_code == 0 and result.stdout.startswith("synapse ")
