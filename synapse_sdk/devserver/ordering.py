"""The ``ordering`` query parameter: which fields a list can be sorted by, from the document.

DRF's OrderingFilter sorts by a field list the view declares. Here the list is the item
schema's fields whose values are plain (strings, numbers, booleans, null): objects such as a
job's ``metadata`` have no order, and an unknown name is more likely a typo than a wish to be
ignored. Either is a 400 naming the fields that do work.
"""

from __future__ import annotations

from typing import Any

from .errors import field_errors
from .validation import Operation, resolve

_PLAIN = frozenset({"string", "integer", "number", "boolean", "null"})


def _is_plain(schema: Any) -> bool:
    schema = resolve(schema)
    for combinator in ("anyOf", "oneOf"):
        if combinator in schema:
            return all(_is_plain(option) for option in schema[combinator])
    kind = schema.get("type")
    if kind is None:
        return False
    kinds = [kind] if isinstance(kind, str) else list(kind)
    return all(k in _PLAIN for k in kinds)


def sortable_fields(operation: Operation) -> list[str]:
    """The fields of the items of the operation's page that have an order, sorted by name."""
    page = resolve(operation.responses.get("200", {}))
    items = resolve(resolve(page.get("properties", {}).get("results", {})).get("items", {}))
    return sorted(name for name, schema in items.get("properties", {}).items() if _is_plain(schema))


def valid_ordering(operation: Operation, ordering: str | None) -> str | None:
    """``ordering`` when every field it names can be sorted by; otherwise a 400 that lists those that can."""
    if not ordering:
        return ordering
    fields = sortable_fields(operation)
    for part in (p.strip() for p in ordering.split(",")):
        name = part.removeprefix("-")
        if part and name not in fields:
            raise field_errors(
                {
                    "ordering": [
                        f'Cannot order by "{name}". Order by one of: {", ".join(fields)} '
                        '(a "-" first for descending, several comma-separated).'
                    ]
                }
            )
    return ordering
