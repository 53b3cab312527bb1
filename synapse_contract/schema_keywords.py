"""What JSON Schema keywords mean for the verdicts, as plain functions of one or two schemas: the
types a schema takes, its enum values, its bounds, its variants, whether two variants overlap."""

from __future__ import annotations

import json
from typing import Any

from synapse_contract.model import Site, code
from synapse_contract.spec import Spec

UPPER_BOUNDS = ("maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties")
LOWER_BOUNDS = ("minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties")
DOC_KEYS = ("description", "title")
SCALARS = ("integer", "number", "boolean")
MAX_DEPTH = 64
# The Python type openapi-python-client gives a string format (others stay `str`).
FORMAT_TYPES = {"date-time": "datetime", "date": "date", "binary": "File", "uuid": "UUID"}

TypeSet = frozenset[str] | None  # None: any type


def type_set(schema: dict[str, Any]) -> TypeSet:
    declared = schema.get("type")
    if isinstance(declared, str):
        types = {declared}
    elif isinstance(declared, list):
        types = {str(t) for t in declared}
    elif "properties" in schema:
        types = {"object"}  # a schema with properties and no type is meant as an object
    elif "items" in schema:
        types = {"array"}
    else:
        return None
    if schema.get("nullable") is True:  # OpenAPI 3.0 spelling of `type: [..., 'null']`
        types.add("null")
    return frozenset(types)


def accepts(types: TypeSet, kind: str) -> bool:
    return types is None or kind in types or (kind == "integer" and "number" in types)


def not_accepted(source: TypeSet, target: TypeSet) -> set[str]:
    """Types `source` allows that `target` does not ("any" when source is unconstrained)."""
    if source is None:
        return set() if target is None else {"any"}
    return {t for t in source if not accepts(target, t)}


def types_overlap(old: TypeSet, new: TypeSet) -> bool:
    if old is None or new is None:
        return True
    return any(accepts(new, t) for t in old) or any(accepts(old, t) for t in new)


def type_label(types: TypeSet) -> str:
    if types is None:
        return "any"
    return next(iter(types)) if len(types) == 1 else f"[{', '.join(sorted(types))}]"


def enum_values(schema: dict[str, Any]) -> list[Any] | None:
    if "const" in schema:
        return [schema["const"]]
    values = schema.get("enum")
    return list(values) if isinstance(values, list) else None


def canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, default=str)


def listing(values: list[Any]) -> str:
    return ", ".join(code(v) for v in values)


def plural(values: list[Any], one: str, many: str) -> str:
    return one if len(values) == 1 else many


def generated_kind(site: Site) -> str:
    """What the generated code calls the thing at a site, for SDK reasons."""
    if site.direction == "request":
        return "argument" if site.parameter else "model field / argument"
    return "attribute"


def may_overlap(a: Any, b: Any, spec: Spec) -> bool:
    """Can one value satisfy both schemas? False only when something visibly tells them apart."""
    if not isinstance(a, dict) or not isinstance(b, dict):
        return a is not False and b is not False
    if not types_overlap(type_set(a), type_set(b)):
        return False
    enum_a, enum_b = enum_values(a), enum_values(b)
    if (
        enum_a is not None
        and enum_b is not None
        and not {canonical(v) for v in enum_a} & {canonical(v) for v in enum_b}
    ):
        return False
    props_a, props_b = a.get("properties") or {}, b.get("properties") or {}
    required_a, required_b = set(a.get("required") or []), set(b.get("required") or [])
    for name in required_a & required_b & set(props_a) & set(props_b):
        one, two = spec.resolved(props_a[name]), spec.resolved(props_b[name])
        if isinstance(one, dict) and isinstance(two, dict) and not may_overlap(one, two, spec):
            return False  # a required field whose values differ (a `type: const` tag, ...)
    for closed, other_required, props in ((a, required_b, props_a), (b, required_a, props_b)):
        if closed.get("additionalProperties") is False and other_required - set(props):
            return False  # one demands a field the other forbids
    return True


def undeclared_schema(schema: dict[str, Any]) -> Any:
    """The schema a property not listed in `properties` gets: `additionalProperties`'s."""
    extra = schema.get("additionalProperties", True)
    return extra if isinstance(extra, dict) or extra is False else {}


def ref_of(raw: Any) -> str | None:
    ref = raw.get("$ref") if isinstance(raw, dict) else None
    return ref if isinstance(ref, str) else None


def has_alternatives(schema: dict[str, Any]) -> bool:
    return isinstance(schema.get("oneOf"), list) or isinstance(schema.get("anyOf"), list)


def branches_of(schema: dict[str, Any]) -> tuple[str | None, list[Any]]:
    """The variants of a schema; a schema without oneOf/anyOf is its own single variant."""
    for kind in ("oneOf", "anyOf"):
        if isinstance(schema.get(kind), list):
            return kind, list(schema[kind])
    return None, [{k: v for k, v in schema.items() if k not in DOC_KEYS}]


# Values that say what leaving the keyword out says: written out, they change nothing.
_NO_BOUND = {"minLength": 0, "minItems": 0, "minProperties": 0, "uniqueItems": False}


def bound_of(schema: dict[str, Any], keyword: str) -> Any:
    value = schema.get(keyword)
    if value is False and keyword in ("exclusiveMaximum", "exclusiveMinimum"):
        return None  # OpenAPI 3.0's boolean form: `false` is the default
    if keyword in _NO_BOUND and value == _NO_BOUND[keyword] and type(value) is type(_NO_BOUND[keyword]):
        return None
    return value


def is_tightened(keyword: str, before: Any, after: Any) -> bool:
    if keyword in ("pattern", "multipleOf"):
        return after is not None  # added or changed: values that matched before may not now
    if isinstance(before, bool) or isinstance(after, bool):  # uniqueItems, 3.0 exclusive bounds
        return bool(after) and not bool(before)
    if after is None:
        return False
    if before is None:
        return True
    return bool(after < before) if keyword in UPPER_BOUNDS else bool(after > before)
