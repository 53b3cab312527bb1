"""Walk two documents operation by operation and collect every change to the contract."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from synapse_contract import naming
from synapse_contract.model import Change, Changes, Site, code
from synapse_contract.schema_keywords import type_set
from synapse_contract.schemas import SchemaDiffer
from synapse_contract.security import SecurityDiffer
from synapse_contract.spec import Spec

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_PLACEHOLDER = re.compile(r"\{([^}]*)\}")

Param = tuple[Any, dict[str, Any]]  # (node as written, resolved parameter)


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    item: dict[str, Any]
    op: dict[str, Any]

    @property
    def label(self) -> str:
        return f"{self.method.upper()} {self.path}"

    @property
    def pointer(self) -> str:
        """Where the operation is in the document: `paths./jobs/.get`."""
        return f"paths.{self.path}.{self.method}"

    @property
    def python(self) -> str:
        """The generated function, as imported: `synapse_api.api.jobs.list_jobs`."""
        name = naming.function_name(self.op, self.method, self.path)
        return f"synapse_api.api.{naming.tag_module(self.op)}.{name}"


def operations(spec: Spec) -> dict[tuple[str, str], Operation]:
    """Operations keyed by method and path template; `{pk}` and `{id}` name the same slot."""
    found: dict[tuple[str, str], Operation] = {}
    for path, raw in (spec.doc.get("paths") or {}).items():
        item = spec.resolved(raw)
        if not isinstance(item, dict):
            continue
        for method in METHODS:
            if isinstance(item.get(method), dict):
                key = (method, _PLACEHOLDER.sub("{}", str(path)))
                found[key] = Operation(method, str(path), item, item[method])
    return found


def diff_documents(old: dict[str, Any] | Spec, new: dict[str, Any] | Spec) -> list[Change]:
    return ContractDiffer(old, new).run()


class ContractDiffer:
    def __init__(self, old: dict[str, Any] | Spec, new: dict[str, Any] | Spec) -> None:
        self.old = old if isinstance(old, Spec) else Spec(old)
        self.new = new if isinstance(new, Spec) else Spec(new)
        self.changes = Changes()
        self.schemas = SchemaDiffer(self.old, self.new, self.changes)
        self.security = SecurityDiffer(self.old, self.new, self.changes)

    def _add(
        self,
        breaking: bool,
        label: str,
        location: str,
        message: str,
        origin: str | None = None,
        *,
        sdk: str | None = None,
        pointer: str = "",
    ) -> None:
        self.changes.add(breaking, label, location, message, origin, sdk=sdk, pointer=pointer)

    def run(self) -> list[Change]:
        old_ops, new_ops = operations(self.old), operations(self.new)
        # A new operation that the generator gives the same function (same operationId, first tag)
        # keeps the Python name alive; computed only when something was removed.
        removed = [key for key in old_ops if key not in new_ops]
        kept: dict[str, Operation] = {}
        if removed:
            kept = {new_ops[key].python: new_ops[key] for key in new_ops if key not in old_ops}
        for key in dict.fromkeys([*old_ops, *new_ops]):
            if key not in new_ops:
                gone = old_ops[key]
                successor = kept.get(gone.python)
                if successor is None:
                    sdk = f"generated function `{gone.python}` removed"
                else:
                    sdk = f"generated function `{gone.python}` now calls `{successor.label}`: its arguments follow that operation"
                self._add(
                    True,
                    gone.label,
                    "operation",
                    f"operation removed (was {code(gone.op.get('operationId'))})",
                    sdk=sdk,
                    pointer=gone.pointer,
                )
            elif key not in old_ops:
                added = new_ops[key]
                self._add(
                    False,
                    added.label,
                    "operation",
                    f"new operation {code(added.op.get('operationId'))}",
                    pointer=added.pointer,
                )
            else:
                self._operation(old_ops[key], new_ops[key])
        self._document()
        return self.changes.items()

    # --- the document as a whole --------------------------------------------------------------

    def _document(self) -> None:
        old, new = self.old.doc, self.new.doc
        if old.get("openapi") != new.get("openapi"):
            self._add(
                False,
                "",
                "openapi",
                f"OpenAPI version {code(old.get('openapi'))} → {code(new.get('openapi'))}",
                pointer="openapi",
            )
        old_version, new_version = (
            (old.get("info") or {}).get("version"),
            (new.get("info") or {}).get("version"),
        )
        if old_version != new_version:
            message = f"API version {code(old_version)} → {code(new_version)}"
            self._add(False, "", "info.version", message, pointer="info.version")
        if old.get("servers") != new.get("servers"):
            self._add(False, "", "servers", "servers changed", pointer="servers")
        old_schemas = (old.get("components") or {}).get("schemas") or {}
        new_schemas = (new.get("components") or {}).get("schemas") or {}
        for name in old_schemas:
            if name not in new_schemas:
                # The generated client's model classes and synapse_sdk's TypedDicts are named after
                # the named schemas; the name itself never travels, so deployed clients are unaffected.
                message = f"named schema `{name}` removed (generated model classes named after it disappear)"
                sdk = (
                    f"model class `synapse_api.models.{naming.class_name(str(name))}` and "
                    f"TypedDict `synapse_sdk.clients.types.{name}` disappear"
                )
                self._add(
                    False,
                    "",
                    "components.schemas",
                    message,
                    f"#/components/schemas/{name}",
                    sdk=sdk,
                    pointer=f"components.schemas.{name}",
                )
        for name in new_schemas:
            if name not in old_schemas:
                self._add(
                    False,
                    "",
                    "components.schemas",
                    f"new named schema `{name}`",
                    f"#/components/schemas/{name}",
                    pointer=f"components.schemas.{name}",
                )

    # --- one operation ----------------------------------------------------------------------

    def _operation(self, old: Operation, new: Operation) -> None:
        label = new.label
        if (
            old.path == new.path
            and self.schemas.unchanged(old.op, new.op)
            and self.schemas.unchanged(old.item.get("parameters"), new.item.get("parameters"))
        ):
            # Nothing written in the operation or reached from it changed (most operations of a
            # large document): only what is inherited from the document level can differ.
            self.security.compare(label, old.op, new.op, pointer=f"{new.pointer}.security")
            return
        self._identity(old, new)
        self._parameters(label, old, new)
        self._request_body(new, old.op.get("requestBody"), new.op.get("requestBody"))
        self._responses(new, old.op.get("responses") or {}, new.op.get("responses") or {})
        self.security.compare(label, old.op, new.op, pointer=f"{new.pointer}.security")

    def _identity(self, old_operation: Operation, new_operation: Operation) -> None:
        """operationId and tags name the generated client's functions and modules; no deployed
        client sends them, so they are SDK changes only."""
        label, at = new_operation.label, new_operation.pointer
        old, new = old_operation.op, new_operation.op
        before, after = old.get("operationId"), new.get("operationId")
        old_tags, new_tags = list(old.get("tags") or []), list(new.get("tags") or [])
        sdk = None
        if (before != after or old_tags[:1] != new_tags[:1]) and old_operation.python != new_operation.python:
            sdk = f"generated function `{old_operation.python}` becomes `{new_operation.python}`"
        if before != after:
            if before is None:
                self._add(
                    False,
                    label,
                    "operationId",
                    f"operationId {code(after)} added",
                    sdk=sdk,
                    pointer=f"{at}.operationId",
                )
            else:
                renamed = naming.function_name(
                    old, old_operation.method, old_operation.path
                ) != naming.function_name(new, new_operation.method, new_operation.path)
                note = (
                    " (generated function renamed)" if renamed else " (the generated function keeps its name)"
                )
                message = f"operationId changed from {code(before)} to {code(after)}{note}"
                self._add(
                    False,
                    label,
                    "operationId",
                    message,
                    sdk=sdk if renamed else None,
                    pointer=f"{at}.operationId",
                )
        if old_tags != new_tags:
            module_moved = naming.tag_module(old) != naming.tag_module(new)
            note = (
                " (the generated client files the operation under its first tag: its module moves)"
                if module_moved
                else ""
            )
            self._add(
                False,
                label,
                "tags",
                f"tags changed from {code(old_tags)} to {code(new_tags)}{note}",
                sdk=sdk if module_moved else None,
                pointer=f"{at}.tags",
            )
        for key in ("summary", "description"):
            if old.get(key) != new.get(key):
                self._add(False, label, key, f"{key} changed", pointer=f"{at}.{key}")
        if bool(old.get("deprecated")) != bool(new.get("deprecated")):
            self._add(
                False,
                label,
                "operation",
                "deprecated" if new.get("deprecated") else "no longer deprecated",
                pointer=f"{at}.deprecated",
            )

    # --- parameters -------------------------------------------------------------------------

    def _collect(self, spec: Spec, operation: Operation) -> dict[tuple[str, str], Param]:
        """Path-level then operation-level parameters (the latter override), keyed by slot."""
        slots = _PLACEHOLDER.findall(operation.path)
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
            where = _param_label(param)
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
            where = _param_label(param)
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
        where = _param_label(after)
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
            message = f"{_param_label(before)} renamed to `{after.get('name')}`"
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
        old_schema, new_schema = _param_schema(before), _param_schema(after)
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
        old, new = self.old.resolved(_param_schema(before)), self.new.resolved(_param_schema(after))
        if not isinstance(old, dict) or not isinstance(new, dict):
            return False
        old_types, new_types = type_set(old), type_set(new)
        scalar = old_types is not None and not old_types & {"array", "object"}
        return scalar and new_types == frozenset({"array"})

    # --- request body -----------------------------------------------------------------------

    def _request_body(self, operation: Operation, old_raw: Any, new_raw: Any) -> None:
        if old_raw is None and new_raw is None:
            return
        label, at = operation.label, f"{operation.pointer}.requestBody"
        before, old_origin = self.old.resolve(old_raw)
        after, new_origin = self.new.resolve(new_raw)
        origin = new_origin or old_origin
        if not isinstance(before, dict) or not isinstance(after, dict):
            if isinstance(after, dict):
                required = after.get("required") is True
                kind = "required" if required else "optional"
                sdk = f"`{operation.python}` takes a new required argument `body`" if required else None
                self._add(
                    required, label, "request body", f"new {kind} request body", origin, sdk=sdk, pointer=at
                )
            else:
                message = "request body removed (generated functions lose their body argument)"
                sdk = f"argument `body` of `{operation.python}` removed"
                self._add(True, label, "request body", message, origin, sdk=sdk, pointer=at)
            return
        if bool(before.get("required")) != bool(after.get("required")):
            made = "required" if after.get("required") else "optional"
            sdk = f"argument `body` of `{operation.python}` becomes required" if made == "required" else None
            self._add(
                made == "required",
                label,
                "request body",
                f"request body made {made}",
                origin,
                sdk=sdk,
                pointer=at,
            )
        if before.get("description") != after.get("description"):
            self._add(False, label, "request body", "request body description changed", origin, pointer=at)
        old_content, new_content = _content(before), _content(after)
        for media in old_content:
            if media not in new_content:
                sdk = f"the `body` argument of `{operation.python}` no longer takes the `{media}` type"
                message = f"request content type `{media}` removed"
                self._add(
                    True, label, "request body", message, origin, sdk=sdk, pointer=f"{at}.content[{media}]"
                )
        for media in new_content:
            if media not in old_content:
                message = f"new request content type `{media}`"
                self._add(False, label, "request body", message, origin, pointer=f"{at}.content[{media}]")
            else:
                site = Site(
                    label, f"request body `{media}`", "request", pointer=f"{at}.content[{media}].schema"
                )
                self.schemas.compare(old_content[media], new_content[media], site, "$")

    # --- responses --------------------------------------------------------------------------

    def _responses(self, operation: Operation, old: dict[Any, Any], new: dict[Any, Any]) -> None:
        label = operation.label
        before = {str(k).upper(): (str(k), v) for k, v in old.items()}
        after = {str(k).upper(): (str(k), v) for k, v in new.items()}
        for status, (shown, raw) in before.items():
            if status not in after:
                origin = self.old.origin(raw)
                # A client waiting for a success status gets another one; an error status or
                # `default` that is no longer documented changes nothing a deployed client receives.
                wire = status.startswith("2")
                sdk = (
                    f"the regenerated `{operation.python}` no longer parses `{shown}`: it returns None "
                    "for it, or raises errors.UnexpectedStatus (raise_on_unexpected_status)"
                )
                self._add(
                    wire,
                    label,
                    f"response `{shown}`",
                    f"response status `{shown}` removed",
                    origin,
                    sdk=sdk,
                    pointer=f"{operation.pointer}.responses[{shown}]",
                )
        for status, (shown, raw) in after.items():
            if status not in before:
                self._add(
                    False,
                    label,
                    f"response `{shown}`",
                    f"new response status `{shown}`",
                    self.new.origin(raw),
                    pointer=f"{operation.pointer}.responses[{shown}]",
                )
            else:
                self._response(operation, shown, before[status][1], raw)

    def _response(self, operation: Operation, status: str, old_raw: Any, new_raw: Any) -> None:
        if self.schemas.unchanged(old_raw, new_raw):
            return
        label, at = operation.label, f"{operation.pointer}.responses[{status}]"
        before, old_origin = self.old.resolve(old_raw)
        after, new_origin = self.new.resolve(new_raw)
        if not isinstance(before, dict) or not isinstance(after, dict):
            return
        where, origin = f"response `{status}`", new_origin or old_origin
        if before.get("description") != after.get("description"):
            self._add(
                False, label, where, "response description changed", origin, pointer=f"{at}.description"
            )
        old_content, new_content = _content(before), _content(after)
        for media in old_content:
            if media not in new_content:
                sdk = f"the regenerated `{operation.python}` no longer parses `{media}` bodies of `{status}`"
                message = f"response content type `{media}` removed"
                self._add(True, label, where, message, origin, sdk=sdk, pointer=f"{at}.content[{media}]")
        for media in new_content:
            if media not in old_content:
                message = f"new response content type `{media}`"
                self._add(False, label, where, message, origin, pointer=f"{at}.content[{media}]")
            else:
                site = Site(label, f"{where} `{media}`", "response", pointer=f"{at}.content[{media}].schema")
                self.schemas.compare(old_content[media], new_content[media], site, "$")
        self._headers(label, at, status, before.get("headers") or {}, after.get("headers") or {}, origin)

    def _headers(
        self, label: str, at: str, status: str, old: dict[str, Any], new: dict[str, Any], origin: str | None
    ) -> None:
        before = {name.lower(): (name, raw) for name, raw in old.items()}
        after = {name.lower(): (name, raw) for name, raw in new.items()}
        where = f"response `{status}`"
        for key, (name, _raw) in before.items():
            if key not in after:
                message = f"response header `{name}` removed"
                self._add(True, label, where, message, origin, pointer=f"{at}.headers[{name}]")
        for key, (name, raw) in after.items():
            pointer = f"{at}.headers[{name}]"
            if key not in before:
                self._add(False, label, where, f"new response header `{name}`", origin, pointer=pointer)
                continue
            old_header, new_header = self.old.resolved(before[key][1]), self.new.resolved(raw)
            if not isinstance(old_header, dict) or not isinstance(new_header, dict):
                continue
            if old_header.get("required") is True and new_header.get("required") is not True:
                message = f"response header `{name}` made optional (may be absent)"
                self._add(True, label, where, message, origin, pointer=pointer)
            site = Site(
                label, f"{where} header `{name}`", "response", pointer=f"{pointer}.schema", parameter=True
            )
            self.schemas.compare(_param_schema(old_header), _param_schema(new_header), site, "")


def _at(operation: str, param: dict[str, Any]) -> str:
    return f"{operation}.parameters[{param.get('name')}]"


def _param_label(param: dict[str, Any]) -> str:
    return f"{param.get('in')} parameter `{param.get('name')}`"


def _content(holder: dict[str, Any]) -> dict[str, Any]:
    """Media type -> schema (media type names compared case-insensitively)."""
    content = holder.get("content")
    if not isinstance(content, dict):
        return {}
    return {
        str(media).lower(): body.get("schema", {}) if isinstance(body, dict) else {}
        for media, body in content.items()
    }


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


def _param_schema(param: dict[str, Any]) -> Any:
    if "schema" in param:
        return param["schema"]
    content = _content(param)  # a parameter may carry its schema under `content` instead
    return next(iter(content.values()), {})
