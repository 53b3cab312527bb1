"""Compare two JSON Schemas (OpenAPI 3.0 or 3.1 flavour) at one place in the contract.

The rule behind every wire verdict: in a *request* the old schema described what clients send,
so the new one breaks them when it accepts less (narrower type, fewer enum values, tighter
bounds, new required fields). In a *response* it described what clients receive, so the new one
breaks them when it may send more or other (wider type, new null, missing fields, new variants).

The SDK verdict asks what `make client` does with the change: an argument or attribute whose
Python type, name or default changes, a TypedDict key or an enum member that goes away
(contract/naming.py holds the generator's naming rules).
"""

from __future__ import annotations

import json
from typing import Any

from synapse_contract import naming
from synapse_contract.model import At, Changes, Site, code, show
from synapse_contract.spec import Spec

_UPPER_BOUNDS = ("maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties")
_LOWER_BOUNDS = ("minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties")
_DOC_KEYS = ("description", "title")
_SCALARS = ("integer", "number", "boolean")
_MAX_DEPTH = 64
# The Python type openapi-python-client gives a string format (others stay `str`).
_FORMAT_TYPES = {"date-time": "datetime", "date": "date", "binary": "File", "uuid": "UUID"}

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


def _accepts(types: TypeSet, kind: str) -> bool:
    return types is None or kind in types or (kind == "integer" and "number" in types)


def _not_accepted(source: TypeSet, target: TypeSet) -> set[str]:
    """Types `source` allows that `target` does not ("any" when source is unconstrained)."""
    if source is None:
        return set() if target is None else {"any"}
    return {t for t in source if not _accepts(target, t)}


def _overlap(old: TypeSet, new: TypeSet) -> bool:
    if old is None or new is None:
        return True
    return any(_accepts(new, t) for t in old) or any(_accepts(old, t) for t in new)


def _label(types: TypeSet) -> str:
    if types is None:
        return "any"
    return next(iter(types)) if len(types) == 1 else f"[{', '.join(sorted(types))}]"


def _enum(schema: dict[str, Any]) -> list[Any] | None:
    if "const" in schema:
        return [schema["const"]]
    values = schema.get("enum")
    return list(values) if isinstance(values, list) else None


def _key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, default=str)


def _listing(values: list[Any]) -> str:
    return ", ".join(code(v) for v in values)


def _plural(values: list[Any], one: str, many: str) -> str:
    return one if len(values) == 1 else many


def _what(site: Site) -> str:
    """What the generated code calls the thing at a site, for SDK reasons."""
    if site.direction == "request":
        return "argument" if site.parameter else "model field / argument"
    return "attribute"


