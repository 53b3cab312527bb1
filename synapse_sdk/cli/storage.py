"""`synapse storage ...`: list, get and create storage configurations."""

from __future__ import annotations

from typing import Annotated

import typer

from . import factory, listing, output
from .errors import handled
from .inputs import body, json_option
from .output import Format
from .params import Data, Extra, Fields, Json, Output, Quiet

app = typer.Typer(help="Storages: list, get, create.", no_args_is_help=True)

COLUMNS = ("id", "name", "provider", "category", "created")


listing.command(
    app,
    listing.ListSpec(
        "list_storages",
        COLUMNS,
        page=None,
        every=lambda client, params: client.list_storages(params),
    ),
    help="List every storage configuration.",
    epilog="Example: synapse storage list --quiet",
)


@app.command("get", epilog="Example: synapse storage get 123 --json")
def get(
    ctx: typer.Context,
    pk: Annotated[int, typer.Argument(metavar="STORAGE", help="The storage's id.")],
    as_json: Json = False,
    output_kind: Output = None,
    pick: Fields = None,
) -> None:
    """Show a storage configuration."""
    with handled():
        fmt = Format.from_options(output_kind, as_json, pick, False)
        with factory.client(ctx) as client:
            output.show(client.get_storage(pk), fmt)


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
    output_kind: Output = None,
    pick: Fields = None,
    quiet: Quiet = False,
) -> None:
    """Create a storage configuration; name and provider are required.

    Credentials are better passed in a file (--data @storage.json) than on the command line,
    where other users of the machine can see them in the process list.
    """
    with handled():
        fmt = Format.from_options(output_kind, as_json, pick, quiet)
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
                fmt,
            )
