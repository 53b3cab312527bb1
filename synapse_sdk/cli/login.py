"""`synapse login` and `synapse logout`: the profiles of the configuration file (see `config`)."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from synapse_sdk.clients.backend import BackendClient

from . import config, factory, output, settings
from .errors import CliError, handled

LOGIN_EPILOG = (
    "Example: synapse login --base-url https://synapse.example.com/api/   (asks for the token)\n\n"
    'In scripts: echo "$TOKEN" | synapse login --base-url URL --token-stdin'
)


def env_setting(key: str) -> str | None:
    found = config.from_environment(key)
    return found[1] if found else None


def _profile_name(ctx: typer.Context, profile: str | None) -> str:
    return (
        profile or factory.options(ctx).profile or os.environ.get("SYNAPSE_PROFILE") or config.DEFAULT_PROFILE
    )


def login(
    ctx: typer.Context,
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url",
            "--host",
            metavar="URL",
            help="The backend's URL (--host: the production CLI's name).",
        ),
    ] = None,
    token: Annotated[
        str | None,
        typer.Option(
            "--token", "-t", metavar="TOKEN", help="The access token (visible to `ps`: prefer the prompt)."
        ),
    ] = None,
    token_stdin: Annotated[bool, typer.Option("--token-stdin", help="Read the token from stdin.")] = False,
    tenant: Annotated[
        str | None, typer.Option("--tenant", help="The tenant to send with each request.")
    ] = None,
    profile: Annotated[
        str | None, typer.Option("--profile", help="The profile to write (default: default).")
    ] = None,
    verify: Annotated[
        bool, typer.Option("--verify/--no-verify", help="Check the token with one request first.")
    ] = True,
    show: Annotated[
        bool,
        typer.Option(
            "--show", help="The same as `synapse config show`: the settings in effect, the token masked."
        ),
    ] = False,
) -> None:
    """Save a server and token as a profile (file mode 0600); the token is never printed back."""
    with handled():
        if show:
            settings.show_settings(ctx, profile)
            return
        name = _profile_name(ctx, profile)
        given = factory.options(ctx)
        profiles = config.read_profiles()
        stored = profiles.get(name, {})
        url = base_url or given.base_url or env_setting("base_url") or stored.get("base_url")
        if not url and sys.stdin.isatty():
            url = typer.prompt("Base URL").strip()
        if not url:
            raise CliError("no server: pass --base-url URL")
        secret = token or given.token
        if secret is None and token_stdin:
            secret = sys.stdin.readline().strip()
        if secret is None:
            secret = env_setting("access_token")
        if secret is None and sys.stdin.isatty():
            secret = typer.prompt("Access token", hide_input=True).strip()
        if not secret:
            raise CliError("no access token: run on a terminal to be asked, or pipe it with --token-stdin")
        # The profile's tenant belongs to its server: a login to another URL starts without it.
        same_server = config.same_url(url, stored.get("base_url"))
        team = (
            tenant or given.tenant or env_setting("tenant") or (stored.get("tenant") if same_server else None)
        )
        if verify:
            try:
                backend = BackendClient(url, access_token=secret, tenant=team, timeout=given.timeout)
            except ValueError as error:
                raise CliError(str(error)) from None
            with backend:
                backend.list_jobs({"page_size": 1})  # a failure here exits before anything is saved
        entry = {"base_url": url, "access_token": secret}
        if team:
            entry["tenant"] = team
        path = config.write_profiles({**profiles, name: entry})
        output.note(f"saved profile {name!r} for {url} in {path}")


def logout(
    ctx: typer.Context,
    profile: Annotated[
        str | None, typer.Option("--profile", help="The profile to remove (default: default).")
    ] = None,
) -> None:
    """Remove a profile (its token) from the configuration file."""
    with handled():
        name = _profile_name(ctx, profile)
        profiles = config.read_profiles()
        if name not in profiles:
            raise CliError(f"unknown profile {name!r} in {config.config_path()}")
        del profiles[name]
        config.write_profiles(profiles)
        output.note(f"removed profile {name!r}")
