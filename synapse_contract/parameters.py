"""Parameters: matched by place (path parameters by position, header names case-insensitively),
then compared keyword by keyword: everything that changes what a server accepts, with OpenAPI's
defaults filled in so that writing a default out is no change."""

from __future__ import annotations

from typing import Any

from synapse_contract import naming
from synapse_contract.model import Site, code
from synapse_contract.operation import (
    PLACEHOLDER,
    Operation,
    OperationWalk,
    param_label,
    param_schema,
)
from synapse_contract.schema_keywords import type_set
from synapse_contract.spec import Spec

Param = tuple[Any, dict[str, Any]]  # (node as written, resolved parameter)


class ParameterDiffer(OperationWalk):
    def _collect(self, spec: Spec, operation: Operation) -> dict[tuple[str, str], Param]:
        """Path-level then operation-level parameters (the latter override), keyed by slot."""
        slots = PLACEHOLDER.findall(operation.path)
        found: dict[tuple[str, str], Param] = {}
        for raw in [*(operation.item.get("parameters") or []), *(operation.op.get("parameters") or [])]:
            param = spec.resolved(raw)
            if not isinstance(param, dict):
                continue
            where, name = str(param.get("in")), str(param.get("name"))
            if where == "path" and name in slots:
                key = (where, f"#{slots.index(name)}")  # path parameters are positional on the wire
            else:
                key = (where, name.lower() if where == "header" else name)
            found[key] = (raw, param)
        return found

    def _parameters(self, label: str, old: Operation, new: Operation) -> None:
        before, after = self._collect(self.old, old), self._collect(self.new, new)
        removed = [k for k in before if k not in after]
        added = [k for k in after if k not in before]
        for key in list(removed):
            name = str(before[key][1].get("name")).lower()
            moved = next((k for k in added if str(after[k][1].get("name")).lower() == name), None)
            if moved is not None:
                removed.remove(key)
                added.remove(moved)
                self._parameter(label, new.pointer, before[key], after[moved])
        for key in removed:
            raw, param = before[key]
            where = param_label(param)
            sdk = f"argument `{naming.identifier(str(param.get('name')))}` of `{old.python}` removed"
            self._add(
                True,
                label,
                where,
                f"{where} removed",
                self.old.origin(raw),
                sdk=sdk,
                pointer=_at(old.pointer, param),
            )
        for key in added:
            raw, param = after[key]
            where = param_label(param)
            pointer = _at(new.pointer, param)
            if param.get("required") is True:
                sdk = f"`{new.python}` takes a new required argument `{naming.identifier(str(param.get('name')))}`"
                self._add(
                    True,
                    label,
                    where,
                    f"new required {where}",
                    self.new.origin(raw),
                    sdk=sdk,
                    pointer=pointer,
                )
            else:
                self._add(False, label, where, f"new optional {where}", self.new.origin(raw), pointer=pointer)
        for key in before:
            if key in after:
                self._parameter(label, new.pointer, before[key], after[key])

    def _parameter(self, label: str, operation: str, old: Param, new: Param) -> None:
        (old_raw, before), (new_raw, after) = old, new
        where = param_label(after)
        origin = self.new.origin(new_raw) or self.old.origin(old_raw)
        pointer = _at(operation, after)
        old_name, new_name = str(before.get("name")), str(after.get("name"))
        renamed_sdk = None
        if old_name != new_name and naming.identifier(old_name) != naming.identifier(new_name):
            renamed_sdk = (
                f"argument `{naming.identifier(old_name)}` renamed to `{naming.identifier(new_name)}`"
            )
        if before.get("in") != after.get("in"):
            message = (
                f"parameter `{after.get('name')}` moved from `{before.get('in')}` to `{after.get('in')}`"
            )
            sdk = renamed_sdk
            if sdk is None and "path" in (before.get("in"), after.get("in")):
                # The generator makes path parameters positional arguments, the others keyword-only.
                sdk = f"argument `{naming.identifier(new_name)}` moves between positional and keyword-only"
            self._add(True, label, where, message, origin, sdk=sdk, pointer=pointer)
        elif before.get("name") != after.get("name"):
            # Path parameters are positional on the wire; header names are case-insensitive.
            wire = after.get("in") not in ("path", "header") or (
                after.get("in") == "header"
                and str(before.get("name")).lower() != str(after.get("name")).lower()
            )
            message = f"{param_label(before)} renamed to `{after.get('name')}`"
            if renamed_sdk:
                message += " (generated function argument renamed)"
            if wire or renamed_sdk:
                self._add(wire, label, where, message, origin, sdk=renamed_sdk, pointer=pointer)
        if bool(before.get("required")) != bool(after.get("required")):
            made = "required" if after.get("required") else "optional"
            sdk = f"argument `{naming.identifier(new_name)}` becomes required" if made == "required" else None
            self._add(
                made == "required", label, where, f"{where} made {made}", origin, sdk=sdk, pointer=pointer
            )
        for key in ("style", "explode", "allowReserved"):
            old_value, new_value = _serialisation(before, key), _serialisation(after, key)
            if old_value != new_value:  # serialised differently: values sent before may not parse
                message = f"{where}: `{key}` changed from {code(old_value)} to {code(new_value)}"
                self._add(True, label, where, message, origin, pointer=f"{pointer}.{key}")
        if bool(before.get("allowEmptyValue")) != bool(after.get("allowEmptyValue")):
            lost = not after.get("allowEmptyValue")
            message = (
                f"{where}: empty value no longer allowed (`allowEmptyValue` removed; `?{after.get('name')}=` is rejected)"
                if lost
                else f"{where}: empty value now allowed (`allowEmptyValue: true`)"
            )
            self._add(lost, label, where, message, origin, pointer=f"{pointer}.allowEmptyValue")
        old_media, new_media = _param_media(before), _param_media(after)
        if old_media != new_media:
            message = (
                f"{where}: serialised as {code(new_media or 'schema')} (was {code(old_media or 'schema')})"
            )
            self._add(True, label, where, message, origin, pointer=f"{pointer}.content")
        for key in ("description", "example", "examples"):
            if before.get(key) != after.get(key):
                self._add(
                    False,
                    label,
                    where,
                    f"{where}: {key.rstrip('s')} changed",
                    origin,
                    pointer=f"{pointer}.{key}",
                )
        if bool(before.get("deprecated")) != bool(after.get("deprecated")):
            state = "deprecated" if after.get("deprecated") else "no longer deprecated"
            self._add(False, label, where, f"{where} {state}", origin, pointer=f"{pointer}.deprecated")
        site = Site(label, where, "request", pointer=f"{pointer}.schema", parameter=True)
        old_schema, new_schema = param_schema(before), param_schema(after)
        if self._became_array(before, after):
            # `?x=a` is a one-element array under form/explode (a query's default), so what was sent
            # still parses; only the values themselves need checking.
            message = f"{where} now takes a list (a single value still reads as a one-element list)"
            sdk = f"argument `{naming.identifier(new_name)}` becomes a list"
            self._add(False, label, where, message, origin, sdk=sdk, pointer=f"{pointer}.schema")
            new_schema = self.new.resolved(new_schema).get("items", {})
        self.schemas.compare(old_schema, new_schema, site, "")

    def _became_array(self, before: dict[str, Any], after: dict[str, Any]) -> bool:
        if after.get("in") not in ("query", "cookie") or after.get("style", "form") != "form":
            return False
        if after.get("explode", True) is not True:
            return False
        old, new = self.old.resolved(param_schema(before)), self.new.resolved(param_schema(after))
        if not isinstance(old, dict) or not isinstance(new, dict):
            return False
        old_types, new_types = type_set(old), type_set(new)
        scalar = old_types is not None and not old_types & {"array", "object"}
        return scalar and new_types == frozenset({"array"})


def _at(operation: str, param: dict[str, Any]) -> str:
    return f"{operation}.parameters[{param.get('name')}]"


def _serialisation(param: dict[str, Any], key: str) -> Any:
    """A parameter's `style`, `explode` or `allowReserved`, with OpenAPI's default when it is left
    out: writing a default out (`style: form`, `explode: true` on a query) changes nothing."""
    style = param.get("style", "form" if param.get("in") in ("query", "cookie") else "simple")
    if key == "style":
        return style
    if key == "explode":
        return param.get("explode", style == "form")
    return bool(param.get(key, False))


def _param_media(param: dict[str, Any]) -> str | None:
    """The media type of a parameter described by `content` (None: by `schema` and `style`)."""
    content = param.get("content")
    if "schema" in param or not isinstance(content, dict) or not content:
        return None
    return str(next(iter(content))).lower()
