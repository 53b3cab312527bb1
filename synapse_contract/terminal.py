"""The terminal report: a table that fits the terminal it is printed in.

One row per change (a change made in a shared component is one row listing the places it reaches,
the first few of them), columns #, Wire, SDK and Change, the Change cell wrapped to what is left of
the width. rich lays it out: it wraps and aligns, colours the verdicts when the output is a
terminal that takes colour (not with NO_COLOR, not in a pipe or a file), and measures the width
(COLUMNS, else the terminal's, else 80 columns).
"""

from __future__ import annotations

import io
import os
import shutil
import sys
from typing import TextIO

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from synapse_contract.model import Change
from synapse_contract.report import Level, group, place, summary

PLACES_SHOWN = 5  # the rest of a shared component's places are counted (the Markdown lists all)
_GATE = {"wire": "wire verdicts", "sdk": "SDK verdicts", "all": "either verdict"}


def colour_wanted(stream: TextIO) -> bool:
    """Colour for a terminal, as the NO_COLOR / FORCE_COLOR conventions say."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return stream.isatty() and os.environ.get("TERM") != "dumb"


def width_of(stream: TextIO) -> int:
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    try:
        return os.get_terminal_size(stream.fileno()).columns
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        return shutil.get_terminal_size((80, 24)).columns if stream is sys.__stdout__ else 80


def _verdict(breaking: bool) -> Text:
    return Text("breaking", style="bold red") if breaking else Text("ok", style="green")


def _cell(row: list[Change]) -> Text:
    first = row[0]
    text = Text()
    text.append(first.message, style="bold")
    shown = row[:PLACES_SHOWN]
    for change in shown:
        text.append("\n")
        text.append(place(change), style="cyan")
    if len(row) > len(shown):
        text.append(f"\n… and {len(row) - len(shown)} more places", style="cyan")
    if first.origin:
        text.append("\ndefined in ", style="dim")
        text.append(first.origin, style="dim")
    if first.sdk_reason:
        text.append("\nSDK: ", style="magenta")
        text.append(first.sdk_reason)
    return text


def render_terminal(
    changes: list[Change],
    old_label: str,
    new_label: str,
    level: Level,
    notes: list[str],
    *,
    width: int = 80,
    colour: bool = False,
) -> str:
    out = io.StringIO()
    console = Console(
        file=out,
        width=max(width, 40),
        color_system="standard" if colour else None,
        force_terminal=colour,
        no_color=not colour,
        highlight=False,
        emoji=False,
        soft_wrap=False,
    )
    console.print(Text(summary(changes), style="bold"))
    console.print(f"{escape(old_label)} → {escape(new_label)}")
    rows = group(changes)
    if rows:
        console.print(
            "Wire: does a client already deployed (any language) break? SDK: does Python code using "
            f"synapse_api or synapse_sdk break after `make client`? The exit status follows {_GATE[level]} "
            f"(--level {level}).",
            style="dim",
        )
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False, safe_box=True)
        table.add_column("#", justify="right", no_wrap=True)
        table.add_column("Wire", no_wrap=True)
        table.add_column("SDK", no_wrap=True)
        table.add_column("Change", overflow="fold")
        for number, row in enumerate(rows, 1):
            table.add_row(str(number), _verdict(row[0].wire), _verdict(row[0].sdk), _cell(row))
        console.print(table)
    else:
        console.print("The contract is unchanged.")
    for note in notes:
        console.print(Text(f"Note: {note}", style="dim"))
    return "".join(line.rstrip() + "\n" for line in out.getvalue().splitlines())  # rich pads cells
