"""How results are shown: a table for people, the server's JSON or YAML for scripts
(`-o json|yaml`, `--json` the shorthand), ids for `--quiet`, and `--fields` to pick fields.

Results go to stdout; progress, notes and errors to stderr, so `--json` output pipes cleanly.
Colour and bars only on a terminal: rich drops styles when a stream is not a tty, and we also
honour `NO_COLOR` (https://no-color.org) and `TERM=dumb`.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from synapse_sdk.clients.jobs import FAILURE_STATUSES, SUCCESS_STATUSES

from .errors import CliError


class Kind(StrEnum):
    """The values of `-o/--output`."""

    table = "table"
    json = "json"
    yaml = "yaml"


@dataclass(frozen=True)
class Format:
    """How one command prints its result: from `-o`, `--json`, `--fields` and `--quiet`."""

    kind: Kind = Kind.table
    fields: tuple[str, ...] = ()
    quiet: bool = False

    @classmethod
    def from_options(
        cls, output: Kind | None, as_json: bool, fields: str | None, quiet: bool = False
    ) -> Format:
        if as_json and output not in (None, Kind.json):
            raise CliError(f"--json and -o {output.value} disagree: give one of them")
        chosen = Kind.json if as_json else (output or Kind.table)
        picked = tuple(f.strip() for f in (fields or "").split(",") if f.strip())
        if fields is not None and not picked:
            raise CliError("--fields is empty: name the fields, as in --fields id,status")
        if quiet and (picked or output is not None or as_json):
            raise CliError("--quiet prints only ids: drop it, or drop -o/--json/--fields")
        return cls(chosen, picked, quiet)


# Piped tables are not cut to 80 columns: a script's log is wider than that.
PIPED_WIDTH = 200


def no_color() -> bool:
    return bool(os.environ.get("NO_COLOR")) or os.environ.get("TERM") == "dumb"


def is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def fancy(stream: TextIO | None = None) -> bool:
    """Whether to draw live bars on `stream` (stderr by default): a terminal without NO_COLOR."""
    return is_terminal(stream or sys.stderr) and not no_color()


def console(stream: TextIO | None = None) -> Console:
    """A rich console on `stream` (stdout by default), made per call: tests swap the streams."""
    stream = stream or sys.stdout
    terminal = is_terminal(stream)
    return Console(
        file=stream,
        no_color=no_color() or not terminal,
        highlight=False,
        width=None if terminal else int(os.environ.get("COLUMNS") or PIPED_WIDTH),
        force_terminal=terminal and not no_color(),
    )


def render(renderable: Any) -> None:
    """Print on stdout; piped output loses the padding rich adds to the table's width."""
    out = console()
    if out.is_terminal:
        out.print(renderable)
        return
    with out.capture() as captured:
        out.print(renderable)
    sys.stdout.write("".join(line.rstrip() + "\n" for line in captured.get().splitlines()))
    sys.stdout.flush()


def note(message: str) -> None:
    """A line for the person at the terminal (stderr), never part of the result."""
    print(message, file=sys.stderr, flush=True)


