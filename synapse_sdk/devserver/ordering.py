"""The ``ordering`` query parameter: which fields a list can be sorted by, from the document.

DRF's OrderingFilter sorts by the fields a view allows and drops any other name silently; so
does this server. What it cannot do is sort by a field whose values are objects or lists (a
job's ``metadata``, a plugin's ``configuration``): that is a 400 naming the fields that work,
where it used to be a 500 (``dict < dict``). The plain fields (strings, numbers, booleans,
null) are read from the item schema of the operation's page.
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


def _item_fields(operation: Operation) -> dict[str, Any]:
    page = resolve(operation.responses.get("200", {}))
    items = resolve(resolve(page.get("properties", {}).get("results", {})).get("items", {}))
    fields: dict[str, Any] = items.get("properties", {})
    return fields


def sortable_fields(operation: Operation) -> list[str]:
    """The fields of the items of the operation's page that have an order, sorted by name."""
    return sorted(name for name, schema in _item_fields(operation).items() if _is_plain(schema))


def valid_ordering(operation: Operation, ordering: str | None) -> str | None:
    """``ordering``, unless it names a field without an order: then a 400 that lists those with one."""
    if not ordering:
        return ordering
    fields = _item_fields(operation)
    for part in (p.strip() for p in ordering.split(",")):
        name = part.removeprefix("-")
        if name in fields and not _is_plain(fields[name]):
            sortable = sortable_fields(operation)
            raise field_errors(
                {
                    "ordering": [
                        f'Cannot order by "{name}": its values are objects or lists. '
                        f"Order by one of: {', '.join(sortable)} "
                        '(a "-" first for descending, several comma-separated).'
                    ]
                }
            )
    return ordering
