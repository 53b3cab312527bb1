"""`synapse release ...`: get, list and create (upload) plugin releases."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from . import factory, listing, output
from .errors import CliError, handled, interrupting
from .inputs import body, json_option
from .output import Format, size
from .params import Data, Extra, Fields, Json, Output, Quiet
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
    output_kind: Output = None,
    pick: Fields = None,
) -> None:
    """Show a plugin release."""
    with handled():
        fmt = Format.from_options(output_kind, as_json, pick, False)
        with factory.client(ctx) as client:
            output.show(client.get_plugin_release(pk, {"expand": expand} if expand else None), fmt)


listing.command(
    app,
    listing.ListSpec(
        "list_plugin_releases",
        COLUMNS,
        page=lambda client, params: client.list_plugin_releases(params),
        every=lambda client, params: client.iter_plugin_releases(params),
    ),
    help="List plugin releases (one page unless --all).",
    epilog="Example: synapse release list --plugin 123 -o yaml",
)


def _upload_interrupted(bar: UploadProgress, plugin: object) -> str:
    """What Ctrl-C during `release create` left behind."""
    if bar.total is None or bar.sent < bar.total:
        sent = f"{size(bar.sent)} of {size(bar.total)}" if bar.total else size(bar.sent)
        return f"the upload was stopped at {sent}: no release was created"
    return (
        "the whole package was sent but no answer came: the server may have created the release; "
        f"check with `synapse release list{f' --plugin {plugin}' if plugin else ''}`"
    )


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
    file: Annotated[Path, typer.Option("--file", help="The package to upload (a zip).")],
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
    output_kind: Output = None,
    pick: Fields = None,
    quiet: Quiet = False,
) -> None:
    """Create a release by uploading its package, with a progress bar on a terminal.

    The package streams from disk in constant memory; Ctrl-C abandons the upload (exit 130).
    """
    with handled():
        fmt = Format.from_options(output_kind, as_json, pick, quiet)
        fields = body(data, plugin=plugin, version=version, changelog=changelog, is_stable=stable)
        _check_file(file)
        bar = UploadProgress(file.name, enabled=not (no_progress or quiet))
        with (
            factory.client(ctx) as client,
            bar,
            file.open("rb") as package,
            interrupting(lambda: _upload_interrupted(bar, fields.get("plugin"))),
        ):
            release = client.create_plugin_release(
                {**fields, "file": package}, progress=bar, extra_body=json_option(extra, "--extra")
            )
        output.show(release, fmt)
