"""`synapse plugin ...`: get, list, create, update and run plugins."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from . import factory, job, listing, output
from .errors import handled
from .inputs import body, json_option, key_values, merged
from .output import Format
from .params import Data, Extra, Fields, Json, Output, Quiet

app = typer.Typer(help="Plugins: get, list, create, update, run.", no_args_is_help=True)

COLUMNS = ("id", "name", "version", "category", "author")

Name = Annotated[str | None, typer.Option("--name", help="The plugin's name.")]
Description = Annotated[str | None, typer.Option("--description", help="What the plugin does.")]
Version = Annotated[str | None, typer.Option("--version", help="The plugin's version.")]
Author = Annotated[str | None, typer.Option("--author", help="Who wrote the plugin.")]
Category = Annotated[str | None, typer.Option("--category", help="For example data_processing.")]
Configuration = Annotated[
    str | None, typer.Option("--configuration", metavar="JSON", help="The configuration, a JSON object.")
]


def _fields(
    data: str | None,
    name: str | None,
    description: str | None,
    version: str | None,
    author: str | None,
    category: str | None,
    configuration: str | None,
) -> dict[str, Any]:
    return body(
        data,
        name=name,
        description=description,
        version=version,
        author=author,
        category=category,
        configuration=json_option(configuration, "--configuration"),
    )


@app.command("get", epilog="Example: synapse plugin get 123 --json")
def get(
    ctx: typer.Context,
    pk: Annotated[int, typer.Argument(metavar="PLUGIN", help="The plugin's id.")],
    as_json: Json = False,
    output_kind: Output = None,
    pick: Fields = None,
) -> None:
    """Show a plugin, with its metadata and configuration."""
    with handled():
        fmt = Format.from_options(output_kind, as_json, pick, False)
        with factory.client(ctx) as client:
            output.show(client.get_plugin(pk), fmt)


listing.command(
    app,
    listing.ListSpec(
        "list_plugins",
        COLUMNS,
        page=lambda client, params: client.list_plugins(params),
        every=lambda client, params: client.iter_plugins(params),
    ),
    help="List plugins (one page unless --all), filtered as the document allows.",
    epilog="Example: synapse plugin list --search Custom --ordering -created --fields id,name",
)


@app.command(
    "create",
    epilog="Example: synapse plugin create --name 'My Plugin' --version 1.0.0 --configuration '{\"timeout\": 300}'",
)
def create(
    ctx: typer.Context,
    name: Name = None,
    description: Description = None,
    version: Version = None,
    author: Author = None,
    category: Category = None,
    configuration: Configuration = None,
    data: Data = None,
    extra: Extra = None,
    as_json: Json = False,
    output_kind: Output = None,
    pick: Fields = None,
    quiet: Quiet = False,
) -> None:
    """Create a plugin; a name is required (--name or in --data)."""
    with handled():
        fmt = Format.from_options(output_kind, as_json, pick, quiet)
        fields = _fields(data, name, description, version, author, category, configuration)
        with factory.client(ctx) as client:
            output.show(
                client.create_plugin(fields, extra_body=json_option(extra, "--extra")),
                fmt,
            )


@app.command("update", epilog="Example: synapse plugin update 123 --version 1.1.0")
def update(
    ctx: typer.Context,
    pk: Annotated[int, typer.Argument(metavar="PLUGIN", help="The plugin's id.")],
    name: Name = None,
    description: Description = None,
    version: Version = None,
    author: Author = None,
    category: Category = None,
    configuration: Configuration = None,
    data: Data = None,
    extra: Extra = None,
    as_json: Json = False,
    output_kind: Output = None,
    pick: Fields = None,
    quiet: Quiet = False,
) -> None:
    """Update a plugin; fields not given keep their value."""
    with handled():
        fmt = Format.from_options(output_kind, as_json, pick, quiet)
        fields = _fields(data, name, description, version, author, category, configuration)
        with factory.client(ctx) as client:
            output.show(
                client.update_plugin(pk, fields, extra_body=json_option(extra, "--extra")),
                fmt,
            )


@app.command(
    "run",
    epilog="Example: JOB=$(synapse plugin run 123 --param input_path=/data/input -q) && synapse job wait $JOB",
)
def run(
    ctx: typer.Context,
    pk: Annotated[int, typer.Argument(metavar="PLUGIN", help="The plugin's id.")],
    param: Annotated[
        list[str] | None,
        typer.Option(
            "--param", "-p", metavar="KEY=VALUE", help="A parameter (repeatable); JSON values are parsed."
        ),
    ] = None,
    parameters: Annotated[
        str | None, typer.Option("--parameters", metavar="JSON", help="All parameters as a JSON object.")
    ] = None,
    context: Annotated[
        str | None, typer.Option("--context", metavar="JSON", help="The execution context, a JSON object.")
    ] = None,
    data: Data = None,
    extra: Extra = None,
    wait: Annotated[
        bool, typer.Option("--wait", help="Wait for the job to end; exit as `synapse job wait` does.")
    ] = False,
    follow: Annotated[
        bool,
        typer.Option("--follow", "-f", help="Print the job's log lines until it ends, then exit as --wait."),
    ] = False,
    timeout: Annotated[
        float | None,
        typer.Option("--timeout", min=0, help="With --wait: give up after this many seconds (exit 6)."),
    ] = None,
    as_json: Json = False,
    output_kind: Output = None,
    pick: Fields = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only the new job's id.")] = False,
) -> None:
    """Run a plugin: starts a job and prints its id.

    With --wait or --follow it stays until the job ends: exit 0 if it succeeded, 7 if not.
    """
    with handled():
        fmt = Format.from_options(output_kind, as_json, pick, quiet)
        request = body(data, context=json_option(context, "--context"))
        request_parameters = merged(
            json_option(parameters, "--parameters") or request.get("parameters"), key_values(param, "--param")
        )
        if request_parameters is not None:
            request["parameters"] = request_parameters
        with factory.client(ctx) as client:
            started = client.run_plugin(pk, request, extra_body=json_option(extra, "--extra"))
            if not (wait or follow):
                output.show(started, fmt, id_key="job_id")
                return
            output.note(f"started job {started['job_id']}")
            if follow:
                job.print_logs(client, started["job_id"], follow=True, since=0, as_json=False)
            ended = job.wait(
                client, started["job_id"], timeout=timeout, interval=1.0, show_progress=not follow
            )
            job.finished(ended, fmt)
