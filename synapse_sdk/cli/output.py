"""How results are shown: a table for people, the server's JSON for scripts, ids for `--quiet`.

Results go to stdout; progress, notes and errors to stderr, so `--json` output pipes cleanly.
Colour and bars only on a terminal: rich drops styles when a stream is not a tty, and we also
honour `NO_COLOR` (https://no-color.org) and `TERM=dumb`.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

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


# Job statuses in colour on a terminal (unknown ones stay plain).
STATUS_STYLES = {
    "completed": "green",
    "SUCCEEDED": "green",
    "failed": "red",
    "FAILED": "red",
    "STOPPED": "red",
    "running": "yellow",
    "RUNNING": "yellow",
}


def cell(value: Any, key: str = "") -> Text:
    """One value as text: strings as they are, everything else as JSON (null, true, {...})."""
    if isinstance(value, str):
        # Text, not str: a name like "[bold]" is not rich markup.
        return Text(value, style=STATUS_STYLES.get(value, "") if key == "status" else "")
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


def show(value: Any, *, as_json: bool, quiet: bool = False, id_key: str = "id") -> None:
    """One object: JSON, its id alone, or a table."""
    if as_json:
        emit_json(value)
    elif quiet and isinstance(value, Mapping):
        print(value.get(id_key, ""), flush=True)
    elif isinstance(value, Mapping):
        emit_object(value)
    else:
        emit_json(value)


def show_list(
    items: list[Mapping[str, Any]],
    columns: Sequence[str],
    *,
    as_json: bool,
    quiet: bool,
    total: int | None = None,
) -> None:
    """A list: JSON array, ids one per line, or a table with a count on stderr."""
    if as_json:
        emit_json(items)
    elif quiet:
        emit_ids(items)
    else:
        emit_table(items, columns)
        if total is not None and total > len(items):
            note(f"{len(items)} of {total} shown; use --page N or --all for the rest")
