"""What every query shares: JSON columns, ISO 8601 date-times, id ranges, and DRF's filters."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any


def is_int64(value: object) -> bool:
    """A whole number SQLite can store as a key. (`value in range(...)` would compare a float or
    a string element by element, 2**64 of them: one `{"job": 1.5}` held the server for ever.)"""
    return isinstance(value, int) and not isinstance(value, bool) and -(2**63) <= value < 2**63


JobKey = int | str


def iso(timestamp: float) -> str:
    """A Unix time as DRF renders date-times: ISO 8601 in UTC with ``Z``."""
    return dt.datetime.fromtimestamp(timestamp, dt.UTC).isoformat().replace("+00:00", "Z")


def epoch(value: dt.datetime) -> float:
    try:
        return value.timestamp()
    except (OverflowError, ValueError):
        # Offsets can push year 1 or 9999 out of range; such instants are before or after every job.
        return float("-inf") if value.year < 1970 else float("inf")


def dumps(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), allow_nan=False)


def loads(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def with_extra(known: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """Echo fields the document does not list (forward compatibility); they never replace known ones."""
    for name, value in extra.items():
        known.setdefault(name, value)
    return known


def order(items: list[dict[str, Any]], ordering: str | None) -> list[dict[str, Any]]:
    """DRF's OrderingFilter on rendered objects: ``field`` or ``-field``, comma-separated; nulls first."""
    for part in reversed([p.strip() for p in (ordering or "").split(",") if p.strip()]):
        name = part.lstrip("-")

        def key(item: dict[str, Any], name: str = name) -> tuple[bool, str, Any]:
            value = item.get(name)
            # Mixed types (an int id and a uuid) compare by type name first rather than fail.
            return (value is not None, type(value).__name__, value)

        items = sorted(items, key=key, reverse=part.startswith("-"))
    return items


def contains(needle: str | None, *haystack: Any) -> bool:
    if not needle:
        return True
    lowered = needle.lower()
    return any(lowered in (text if isinstance(text, str) else dumps(text)).lower() for text in haystack)