class SchemaDiffer:
    def __init__(self, old: Spec, new: Spec, changes: Changes) -> None:
        self.old = old
        self.new = new
        self.changes = changes
        self._active: set[tuple[object, object, Site]] = set()
        self._equal_components: dict[str, bool] = {}

    # --- entry point ------------------------------------------------------------------------

    def compare(
        self, old_raw: Any, new_raw: Any, site: Site, path: At | str, *, open_enum: bool = False
    ) -> None:
        """Report what changed between two schemas at `site`. `open_enum`: the schema is the enum
        branch of a union that also takes any string (the document keeps the vocabulary open)."""
        at = At(path) if isinstance(path, str) else path
        if self.unchanged(old_raw, new_raw):
            return  # the common case in a large document: nothing below can differ
        old, old_origin = self.old.resolve(old_raw)
        new, new_origin = self.new.resolve(new_raw)
        # Recursive schemas (a tree node holding its children) would otherwise never end.
        key = (old_origin or id(old), new_origin or id(new), site)
        if key in self._active or len(self._active) > _MAX_DEPTH:
            return
        self._active.add(key)
        try:
            self._compare(old, new, site, at, new_origin or old_origin, open_enum)
        finally:
            self._active.discard(key)

    # --- "nothing changed" without walking ----------------------------------------------------

    def unchanged(self, old_raw: Any, new_raw: Any) -> bool:
        """True when both nodes are equal and every component they reach is equal too.

        Equal `$ref` dicts alone prove nothing: the component they name may differ between the two
        documents (a type change under `additionalProperties: {$ref}` hid that way).
        """
        if old_raw is new_raw:
            return True
        if old_raw != new_raw:
            return False
        return all(self._component_equal(ref) for ref in self.old.refs_in(old_raw))

    def _component_equal(self, ref: str) -> bool:
        if ref in self._equal_components:
            return self._equal_components[ref]
        self._equal_components[ref] = True  # a cycle back here adds no new difference
        try:
            old, new = self.old.lookup(ref, index=False), self.new.lookup(ref, index=False)
        except ValueError:
            equal = False
        else:
            equal = old == new and all(self._component_equal(inner) for inner in self.old.refs_in(old))
        self._equal_components[ref] = equal
        return equal

    # --- reporting --------------------------------------------------------------------------

    def _report(
        self,
        breaking: bool,
        site: Site,
        path: At,
        message: str,
        origin: str | None,
        sdk: str | None = None,
    ) -> None:
        self.changes.add(
            breaking,
            site.operation,
            site.at(path.instance),
            message,
            origin,
            sdk=sdk,
            pointer=f"{site.pointer}{path.doc}",
        )

    def _compare(
        self, old: Any, new: Any, site: Site, path: At, origin: str | None, open_enum: bool = False
    ) -> None:
        if not isinstance(old, dict) or not isinstance(new, dict):
            if old != new:  # boolean schemas (`true`/`false`) or garbage: say it, assume the worst
                self._report(
                    True,
                    site,
                    path,
                    f"schema changed from {code(old)} to {code(new)}",
                    origin,
                    sdk=f"the generated {_what(site)} type changes",
                )
            return
        old = self._flatten(old, self.old, 0)
        new = self._flatten(new, self.new, 0)
        self._documentation(old, new, site, path, origin)
        self._conditionals(old, new, site, path, origin)
        if _alternatives(old) or _alternatives(new):
            self._compare_alternatives(old, new, site, path, origin)
            return
        old_types, new_types = type_set(old), type_set(new)
        if not self._compare_types(old_types, new_types, site, path, origin):
            return  # unrelated types: comparing their keywords would only add noise
        self._compare_enum(old, new, site, path, origin, open_enum)
        self._compare_bounds(old, new, site, path, origin)
        self._compare_format(old, new, site, path, origin)
        if _accepts(old_types, "object") and _accepts(new_types, "object"):
            self._compare_properties(old, new, site, path, origin)
            self._compare_additional(old, new, site, path, origin)
            self._compare_pattern_properties(old, new, site, path)
        if _accepts(old_types, "array") and _accepts(new_types, "array"):
            self._compare_prefix_items(old, new, site, path)
            self.compare(old.get("items", {}), new.get("items", {}), site, path.items())

    # --- allOf ------------------------------------------------------------------------------

    def _flatten(self, schema: dict[str, Any], spec: Spec, depth: int) -> dict[str, Any]:
        """Merge `allOf` members into one schema, keeping each property's own node.

        Keeping the original property nodes lets changes inside a member be traced back to the
        component that holds them. A property two members both define keeps both constraints (as
        an allOf of the two nodes), since a value must satisfy each.
        """
        members = schema.get("allOf")
        if not isinstance(members, list) or depth > _MAX_DEPTH:
            return schema
        merged = {k: v for k, v in schema.items() if k != "allOf"}
        properties: dict[str, Any] = dict(merged.get("properties") or {})
        required: list[str] = list(merged.get("required") or [])
        for raw in members:
            member = spec.resolved(raw)
            if not isinstance(member, dict):
                continue
            member = self._flatten(member, spec, depth + 1)
            for name, prop in (member.get("properties") or {}).items():
                if name not in properties:
                    properties[name] = prop
                elif properties[name] != prop:
                    properties[name] = {"allOf": [properties[name], prop]}
            required += [name for name in member.get("required") or [] if name not in required]
            for keyword, value in member.items():
                # A member's own documentation does not document the composite.
                if keyword not in ("properties", "required", "example", "examples", *_DOC_KEYS):
                    merged.setdefault(keyword, value)
        if properties:
            merged["properties"] = properties
        if required:
            merged["required"] = required
        return merged

    # --- documentation ----------------------------------------------------------------------

    def _documentation(
        self, old: dict[str, Any], new: dict[str, Any], site: Site, path: At, origin: str | None
    ) -> None:
        for keyword in _DOC_KEYS:
            if old.get(keyword) != new.get(keyword):
                self._report(False, site, path, f"{keyword} changed", origin)
        if old.get("example") != new.get("example") or old.get("examples") != new.get("examples"):
            self._report(False, site, path, "example changed", origin)
        if "default" in old or "default" in new:
            before, after = old.get("default"), new.get("default")
            if before != after:
                request = site.direction == "request"
                # A parameter a client omits takes the server's default: set, changed or dropped,
                # those clients get other behaviour (oasdiff rates all three ERR). A body
                # property's default documents the server's choice (oasdiff: INFO). Either way
                # the generator writes the default into the argument or model field, so the
                # regenerated code sends a different value when it changed.
                parameter = request and site.parameter and not path.instance
                note = " (clients that omit it get the new default)" if request else ""
                changed = before is not None and after is not None
                self._report(
                    parameter,
                    site,
                    path,
                    f"default changed: {code(before)} → {code(after)}{note}",
                    origin,
                    sdk=f"the default of the generated {_what(site)} changes"
                    if request and changed
                    else None,
                )
        if bool(old.get("deprecated")) != bool(new.get("deprecated")):
            self._report(
                False, site, path, "deprecated" if new.get("deprecated") else "no longer deprecated", origin
            )
        for keyword in sorted({k for k in (*old, *new) if k.startswith("x-")}):
            if old.get(keyword) != new.get(keyword):
                self._report(False, site, path, f"`{keyword}` changed", origin)

    # --- if / then / else, not ------------------------------------------------------------------

    def _conditionals(
        self, old: dict[str, Any], new: dict[str, Any], site: Site, path: At, origin: str | None
    ) -> None:
        """Walk `then`/`else` like any subschema; a changed `if` or `not` is judged conservatively."""
        has_branches = any(k in s for s in (old, new) for k in ("then", "else"))
        if has_branches and not self.unchanged(old.get("if", True), new.get("if", True)):
            self._report(
                True,
                site,
                path.keyword("if"),
                "`if` condition changed: the `then`/`else` constraints now apply to other values",
                origin,
            )
        for keyword in ("then", "else"):
            if keyword in old or keyword in new:
                self.compare(old.get(keyword, {}), new.get(keyword, {}), site, path.keyword(keyword))
        if not self.unchanged(old.get("not"), new.get("not")):
            # `not` inverts every rule above; whether the change narrows or widens is not decided here.
            self._report(True, site, path.keyword("not"), "`not` subschema changed", origin)

    # --- types, enums, bounds, formats -------------------------------------------------------

    def _compare_types(self, old: TypeSet, new: TypeSet, site: Site, path: At, origin: str | None) -> bool:
        """Report a type change; return False when the types no longer overlap at all."""
        lost, gained = _not_accepted(old, new), _not_accepted(new, old)
        if not lost and not gained:
            return True
        request = site.direction == "request"
        what = _what(site)
        if lost == {"null"} and not gained:
            message = "no longer nullable" + (" (clients sending null are rejected)" if request else "")
            sdk = f"the generated {what} no longer accepts None" if request else None
            self._report(request, site, path, message, origin, sdk=sdk)
        elif gained == {"null"} and not lost:
            message = "now nullable" + ("" if request else " (clients may receive null)")
            sdk = None if request else f"the generated {what} may now be None"
            self._report(not request, site, path, message, origin, sdk=sdk)
        else:
            message = f"type changed from `{_label(old)}` to `{_label(new)}`"
            strict = bool(lost) if request else bool(gained)
            wire = strict
            if request and site.parameter and new is not None and "string" in new:
                # A parameter travels as text: every integer, number or boolean is a valid string.
                wire = bool(lost - {*_SCALARS})
                if strict and not wire:
                    message += " (the value travels as text, which the new type accepts)"
            sdk = f"the generated {what} type changes from `{_label(old)}` to `{_label(new)}`"
            self._report(wire, site, path, message, origin, sdk=sdk if strict else None)
        return _overlap(old, new)

    def _compare_enum(
        self,
        old: dict[str, Any],
        new: dict[str, Any],
        site: Site,
        path: At,
        origin: str | None,
        open_enum: bool = False,
    ) -> None:
        before, after = _enum(old), _enum(new)
        if before is None and after is None:
            return
        request = site.direction == "request"
        what = _what(site)
        if before is None:
            assert after is not None
            sdk = (
                f"the generated {what} takes an Enum where it took {_label(type_set(old))}"
                if request
                else None
            )
            self._report(
                request, site, path, f"now restricted to the values {_listing(after)}", origin, sdk=sdk
            )
            return
        if after is None:
            note = "" if request else " (clients must accept any value)"
            sdk = "the generated Enum class for it goes away" if naming.enum_members(before) else None
            self._report(
                False, site, path, f"no longer restricted to a list of values{note}", origin, sdk=sdk
            )
            return
        if not request and "const" in old and "const" in new and _key(old["const"]) != _key(new["const"]):
            message = f"`const` changed: {code(old['const'])} → {code(new['const'])}"
            self._report(True, site, path, message + " (clients relying on the value see another)", origin)
            return
        after_keys = {_key(v) for v in after}
        before_keys = {_key(v) for v in before}
        removed = [v for v in before if _key(v) not in after_keys]
        added = [v for v in after if _key(v) not in before_keys]
        if [_key(v) for v in before] == [_key(v) for v in after] and old.get("x-enum-varnames") == new.get(
            "x-enum-varnames"
        ):
            return
        lost_members = self._lost_members(old, new, before, after)
        sdk = (
            f"generated Enum member{'s' if len(lost_members) > 1 else ''} "
            f"{', '.join(f'`{m}`' for m in lost_members)} removed or renamed"
            if lost_members
            else None
        )
        if removed:
            noun = _plural(removed, "enum value", "enum values")
            note = " (no longer sent)" if not request else ""
            self._report(request, site, path, f"{noun} {_listing(removed)} removed{note}", origin, sdk=sdk)
            sdk = None
        if added:
            noun = _plural(added, "enum value", "enum values")
            # A response value clients have not seen: clients in any language that hold the enum
            # closed (as the document says it is) reject it; an open enum (`anyOf` the enum and any
            # string) told them to expect it. The SDK verdict is what our generated code does.
            wire = not request and not open_enum
            if request:
                note = ""
            elif open_enum:
                note = " (the document keeps the enum open: clients accept values they do not know)"
            else:
                note = " (the enum is closed: clients that check the value reject it)"
                sdk = sdk or self._unknown_value_sdk(after)
            self._report(wire, site, path, f"{noun} {_listing(added)} added{note}", origin, sdk=sdk)
            sdk = None
        if sdk:  # same values, other member names (x-enum-varnames, or a reordering)
            self._report(False, site, path, "enum member names changed", origin, sdk=sdk)

    @staticmethod
    def _unknown_value_sdk(values: list[Any]) -> str | None:
        """What the generated Enum does with a value it does not know: string enums keep it
        (openapi/templates/str_enum.py.jinja adds `_missing_`), integer enums raise ValueError."""
        members = naming.enum_members(values)
        if members is None or all(isinstance(v, str) for v in values):
            return None
        return "the generated IntEnum raises ValueError on a value it does not know (the old client fails to parse)"

    @staticmethod
    def _lost_members(
        old: dict[str, Any], new: dict[str, Any], before: list[Any], after: list[Any]
    ) -> list[str]:
        """Enum members (name -> value) of the old generated Enum missing from the new one."""
        if "const" in old or "const" in new:
            return []  # the generator makes a literal, not an Enum, of a const
        old_members = naming.enum_members(before, old.get("x-enum-varnames"))
        new_members = naming.enum_members(after, new.get("x-enum-varnames"))
        if old_members is None or new_members is None:
            return []
        return [name for name, value in old_members.items() if new_members.get(name) != value]

    def _compare_bounds(
        self, old: dict[str, Any], new: dict[str, Any], site: Site, path: At, origin: str | None
    ) -> None:
        for keyword in (*_UPPER_BOUNDS, *_LOWER_BOUNDS, "pattern", "multipleOf", "uniqueItems"):
            before, after = _bound(old, keyword), _bound(new, keyword)
            if before == after:
                continue
            tightened = _tightened(keyword, before, after)
            verb = "tightened" if tightened else "relaxed"
            breaking = tightened and site.direction == "request"
            self._report(breaking, site, path, f"`{keyword}` {verb}: {code(before)} → {code(after)}", origin)

    def _compare_format(
        self, old: dict[str, Any], new: dict[str, Any], site: Site, path: At, origin: str | None
    ) -> None:
        before, after = old.get("format"), new.get("format")
        if before == after:
            return
        # Requests: a new or different format rejects values that passed before. Responses:
        # clients (the generated one included) parse by format, so changing or dropping it breaks.
        breaking = after is not None if site.direction == "request" else before is not None
        old_type = _FORMAT_TYPES.get(str(before), "str")
        new_type = _FORMAT_TYPES.get(str(after), "str")
        strings = _accepts(type_set(old), "string") and _accepts(type_set(new), "string")
        sdk = (
            f"the generated {_what(site)} type changes from `{old_type}` to `{new_type}`"
            if strings and old_type != new_type
            else None
        )
        self._report(breaking, site, path, f"format changed: {code(before)} → {code(after)}", origin, sdk=sdk)

    # --- objects ----------------------------------------------------------------------------

    def _fields(
        self, schema: dict[str, Any], spec: Spec, site: Site, same: set[str]
    ) -> tuple[dict[str, Any], set[str]]:
        """The properties that travel in this direction, and the required names among them.

        `same`: names unchanged on both sides (node, components reached, required-ness); they
        are kept without resolving them, since whatever they are, nothing about them differs.
        """
        hidden = "readOnly" if site.direction == "request" else "writeOnly"
        fields: dict[str, Any] = {}
        skipped: set[str] = set()
        for name, raw in (schema.get("properties") or {}).items():
            if name in same:
                fields[str(name)] = raw
                continue
            node = spec.resolved(raw)
            if isinstance(node, dict) and node.get(hidden) is True:
                skipped.add(str(name))
            else:
                fields[str(name)] = raw
        required = {str(n) for n in schema.get("required") or []} - skipped
        return fields, required

    def _compare_properties(
        self, old: dict[str, Any], new: dict[str, Any], site: Site, path: At, origin: str | None
    ) -> None:
        old_props, new_props = old.get("properties") or {}, new.get("properties") or {}
        old_req, new_req = set(old.get("required") or []), set(new.get("required") or [])
        same = {
            name
            for name, raw in old_props.items()
            if name in new_props
            and (name in old_req) == (name in new_req)
            and self.unchanged(raw, new_props[name])
        }
        old_fields, old_required = self._fields(old, self.old, site, same)
        new_fields, new_required = self._fields(new, self.new, site, same)
        names = list(dict.fromkeys([*old_fields, *sorted(old_required), *new_fields, *sorted(new_required)]))
        closed = new.get("additionalProperties") is False
        for name in names:
            if name in same:
                continue  # the common case inside a changed schema: its other properties
            was = name in old_fields or name in old_required
            now = name in new_fields or name in new_required
            where = path.prop(name)
            if was and not now and name in (new.get("properties") or {}):
                # Still declared, now readOnly (requests) or writeOnly (responses): the generated
                # model keeps the field, so only the wire sees a change.
                self._hidden_field(name, site, where, self.old.origin(old_fields.get(name), origin))
            elif was and not now:
                self._removed_field(name, site, where, closed, self.old.origin(old_fields.get(name), origin))
            elif now and not was:
                required = name in new_required
                declared = name in (old.get("properties") or {})
                new_origin = self.new.origin(new_fields.get(name), origin)
                self._added_field(name, required, site, where, new_origin, declared)
            else:
                self._required_changed(name, name in old_required, name in new_required, site, where, origin)
                if name in old_fields or name in new_fields:
                    # A name listed in `required` but not in `properties` takes what
                    # `additionalProperties` allows (anything, by default): compared all the same.
                    before = old_fields[name] if name in old_fields else _undeclared(old)
                    after = new_fields[name] if name in new_fields else _undeclared(new)
                    self.compare(before, after, site, where)

    def _removed_field(self, name: str, site: Site, where: At, closed: bool, origin: str | None) -> None:
        python = naming.identifier(name)
        if site.direction == "response":
            sdk = f"model attribute `{python}` and TypedDict key `{name}` removed"
            self._report(True, site, where, f"response field `{name}` removed", origin, sdk=sdk)
            return
        sdk = f"model field `{python}` (a constructor argument) and TypedDict key `{name}` removed"
        if closed:
            message = f"request field `{name}` removed and unknown fields are rejected"
            self._report(True, site, where, message, origin, sdk=sdk)
        else:
            message = f"request field `{name}` removed (the server ignores it)"
            self._report(False, site, where, message, origin, sdk=sdk)

    def _hidden_field(self, name: str, site: Site, where: At, origin: str | None) -> None:
        if site.direction == "request":
            message = f"request field `{name}` is now readOnly (the server ignores it)"
            self._report(False, site, where, message, origin)
        else:
            self._report(
                True, site, where, f"response field `{name}` is now writeOnly (no longer sent)", origin
            )

    def _added_field(
        self, name: str, required: bool, site: Site, where: At, origin: str | None, declared: bool = False
    ) -> None:
        if site.direction == "response":
            self._report(False, site, where, f"new response field `{name}`", origin)
        elif required:
            sdk = (
                None
                if declared
                else f"the generated model takes a new required argument `{naming.identifier(name)}`"
            )
            self._report(True, site, where, f"new required request field `{name}`", origin, sdk=sdk)
        else:
            self._report(False, site, where, f"new optional request field `{name}`", origin)

    def _required_changed(
        self, name: str, before: bool, after: bool, site: Site, where: At, origin: str | None
    ) -> None:
        if before == after:
            return
        python = naming.identifier(name)
        if site.direction == "request":
            if after:
                sdk = f"model field `{python}` becomes a required argument"
                self._report(True, site, where, f"request field `{name}` made required", origin, sdk=sdk)
            else:
                self._report(False, site, where, f"request field `{name}` made optional", origin)
        elif after:
            self._report(False, site, where, f"response field `{name}` now always present", origin)
        else:
            sdk = f"attribute `{python}` may now be `Unset` (TypedDict key `{name}` NotRequired)"
            message = f"response field `{name}` made optional (may be absent)"
            self._report(True, site, where, message, origin, sdk=sdk)

    def _compare_additional(
        self, old: dict[str, Any], new: dict[str, Any], site: Site, path: At, origin: str | None
    ) -> None:
        before, after = old.get("additionalProperties", True), new.get("additionalProperties", True)
        if before in (True, {}) and after in (True, {}):
            return
        if isinstance(before, dict) and isinstance(after, dict):
            # Two equal `{$ref}` dicts may still name components that differ: compare() decides.
            self.compare(before, after, site, path.extra())
        elif before == after:
            return
        elif after is False:
            request = site.direction == "request"
            self._report(request, site, path, "unknown fields no longer allowed", origin)
        elif before is False:
            note = "" if site.direction == "request" else " (clients must ignore them)"
            self._report(False, site, path, f"unknown fields now allowed{note}", origin)
        else:  # `true` <-> a schema for the extra values
            self.compare(
                before if isinstance(before, dict) else {},
                after if isinstance(after, dict) else {},
                site,
                path.extra(),
            )

    def _compare_pattern_properties(
        self, old: dict[str, Any], new: dict[str, Any], site: Site, path: At
    ) -> None:
        before, after = old.get("patternProperties"), new.get("patternProperties")
        if not isinstance(before, dict) and not isinstance(after, dict):
            return
        before, after = before if isinstance(before, dict) else {}, after if isinstance(after, dict) else {}
        for pattern in dict.fromkeys([*before, *after]):
            self.compare(
                before.get(pattern, {}),
                after.get(pattern, {}),
                site,
                path.keyword(f"patternProperties[{pattern}]"),
            )

    def _compare_prefix_items(self, old: dict[str, Any], new: dict[str, Any], site: Site, path: At) -> None:
        before, after = old.get("prefixItems"), new.get("prefixItems")
        if not isinstance(before, list) and not isinstance(after, list):
            return
        before, after = before if isinstance(before, list) else [], after if isinstance(after, list) else []
        for i in range(max(len(before), len(after))):
            self.compare(
                before[i] if i < len(before) else {},
                after[i] if i < len(after) else {},
                site,
                path.keyword("prefixItems", i),
            )

    # --- oneOf / anyOf ----------------------------------------------------------------------

    def _compare_alternatives(
        self, old: dict[str, Any], new: dict[str, Any], site: Site, path: At, origin: str | None
    ) -> None:
        old_kind, old_branches = _branches(old)
        new_kind, new_branches = _branches(new)
        if old_kind and new_kind and old_kind != new_kind:
            self._report(False, site, path, f"`{old_kind}` became `{new_kind}`", origin)
        old_map, new_map = (
            self._discriminator(old, old_branches, self.old),
            self._discriminator(new, new_branches, self.new),
        )
        self._compare_discriminator(old, new, old_map, new_map, site, path, origin)
        request = site.direction == "request"
        if request:
            self._compare_overlap(old_kind, old, new_kind, new, site, path, origin)
        pairs, removed, added = self._match(old_branches, new_branches, old_map, new_map)
        kind = new_kind or old_kind or "oneOf"
        open_union = not request and any(self._any_string(b) for b in new_branches) and len(new_branches) > 1
        for i, j in pairs:
            self.compare(
                old_branches[i],
                new_branches[j],
                site,
                path.keyword(kind, j) if new_kind else path,
                open_enum=open_union,
            )
        what = _what(site)
        for i in removed:
            label = self._branch_label(old_branches[i], self.old)
            note = " (clients sending it are rejected)" if request else ""
            sdk = f"the generated {what} type loses the member {label}" if request else None
            self._report(request, site, path, f"variant {label} removed from `{kind}`{note}", origin, sdk=sdk)
        for j in added:
            label = self._branch_label(new_branches[j], self.new)
            note = "" if request else " (clients may receive a shape they do not know)"
            sdk = None if request else f"the generated {what} type gains the member {label}"
            self._report(not request, site, path, f"variant {label} added to `{kind}`{note}", origin, sdk=sdk)

    def _discriminator(self, schema: dict[str, Any], branches: list[Any], spec: Spec) -> dict[str, str]:
        """Discriminator value -> the `$ref` it selects: the explicit `mapping`, and for each variant
        it does not name, the variant's schema name (OpenAPI's implicit mapping)."""
        found = schema.get("discriminator")
        if not isinstance(found, dict):
            return {}
        mapping: dict[str, str] = {}
        explicit = found.get("mapping")
        for value, target in explicit.items() if isinstance(explicit, dict) else []:
            target = str(target)
            mapping[str(value)] = (
                target if "#" in target or "/" in target else f"#/components/schemas/{target}"
            )
        for raw in branches:
            ref = _ref_of(raw)
            if ref is not None and ref not in mapping.values():
                mapping.setdefault(ref.rsplit("/", 1)[-1], ref)
        return mapping

    def _compare_discriminator(
        self,
        old: dict[str, Any],
        new: dict[str, Any],
        old_map: dict[str, str],
        new_map: dict[str, str],
        site: Site,
        path: At,
        origin: str | None,
    ) -> None:
        """Compare what each discriminator value selects, not how the mapping is spelt: a schema
        renamed together with the mapping that points at it selects the same schema."""
        before, after = old.get("discriminator"), new.get("discriminator")
        if not isinstance(before, dict) and not isinstance(after, dict):
            return
        if not isinstance(before, dict) or not isinstance(after, dict):
            message = "discriminator added" if isinstance(after, dict) else "discriminator removed"
            self._report(True, site, path, f"{message}: variants are now told apart another way", origin)
            return
        if before.get("propertyName") != after.get("propertyName"):
            message = f"discriminator property changed from {code(before.get('propertyName'))} to {code(after.get('propertyName'))}"
            self._report(True, site, path, message, origin)
            return
        request = site.direction == "request"
        for value in dict.fromkeys([*old_map, *new_map]):
            old_ref, new_ref = old_map.get(value), new_map.get(value)
            if new_ref is None:
                note = " (clients sending it are rejected)" if request else " (no longer sent)"
                self._report(request, site, path, f"discriminator value {code(value)} removed{note}", origin)
            elif old_ref is None:
                note = "" if request else " (clients may receive a shape they do not know)"
                self._report(not request, site, path, f"new discriminator value {code(value)}{note}", origin)
            elif old_ref != new_ref and not self._same_schema({"$ref": old_ref}, {"$ref": new_ref}):
                message = (
                    f"discriminator value {code(value)} now selects `{new_ref.rsplit('/', 1)[-1]}` "
                    f"(was `{old_ref.rsplit('/', 1)[-1]}`)"
                )
                self._report(True, site, path, message, origin)

    def _same_schema(self, old: Any, new: Any, seen: set[tuple[str, str]] | None = None) -> bool:
        """Do two nodes describe the same values, whatever their components are called?"""
        seen = set() if seen is None else seen
        old_ref, new_ref = _ref_of(old), _ref_of(new)
        if old_ref is not None or new_ref is not None:
            pair = (str(old_ref), str(new_ref))
            if pair in seen:
                return True  # a cycle: no difference found on the way round
            seen.add(pair)
            try:
                old, new = self.old.resolved(old), self.new.resolved(new)
            except ValueError:
                return False
        if isinstance(old, dict) and isinstance(new, dict):
            keys = {k for k in (*old, *new) if k not in (*_DOC_KEYS, "example", "examples")}
            return all(k in old and k in new and self._same_schema(old[k], new[k], seen) for k in keys)
        if isinstance(old, list) and isinstance(new, list):
            return len(old) == len(new) and all(
                self._same_schema(a, b, seen) for a, b in zip(old, new, strict=True)
            )
        return bool(old == new)

    def _any_string(self, raw: Any) -> bool:
        """A variant that takes every string (`{type: string}`, nothing narrowing it)."""
        node = self.new.resolved(raw)
        if not isinstance(node, dict) or type_set(node) != frozenset({"string"}):
            return False
        narrowing = ("enum", "const", "format", "pattern", "maxLength", "minLength", "not")
        return not any(key in node for key in narrowing)

    def _compare_overlap(
        self,
        old_kind: str | None,
        old: dict[str, Any],
        new_kind: str | None,
        new: dict[str, Any],
        site: Site,
        path: At,
        origin: str | None,
    ) -> None:
        """`oneOf` rejects a value that matches two variants: new overlap rejects what passed."""
        if new_kind != "oneOf" or new.get("discriminator"):
            return
        new_pair = self._overlapping_pair(new["oneOf"], self.new)
        if new_pair is None:
            return
        if (
            old_kind == "oneOf"
            and not old.get("discriminator")
            and self._overlapping_pair(old["oneOf"], self.old) is not None
        ):
            return  # it overlapped before too: nothing that passed is newly rejected
        i, j = new_pair
        message = (
            f"`oneOf` variants {i} and {j} overlap: a value matching both is rejected "
            "(values that passed before may match both)"
        )
        self._report(True, site, path, message, origin)

    def _overlapping_pair(self, branches: list[Any], spec: Spec) -> tuple[int, int] | None:
        resolved = [
            self._flatten(b, spec, 0) if isinstance(b, dict) else b for b in map(spec.resolved, branches)
        ]
        for i, a in enumerate(resolved):
            for j in range(i + 1, len(resolved)):
                if _may_overlap(a, resolved[j], spec):
                    return i, j
        return None

    def _branch_label(self, raw: Any, spec: Spec) -> str:
        if isinstance(raw, dict) and isinstance(raw.get("$ref"), str):
            return f"`{raw['$ref'].rsplit('/', 1)[-1]}`"
        node = spec.resolved(raw)
        return f"`{_label(type_set(node) if isinstance(node, dict) else None)}`"

    def _signature(self, raw: Any, spec: Spec) -> str:
        node = spec.resolved(raw)
        return _label(type_set(self._flatten(node, spec, 0))) if isinstance(node, dict) else show(node)

    def _match(
        self,
        old: list[Any],
        new: list[Any],
        old_map: dict[str, str] | None = None,
        new_map: dict[str, str] | None = None,
    ) -> tuple[list[tuple[int, int]], list[int], list[int]]:
        """Pair variants: the one a discriminator value selects on both sides, then the same $ref,
        then the same type, then a lone leftover with a lone leftover."""
        left, right = list(range(len(old))), list(range(len(new)))
        pairs: list[tuple[int, int]] = []
        for value, old_ref in (old_map or {}).items():
            new_ref = (new_map or {}).get(value)
            i = next((i for i in left if _ref_of(old[i]) == old_ref), None)
            j = next((j for j in right if _ref_of(new[j]) == new_ref), None)
            if i is not None and j is not None:
                pairs.append((i, j))
                left.remove(i)
                right.remove(j)
        keys = (
            lambda raw, spec: raw.get("$ref") if isinstance(raw, dict) else None,
            self._signature,
        )
        for keyer in keys:
            for i in list(left):
                wanted = keyer(old[i], self.old)
                if wanted is None:
                    continue
                match = next((j for j in right if keyer(new[j], self.new) == wanted), None)
                if match is not None:
                    pairs.append((i, match))
                    left.remove(i)
                    right.remove(match)
        if len(left) == 1 and len(right) == 1:
            pairs.append((left.pop(), right.pop()))
        return sorted(pairs, key=lambda p: p[1]), left, right


