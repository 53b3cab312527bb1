"""`synapse storage ...`: list, get and create storage configurations."""

from __future__ import annotations

from typing import Annotated

import typer

from . import factory, output
from .errors import handled
from .inputs import body, json_option
from .params import Data, Extra, Json, Quiet

app = typer.Typer(help="Storages: list, get, create.", no_args_is_help=True)

COLUMNS = ("id", "name", "provider", "category", "created")


@app.command("list", epilog="Example: synapse storage list --quiet")
def list_(ctx: typer.Context, as_json: Json = False, quiet: Quiet = False) -> None:
    """List every storage configuration."""
    with handled(), factory.client(ctx) as client:
        output.show_list(list(client.list_storages()), COLUMNS, as_json=as_json, quiet=quiet)


@app.command("get", epilog="Example: synapse storage get 123 --json")
def get(
    ctx: typer.Context,
    pk: Annotated[int, typer.Argument(metavar="STORAGE", help="The storage's id.")],
    as_json: Json = False,
) -> None:
    """Show a storage configuration."""
    with handled(), factory.client(ctx) as client:
        output.show(client.get_storage(pk), as_json=as_json)


@app.command(
    "create",
    epilog=(
        "Example: synapse storage create --name 'My S3' --provider amazon_s3 "
        '--configuration \'{"bucket_name": "my-bucket", "region": "us-west-2"}\''
    ),
)
def create(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Option("--name", help="The storage's name.")] = None,
    provider: Annotated[
        str | None,
        typer.Option("--provider", help="amazon_s3, azure, gcp, file_system, ftp, sftp, minio, ..."),
    ] = None,
    category: Annotated[str | None, typer.Option("--category", help="internal or external.")] = None,
    configuration: Annotated[
        str | None, typer.Option("--configuration", metavar="JSON", help="Provider settings, a JSON object.")
    ] = None,
    data: Data = None,
    extra: Extra = None,
    as_json: Json = False,
    quiet: Quiet = False,
) -> None:
    """Create a storage configuration; name and provider are required.

    Credentials are better passed in a file (--data @storage.json) than on the command line,
    where other users of the machine can see them in the process list.
    """
    with handled():
        fields = body(
            data,
            name=name,
            provider=provider,
            category=category,
            configuration=json_option(configuration, "--configuration"),
        )
        with factory.client(ctx) as client:
            output.show(
                client.create_storage(fields, extra_body=json_option(extra, "--extra")),
                as_json=as_json,
                quiet=quiet,
            )
