"""Console-log entries from production's plain lines.

The production backend answers `console_logs/` with a bare list of lines, and its stream sends
lines too: `2024-01-15 10:00:01 [INFO] Plugin started`. The documented entry is a dict with
`timestamp`, `level` and `message`, so a line becomes one:

    >>> entry_from_line("2024-01-15 10:00:01 [INFO] Plugin started")
    {'timestamp': '2024-01-15 10:00:01', 'level': 'INFO', 'message': 'Plugin started', 'line': '2024-01-15 10:00:01 [INFO] Plugin started'}
    >>> entry_from_line("Traceback (most recent call last):")
    {'timestamp': None, 'level': None, 'message': 'Traceback (most recent call last):', 'line': 'Traceback (most recent call last):'}

The rule: an optional leading date and time (`YYYY-MM-DD HH:MM:SS`, with `T` or a space, an
optional fraction and zone), then an optional level in brackets, then the message; timestamp
and level stay the server's text. A line that does not start so keeps its whole text as `message`, with `timestamp` and
`level` null. `line` is always the line as it came; trailing line breaks are dropped.
"""

from __future__ import annotations

import re
from typing import Any

_LINE = re.compile(
    r"(?P<timestamp>\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"\s*(?:\[(?P<level>[A-Za-z]+)\])?\s*(?P<message>.*)",
    re.S,
)


def entry_from_line(line: str) -> dict[str, Any]:
    """The entry a plain log line stands for (see the module's rule)."""
    text = line.rstrip("\r\n")
    match = _LINE.fullmatch(text)
    assert match is not None  # the pattern matches any text
    timestamp, level = match["timestamp"], match["level"]
    if timestamp is None and level is None:
        return {"timestamp": None, "level": None, "message": text, "line": text}
    return {
        "timestamp": timestamp,
        "level": level,
        "message": match["message"],
        "line": text,
    }


def as_entries(items: list[Any]) -> list[Any]:
    """A reply's entries: dicts as they came, strings as entries made from the line."""
    return [entry_from_line(item) if isinstance(item, str) else item for item in items]