def emit_json(value: Any) -> None:
    """The server's JSON as the client returned it (json.loads once, unchanged)."""
    sys.stdout.write(json.dumps(value, indent=2, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def status_style(status: str) -> str:
    """A job status's colour: green when it succeeded, red when it failed or stopped, yellow
    while it is still going (the statuses are `synapse_sdk.clients.jobs`'s)."""
    if status in SUCCESS_STATUSES:
        return "green"
    if status in FAILURE_STATUSES:
        return "red"
    return "yellow"


# Console log levels in colour on a terminal (others stay plain).
LEVEL_STYLES = {
    "DEBUG": "dim",
    "INFO": "",
    "WARNING": "yellow",
    "WARN": "yellow",
    "ERROR": "red",
    "CRITICAL": "bold red",
}


def log_line(entry: Any) -> None:
    """One console log entry as `TIMESTAMP LEVEL MESSAGE`, the level coloured on a terminal;
    an entry that is a bare string (the production backend's) as it is."""
    if isinstance(entry, Mapping):
        level = str(entry.get("level", ""))
        line = Text(f"{entry.get('timestamp', '')} ")
        line.append(level, style=LEVEL_STYLES.get(level.upper(), ""))
        line.append(f" {entry.get('message', '')}")
    else:
        line = Text(str(entry))
    out = console()
    if out.is_terminal:
        out.print(line, soft_wrap=True)
    else:
        sys.stdout.write(line.plain + "\n")
        sys.stdout.flush()


def warn(message: str) -> None:
    """A `warning:` line on stderr: the command goes on."""
    print(f"warning: {message}", file=sys.stderr, flush=True)


def size(count: float) -> str:
    """Bytes in binary units (KiB, MiB, GiB), the one unit of every size the command prints."""
    for unit in ("B", "KiB", "MiB", "GiB"):
        if count < 1024 or unit == "GiB":
            return f"{count:.1f} {unit}" if unit != "B" else f"{int(count)} B"
        count /= 1024
    raise AssertionError("unreachable")


def cell(value: Any, key: str = "") -> Text:
    """One value as text: strings as they are, everything else as JSON (null, true, {...})."""
    if key == "size" and isinstance(value, int) and not isinstance(value, bool):
        return Text(size(value))  # a table is for people; -o json keeps the bytes
    if isinstance(value, str):
        # Text, not str: a name like "[bold]" is not rich markup.
        return Text(value, style=status_style(value) if key == "status" else "")
    return Text(json.dumps(value, ensure_ascii=False))


def emit_object(obj: Mapping[str, Any]) -> None:
    """One object as a two-column table of its fields, in the server's order."""
    table = Table(show_header=False, box=None, pad_edge=False)
    table.add_column("field", style="bold")
    table.add_column("value", overflow="fold")
    for key, value in obj.items():
        table.add_row(Text(str(key)), cell(value, str(key)))
    render(table)


def emit_table(items: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> int:
    """Items as rows of the given columns; a field an item lacks is left empty. Returns the count."""
    table = Table(box=None, pad_edge=False, header_style="bold")
    for column in columns:
        table.add_column(column.upper(), overflow="fold")
    count = 0
    for item in items:
        table.add_row(*(cell(item[c], c) if c in item else Text("") for c in columns))
        count += 1
    render(table)
    return count


def emit_ids(items: Iterable[Mapping[str, Any]], key: str = "id") -> None:
    for item in items:
        print(item.get(key, ""), flush=True)


def plain(value: Any) -> Any:
    """The value as built-in JSON types (a result may be a dict or list subclass)."""
    return json.loads(json.dumps(value, ensure_ascii=False))


def pick(value: Any, fields: Sequence[str]) -> Any:
    """Only the named fields of an object (a dotted name reaches into a nested one)."""
    if not fields or not isinstance(value, Mapping):
        return value
    picked: dict[str, Any] = {}
    for name in fields:
        current: Any = value
        for part in name.split("."):
            current = current.get(part) if isinstance(current, Mapping) else None
        picked[name] = current
    return picked


def _check_fields(items: Sequence[Any], fields: Sequence[str]) -> None:
    objects = [item for item in items if isinstance(item, Mapping)]
    if not objects:
        return
    known = {key for item in objects for key in item}
    missing = [name for name in fields if name.split(".")[0] not in known]
    if missing:
        warn(f"no item has the field(s) {', '.join(missing)} (fields: {', '.join(sorted(known))})")


def emit_yaml(value: Any) -> None:
    try:
        import yaml
    except ImportError:
        raise CliError("-o yaml needs PyYAML: pip install 'synapse-sdk-integration[cli]'") from None
    sys.stdout.write(yaml.safe_dump(plain(value), allow_unicode=True, sort_keys=False))
    sys.stdout.flush()


def emit(value: Any, fmt: Format) -> None:
    """A result as JSON or YAML (the table is the caller's)."""
    if fmt.kind is Kind.yaml:
        emit_yaml(value)
    else:
        emit_json(value)


def show(value: Any, fmt: Format, *, id_key: str = "id") -> None:
    """One object: JSON, YAML, its id alone, or a table of its fields."""
    if fmt.fields:
        _check_fields([value], fmt.fields)
    value = pick(value, fmt.fields)
    if fmt.quiet and isinstance(value, Mapping):
        print(value.get(id_key, ""), flush=True)
    elif fmt.kind is not Kind.table or not isinstance(value, Mapping):
        emit(value, fmt)
    else:
        emit_object(value)


def show_list(
    items: list[Any],
    columns: Sequence[str],
    fmt: Format,
    *,
    total: int | None = None,
) -> None:
    """A list: a JSON or YAML array, ids one per line, or a table with a count on stderr."""
    if fmt.fields:
        _check_fields(items, fmt.fields)
    if fmt.quiet:
        emit_ids(items)
    elif fmt.kind is not Kind.table:
        emit([pick(item, fmt.fields) for item in items], fmt)
    else:
        emit_table([pick(item, fmt.fields) for item in items], fmt.fields or columns)
    if fmt.kind is Kind.table and not fmt.quiet and total is not None and total > len(items):
        note(f"{len(items)} of {total} shown; use --page N or --all for the rest")
