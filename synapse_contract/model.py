"""The records the differ produces and the report renders."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, Literal

# Which way data flows at a place in the contract decides what breaks: clients *send* requests
# (narrowing what is accepted breaks them) and *receive* responses (widening what may come breaks).
Direction = Literal["request", "response"]
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")


@dataclass(frozen=True)
class Change:
    """One change, with two verdicts.

    `wire`: a client already deployed (of any language, the generated one included) fails
    against the new server. `sdk`: Python code written against this project's generated package
    or synapse_sdk stops importing, type-checking or behaving the same after `make client`
    (a function, module, argument, model class, TypedDict key or enum member renamed or gone);
    `sdk_reason` says which.
    """

    wire: bool
    operation: str  # "GET /jobs/{pk}/", or "" for a change to the document as a whole
    location: str  # where in the operation, e.g. "response `200` `application/json` `$.results[].id`"
    message: str  # what changed, worded the same at every place it applies (so places can be grouped)
    origin: str | None = None  # JSON pointer of the component the change is made in, if any
    sdk_reason: str | None = None  # why the Python surface breaks; None: it does not
    pointer: str = ""  # where in the document, e.g. "paths./jobs/.get.parameters[status]"

    @property
    def sdk(self) -> bool:
        return self.sdk_reason is not None

    @property
    def breaking(self) -> bool:
        return self.wire or self.sdk


@dataclass(frozen=True)
class At:
    """A place inside a schema: the instance path shown to readers and the document path."""

    instance: str  # "$.results[].id": where in the JSON that travels
    doc: str = ""  # ".properties.results.items.properties.id": where in the schema

    def prop(self, name: str) -> At:
        return At(child(self.instance, name), f"{self.doc}.properties{_member(name)}")

    def items(self) -> At:
        return At(f"{self.instance}[]", f"{self.doc}.items")

    def extra(self) -> At:
        return At(f"{self.instance}.*", f"{self.doc}.additionalProperties")

    def keyword(self, keyword: str, index: int | None = None) -> At:
        """A subschema keyword (oneOf[1], then, else): shown in both paths."""
        suffix = f".{keyword}" + (f"[{index}]" if index is not None else "")
        return At(f"{self.instance}{suffix}", f"{self.doc}{suffix}")


def _member(name: str) -> str:
    return f".{name}" if name.isidentifier() else f"[{json.dumps(name, ensure_ascii=False)}]"


def child(path: str, name: str) -> str:
    return f"{path}.{name}" if _identifier(name) else f"{path}[{json.dumps(name, ensure_ascii=False)}]"


def _identifier(name: str) -> bool:
    return _IDENTIFIER.match(name) is not None


@dataclass(frozen=True)
class Site:
    """A place in an operation that holds a schema (a body, a parameter, a header)."""

    operation: str
    where: str
    direction: Direction
    pointer: str = ""  # document location of the schema, e.g. "paths./jobs/.get.parameters[status].schema"
    parameter: bool = False  # a parameter or header: its value travels as text

    def at(self, path: str) -> str:
        return f"{self.where} `{path}`" if path else self.where


class Changes:
    """An ordered, duplicate-free collection of changes."""

    def __init__(self) -> None:
        self._items: dict[Change, None] = {}

    def add(
        self,
        breaking: bool,
        operation: str,
        location: str,
        message: str,
        origin: str | None = None,
        *,
        sdk: str | None = None,
        pointer: str = "",
    ) -> None:
        self._items.setdefault(Change(breaking, operation, location, message, origin, sdk, pointer), None)

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


@dataclass
class Comparison:
    """What the command line collects before rendering: both labels, the changes, notes."""

    old_label: str
    new_label: str
    changes: list[Change] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