def _may_overlap(a: Any, b: Any, spec: Spec) -> bool:
    """Can one value satisfy both schemas? False only when something visibly tells them apart."""
    if not isinstance(a, dict) or not isinstance(b, dict):
        return a is not False and b is not False
    if not _overlap(type_set(a), type_set(b)):
        return False
    enum_a, enum_b = _enum(a), _enum(b)
    if (
        enum_a is not None
        and enum_b is not None
        and not {_key(v) for v in enum_a} & {_key(v) for v in enum_b}
    ):
        return False
    props_a, props_b = a.get("properties") or {}, b.get("properties") or {}
    required_a, required_b = set(a.get("required") or []), set(b.get("required") or [])
    for name in required_a & required_b & set(props_a) & set(props_b):
        one, two = spec.resolved(props_a[name]), spec.resolved(props_b[name])
        if isinstance(one, dict) and isinstance(two, dict) and not _may_overlap(one, two, spec):
            return False  # a required field whose values differ (a `type: const` tag, ...)
    for closed, other_required, props in ((a, required_b, props_a), (b, required_a, props_b)):
        if closed.get("additionalProperties") is False and other_required - set(props):
            return False  # one demands a field the other forbids
    return True


def _undeclared(schema: dict[str, Any]) -> Any:
    """The schema a property not listed in `properties` gets: `additionalProperties`'s."""
    extra = schema.get("additionalProperties", True)
    return extra if isinstance(extra, dict) or extra is False else {}


