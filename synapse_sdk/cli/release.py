"""`synapse release ...`: get, list and create (upload) plugin releases."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from . import factory, output
from .errors import CliError, handled
from .inputs import body, json_option
from .params import All, Data, Extra, Json, Page, PageSize, Quiet, page_params
from .progress import UploadProgress

app = typer.Typer(help="Plugin releases: get, list, create (upload a package).", no_args_is_help=True)

COLUMNS = ("id", "plugin", "version", "is_stable", "size", "created")


@app.command("get", epilog="Example: synapse release get 456 --expand plugin")
def get(
    ctx: typer.Context,
    pk: Annotated[int, typer.Argument(metavar="RELEASE", help="The release's id.")],
    expand: Annotated[
        str | None, typer.Option("--expand", metavar="plugin", help="'plugin' includes the whole plugin.")
    ] = None,
    as_json: Json = False,
) -> None:
    """Show a plugin release."""
    with handled(), factory.client(ctx) as client:
        output.show(client.get_plugin_release(pk, {"expand": expand} if expand else None), as_json=as_json)


@app.command("list", epilog="Example: synapse release list --plugin 123")
def list_(
    ctx: typer.Context,
    plugin: Annotated[int | None, typer.Option("--plugin", help="Only releases of this plugin.")] = None,
    page: Page = None,
    page_size: PageSize = None,
    every: All = False,
    as_json: Json = False,
    quiet: Quiet = False,
) -> None:
    """List plugin releases (one page unless --all)."""
    params: dict[str, int] = page_params(page, page_size, every)
    if plugin is not None:
        params["plugin"] = plugin
    with handled(), factory.client(ctx) as client:
        total: int | None
        if every:
            items, total = list(client.iter_plugin_releases(params or None)), None
        else:
            items, total = client.list_plugin_releases(params or None)
        output.show_list(list(items), COLUMNS, as_json=as_json, quiet=quiet, total=total)


def _check_file(path: Path) -> None:
    """Refuse a missing or unreadable package before any request."""
    if not path.exists():
        raise CliError(f"--file {str(path)!r}: no such file")
    if not path.is_file():
        raise CliError(f"--file {str(path)!r}: not a regular file")
    if not os.access(path, os.R_OK):
        raise CliError(f"--file {str(path)!r}: permission denied")


@app.command(
    "create",
    epilog="Example: synapse release create --plugin 123 --version 2.0.0 --file plugin_v2.zip --stable",
)
def create(
    ctx: typer.Context,
    file: Annotated[Path, typer.Option("--file", "-f", help="The package to upload (a zip).")],
    plugin: Annotated[int | None, typer.Option("--plugin", help="The plugin's id.")] = None,
    version: Annotated[str | None, typer.Option("--version", help="The release's version.")] = None,
    changelog: Annotated[str | None, typer.Option("--changelog", help="Release notes.")] = None,
    stable: Annotated[
        bool | None, typer.Option("--stable/--not-stable", help="Mark the release stable (or not).")
    ] = None,
    data: Data = None,
    extra: Extra = None,
    no_progress: Annotated[
        bool, typer.Option("--no-progress", help="Draw no progress bar or lines.")
    ] = False,
    as_json: Json = False,
    quiet: Quiet = False,
) -> None:
    """Create a release by uploading its package, with a progress bar on a terminal.

    The package streams from disk in constant memory; Ctrl-C abandons the upload (exit 130).
    """
    with handled():
        fields = body(data, plugin=plugin, version=version, changelog=changelog, is_stable=stable)
        _check_file(file)
        bar = UploadProgress(file.name, enabled=not (no_progress or quiet))
        with factory.client(ctx) as client, bar, file.open("rb") as package:
            release = client.create_plugin_release(
                {**fields, "file": package}, progress=bar, extra_body=json_option(extra, "--extra")
            )
        output.show(release, as_json=as_json, quiet=quiet)
