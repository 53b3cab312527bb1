"""`synapse agent ...`: check an agent's health, list agents."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from . import factory, listing, output
from .errors import CliError, handled
from .output import Format
from .params import Fields, Json, Output

app = typer.Typer(help="Agents: health, list.", no_args_is_help=True)

COLUMNS = ("id", "name", "status", "url", "last_seen")


@app.command("health", epilog="Example: synapse agent health agent-token-123")
def health(
    ctx: typer.Context,
    token: Annotated[
        str, typer.Argument(metavar="AGENT_TOKEN", help="The agent's token, or - to read it from stdin.")
    ],
    as_json: Json = False,
    output_kind: Output = None,
    pick: Fields = None,
) -> None:
    """Check that an agent is healthy and connected (needs no access token)."""
    with handled():
        fmt = Format.from_options(output_kind, as_json, pick, False)
        if token == "-":
            token = sys.stdin.readline().strip()
            if not token:
                raise CliError("no agent token on stdin")
        with factory.client(ctx, need_token=False) as client:
            output.show(client.health_check_agent(token), fmt)


listing.command(
    app,
    listing.ListSpec(
        "list_agents", COLUMNS, page=None, every=lambda client, params: client.list_agents(params)
    ),
    help="List every agent, filtered as the document allows.",
    epilog="Example: synapse agent list --status healthy -o json",
)