def _ref_of(raw: Any) -> str | None:
    ref = raw.get("$ref") if isinstance(raw, dict) else None
    return ref if isinstance(ref, str) else None


def _alternatives(schema: dict[str, Any]) -> bool:
    return isinstance(schema.get("oneOf"), list) or isinstance(schema.get("anyOf"), list)


def _branches(schema: dict[str, Any]) -> tuple[str | None, list[Any]]:
    """The variants of a schema; a schema without oneOf/anyOf is its own single variant."""
    for kind in ("oneOf", "anyOf"):
        if isinstance(schema.get(kind), list):
            return kind, list(schema[kind])
    return None, [{k: v for k, v in schema.items() if k not in _DOC_KEYS}]


# Values that say what leaving the keyword out says: written out, they change nothing.
_NO_BOUND = {"minLength": 0, "minItems": 0, "minProperties": 0, "uniqueItems": False}


def _bound(schema: dict[str, Any], keyword: str) -> Any:
    value = schema.get(keyword)
    if value is False and keyword in ("exclusiveMaximum", "exclusiveMinimum"):
        return None  # OpenAPI 3.0's boolean form: `false` is the default
    if keyword in _NO_BOUND and value == _NO_BOUND[keyword] and type(value) is type(_NO_BOUND[keyword]):
        return None
    return value


def _tightened(keyword: str, before: Any, after: Any) -> bool:
    if keyword in ("pattern", "multipleOf"):
        return after is not None  # added or changed: values that matched before may not now
    if isinstance(before, bool) or isinstance(after, bool):  # uniqueItems, 3.0 exclusive bounds
        return bool(after) and not bool(before)
    if after is None:
        return False
    if before is None:
        return True
    return bool(after < before) if keyword in _UPPER_BOUNDS else bool(after > before)
