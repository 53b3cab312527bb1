"""Where `synapse` takes its settings from: flags, then environment, then the profile file that
`synapse login` writes (atomically, mode 0600, the token never printed back)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from synapse_sdk.cli import config
from synapse_sdk.cli.errors import CliError

from .conftest import TOKEN, Cli, one_error_line


def _profiles(config_home: Path) -> dict[str, dict[str, str]]:
    return tomllib.loads((config_home / "synapse" / "config.toml").read_text())["profiles"]


def test_login_saves_a_private_profile_that_later_commands_use(
    bare_cli: Cli, cli: Cli, isolated: Path
) -> None:
    assert cli.url is not None
    saved = bare_cli(
        "login", "--base-url", cli.url, "--token-stdin", "--tenant", "team-a", input=TOKEN + "\n"
    )
    assert saved.exit_code == 0, saved.stderr
    assert TOKEN not in saved.stdout + saved.stderr
    path = isolated / "synapse" / "config.toml"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert _profiles(isolated) == {
        "default": {"base_url": cli.url, "access_token": TOKEN, "tenant": "team-a"}
    }
    assert [p.name for p in path.parent.iterdir()] == ["config.toml"]  # no temporary left behind

    used = bare_cli("plugin", "get", "123", "--json")
    assert used.exit_code == 0, used.stderr

    shown = bare_cli("login", "--show")
    assert shown.exit_code == 0
    assert TOKEN not in shown.stdout + shown.stderr
    assert "****" + TOKEN[-4:] in shown.stdout and "profile default" in shown.stdout
    # The tenant is sent as a `Token` header, so once a client of this process has used it the
    # client's redaction (which everything the command prints passes) hides it; a fresh
    # `synapse config show`, as a person runs it, has built no client and shows it.
    fresh = subprocess.run(
        [sys.executable, "-m", "synapse_sdk.cli", "config", "show"],
        env={**os.environ, "XDG_CONFIG_HOME": str(isolated)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert fresh.returncode == 0, fresh.stderr
    assert "team-a" in fresh.stdout and "****" + TOKEN[-4:] in fresh.stdout and TOKEN not in fresh.stdout


def test_login_refuses_a_token_the_server_rejects_and_writes_nothing(
    bare_cli: Cli, cli: Cli, isolated: Path
) -> None:
    assert cli.url is not None
    result = bare_cli("login", "--base-url", cli.url, "--token-stdin", input="not-the-token-0123\n")
    assert result.exit_code == 4
    one_error_line(result)
    assert not (isolated / "synapse" / "config.toml").exists()


def test_login_without_a_token_off_a_terminal_is_exit_2(bare_cli: Cli, cli: Cli) -> None:
    assert cli.url is not None
    result = bare_cli("login", "--base-url", cli.url)
    assert result.exit_code == 2 and "--token-stdin" in one_error_line(result)


def test_profiles_flags_and_environment_in_order(
    bare_cli: Cli, cli: Cli, listener: object, isolated: Path
) -> None:
    from .conftest import Listener

    assert isinstance(listener, Listener) and cli.url is not None
    # A profile pointing at a server that never answers, another at the real one.
    config.write_profiles(
        {
            "default": {"base_url": listener.url, "access_token": "dead-token-0123456"},
            "dev": {"base_url": cli.url, "access_token": TOKEN},
        }
    )
    assert bare_cli("--profile", "dev", "plugin", "get", "123").exit_code == 0
    assert bare_cli("plugin", "get", "123", env={"SYNAPSE_PROFILE": "dev"}).exit_code == 0
    # The environment wins over the profile, flags over the environment.
    env_wins = bare_cli(
        "plugin", "get", "123", env={"SYNAPSE_BASE_URL": cli.url, "SYNAPSE_ACCESS_TOKEN": TOKEN}
    )
    assert env_wins.exit_code == 0
    flag_wins = bare_cli(
        "--base-url",
        cli.url,
        "--token",
        TOKEN,
        "plugin",
        "get",
        "123",
        env={"SYNAPSE_BASE_URL": listener.url},
    )
    assert flag_wins.exit_code == 0
    assert listener.connections() == 0


def test_a_profile_token_is_never_sent_to_another_server(bare_cli: Cli, cli: Cli, listener: object) -> None:
    from .conftest import Listener

    assert isinstance(listener, Listener) and cli.url is not None
    config.write_profiles({"default": {"base_url": cli.url, "access_token": TOKEN}})
    result = bare_cli("--base-url", listener.url, "plugin", "get", "123")
    assert result.exit_code == 2
    line = one_error_line(result)
    assert "no access token" in line and "holds a token for" in line and TOKEN not in line
    assert listener.connections() == 0


def test_logout_removes_the_profile(bare_cli: Cli, isolated: Path) -> None:
    config.write_profiles(
        {"default": {"base_url": "http://a/", "access_token": "x"}, "b": {"base_url": "http://b/"}}
    )
    assert bare_cli("logout").exit_code == 0
    assert set(_profiles(isolated)) == {"b"}
    again = bare_cli("logout")
    assert again.exit_code == 2 and "unknown profile" in one_error_line(again)


def test_the_file_survives_odd_values_and_is_private_whatever_the_umask(isolated: Path) -> None:
    odd = {"weird name": {"base_url": 'http://x/"\\\x7f\x01', "access_token": "토큰\ttab"}}
    previous = os.umask(0)
    try:
        path = config.write_profiles(odd)
    finally:
        os.umask(previous)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert config.read_profiles() == odd


def test_a_broken_file_is_one_clear_error(isolated: Path, bare_cli: Cli) -> None:
    path = isolated / "synapse" / "config.toml"
    path.parent.mkdir(parents=True)
    path.write_text("[profiles.default\nbase_url = 1")
    with pytest.raises(CliError, match="not valid TOML"):
        config.read_profiles()
    result = bare_cli("plugin", "get", "1")
    assert result.exit_code == 2 and str(path) in one_error_line(result)


def test_a_failed_write_leaves_the_old_file(isolated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config.write_profiles({"default": {"base_url": "http://old/"}})

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        config.write_profiles({"default": {"base_url": "http://new/"}})
    assert config.read_profiles() == {"default": {"base_url": "http://old/"}}
    assert [p.name for p in (isolated / "synapse").iterdir()] == ["config.toml"]


def test_mask_never_shows_more_than_four_characters() -> None:
    assert config.mask("abcdefghijklmnop") == "****mnop"
    assert config.mask("short") == "****"
