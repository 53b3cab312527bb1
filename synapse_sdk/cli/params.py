"""Options shared by many commands, declared once (a list command's filters, `--page` and
`--page-size` included, come from the document: see `listing`)."""

from __future__ import annotations

from typing import Annotated

import typer

from .inputs import DATA_HELP
from .output import Kind

Json = Annotated[bool, typer.Option("--json", help="The same as -o json.")]
Output = Annotated[
    Kind | None,
    typer.Option(
        "--output",
        "-o",
        metavar="table|json|yaml",
        case_sensitive=False,
        help="table for people (the default), json (the server's JSON unchanged) or yaml, for scripts.",
    ),
]
Fields = Annotated[
    str | None,
    typer.Option(
        "--fields",
        metavar="NAME,...",
        help="Only these fields, comma-separated, in this order (plugin.name reaches into an object).",
    ),
]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="Print only the id (one per line for lists).")]
Data = Annotated[str | None, typer.Option("--data", "-d", metavar="JSON|@FILE|-", help=DATA_HELP)]
Extra = Annotated[
    str | None,
    typer.Option(
        "--extra",
        metavar="JSON",
        help="Fields this client does not know (a newer backend's), a JSON object sent as it is.",
    ),
]
All = Annotated[bool, typer.Option("--all", help="Every item, page after page (ignores --page).")]
