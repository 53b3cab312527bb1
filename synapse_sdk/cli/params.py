"""Options shared by many commands, declared once."""

from __future__ import annotations

from typing import Annotated

import typer

from .inputs import DATA_HELP

Json = Annotated[bool, typer.Option("--json", help="Print the server's JSON unchanged, for scripts.")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="Print only the id (one per line for lists).")]
Data = Annotated[str | None, typer.Option("--data", "-d", metavar="JSON|@FILE|-", help=DATA_HELP)]
Page = Annotated[int | None, typer.Option("--page", min=1, help="Page number (default 1).")]
PageSize = Annotated[int | None, typer.Option("--page-size", min=1, help="Items per page.")]
Extra = Annotated[
    str | None,
    typer.Option(
        "--extra",
        metavar="JSON",
        help="Fields this client does not know (a newer backend's), a JSON object sent as it is.",
    ),
]
All = Annotated[bool, typer.Option("--all", help="Every item, page after page (ignores --page).")]


def page_params(page: int | None, page_size: int | None, every: bool) -> dict[str, int]:
    params: dict[str, int] = {}
    if page is not None and not every:
        params["page"] = page
    if page_size is not None:
        params["page_size"] = page_size
    return params
