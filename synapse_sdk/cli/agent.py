"""`synapse agent ...`: check an agent's health, list agents."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from . import factory, output
from .errors import CliError, handled
from .params import Json, Quiet

app = typer.Typer(help="Agents: health, list.", no_args_is_help=True)

COLUMNS = ("id", "name", "status", "url", "last_seen")


@app.command("health", epilog="Example: synapse agent health agent-token-123")
def health(
    ctx: typer.Context,
    token: Annotated[
        str, typer.Argument(metavar="AGENT_TOKEN", help="The agent's token, or - to read it from stdin.")
    ],
    as_json: Json = False,
) -> None:
    """Check that an agent is healthy and connected (needs no access token)."""
    with handled():
        if token == "-":
            token = sys.stdin.readline().strip()
            if not token:
                raise CliError("no agent token on stdin")
        with factory.client(ctx, need_token=False) as client:
            output.show(client.health_check_agent(token), as_json=as_json)


@app.command("list", epilog="Example: synapse agent list --json")
def list_(ctx: typer.Context, as_json: Json = False, quiet: Quiet = False) -> None:
    """List every agent."""
    with handled(), factory.client(ctx) as client:
        output.show_list(list(client.list_agents()), COLUMNS, as_json=as_json, quiet=quiet)
