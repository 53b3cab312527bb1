"""`synapse config show` (the settings in effect and where each comes from) and `synapse whoami`
(the same, checked against the server with one request)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from . import config, factory, output
from .errors import handled

app = typer.Typer(help="The configuration: show what is in effect.", no_args_is_help=True)


def show_settings(ctx: typer.Context, profile: str | None = None) -> config.Settings:
    """The settings table on stdout (the token masked) and the files on stderr."""
    given = factory.options(ctx)
    settings = config.resolve(
        base_url=given.base_url,
        access_token=given.token,
        tenant=given.tenant,
        profile=profile or given.profile,
    )
    table = Table(box=None, pad_edge=False, header_style="bold")
    for column in ("SETTING", "VALUE", "FROM"):
        table.add_column(column)
    for key, value, source in config.as_table(settings):
        table.add_row(key, Text(str(value)), source)
    output.render(table)
    output.note(f"profile {settings.profile!r}; files {config.config_path()} and {config.production_path()}")
    return settings


@app.command("show", epilog="Example: synapse --profile staging config show")
def show(
    ctx: typer.Context,
    profile: Annotated[str | None, typer.Option("--profile", help="Show this profile instead.")] = None,
) -> None:
    """Show the server, token (masked) and tenant in effect, and where each comes from."""
    with handled():
        show_settings(ctx, profile)


def whoami(ctx: typer.Context) -> None:
    """Show who the command acts as, and check the token with one request."""
    with handled():
        settings = show_settings(ctx)
        with factory.client(ctx) as client:
            client.list_jobs({"page_size": 1})
        output.note(f"{settings.base_url} accepts the token")
