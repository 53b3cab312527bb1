"""The records the differ produces and the report renders."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Literal

# Which way data flows at a place in the contract decides what breaks: clients *send* requests
# (narrowing what is accepted breaks them) and *receive* responses (widening what may come breaks).
Direction = Literal["request", "response"]


@dataclass(frozen=True)
class Change:
    breaking: bool
    operation: str  # "GET /jobs/{pk}/", or "" for a change to the document as a whole
    location: str  # where in the operation, e.g. "response `200` `application/json` `$.results[].id`"
    message: str  # what changed, worded the same at every place it applies (so places can be grouped)
    origin: str | None = None  # JSON pointer of the component the change is made in, if any


@dataclass(frozen=True)
class Site:
    """A place in an operation that holds a schema (a body, a parameter, a header)."""

    operation: str
    where: str
    direction: Direction

    def at(self, path: str) -> str:
        return f"{self.where} `{path}`" if path else self.where


class Changes:
    """An ordered, duplicate-free collection of changes."""

    def __init__(self) -> None:
        self._items: dict[Change, None] = {}

    def add(
        self, breaking: bool, operation: str, location: str, message: str, origin: str | None = None
    ) -> None:
        self._items.setdefault(Change(breaking, operation, location, message, origin), None)

    def items(self) -> list[Change]:
        return list(self._items)


def show(value: Any) -> str:
    """A short, deterministic rendering of a value from the document, for messages."""
    if value is None:
        return "none"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def code(value: Any) -> str:
    return f"`{show(value)}`"
