"""Walk two documents operation by operation and collect every change to the contract."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from contract.model import Change, Changes, Site, code
from contract.schemas import SchemaDiffer
from contract.security import SecurityDiffer
from contract.spec import Spec

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


def diff_documents(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    return ContractDiffer(old, new).run()


class ContractDiffer:
    def __init__(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        self.old, self.new = Spec(old), Spec(new)
        self.changes = Changes()
        self.schemas = SchemaDiffer(self.old, self.new, self.changes)
        self.security = SecurityDiffer(self.old, self.new, self.changes)

    def _add(
        self, breaking: bool, label: str, location: str, message: str, origin: str | None = None
    ) -> None:
        self.changes.add(breaking, label, location, message, origin)

    def run(self) -> list[Change]:
        old_ops, new_ops = operations(self.old), operations(self.new)
        for key in dict.fromkeys([*old_ops, *new_ops]):
            if key not in new_ops:
                gone = old_ops[key]
                self._add(
                    True,
                    gone.label,
                    "operation",
                    f"operation removed (was {code(gone.op.get('operationId'))})",
                )
            elif key not in old_ops:
                added = new_ops[key]
                self._add(
                    False, added.label, "operation", f"new operation {code(added.op.get('operationId'))}"
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
            )
        old_version, new_version = (
            (old.get("info") or {}).get("version"),
            (new.get("info") or {}).get("version"),
        )
        if old_version != new_version:
            self._add(False, "", "info.version", f"API version {code(old_version)} → {code(new_version)}")
        if old.get("servers") != new.get("servers"):
            self._add(False, "", "servers", "servers changed")
        old_schemas = (old.get("components") or {}).get("schemas") or {}
        new_schemas = (new.get("components") or {}).get("schemas") or {}
        for name in old_schemas:
            if name not in new_schemas:
                # The generated client's model classes are named after the named schemas.
                message = f"named schema `{name}` removed (generated model classes named after it disappear)"
                self._add(True, "", "components.schemas", message, f"#/components/schemas/{name}")
        for name in new_schemas:
            if name not in old_schemas:
                self._add(
                    False,
                    "",
                    "components.schemas",
                    f"new named schema `{name}`",
                    f"#/components/schemas/{name}",
                )

    # --- one operation ----------------------------------------------------------------------

    def _operation(self, old: Operation, new: Operation) -> None:
        label = new.label
        self._identity(label, old.op, new.op)
        self._parameters(label, old, new)
        self._request_body(label, old.op.get("requestBody"), new.op.get("requestBody"))
        self._responses(label, old.op.get("responses") or {}, new.op.get("responses") or {})
        self.security.compare(label, old.op, new.op)

    def _identity(self, label: str, old: dict[str, Any], new: dict[str, Any]) -> None:
        """operationId and tags name the generated client's functions and modules."""
        before, after = old.get("operationId"), new.get("operationId")
        if before != after:
            if before is None:
                self._add(False, label, "operationId", f"operationId {code(after)} added")
            else:
                message = (
                    f"operationId changed from {code(before)} to {code(after)} (generated function renamed)"
                )
                self._add(True, label, "operationId", message)
        old_tags, new_tags = list(old.get("tags") or []), list(new.get("tags") or [])
        if old_tags != new_tags:
            moved = old_tags[:1] != new_tags[:1]
            note = (
                " (the generated client files the operation under its first tag: its module moves)"
                if moved
                else ""
            )
            self._add(moved, label, "tags", f"tags changed from {code(old_tags)} to {code(new_tags)}{note}")
        for key in ("summary", "description"):
            if old.get(key) != new.get(key):
                self._add(False, label, key, f"{key} changed")
        if bool(old.get("deprecated")) != bool(new.get("deprecated")):
            self._add(
                False, label, "operation", "deprecated" if new.get("deprecated") else "no longer deprecated"
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
                self._parameter(label, before[key], after[moved])
        for key in removed:
            raw, param = before[key]
            where = _param_label(param)
            self._add(True, label, where, f"{where} removed", self.old.origin(raw))
        for key in added:
            raw, param = after[key]
            where = _param_label(param)
            if param.get("required") is True:
                self._add(True, label, where, f"new required {where}", self.new.origin(raw))
            else:
                self._add(False, label, where, f"new optional {where}", self.new.origin(raw))
        for key in before:
            if key in after:
                self._parameter(label, before[key], after[key])

    def _parameter(self, label: str, old: Param, new: Param) -> None:
        (old_raw, before), (new_raw, after) = old, new
        where = _param_label(after)
        origin = self.new.origin(new_raw) or self.old.origin(old_raw)
        if before.get("in") != after.get("in"):
            message = (
                f"parameter `{after.get('name')}` moved from `{before.get('in')}` to `{after.get('in')}`"
            )
            self._add(True, label, where, message, origin)
        elif str(before.get("name")).lower() != str(after.get("name")).lower() or (
            after.get("in") != "header" and before.get("name") != after.get("name")
        ):
            message = f"{_param_label(before)} renamed to `{after.get('name')}`"
            if after.get("in") == "path":
                message += " (generated function argument renamed)"
            self._add(True, label, where, message, origin)
        if bool(before.get("required")) != bool(after.get("required")):
            made = "required" if after.get("required") else "optional"
            self._add(made == "required", label, where, f"{where} made {made}", origin)
        for key in ("style", "explode", "allowReserved"):
            if before.get(key) != after.get(key):
                message = f"{where}: `{key}` changed from {code(before.get(key))} to {code(after.get(key))}"
                self._add(True, label, where, message, origin)  # the value is serialised differently
        for key in ("description", "example", "examples"):
            if before.get(key) != after.get(key):
                self._add(False, label, where, f"{where}: {key.rstrip('s')} changed", origin)
        if bool(before.get("deprecated")) != bool(after.get("deprecated")):
            state = "deprecated" if after.get("deprecated") else "no longer deprecated"
            self._add(False, label, where, f"{where} {state}", origin)
        site = Site(label, where, "request")
        self.schemas.compare(_param_schema(before), _param_schema(after), site, "")

    # --- request body -----------------------------------------------------------------------

    def _request_body(self, label: str, old_raw: Any, new_raw: Any) -> None:
        if old_raw is None and new_raw is None:
            return
        before, old_origin = self.old.resolve(old_raw)
        after, new_origin = self.new.resolve(new_raw)
        origin = new_origin or old_origin
        if not isinstance(before, dict) or not isinstance(after, dict):
            if isinstance(after, dict):
                required = after.get("required") is True
                kind = "required" if required else "optional"
                self._add(required, label, "request body", f"new {kind} request body", origin)
            else:
                message = "request body removed (generated functions lose their body argument)"
                self._add(True, label, "request body", message, origin)
            return
        if bool(before.get("required")) != bool(after.get("required")):
            made = "required" if after.get("required") else "optional"
            self._add(made == "required", label, "request body", f"request body made {made}", origin)
        if before.get("description") != after.get("description"):
            self._add(False, label, "request body", "request body description changed", origin)
        old_content, new_content = _content(before), _content(after)
        for media in old_content:
            if media not in new_content:
                self._add(True, label, "request body", f"request content type `{media}` removed", origin)
        for media in new_content:
            if media not in old_content:
                self._add(False, label, "request body", f"new request content type `{media}`", origin)
            else:
                site = Site(label, f"request body `{media}`", "request")
                self.schemas.compare(old_content[media], new_content[media], site, "$")

    # --- responses --------------------------------------------------------------------------

    def _responses(self, label: str, old: dict[Any, Any], new: dict[Any, Any]) -> None:
        before = {str(k).upper(): (str(k), v) for k, v in old.items()}
        after = {str(k).upper(): (str(k), v) for k, v in new.items()}
        for status, (shown, raw) in before.items():
            if status not in after:
                origin = self.old.origin(raw)
                self._add(True, label, f"response `{shown}`", f"response status `{shown}` removed", origin)
        for status, (shown, raw) in after.items():
            if status not in before:
                self._add(
                    False,
                    label,
                    f"response `{shown}`",
                    f"new response status `{shown}`",
                    self.new.origin(raw),
                )
            else:
                self._response(label, shown, before[status][1], raw)

    def _response(self, label: str, status: str, old_raw: Any, new_raw: Any) -> None:
        before, old_origin = self.old.resolve(old_raw)
        after, new_origin = self.new.resolve(new_raw)
        if not isinstance(before, dict) or not isinstance(after, dict):
            return
        where, origin = f"response `{status}`", new_origin or old_origin
        if before.get("description") != after.get("description"):
            self._add(False, label, where, "response description changed", origin)
        old_content, new_content = _content(before), _content(after)
        for media in old_content:
            if media not in new_content:
                self._add(True, label, where, f"response content type `{media}` removed", origin)
        for media in new_content:
            if media not in old_content:
                self._add(False, label, where, f"new response content type `{media}`", origin)
            else:
                site = Site(label, f"{where} `{media}`", "response")
                self.schemas.compare(old_content[media], new_content[media], site, "$")
        self._headers(label, status, before.get("headers") or {}, after.get("headers") or {}, origin)

    def _headers(
        self, label: str, status: str, old: dict[str, Any], new: dict[str, Any], origin: str | None
    ) -> None:
        before = {name.lower(): (name, raw) for name, raw in old.items()}
        after = {name.lower(): (name, raw) for name, raw in new.items()}
        where = f"response `{status}`"
        for key, (name, _raw) in before.items():
            if key not in after:
                self._add(True, label, where, f"response header `{name}` removed", origin)
        for key, (name, raw) in after.items():
            if key not in before:
                self._add(False, label, where, f"new response header `{name}`", origin)
                continue
            old_header, new_header = self.old.resolved(before[key][1]), self.new.resolved(raw)
            if not isinstance(old_header, dict) or not isinstance(new_header, dict):
                continue
            if old_header.get("required") is True and new_header.get("required") is not True:
                self._add(
                    True, label, where, f"response header `{name}` made optional (may be absent)", origin
                )
            site = Site(label, f"{where} header `{name}`", "response")
            self.schemas.compare(_param_schema(old_header), _param_schema(new_header), site, "")


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


def _param_schema(param: dict[str, Any]) -> Any:
    if "schema" in param:
        return param["schema"]
    content = _content(param)  # a parameter may carry its schema under `content` instead
    return next(iter(content.values()), {})
