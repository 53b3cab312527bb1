"""The list commands, made from the document: each query parameter of a list operation is a
flag of its command (`status` of `list_jobs` is `synapse job list --status`), so a filter
added to `openapi/openapi.yaml` appears by itself after `make client`.

The document is the copy bundled with the package (`synapse_sdk/devserver/openapi.json`, written
by `make client`); it is read as a file, so the `devserver` extra is not needed.

- An integer parameter takes whole numbers within the document's bounds, a `date-time` an
  ISO 8601 time (without an offset: local time): anything else is a usage error, nothing sent.
- A parameter whose schema is an open enum (`OpenJobStatus`: a known value or any string) takes
  any value; one the document does not list is a warning on stderr and is sent as given, so the
  server decides. A value the server refuses is the server's error (exit 2 for a 400).
- `--page`, `--page-size` and `--all` where the operation pages (`--all` walks every page,
  lazily); where the client already returns every item (agents, storages) only `--page-size`.
"""

from __future__ import annotations

import datetime
import functools
import inspect
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import typer

from synapse_sdk.clients.backend import BackendClient

from . import factory, output
from .errors import handled
from .params import All, Fields, Json, Output, Quiet

DOCUMENT = Path(__file__).resolve().parents[1] / "devserver" / "openapi.json"
PAGING = ("page", "page_size")


@functools.cache
def document() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(DOCUMENT.read_text(encoding="utf-8"))
    return loaded


def _resolve(node: Mapping[str, Any]) -> Mapping[str, Any]:
    """Follow a local `$ref` (`#/components/...`) to what it names."""
    while "$ref" in node:
        target: Any = document()
        for part in str(node["$ref"]).removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


@dataclass(frozen=True)
class Filter:
    """One query parameter of a list operation, as its flag."""

    name: str  # on the wire
    help: str
    kind: type  # int, str, or datetime.datetime (sent as ISO 8601 text)
    minimum: int | None = None
    maximum: int | None = None
    known: tuple[str, ...] = ()  # an open enum's documented values

    @property
    def flag(self) -> str:
        return "--" + self.name.replace("_", "-")


def _known_values(schema: Mapping[str, Any]) -> tuple[str, ...]:
    """The documented values of an open enum (`anyOf: [enum, string]`), else none."""
    values: list[str] = []
    for option in schema.get("anyOf", ()):
        values += [str(v) for v in _resolve(option).get("enum", ())]
    return tuple(dict.fromkeys(values))


def filters(operation_id: str) -> list[Filter]:
    """The query parameters of an operation, in the document's order."""
    for path_item in document()["paths"].values():
        for operation in path_item.values():
            if isinstance(operation, dict) and operation.get("operationId") == operation_id:
                break
        else:
            continue
        break
    else:
        raise LookupError(f"operation {operation_id!r} is not in {DOCUMENT}")
    found = []
    for parameter in map(_resolve, operation.get("parameters", ())):
        if parameter.get("in") != "query":
            continue
        schema = _resolve(parameter.get("schema", {}))
        kind: type = str
        if schema.get("type") == "integer":
            kind = int
        elif schema.get("format") == "date-time":
            kind = datetime.datetime
        description = " ".join(str(parameter.get("description", "")).replace("`", "").split())
        found.append(
            Filter(
                name=str(parameter["name"]),
                help=description,
                kind=kind,
                minimum=schema.get("minimum"),
                maximum=schema.get("maximum"),
                known=_known_values(schema),
            )
        )
    return found


def _instant(value: str | None) -> str | None:
    """A `date-time` flag: ISO 8601; without an offset it is this machine's local time, as the
    Python client takes a naive datetime (sent with the local offset)."""
    if value is None:
        return None
    try:
        parsed = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise typer.BadParameter(
            f"{value!r} is not an ISO 8601 time such as 2024-01-15T10:00:00+00:00 or 2024-01-15"
        ) from None
    return parsed.isoformat() if parsed.tzinfo is not None else parsed.astimezone().isoformat()


def _option(spec: Filter) -> Any:
    """`Annotated[...]` for one filter's flag."""
    help_text = spec.help
    if spec.known:
        help_text += f" Known: {', '.join(spec.known)}."
    if spec.kind is int:
        return Annotated[
            int | None,
            typer.Option(spec.flag, metavar="N", min=spec.minimum, max=spec.maximum, help=help_text),
        ]
    if spec.kind is datetime.datetime:
        return Annotated[
            str | None,
            typer.Option(spec.flag, metavar="ISO8601", callback=_instant, help=help_text),
        ]
    return Annotated[str | None, typer.Option(spec.flag, metavar=spec.name.upper(), help=help_text)]


@dataclass(frozen=True)
class ListSpec:
    """What one list command calls, and how it shows the items."""

    operation_id: str
    columns: tuple[str, ...]
    # (client, params) -> (a page of items, the total), for paged operations
    page: Callable[[BackendClient, dict[str, Any] | None], tuple[list[Any], int]] | None
    # (client, params) -> every item (lazily, across pages)
    every: Callable[[BackendClient, dict[str, Any] | None], Iterable[Any]]


def run(ctx: typer.Context, spec: ListSpec, given: Mapping[str, Any]) -> None:
    """The body of every list command."""
    with handled():
        fmt = output.Format.from_options(given["output"], given["as_json"], given["fields"], given["quiet"])
        wire = {item.name: item for item in filters(spec.operation_id)}
        params = {key: value for key, value in given.items() if key in wire and value is not None}
        every = given.get("every", False) or spec.page is None
        if every:
            params.pop("page", None)
        for name, value in params.items():
            known = wire[name].known
            if known and value not in known:
                output.warn(
                    f"{wire[name].flag} {value!r} is not a {name} the document lists ({', '.join(known)}); "
                    "asking the server anyway"
                )
        with factory.client(ctx) as client:
            total: int | None = None
            if every:
                items = list(spec.every(client, params or None))
            else:
                assert spec.page is not None
                items, total = spec.page(client, params or None)
        output.show_list(items, spec.columns, fmt, total=total)


def command(app: typer.Typer, spec: ListSpec, *, help: str, epilog: str) -> None:
    """Add `list` to a noun's app: the document's filters as flags, then the output options."""
    parameters = [inspect.Parameter("ctx", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=typer.Context)]
    for item in filters(spec.operation_id):
        if item.name == "page" and spec.page is None:
            continue
        parameters.append(
            inspect.Parameter(
                item.name, inspect.Parameter.KEYWORD_ONLY, annotation=_option(item), default=None
            )
        )
    shared: dict[str, Any] = {"output": Output, "as_json": Json, "fields": Fields, "quiet": Quiet}
    if spec.page is not None:
        shared = {"every": All, **shared}
    clash = {p.name for p in parameters[1:]} & {*shared, "ctx"}
    if clash:  # a new filter named like an output option: rename one here, loudly, not silently
        raise RuntimeError(
            f"{spec.operation_id}: filter(s) {sorted(clash)} clash with the list command's own options"
        )
    for name, annotation in shared.items():
        default = False if name in ("every", "as_json", "quiet") else None
        parameters.append(
            inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, annotation=annotation, default=default)
        )

    def list_command(ctx: typer.Context, **given: Any) -> None:
        run(ctx, spec, given)

    list_command.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    list_command.__annotations__ = {p.name: p.annotation for p in parameters}
    list_command.__doc__ = help
    app.command("list", epilog=epilog)(list_command)
